using System.Xml.Linq;

namespace ConnectedCarMock.Pact.Dsl.Tests.Provider;

/// <summary>The JUnit XML of a verification: one case per interaction, failures with the engine's words, run errors never lost.</summary>
public class PactJUnitWriterTests
{
    [Test]
    public void Failed_interactions_carry_their_mismatches_and_run_errors_become_failed_cases()
    {
        var result = new PactVerificationResult
        {
            Consumer = "CarApp",
            Provider = "ConnectedCarApi",
            PactFile = "/tmp/CarApp-ConnectedCarApi.json",
            Target = new Uri("http://127.0.0.1:8080/api/connectedcar/v1"),
            Interactions =
            [
                new PactInteractionResult("a request for a vehicle", ["a vehicle exists"], true, []),
                new PactInteractionResult("a request for the trips", [], false, ["$.total: Expected 5 (Integer) to be the same type as 'five' (String)", "expected 200 but was 404"]),
            ],
            Errors = ["The Pact verifier failed: \u001b[31mpanic\u001b[0m."],
            Duration = TimeSpan.FromMilliseconds(1250),
        };

        var suite = XDocument.Parse(result.ToJUnitXml()).Root!.Element("testsuite")!;

        Assert.That(((string?)suite.Attribute("tests"), (string?)suite.Attribute("failures"), (string?)suite.Attribute("time")), Is.EqualTo(("3", "2", "1.25")));
        var cases = suite.Elements("testcase").ToList();
        Assert.That(cases.Select(c => (string?)c.Attribute("name")), Is.EqualTo(new[] { "given a vehicle exists › a request for a vehicle", "a request for the trips", "verification run" }));
        Assert.That(cases[0].Element("failure"), Is.Null);
        Assert.That((string?)cases[1].Element("failure")!.Attribute("message"), Is.EqualTo("$.total: Expected 5 (Integer) to be the same type as 'five' (String)"));
        Assert.That(cases[1].Element("failure")!.Value, Does.Contain("expected 200 but was 404"));
        Assert.That(cases[2].Element("failure")!.Value, Does.Not.Contain("\u001b"), "control characters are not XML");
    }

    [Test]
    public void Emoji_and_other_characters_outside_the_basic_plane_survive_while_lone_surrogates_are_dropped()
    {
        var result = new PactVerificationResult
        {
            Consumer = "CarApp 🚗",
            Provider = "ConnectedCarApi",
            PactFile = "/tmp/p.json",
            Target = new Uri("http://127.0.0.1:8080/"),
            Interactions = [new PactInteractionResult("a request for the 🔋 level", [], false, ["expected '🔋 64%' but was '\ud83d' (a lone surrogate)"])],
        };

        var xml = result.ToJUnitXml();

        var document = XDocument.Parse(xml);
        Assert.That((string?)document.Root!.Element("testsuite")!.Attribute("name"), Is.EqualTo("pact CarApp 🚗 -> ConnectedCarApi"));
        Assert.That((string?)document.Descendants("testcase").Single().Attribute("name"), Is.EqualTo("a request for the 🔋 level"));
        Assert.That(document.Descendants("failure").Single().Value, Does.Contain("🔋 64%").And.Contain("was '' (a lone surrogate)"));
    }
}
