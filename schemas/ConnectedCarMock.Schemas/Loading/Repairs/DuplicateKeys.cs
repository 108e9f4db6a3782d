using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>A key written twice in one mapping: YAML and JSON parsers disagree on it, the last value is kept.</summary>
internal sealed class DuplicateKeys : RepairRule
{
    public override string Code => "duplicate-key";

    public override string Summary => "a key written twice in one mapping keeps its last value";

    /// <summary>Sets <paramref name="key"/> of <paramref name="obj"/>, reporting (or refusing, without this rule) a duplicate.</summary>
    public static void Set(JsonObject obj, string key, JsonNode? value, string pointer, long line, RepairContext context)
    {
        if (obj.ContainsKey(key))
        {
            var where = pointer.Length == 0 ? "/" : pointer;
            var rule = context.Rules.Find<DuplicateKeys>() ?? throw context.ErrorAtLine(line, $"duplicate key '{key}' in {where}");
            context.Report(rule, $"line {line}", $"duplicate key '{key}' in {where}; kept the last value");
            obj.Remove(key);
        }

        obj[key] = value;
    }
}
