namespace ConnectedCarMock.Conformance.Tests.Corpus;

/// <summary><c>docs/corpus-serving.md</c> says what the mock and the runner do on the corpus today (set <c>CCMOCK_WRITE_SERVING_TABLE=1</c> to rewrite it).</summary>
public class CorpusServingTableTests
{
    [Test]
    public async Task The_corpus_serving_table_in_docs_is_current()
    {
        if (!CorpusFiles.Present)
        {
            Assert.Ignore($"The OpenAPI corpus is not at {CorpusFiles.Folder}; it is read from ../shared/corpus/openapi/ (never committed).");
        }

        var table = await CorpusServingTable.RenderAsync();
        if (Environment.GetEnvironmentVariable("CCMOCK_WRITE_SERVING_TABLE") == "1")
        {
            await File.WriteAllTextAsync(CorpusServingTable.DocumentPath, table);
        }

        Assert.That(File.Exists(CorpusServingTable.DocumentPath) ? await File.ReadAllTextAsync(CorpusServingTable.DocumentPath) : string.Empty, Is.EqualTo(table), "regenerate with: " + CorpusServingTable.Regenerate);
    }
}
