using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Runner;

/// <summary>
/// A property the items of a list declare, as a path: <c>name</c>, or <c>owner.login</c> inside an object that stands
/// for another resource (gitea's repository carries its owner as a user object).
/// </summary>
internal sealed record ItemProperty(Operation List, IReadOnlyList<string> Path)
{
    public string Name => Path[0];

    public override string ToString() => $"GET {List.Path} items' {string.Join('.', Path)}";
}

/// <summary>A path parameter where it sits: its name and the literal segment before it.</summary>
internal sealed record ParameterSite(PathTemplate Template, string Name)
{
    public string Wanted => ItemValues.Plain(Name);

    public string? Before => Template.Segments.ToList().IndexOf("{" + Name + "}") is > 0 and var at && !PathTemplate.IsParameter(Template.Segments[at - 1]) ? Template.Segments[at - 1] : null;

    /// <summary>The literal segments before the parameter (<c>/containers</c> of <c>/containers/{id}/logs</c>).</summary>
    public IReadOnlyList<string> Prefix => Template.Segments.TakeWhile(s => s != "{" + Name + "}").ToList();
}

/// <summary>One way an item of a list gives a path parameter's value; the rank orders properties of one list (lower first), null when it gives none.</summary>
internal interface IItemValueRule
{
    int? Rank(ParameterSite site, ItemProperty property);
}

/// <summary>A property named like the parameter in any spelling: <c>username</c>, <c>repo_slug</c> for <c>{repoSlug}</c>.</summary>
internal sealed class NamedProperty : IItemValueRule
{
    public int? Rank(ParameterSite site, ItemProperty property) => property.Path.Count == 1 && ItemValues.Plain(property.Name) == site.Wanted ? 0 : null;
}

/// <summary>A property named after the list it comes from: the <c>id</c> of <c>/companies</c> for <c>{companyId}</c>, the <c>niceName</c> of <c>/makes</c> for <c>{makeNiceName}</c>.</summary>
internal sealed class QualifiedProperty : IItemValueRule
{
    public int? Rank(ParameterSite site, ItemProperty property) =>
        property.Path.Count == 1 && ItemValues.Singular(property.List) + ItemValues.Plain(property.Name) == site.Wanted ? 0 : null;
}

/// <summary>An object named like the parameter that stands for another resource: <c>{owner}</c> from a repository's <c>owner.login</c> (else its username, name, id).</summary>
internal sealed class NestedMember : IItemValueRule
{
    public int? Rank(ParameterSite site, ItemProperty property) =>
        property.Path.Count == 2 && ItemValues.Plain(property.Name) == site.Wanted && ItemValues.OwnNames.IndexOf(property.Path[1]) is >= 0 and var at ? 1 + at : null;
}

/// <summary>The parameter names the list's own item (<c>{repo}</c> of <c>/user/repos</c>, <c>{org}</c> of <c>/user/orgs</c>): the item's login, username, slug, name, key or id.</summary>
internal sealed class ItemOfList : IItemValueRule
{
    public int? Rank(ParameterSite site, ItemProperty property) =>
        property.Path.Count == 1 && ItemValues.NamesItemOf(new PathTemplate(property.List.Path).LastLiteral, site.Name) && ItemValues.OwnNames.IndexOf(property.Name) is >= 0 and var at ? 1 + at : null;
}

/// <summary>
/// A generic name (<c>{id}</c>, <c>{name}</c>) of an item path whose list sits beside it under another literal (docker's
/// <c>/containers/json</c> for <c>/containers/{id}</c>): the items' id.
/// </summary>
internal sealed class SiblingId : IItemValueRule
{
    public int? Rank(ParameterSite site, ItemProperty property) =>
        ItemValues.Generic.Contains(site.Wanted) && ItemValues.IsSibling(property.List, site) && property.Path.Count == 1 && ItemValues.Plain(property.Name) == "id" ? 9 : null;
}

/// <summary>
/// The parameter sits right under a list's path (codat's <c>/config/integrations/{platformKey}/branding</c> under
/// <c>/config/integrations</c>) though no item path reads it: the items' id, key, code, slug or name.
/// </summary>
internal sealed class UnderList : IItemValueRule
{
    private static readonly List<string> Keys = ["id", "key", "code", "slug", "uuid", "name"];

    public int? Rank(ParameterSite site, ItemProperty property) =>
        property.Path.Count == 1 && new PathTemplate(property.List.Path).Segments.SequenceEqual(site.Prefix) && Keys.IndexOf(ItemValues.Plain(property.Name)) is >= 0 and var at ? 5 + at : null;
}

/// <summary>Which property of a list's items gives a path parameter's value: the rules, and the declared properties of every list of the document.</summary>
internal static class ItemValues
{
    public static readonly IReadOnlyList<IItemValueRule> Rules = [new NamedProperty(), new QualifiedProperty(), new NestedMember(), new ItemOfList(), new SiblingId(), new UnderList()];

    /// <summary>Names by which an object is known, best first: what stands for another resource is named by them.</summary>
    public static readonly List<string> OwnNames = ["login", "username", "slug", "name", "key", "id"];

    /// <summary>Names every collection uses: they say which item only together with the list they come from.</summary>
    public static readonly HashSet<string> Generic = new(StringComparer.Ordinal) { "id", "uuid", "key", "name", "slug", "code", "sid", "identifier" };

    /// <summary>A name as it compares across spellings: <c>repo_slug</c>, <c>repoSlug</c> and <c>repo-slug</c> alike.</summary>
    public static string Plain(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>The item a list is named after: <c>company</c> of <c>/companies</c>, <c>repo</c> of <c>/user/repos</c>.</summary>
    public static string Singular(Operation list)
    {
        var name = Plain(new PathTemplate(list.Path).LastLiteral ?? string.Empty);
        return name.EndsWith("ies", StringComparison.Ordinal) ? name[..^3] + "y" : name.TrimEnd('s');
    }

    /// <summary>Whether a list is named by the parameter's plural (<c>/branches</c> for <c>{branch}</c>, <c>/repos</c> for <c>{repo}</c>): its items are what the parameter names.</summary>
    public static bool NamesItemOf(string? list, string parameter)
    {
        var (l, p) = (Plain(list ?? string.Empty), Plain(parameter));
        return l == p + "s" || l == p + "es" || (p.EndsWith('y') && l == p[..^1] + "ies");
    }

    /// <summary>Whether a list of only literals sits under the literals before the parameter (<c>/containers/json</c> beside <c>/containers/{id}</c>).</summary>
    public static bool IsSibling(Operation list, ParameterSite site)
    {
        var segments = new PathTemplate(list.Path).Segments;
        return site.Prefix.Count > 0 && site.Prefix.All(s => !PathTemplate.IsParameter(s)) && segments.Count > site.Prefix.Count
            && segments.Take(site.Prefix.Count).SequenceEqual(site.Prefix) && segments.Skip(site.Prefix.Count).All(s => !PathTemplate.IsParameter(s));
    }

    /// <summary>The properties of one list's items that give a parameter's value, best first (each item gives the first it has).</summary>
    public static IReadOnlyList<ItemProperty> Ranked(ParameterSite site, IEnumerable<ItemProperty> properties) =>
        properties.Select(p => (Property: p, Rank: Rules.Select(r => r.Rank(site, p)).Min())).Where(p => p.Rank is not null).OrderBy(p => p.Rank).Select(p => p.Property).ToList();

    /// <summary>Lists of the document (GETs answering an array of objects) and the properties their items declare, one level into objects.</summary>
    public static List<ItemProperty> Declared(ApiDocument document)
    {
        var found = new List<ItemProperty>();
        foreach (var operation in document.Operations.Where(o => o.Method == "GET").OrderBy(o => o.Path.Count(c => c == '{')))
        {
            if (operation.SuccessResponses.SelectMany(r => r.Content).FirstOrDefault(m => m.IsJson && m.Schema is not null)?.Schema is not { } schema)
            {
                continue;
            }

            var view = document.View(schema);
            var items = view.Is("array") ? view.Items
                : (view.Property("_embedded") is { } embedded ? document.View(embedded.Schema) : view).Properties
                    .Where(p => p.Name != "_links").Select(p => document.View(p.Schema)).FirstOrDefault(v => v.Is("array"))?.Items;
            if (items is null)
            {
                continue;
            }

            foreach (var property in document.View(items).Properties)
            {
                var inner = document.View(property.Schema);
                if (IsValue(inner))
                {
                    found.Add(new ItemProperty(operation, [property.Name]));
                }
                else if (inner.Is("object"))
                {
                    found.AddRange(inner.Properties.Where(p => OwnNames.Contains(p.Name) && IsValue(document.View(p.Schema))).Select(p => new ItemProperty(operation, [property.Name, p.Name])));
                }
            }
        }

        return found;
    }

    private static bool IsValue(SchemaView view) => view.Is("string") || view.Is("integer");
}
