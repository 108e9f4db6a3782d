using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Tests;

/// <summary>Parameters read in every serialization style OpenAPI 3 defines, numbers as far as their format allows.</summary>
public class ParameterValuesTests
{
    private const string Yaml = """
        openapi: 3.0.3
        info: { title: Parameters, version: 1.0.0 }
        paths:
          /items/{ids}/{label}/{matrix}:
            get:
              operationId: read
              parameters:
                - { name: ids, in: path, required: true, schema: { type: array, items: { type: integer } } }
                - { name: label, in: path, required: true, style: label, explode: true, schema: { type: array, items: { type: string } } }
                - { name: matrix, in: path, required: true, style: matrix, schema: { type: array, items: { type: string } } }
                - { name: f32, in: query, schema: { type: number, format: float } }
                - { name: f64, in: query, schema: { type: number, format: double } }
                - { name: i32, in: query, schema: { type: integer, format: int32 } }
                - { name: i64, in: query, schema: { type: integer, format: int64 } }
                - { name: big, in: query, schema: { type: integer } }
                - { name: exact, in: query, schema: { type: number } }
                - { name: flag, in: query, schema: { type: boolean } }
                - { name: day, in: query, schema: { type: string, format: date } }
                - { name: tags, in: query, explode: false, schema: { type: array, items: { type: string } } }
                - { name: piped, in: query, style: pipeDelimited, explode: false, schema: { type: array, items: { type: integer } } }
                - { name: spaced, in: query, style: spaceDelimited, explode: false, schema: { type: array, items: { type: integer } } }
                - { name: filter, in: query, style: deepObject, explode: true, schema: { type: object, properties: { color: { type: string }, size: { type: integer } } } }
                - { name: point, in: query, explode: false, schema: { type: object, properties: { x: { type: number }, y: { type: number } } } }
              responses: { '200': { description: ok } }
        """;

    private static readonly ApiDocument Document = SpecLoader.Parse(Yaml, "parameters.yaml");

    private static Parameter Named(string name) => Document.GetOperation("read").Parameters.Single(p => p.Name == name);

    private static JsonNode? Read(string name, params string[] raw)
    {
        Assert.That(ParameterValues.TryRead(Document, Named(name), raw, out var value), Is.True, $"{name}={string.Join("&", raw)}");
        return value;
    }

    private static bool Valid(string name, params string[] raw) =>
        ParameterValues.TryRead(Document, Named(name), raw, out var value) && Document.Validator.Validate(Named(name).Schema!, value, ValidationMode.Strict).IsValid;

    [TestCase("f32", "1e29", true)]
    [TestCase("f32", "3.4e38", true)]
    [TestCase("f32", "1e39", false)]
    [TestCase("f64", "1e300", true)]
    [TestCase("f64", "1e309", false)]
    [TestCase("i32", "2147483647", true)]
    [TestCase("i32", "2147483648", false)]
    [TestCase("i64", "9223372036854775807", true)]
    [TestCase("i64", "9223372036854775808", false)]
    [TestCase("big", "123456789012345678901234567890", true)]
    [TestCase("big", "1.5", false)]
    [TestCase("exact", "1e40", true)]
    [TestCase("exact", "ten", false)]
    [TestCase("flag", "true", true)]
    [TestCase("flag", "yes", false)]
    [TestCase("day", "2025-06-02", true)]
    [TestCase("day", "02/06/2025", false)]
    public void Scalars_are_read_as_far_as_their_type_and_format_allow(string name, string raw, bool valid)
    {
        Assert.That(Valid(name, raw), Is.EqualTo(valid));
    }

    [Test]
    public void Arbitrary_precision_keeps_every_digit()
    {
        Assert.That(Read("big", "123456789012345678901234567890")!.ToJsonString(), Is.EqualTo("123456789012345678901234567890"));
    }

    [Test]
    public void Arrays_are_read_in_every_style()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Read("ids", "1,2,3")!.ToJsonString(), Is.EqualTo("[1,2,3]"), "simple");
            Assert.That(Read("label", ".a.b")!.ToJsonString(), Is.EqualTo("[\"a\",\"b\"]"), "label, exploded");
            Assert.That(Read("matrix", ";matrix=a,b")!.ToJsonString(), Is.EqualTo("[\"a\",\"b\"]"), "matrix");
            Assert.That(Read("tags", "x,y")!.ToJsonString(), Is.EqualTo("[\"x\",\"y\"]"), "form, not exploded");
            Assert.That(Read("piped", "1|2")!.ToJsonString(), Is.EqualTo("[1,2]"), "pipeDelimited");
            Assert.That(Read("spaced", "1 2")!.ToJsonString(), Is.EqualTo("[1,2]"), "spaceDelimited");
        });
    }

    [Test]
    public void Objects_are_read_as_deep_objects_and_as_form_pairs()
    {
        var query = new Dictionary<string, IReadOnlyList<string>> { ["filter[color]"] = ["red"], ["filter[size]"] = ["3"], ["other"] = ["x"] };

        var pairs = ParameterValues.ExplodedObject(Document, Named("filter"), query)!;

        Assert.Multiple(() =>
        {
            Assert.That(Read("filter", [.. pairs])!.ToJsonString(), Is.EqualTo("{\"color\":\"red\",\"size\":3}"));
            Assert.That(Read("point", "x,1.5,y,2")!.ToJsonString(), Is.EqualTo("{\"x\":1.5,\"y\":2}"));
            Assert.That(ParameterValues.TryRead(Document, Named("point"), ["x,1,y"], out _), Is.False, "an odd list is no object");
        });
    }
}
