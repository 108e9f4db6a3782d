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
}
