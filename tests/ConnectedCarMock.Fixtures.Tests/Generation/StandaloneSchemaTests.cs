using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Fixtures.Tests.Generation;

/// <summary>Schemas outside any document: references by base URI, draft 4 words, and patterns .NET spells otherwise.</summary>
public class StandaloneSchemaTests
{
    private static JsonNode? Generate(string schema, SchemaDialect dialect = SchemaDialect.Draft202012)
    {
        var document = StandaloneSchema.Load(schema, dialect);
        return new PayloadGenerator(document).Generate(document.Schemas[StandaloneSchema.Name], seed: 3);
    }

    [Test]
    public void References_resolve_by_base_uri_anchor_and_urn()
    {
        const string schema = """
            {
              "$id": "http://example.com/root.json",
              "type": "object",
              "required": ["x", "y", "z", "w"],
              "properties": {
                "x": { "$ref": "nested/a.json" },
                "y": { "$ref": "#flag" },
                "z": { "$ref": "urn:example:z" },
                "w": { "$ref": "/other.json#/$defs/inner" }
              },
              "$defs": {
                "a": { "$id": "nested/a.json", "const": 5 },
                "b": { "$anchor": "flag", "const": true },
                "c": { "$id": "urn:example:z", "const": "zed" },
                "d": { "$id": "http://example.com/other.json", "$defs": { "inner": { "const": "in" } } }
              }
            }
            """;

        Assert.That(Generate(schema)!.ToJsonString(), Is.EqualTo("""{"x":5,"y":true,"z":"zed","w":"in"}"""));
    }

    [Test]
    public void Draft_4_ids_name_resources_and_plain_fragments_but_not_beside_a_ref()
    {
        const string anchor = """{ "id": "http://example.com/r.json", "allOf": [{ "$ref": "#foo" }], "definitions": { "A": { "id": "#foo", "enum": [7] } } }""";
        const string sibling = """
            {
              "id": "http://example.com/base/",
              "definitions": { "wrong": { "id": "http://example.com/foo.json", "enum": ["no"] }, "right": { "id": "foo.json", "enum": [1] } },
              "allOf": [{ "id": "http://example.com/", "$ref": "foo.json" }]
            }
            """;

        Assert.That(Generate(anchor, SchemaDialect.Draft4)!.GetValue<int>(), Is.EqualTo(7));
        Assert.That(Generate(sibling, SchemaDialect.Draft4)!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public void Long_unicode_category_names_are_read_and_long_length_bounds_do_not_stall_the_pattern()
    {
        var letters = StandaloneSchema.Load("""{ "type": "string", "pattern": "^\\p{Letter}+$" }""", SchemaDialect.Draft202012);
        var schema = letters.Schemas[StandaloneSchema.Name];

        Assert.That(letters.Validator.Validate(schema, JsonValue.Create("Ωmega")).IsValid, Is.True);
        Assert.That(letters.Validator.Validate(schema, JsonValue.Create("123")).IsValid, Is.False);
        Assert.That(Generate("""{ "type": "string", "pattern": "^.*$", "minLength": 0, "maxLength": 20000 }"""), Is.Not.Null);
    }

    [TestCase("https://json-schema.org/draft/2020-12/schema")]
    [TestCase("https://json-schema.org/draft/2019-09/schema")]
    [TestCase("http://json-schema.org/draft-07/schema#")]
    [TestCase("http://json-schema.org/draft-06/schema#")]
    public void A_reference_to_an_official_meta_schema_gives_a_schema_that_meta_schema_accepts(string metaSchema)
    {
        var dialect = metaSchema.Contains("draft/20", StringComparison.Ordinal) ? $"\"$schema\": \"{metaSchema}\", " : string.Empty;
        for (var seed = 1; seed <= 3; seed++)
        {
            var document = StandaloneSchema.Load($$"""{ {{dialect}}"$ref": "{{metaSchema}}" }""", SchemaDialect.Draft202012);
            var value = new PayloadGenerator(document).Generate(document.Schemas[StandaloneSchema.Name], seed);
            var judge = Json.Schema.SchemaRegistry.Global.Get(new Uri(metaSchema)) as Json.Schema.JsonSchema;
            using var instance = System.Text.Json.JsonDocument.Parse(value?.ToJsonString() ?? "null");
            Assert.That(judge!.Evaluate(instance.RootElement).IsValid, Is.True, value?.ToJsonString());
        }
    }

    [Test]
    public void Property_names_match_propertyNames_declared_ones_included()
    {
        const string schema = """
            {
              "type": "object",
              "propertyNames": { "pattern": "^[a-z]{3,8}$" },
              "properties": { "colour": { "type": "string" }, "Not_Allowed": { "type": "string" } },
              "additionalProperties": { "type": "integer" },
              "minProperties": 3
            }
            """;
        var document = StandaloneSchema.Load(schema, SchemaDialect.Draft202012);
        for (var seed = 1; seed <= 10; seed++)
        {
            var value = new PayloadGenerator(document).Generate(document.Schemas[StandaloneSchema.Name], seed)!.AsObject();

            Assert.That(value.Select(p => p.Key), Has.All.Match("^[a-z]{3,8}$"), value.ToJsonString());
            Assert.That(value, Has.Count.GreaterThanOrEqualTo(3));
        }

        var required = StandaloneSchema.Load("""{ "required": ["Bad"], "propertyNames": { "maxLength": 2 } }""", SchemaDialect.Draft202012);
        Assert.Throws<SchemaAdmitsNoValueException>(() => new PayloadGenerator(required).Generate(required.Schemas[StandaloneSchema.Name], 1));
    }
}
