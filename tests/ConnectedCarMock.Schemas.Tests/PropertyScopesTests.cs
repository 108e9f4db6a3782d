using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Tests;

/// <summary>
/// Which optional scope governs a property of an answer: what the mock's filter and the runner's oracle both read from
/// the document (each decides on its own what to do with it).
/// </summary>
public class PropertyScopesTests
{
    private static readonly Operation Trip = new()
    {
        Id = "getTrip",
        Method = "GET",
        Path = "/trips/{id}",
        RequiredScopes = ["data:trip"],
        OptionalScopes = ["data:vehicle:location", "data:telemetry:vehicle:location", "data:telemetry:vehicle:location:precise", "data:telemetry:vehicle:alert"],
    };

    public static IEnumerable<TestCaseData> Convention()
    {
        yield return Row(["vehicle", "alert"], "data:telemetry:vehicle:alert", "the last segments spell the path");
        yield return Row(["vehicle", "alerts"], "data:telemetry:vehicle:alert", "a plural property matches a singular segment");
        yield return Row(["Vehicle", "Alert"], "data:telemetry:vehicle:alert", "case does not matter");
        yield return Row(["vehicle", "location"], "data:telemetry:vehicle:location", "the longest of the scopes that end in the path wins");
        yield return Row(["location", "precise"], "data:telemetry:vehicle:location:precise", "a block inside names a narrower scope");
        yield return Row(["vehicle"], null, "no optional scope ends in the path");
        yield return Row(["position", "location"], null, "every segment of the path must match");
        yield return Row(["vehicle", "_links"], null, "HAL members are never governed");
        yield return Row(["_embedded"], null, "embedded items are resources of their own");
        yield return Row([], null, "the resource itself");
    }

    [TestCaseSource(nameof(Convention))]
    public void Without_annotations_the_convention_names_the_scope(string[] path, string? scope) =>
        Assert.That(PropertyScopes.Of(Annotated().First(), [.. path], Trip, annotated: false), Is.EqualTo(scope));

    [Test]
    public void With_annotations_the_property_s_own_x_scope_governs_whatever_its_path()
    {
        Assert.That(PropertyScopes.AreAnnotated(Specs.Embedded), Is.True, "our document annotates its filtered blocks");
        var annotated = Annotated().ToList();

        Assert.That(annotated, Is.Not.Empty);
        foreach (var view in annotated)
        {
            Assert.That(PropertyScopes.Of(view, ["vehicle", "location"], Trip, annotated: true), Is.EqualTo(view.Scope));
        }

        var unannotated = Specs.Embedded.Schemas.Values.Select(Specs.Embedded.View).First(v => v.Scope is null);
        Assert.That(PropertyScopes.Of(unannotated, ["vehicle", "location"], Trip, annotated: true), Is.Null, "an annotated document's unannotated property");
    }

    [Test]
    public void A_document_without_x_scope_is_not_annotated()
    {
        const string Document = """
            openapi: 3.1.0
            info: { title: t, version: '1' }
            paths:
              /trips:
                get:
                  responses:
                    '200':
                      description: the trips
                      content:
                        application/json:
                          schema: { $ref: '#/components/schemas/Trip' }
            components:
              schemas:
                Trip: { type: object, properties: { vehicle: { type: object, properties: { location: { type: string } } } } }
            """;

        Assert.That(PropertyScopes.AreAnnotated(SpecLoader.Parse(Document)), Is.False);
    }

    [TestCase("", "vehicle", false, ExpectedResult = "vehicle")]
    [TestCase("vehicle", "location", false, ExpectedResult = "vehicle.location")]
    [TestCase("vehicle", "_embedded", false, ExpectedResult = "_embedded")]
    [TestCase("_embedded", "trips", true, ExpectedResult = "_embedded")]
    [TestCase("_embedded", "location", false, ExpectedResult = "location")]
    public string The_path_of_a_property_starts_again_inside_embedded_resources(string parent, string name, bool array) =>
        string.Join('.', PropertyScopes.PathOf([.. parent.Split('.', StringSplitOptions.RemoveEmptyEntries)], name, array ? new JsonArray() : JsonValue.Create(1)));

    [TestCase("data:telemetry", "data:telemetry:vehicle:location", true)]
    [TestCase("data:telemetry:vehicle:location", "data:telemetry", true)]
    [TestCase("data:telemetry:vehicle:location", "data:telemetry:vehicle:alert", false)]
    [TestCase("remote:locking", "remote:locking:write", false)]
    public void Two_scopes_are_related_when_one_covers_the_other(string a, string b, bool related) =>
        Assert.That(Scope.Related(a, b), Is.EqualTo(related));

    private static TestCaseData Row(string[] path, string? scope, string why) =>
        new TestCaseData(path, scope).SetName($"{(path.Length == 0 ? "(root)" : string.Join('.', path))} › {scope ?? "none"}: {why}");

    /// <summary>The properties of our document that carry an <c>x-scope</c>.</summary>
    private static IEnumerable<SchemaView> Annotated() =>
        Specs.Embedded.Schemas.Values
            .SelectMany(s => Specs.Embedded.View(s).Properties)
            .Select(p => Specs.Embedded.View(p.Schema))
            .Where(v => v.Scope is not null);
}
