namespace ConnectedCarMock.Schemas.Tests;

/// <summary>Every malformed document fails with one line naming the file, the location and the reason.</summary>
public class MalformedDocumentTests
{
    public static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "Malformed");

    /// <summary>(file, text expected in the location, text expected in the reason).</summary>
    public static IEnumerable<TestCaseData> Corpus()
    {
        yield return Case("empty.yaml", "line 1", "empty");
        yield return Case("binary.yaml", "byte 14", "binary");
        yield return Case("invalid-yaml.yaml", "line 11", "invalid YAML");
        yield return Case("invalid-json.json", "line 5", "invalid JSON");
        yield return Case("ref-to-nowhere.yaml", "line 14", "'#/components/schemas/Missing' points to nothing");
        yield return Case("foreign-ref-to-nowhere.yaml", "line 7", "'#/x-fragment/NotThere' points to nothing");
        yield return Case("no-paths.yaml", "/paths", "no paths");
        yield return Case("empty-paths.yaml", "line 5", "no paths");
        yield return Case("paths-without-operations.yaml", "line 5", "no operations");
        yield return Case("not-openapi.yaml", "line 1", "not an OpenAPI document");
        yield return Case("scalar-document.yaml", "line 1", "not a mapping");
        yield return Case("sequence-document.yaml", "line 1", "not a mapping");
        yield return Case("unsupported-version.yaml", "line 1", "unsupported OpenAPI version '4.0.0'");
        yield return Case("circular-ref.yaml", "line", "circular");
        yield return Case("external-ref.yaml", "line 7", "external $ref 'paths.yaml#/a'");
        yield return Case("undefined-alias.yaml", "line 7", "refers to no anchor");
        yield return Case("unclosed-quote.yaml", "line", "invalid YAML");
        yield return Case("json-null.json", "line 1", "not a mapping");
        yield return Case("ref-into-scalar.yaml", "line 7", "points to a String, not an object");
    }

    [TestCaseSource(nameof(Corpus))]
    public void A_malformed_document_is_refused_with_file_location_and_reason(string file, string location, string reason)
    {
        var path = Path.Combine(CorpusDirectory, file);

        var error = Assert.Throws<SpecLoadException>(() => SpecLoader.LoadFile(path))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.File, Is.EqualTo(path));
            Assert.That(error.Location, Does.Contain(location));
            Assert.That(error.Reason, Does.Contain(reason));
            Assert.That(error.Message, Does.StartWith(path));
            Assert.That(error.Message, Does.Not.Contain('\n'));
        });
    }

    [Test]
    public void The_corpus_has_at_least_ten_documents() =>
        Assert.That(Corpus().Count(), Is.GreaterThanOrEqualTo(10));

    [Test]
    public void A_missing_file_is_reported_as_not_found()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-spec.yaml");
        var error = Assert.Throws<SpecLoadException>(() => SpecLoader.LoadFile(path))!;
        Assert.That(error.Message, Is.EqualTo(path + ": file not found"));
    }

    [Test]
    public void A_directory_is_not_read_as_a_document()
    {
        var error = Assert.Throws<SpecLoadException>(() => SpecLoader.LoadFile(CorpusDirectory))!;
        Assert.That(error.Message, Does.StartWith(CorpusDirectory + ": "));
    }

    private static TestCaseData Case(string file, string location, string reason) =>
        new TestCaseData(file, location, reason).SetName($"Malformed › {file}");
}
