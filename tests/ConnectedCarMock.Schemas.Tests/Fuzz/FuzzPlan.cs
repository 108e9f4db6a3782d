using System.Text;
using ConnectedCarMock.Schemas.Tests.Corpus;

namespace ConnectedCarMock.Schemas.Tests.Fuzz;

/// <summary>One mutated document of the plan.</summary>
internal sealed record MutatedDocument(string Source, Mutation Mutation, int Round, string Name, byte[] Bytes);

/// <summary>
/// The mutated documents the fuzz tests load: every source document (the corpus, the published
/// documents when present, our own) broken in every <see cref="Mutation"/> way, <see cref="Rounds"/>
/// times each, deterministically from <see cref="Seed"/> (<c>CCMOCK_FUZZ_SEED</c> picks another).
/// </summary>
internal static class FuzzPlan
{
    public const int Rounds = 4;

    public static int Seed { get; } = int.TryParse(Environment.GetEnvironmentVariable("CCMOCK_FUZZ_SEED"), out var seed) ? seed : 20261129;

    /// <summary>Source documents by name: corpus file names, the published documents, and ours.</summary>
    public static IReadOnlyList<string> Sources { get; } = FindSources();

    public static int DocumentCount => Sources.Count * Enum.GetValues<Mutation>().Length * Rounds;

    public static byte[] SourceBytes(string source) => source switch
    {
        "ours" => Encoding.UTF8.GetBytes(SpecLoader.EmbeddedText()),
        _ when source.StartsWith("stellantis-", StringComparison.Ordinal) => File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(TestPaths.PublishedSpecPath)!, source)),
        _ => File.ReadAllBytes(CorpusDocuments.PathOf(source)),
    };

    public static IEnumerable<MutatedDocument> Of(string source)
    {
        var mutator = new DocumentMutator(SourceBytes(source), source);
        foreach (var mutation in Enum.GetValues<Mutation>())
        {
            for (var round = 0; round < Rounds; round++)
            {
                var random = new Random(StableHash($"{Seed}/{source}/{mutation}/{round}"));
                var name = $"fuzz/{Path.GetFileNameWithoutExtension(source)}.{mutation}.{round}";
                yield return new MutatedDocument(source, mutation, round, name, mutator.Mutate(mutation, random));
            }
        }
    }

    /// <summary>
    /// A seed per document that is the same in every process (string.GetHashCode is not) and unrelated to
    /// its neighbours' (seeded <see cref="Random"/>s of close seeds draw close first numbers).
    /// </summary>
    private static int StableHash(string text) =>
        BitConverter.ToInt32(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text))) & 0x7FFFFFFF;

    private static List<string> FindSources()
    {
        var sources = CorpusDocuments.Files.ToList();
        var specs = Path.GetDirectoryName(TestPaths.PublishedSpecPath)!;
        foreach (var published in new[] { "stellantis-connected-car-v2.yaml", "stellantis-platform-notification.yaml" })
        {
            if (File.Exists(Path.Combine(specs, published)))
            {
                sources.Add(published);
            }
        }

        sources.Add("ours");
        return sources;
    }
}
