using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>
/// Two paths that differ only in parameter names (<c>/invites/{inviteId}</c> for DELETE, <c>/invites/{token}</c>
/// for GET) are one path to a router. OpenAPI.NET refuses the document; both are kept and served, a request
/// going to the first path that has its method, and the warning says which methods the second never gets.
/// </summary>
internal sealed partial class DuplicatePathSignatures : DocumentRepair
{
    public override string Code => "duplicate-path-signature";

    public override string Summary => "keeps and serves paths that differ only in parameter names (OpenAPI.NET refuses them), naming the methods a later one never gets";

    public override IReadOnlyList<string> Supersedes => ["PathMustBeUnique"];

    public override void Apply(JsonObject root, RepairContext context)
    {
        if (root["paths"] is not JsonObject paths)
        {
            return;
        }

        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, item) in paths)
        {
            var signature = Parameter().Replace(path, "{}");
            if (!first.TryGetValue(signature, out var earlier))
            {
                first[signature] = path;
                continue;
            }

            var shadowed = OpenApiShape.Methods.Where(m => (item as JsonObject)?[m] is not null && (paths[earlier] as JsonObject)?[m] is not null)
                .Select(m => m.ToUpperInvariant()).ToList();
            var message = $"path '{path}' differs from '{earlier}' only in parameter names; both are served";
            context.Report(this, Pointers.Append("/paths", path), shadowed.Count == 0
                ? message
                : $"{message}, but its {string.Join(", ", shadowed)} never answers: '{earlier}' takes those requests");
        }
    }

    [GeneratedRegex(@"\{[^}/]*\}")]
    private static partial Regex Parameter();
}
