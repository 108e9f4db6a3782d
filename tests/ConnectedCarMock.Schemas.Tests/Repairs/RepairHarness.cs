using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.Schemas.Loading;
using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Tests.Repairs;

/// <summary>Runs one repair alone on a small document, or the loader with a repair left out.</summary>
internal static class RepairHarness
{
    /// <summary>The document after only <typeparamref name="T"/> ran on it, and what it reported.</summary>
    public static (JsonObject Root, List<SpecDiagnostic> Warnings) Apply<T>(string text)
        where T : RepairRule, new()
    {
        var context = new RepairContext("test.yaml", null, new RepairRuleSet([new T()]));
        text = context.Rules.ApplyText(text, context);
        var root = (JsonObject)YamlReader.Read(text, context);
        context.Version = (root["openapi"] ?? root["swagger"])?.ToString() ?? string.Empty;
        context.Rules.ApplyDocument(root, context);
        return (root, context.Diagnostics);
    }

    /// <summary>Loads with the default rule set.</summary>
    public static ApiDocument Load(string text) => SpecLoader.Parse(text, "test.yaml");

    /// <summary>Loads with every default repair but <typeparamref name="T"/>: what the loader does without it.</summary>
    public static ApiDocument LoadWithout<T>(string text)
        where T : RepairRule =>
        SpecLoader.Load(Encoding.UTF8.GetBytes(text), "test.yaml", null, new RepairRuleSet(RepairRuleSet.Default.Rules.Where(r => r is not T)));

    /// <summary>The warnings of one code.</summary>
    public static List<SpecDiagnostic> Of(this IEnumerable<SpecDiagnostic> warnings, string code) => warnings.Where(w => w.Code == code).ToList();
}
