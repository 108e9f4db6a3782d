using System.Text.Json;

namespace ConnectedCarMock.Schemas.Tests;

/// <summary>Our own Connected Car V2 document: clean, complete, and the same interface as the published one.</summary>
public class OurDocumentTests
{
    // Success statuses where ours follows the API's own rules instead of the published document.
    private static readonly Dictionary<string, (string Published, string Ours)> StatusDifferences = new()
    {
        ["postChannels"] = ("200", "202"),
    };

    // Parameters whose "required" follows the published description rather than its flag: (operation, parameter).
    private static readonly HashSet<(string, string)> RequiredDifferences = [("getVehicleTrips", "type")];

    private static ApiDocument Ours => Specs.Embedded;

    [Test]
    public void It_loads_with_no_errors_and_no_warnings()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Ours.Warnings, Is.Empty);
            Assert.That(Ours.Operations, Has.Count.EqualTo(41));
            Assert.That(Ours.SpecVersion, Is.EqualTo("3.1"));
            Assert.That(Ours.BasePath, Is.EqualTo("/api/connectedcar/v1"));
        });
    }

    [Test]
    public void It_has_the_same_method_and_path_pairs_as_the_published_document()
    {
        static IEnumerable<string> Pairs(ApiDocument d) => d.Operations.Select(o => $"{o.Method} {o.Path}");

        Assert.That(Pairs(Ours), Is.EquivalentTo(Pairs(Specs.PublishedDocument)));
    }

    [Test]
    public void The_embedded_document_is_the_file_in_schemas() =>
        Assert.That(SpecLoader.EmbeddedText(), Is.EqualTo(File.ReadAllText(TestPaths.OurSpecPath)));

    [Test]
    public void It_contains_no_text_of_the_published_document_structure() =>
        Assert.That(SpecLoader.EmbeddedText(), Does.Not.Contain("x-fragment"));

    [TestCaseSource(typeof(OperationCases), nameof(OperationCases.Of), new object[] { Specs.Ours })]
    public void Every_operation_matches_the_published_interface(string spec, string operationId)
    {
        var ours = OperationCases.Resolve(spec, operationId);
        var published = Specs.PublishedDocument.GetOperation(operationId);

        IEnumerable<string> Parameters(Operation o) =>
            o.Parameters.Select(p => $"{p.In}:{p.Name}:{(RequiredDifferences.Contains((operationId, p.Name)) ? "documented difference" : p.Required)}");
        static IEnumerable<string> Success(Operation o) => o.SuccessResponses.Select(r => r.Status);
        var expectedSuccess = Success(published).Select(s => StatusDifferences.TryGetValue(operationId, out var d) && d.Published == s ? d.Ours : s);

        Assert.Multiple(() =>
        {
            Assert.That(ours.Method + " " + ours.Path, Is.EqualTo(published.Method + " " + published.Path));
            Assert.That(Parameters(ours), Is.EquivalentTo(Parameters(published)), "parameters");
            Assert.That(Success(ours), Is.EquivalentTo(expectedSuccess), "success statuses");
            Assert.That(ours.RequiredScopes, Is.EquivalentTo(published.RequiredScopes), "required scopes");
            Assert.That(ours.OptionalScopes, Is.SupersetOf(published.OptionalScopes), "optional scopes");
            foreach (var (mine, theirs) in ours.SuccessResponses.Zip(published.SuccessResponses))
            {
                Assert.That(mine.Content.Select(c => c.Name), Is.EquivalentTo(theirs.Content.Select(c => c.Name)), $"media types of {mine.Status}");
                foreach (var media in mine.Content)
                {
                    var other = theirs.Content.Single(c => c.Name == media.Name);
                    Assert.That(SchemaShape.Of(Ours, media.Schema!), Is.EqualTo(SchemaShape.Of(Specs.PublishedDocument, other.Schema!)), $"response schema shape of {mine.Status} {media.Name}");
                }
            }

            if (ours.RequestBody is { } body)
            {
                var theirs = published.RequestBody!;
                foreach (var media in body.Content)
                {
                    var other = theirs.Content.Single(c => c.Name == media.Name);
                    Assert.That(SchemaShape.Of(Ours, media.Schema!), Is.EqualTo(SchemaShape.Of(Specs.PublishedDocument, other.Schema!)), $"request body shape of {media.Name}");
                }
            }
        });
    }

    [TestCaseSource(typeof(OperationCases), nameof(OperationCases.Of), new object[] { Specs.Ours })]
    public void Every_operation_documents_its_errors_with_the_xError_model(string spec, string operationId)
    {
        var operation = OperationCases.Resolve(spec, operationId);
        var xError = Ours.Schemas["xError"];

        foreach (var status in new[] { "400", "401", "403", "404", "default" })
        {
            var response = operation.Responses.SingleOrDefault(r => r.Status == status);
            Assert.That(response, Is.Not.Null, status);
            var media = response!.Content.Single();
            Assert.That(media.Name, Is.EqualTo("application/json"));
            Assert.That(Ours.View(media.Schema!).Required, Is.SupersetOf(Ours.View(xError).Required), $"{status} is an xError");
        }
    }

    [TestCaseSource(typeof(OperationCases), nameof(OperationCases.Of), new object[] { Specs.Ours })]
    public void Scopes_are_annotated_declared_and_listed_in_security(string spec, string operationId)
    {
        var operation = OperationCases.Resolve(spec, operationId);
        var listed = operation.Security.SelectMany(r => r.Schemes.Values).SelectMany(s => s).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(operation.Scopes, Is.EquivalentTo(listed), "x-scopes required + optional = security scopes");
            Assert.That(Ours.DeclaredScopes, Is.SupersetOf(operation.Scopes), "every scope is declared");
        });
    }

    [Test]
    public void Every_x_scope_annotation_names_an_optional_scope_of_some_operation()
    {
        var optional = Ours.Operations.SelectMany(o => o.OptionalScopes).ToHashSet();
        var annotated = Ours.Schemas.Values.SelectMany(s => Annotations(s.Json)).ToList();

        Assert.That(annotated, Is.Not.Empty);
        Assert.That(annotated.Where(a => !optional.Contains(a)), Is.Empty);
    }

    [Test]
    public void Declares_every_published_scope_and_the_undeclared_ones_it_uses()
    {
        var published = Specs.PublishedDocument;

        Assert.That(Ours.DeclaredScopes, Is.SupersetOf(published.AllScopes));
    }

    public static IEnumerable<TestCaseData> Examples()
    {
        foreach (var (pointer, schemaPointer) in ExampleLocations(Specs.Embedded.Normalized.RootElement, string.Empty, null))
        {
            yield return new TestCaseData(pointer, schemaPointer).SetName($"example › {pointer}");
        }
    }

    [TestCaseSource(nameof(Examples))]
    public void Every_example_is_valid_against_its_schema(string examplePointer, string schemaPointer)
    {
        var example = Ours.SchemaAt(examplePointer)!.Json;
        var schema = Ours.SchemaAt(schemaPointer)!;

        var result = Ours.Validator.Validate(schema, example, ValidationMode.Strict);

        Assert.That(result.IsValid, Is.True, result.ToString());
    }

    [Test]
    public void The_document_has_examples_to_check() => Assert.That(Examples().Count(), Is.GreaterThan(50));

    private static IEnumerable<string> Annotations(JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in json.EnumerateObject())
            {
                if (p.Name == "x-scope")
                {
                    yield return p.Value.GetString()!;
                }

                foreach (var inner in Annotations(p.Value))
                {
                    yield return inner;
                }
            }
        }
        else if (json.ValueKind == JsonValueKind.Array)
        {
            foreach (var inner in json.EnumerateArray().SelectMany(Annotations))
            {
                yield return inner;
            }
        }
    }

    /// <summary>(example pointer, schema pointer) for schema examples and media-type/parameter examples.</summary>
    private static IEnumerable<(string Example, string Schema)> ExampleLocations(JsonElement node, string pointer, string? parentKey)
    {
        if (node.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in node.EnumerateArray())
            {
                foreach (var found in ExampleLocations(item, $"{pointer}/{i++}", null))
                {
                    yield return found;
                }
            }

            yield break;
        }

        if (node.ValueKind != JsonValueKind.Object || parentKey is "example" or "enum" or "default" or "const")
        {
            yield break;
        }

        var hasSchema = node.TryGetProperty("schema", out _);
        var isSchema = parentKey is "schema" or "items" or "not" or "additionalProperties" || pointer.Contains("/components/schemas/", StringComparison.Ordinal) && parentKey != "examples";
        foreach (var p in node.EnumerateObject())
        {
            var child = $"{pointer}/{p.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";
            if (p.Name == "example")
            {
                yield return (child, hasSchema ? pointer + "/schema" : pointer);
            }
            else if (p.Name == "examples" && p.Value.ValueKind == JsonValueKind.Array && isSchema)
            {
                for (var i = 0; i < p.Value.GetArrayLength(); i++)
                {
                    yield return ($"{child}/{i}", pointer);
                }
            }
            else if (p.Name == "examples" && p.Value.ValueKind == JsonValueKind.Object && hasSchema)
            {
                foreach (var named in p.Value.EnumerateObject().Where(e => e.Value.TryGetProperty("value", out _)))
                {
                    yield return ($"{child}/{named.Name}/value", pointer + "/schema");
                }
            }
            else
            {
                foreach (var found in ExampleLocations(p.Value, child, p.Name))
                {
                    yield return found;
                }
            }
        }
    }
}
