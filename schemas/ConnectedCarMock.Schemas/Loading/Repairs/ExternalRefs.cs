using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>
/// <c>$ref: 'common/errors.yml#/components/schemas/Error'</c> names a file next to the document. The file
/// is read (with the same text repairs); a whole component is imported into the same section of the
/// document (its own refs follow it), any other target is inlined. A missing file is an error naming it;
/// remote and absolute references are refused: only files beside the document are read.
/// </summary>
internal sealed class ExternalRefs : DocumentRepair
{
    private const int MaxRounds = 64;

    public override string Code => "external-ref";

    public override string Summary => "resolves $refs to files next to the document: whole components are imported into the document, other targets inlined";

    public override void Apply(JsonObject root, RepairContext context)
    {
        var state = new ExternalFiles(context);
        for (var round = 0; ; round++)
        {
            var sites = RefSites.All(root).Where(s => !s.Reference.StartsWith('#')).ToList();
            if (sites.Count == 0)
            {
                return;
            }

            if (round == MaxRounds)
            {
                throw context.Error(sites[0].RefPointer, $"external $ref '{sites[0].Reference}' leads to external $refs {MaxRounds} files deep; they are circular");
            }

            foreach (var site in sites)
            {
                Resolve(root, site, state, context);
            }
        }
    }

    private void Resolve(JsonObject root, RefSite site, ExternalFiles files, RepairContext context)
    {
        var (path, pointer) = files.Locate(site);
        if (path == files.Own)
        {
            // A split document that names itself: the ref is local.
            site.Rewrite(Pointers.ToRef(pointer));
            context.Report(this, site.Pointer, $"$ref '{site.Reference}' names the document itself; read as '{Pointers.ToRef(pointer)}'");
            return;
        }

        var external = files.Read(path, site);
        var target = Pointers.Resolve(external, pointer)
            ?? throw context.Error(site.RefPointer, $"external $ref '{site.Reference}' points to nothing in {files.Relative(path)}");
        var content = target.DeepClone();
        files.Rebase(content, path);

        if (OpenApiShape.WholeComponent(pointer) is { } component && content is JsonObject
            && Section(component.Section, context) is { } section)
        {
            var local = files.Imported(path, pointer, () => Import(root, section, component.Name, (JsonObject)content, context));
            site.Rewrite(local);
            context.Report(this, site.Pointer, $"imported $ref '{site.Reference}' as '{local}'");
            return;
        }

        if (content is not JsonObject obj)
        {
            throw context.Error(site.RefPointer, $"external $ref '{site.Reference}' points to a {target.GetValueKind()}, not an object");
        }

        site.Inline(obj);
        context.Report(this, site.Pointer, $"inlined $ref '{site.Reference}'");
    }

    /// <summary>The section of this document that holds what the external section holds; null when it has none.</summary>
    private static string? Section(string external, RepairContext context)
    {
        var kind = external.Split('/')[^1] switch
        {
            "definitions" => "schemas",
            "securityDefinitions" => null,
            var other => other,
        };
        if (kind is null)
        {
            return null;
        }

        if (!context.IsSwagger2)
        {
            return "/components/" + kind;
        }

        return kind switch
        {
            "schemas" => "/definitions",
            "parameters" or "responses" => "/" + kind,
            _ => null,
        };
    }

    private static string Import(JsonObject root, string section, string name, JsonObject content, RepairContext context)
    {
        JsonObject holder = root;
        foreach (var token in Pointers.Tokens(section))
        {
            holder[token] ??= new JsonObject();
            holder = holder[token] as JsonObject
                ?? throw context.Error(section, $"'{token}' is not an object, so external components cannot be added to it");
        }

        var key = name;
        for (var n = 2; holder[key] is { } existing && !JsonNode.DeepEquals(existing, content); n++)
        {
            key = $"{name}_{n}";
        }

        holder[key] ??= content;
        return Pointers.ToRef(Pointers.Append(section, key));
    }
}
