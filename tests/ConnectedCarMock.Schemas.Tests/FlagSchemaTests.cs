using System.Text.Json;

namespace ConnectedCarMock.Schemas.Tests;

/// <summary>
/// Which schemas get a yes/no schema (<c>FlagSchema</c>) and which stay with Json.Schema.Net (the loader has already rewritten
/// <c>$id</c> and dropped refs that resolve nowhere; the library refuses unknown types and fractional counts itself), and the yes/no answers
/// of shapes the suites do little of (a recursive schema, a ref beside other keywords, refs into a schema's own
/// $defs). Its agreement with the library on the JSON-Schema-Test-Suite and the corpus is in the fixtures' tests.
/// </summary>
public class FlagSchemaTests
{
    [TestCase("""{ "type": "object", "unevaluatedProperties": false }""", "unevaluatedProperties")]
    [TestCase("""{ "type": "string", "x-unknown-to-both": 1, "vendorKeyword": true }""", "vendorKeyword")]
    [TestCase("""{ "type": [] }""", "type")]
    [TestCase("""{ "type": "array", "prefixItems": [true], "unevaluatedItems": false }""", "unevaluatedItems")]
    [TestCase("""{ "dependencies": { "a": ["b"] } }""", "dependencies")]
    [TestCase("""{ "properties": { "a": { "$ref": "#/$defs/b" } }, "$defs": { "b": { "not": { "if": true, "unevaluatedProperties": false } } } }""", "unevaluatedProperties")]
    [TestCase("""{ "$ref": "other.json#/definitions/thing" }""", "$ref")]
    public void A_keyword_it_does_not_read_as_the_library_leaves_the_schema_to_the_library(string schema, string keyword)
    {
        var document = StandaloneSchema.Load(schema, SchemaDialect.Draft202012);

        var why = document.Validator.WhyNoFlagSchema(document.Schemas[StandaloneSchema.Name], ValidationMode.Strict);

        Assert.That(why, Does.StartWith(keyword + ":"));
    }

    [Test]
    public void A_separate_validator_answers_with_the_library_alone()
    {
        var document = StandaloneSchema.Load("""{ "type": "string" }""", SchemaDialect.Draft202012);
        var schema = document.Schemas[StandaloneSchema.Name];

        Assert.That(document.Validator.WhyNoFlagSchema(schema, ValidationMode.Strict), Is.Null);
        Assert.That(SchemaValidator.Separate(document).WhyNoFlagSchema(schema, ValidationMode.Strict), Is.Not.Null);
    }

    [TestCase("""{ "name": "root", "children": [ { "name": "a", "children": [ { "name": "b" } ] } ] }""", true)]
    [TestCase("""{ "name": "root", "children": [ { "name": "a", "children": [ { "name": 7 } ] } ] }""", false)]
    [TestCase("""{ "name": "root", "children": [ { "children": [] } ] }""", false)]
    public void A_recursive_schema_is_one_cycle(string tree, bool valid)
    {
        const string Schema = """
            { "$ref": "#/$defs/node",
              "$defs": { "node": { "type": "object", "required": ["name"],
                "properties": { "name": { "type": "string" }, "children": { "type": "array", "items": { "$ref": "#/$defs/node" } } } } } }
            """;
        Assert.That(Answers(Schema, tree), Is.EqualTo((valid, valid)));
    }

    [TestCase("4", false)]
    [TestCase("6", false)]
    [TestCase("2", true)]
    public void A_ref_beside_other_keywords_holds_both(string number, bool valid)
    {
        const string Schema = """{ "$ref": "#/$defs/small", "multipleOf": 2, "$defs": { "small": { "maximum": 3 } } }""";
        Assert.That(Answers(Schema, number), Is.EqualTo((valid, valid)));
    }

    [TestCase("\"e\\u0301\"", true)]
    [TestCase("\"ee\"", false)]
    [TestCase("\"a\\r\\n\"", false)]
    [TestCase("\"\\r\\n\"", true)]
    public void A_length_counts_text_elements(string text, bool valid)
    {
        Assert.That(Answers("""{ "maxLength": 1 }""", text), Is.EqualTo((valid, valid)));
    }

    [TestCase("[1, 1.0]", false)]
    [TestCase("[[1], [1.0]]", true)]
    [TestCase("""[{ "a": 1, "b": 2 }, { "b": 2, "a": 1 }]""", false)]
    public void Unique_items_are_judged_as_the_library_judges_them(string array, bool valid)
    {
        Assert.That(Answers("""{ "uniqueItems": true }""", array), Is.EqualTo((valid, valid)));
    }

    [TestCase("""{ "properties": { "a": { "type": "integer" } } }""", """{ "a": "x", "a": 1 }""")]
    [TestCase("""{ "properties": { "a": { "type": "integer" } }, "additionalProperties": false }""", """{ "a": 1, "a": "x" }""")]
    [TestCase("""{ "patternProperties": { "^a": { "type": "integer" } } }""", """{ "a": 1, "\u0061": "x" }""")]
    public void An_object_that_repeats_a_name_gets_the_library_s_answer(string schemaJson, string instance)
    {
        var (flagSchema, library) = Answers(schemaJson, instance);

        Assert.That(flagSchema, Is.EqualTo(library));
    }

    /// <summary>The yes/no schema's answer and the library's, which must be the same.</summary>
    private static (bool FlagSchema, bool Library) Answers(string schemaJson, string instance)
    {
        var document = StandaloneSchema.Load(schemaJson, SchemaDialect.Draft202012);
        var schema = document.Schemas[StandaloneSchema.Name];
        Assert.That(document.Validator.WhyNoFlagSchema(schema, ValidationMode.Strict), Is.Null);
        using var json = JsonDocument.Parse(instance);
        return (document.Validator.IsValid(schema, json.RootElement), SchemaValidator.Separate(document).IsValid(schema, json.RootElement));
    }
}
