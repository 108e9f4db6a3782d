using System.Text;

namespace ConnectedCarMock.Schemas.Tests;

/// <summary>Hostile shapes end in one line too, instead of exhausting the stack or the memory.</summary>
public class DocumentLimitsTests
{
    private const string Opening = "openapi: 3.0.3\ninfo: { title: Deep, version: '1' }\npaths:\n  /a:\n    get:\n      responses:\n        '200': { description: OK }\n";

    [Test]
    public void A_YAML_document_nested_beyond_the_limit_is_refused_at_the_line_that_goes_too_deep()
    {
        var text = new StringBuilder(Opening + "x-deep:\n");
        for (var level = 1; level <= 200; level++)
        {
            text.Append(new string(' ', 2 * level)).Append('k').Append(level).Append(":\n");
        }

        var error = Assert.Throws<SpecLoadException>(() => SpecLoader.Parse(text.ToString(), "deep.yaml"))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Reason, Is.EqualTo("the document nests deeper than 128 levels"));
            Assert.That(error.Location, Does.StartWith("line "));
        });
    }

    [Test]
    public void A_JSON_document_nested_beyond_the_limit_is_refused_with_its_line()
    {
        var text = "{\"openapi\": \"3.0.3\", \"x-deep\":\n" + new string('[', 300) + new string(']', 300) + "}";

        var error = Assert.Throws<SpecLoadException>(() => SpecLoader.Parse(text, "deep.json"))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Reason, Does.StartWith("invalid JSON").And.Contain("depth"));
            Assert.That(error.Location, Does.StartWith("line 2"));
        });
    }

    [Test]
    public void Aliases_that_multiply_the_document_beyond_the_limit_are_refused()
    {
        var text = new StringBuilder(Opening + "x-laughs:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level <= 9; level++)
        {
            text.Append($"  a{level}: &a{level} [").AppendJoin(", ", Enumerable.Repeat($"*a{level - 1}", 10)).Append("]\n");
        }

        var error = Assert.Throws<SpecLoadException>(() => SpecLoader.Parse(text.ToString(), "laughs.yaml"))!;

        Assert.That(error.Reason, Does.StartWith("aliases expand the document beyond"));
    }
}
