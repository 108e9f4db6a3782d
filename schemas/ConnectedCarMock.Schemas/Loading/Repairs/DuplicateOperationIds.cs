using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>
/// An operationId used by several operations (Docker's <c>findAll</c> names four) cannot name one: the
/// first keeps it, the others are called <c>{id}_{method}</c> (then <c>_2</c>, <c>_3</c>...). All are served.
/// </summary>
internal sealed class DuplicateOperationIds : DocumentRepair
{
    public override string Code => "duplicate-operation-id";

    public override string Summary => "gives operations that share an operationId unique ids ({id}_{method}), the first keeping it";

    public override void Apply(JsonObject root, RepairContext context)
    {
        if (root["paths"] is not JsonObject paths)
        {
            return;
        }

        var operations = paths.Where(p => p.Value is JsonObject)
            .SelectMany(p => OpenApiShape.Methods.Select(m => (Path: p.Key, Method: m, Operation: p.Value![m] as JsonObject)))
            .Where(o => o.Operation?["operationId"] is JsonValue v && v.TryGetValue<string>(out _))
            .ToList();
        var taken = operations.Select(o => (string)o.Operation!["operationId"]!).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, method, operation) in operations)
        {
            var id = (string)operation!["operationId"]!;
            if (seen.Add(id))
            {
                continue;
            }

            var unique = Unique(id, method, taken);
            operation["operationId"] = unique;
            context.Report(this, $"{Pointers.Append("/paths", path)}/{method}", $"operationId '{id}' is used twice; this one is called '{unique}'");
        }
    }

    /// <summary><c>{id}_{method}</c>, or with a number when that is taken too; added to <paramref name="taken"/>.</summary>
    public static string Unique(string id, string method, ISet<string> taken)
    {
        var candidate = $"{id}_{method}";
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = $"{id}_{method}_{n}";
        }

        return candidate;
    }
}
