namespace ConnectedCarMock.Schemas.Tests.Corpus;

/// <summary><c>docs/corpus-loading.md</c> says what the loader does today (set <c>CCMOCK_WRITE_CORPUS_TABLE=1</c> to rewrite it).</summary>
public class CorpusTableTests
{
    [Test]
    public void The_corpus_table_in_docs_is_current()
    {
        CorpusDocuments.Require();
        var table = CorpusTable.Render();

        if (Environment.GetEnvironmentVariable("CCMOCK_WRITE_CORPUS_TABLE") == "1")
        {
            File.WriteAllText(CorpusTable.DocumentPath, table);
        }

        Assert.That(File.Exists(CorpusTable.DocumentPath) ? File.ReadAllText(CorpusTable.DocumentPath) : string.Empty, Is.EqualTo(table), "regenerate with: " + CorpusTable.Regenerate);
    }
}
