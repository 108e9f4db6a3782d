using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>The files external <c>$ref</c>s lead to, read once each, and the components imported from them.</summary>
internal sealed class ExternalFiles(RepairContext context)
{
    private readonly Dictionary<string, JsonNode> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _imported = new(StringComparer.Ordinal);

    /// <summary>The full path of the document itself, when it was read from a file.</summary>
    public string? Own { get; } = context.BaseDirectory is null ? null : Path.GetFullPath(context.File);

    /// <summary>The full path of the file a ref names and the JSON pointer inside it.</summary>
    public (string Path, string Pointer) Locate(RefSite site)
    {
        var reference = site.Reference;
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var file = hash < 0 ? reference : reference[..hash];
        var fragment = hash < 0 ? string.Empty : reference[hash..];
        if (Uri.TryCreate(file, UriKind.Absolute, out var uri) && uri.Scheme.Length > 1 || Path.IsPathRooted(file))
        {
            throw context.Error(site.RefPointer, $"external $ref '{reference}' is not relative; only files next to the document are read");
        }

        if (context.BaseDirectory is null)
        {
            throw context.Error(site.RefPointer, $"external $ref '{reference}' cannot be resolved: the document was not read from a file");
        }

        var pointer = fragment.Length <= 1 ? string.Empty : Pointers.FromLocalRef(fragment)!;
        if (pointer.Length > 0 && pointer[0] != '/')
        {
            throw context.Error(site.RefPointer, $"external $ref '{reference}' has a fragment that is not a JSON pointer");
        }

        return (Path.GetFullPath(Path.Combine(context.BaseDirectory, Uri.UnescapeDataString(file))), pointer);
    }

    public JsonNode Read(string path, RefSite site)
    {
        if (_files.TryGetValue(path, out var cached))
        {
            return cached;
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var reason = ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : "cannot be read (" + ex.Message + ")";
            throw context.Error(site.RefPointer, $"external $ref '{site.Reference}': {reason}: {path}");
        }

        var own = new RepairContext(path, Path.GetDirectoryName(path), context.Rules);
        JsonNode tree;
        try
        {
            tree = YamlReader.Read(own.Rules.ApplyText(SpecText.Decode(bytes, own), own), own);
        }
        catch (SpecLoadException ex)
        {
            // The document given is named first, at the ref that led to the broken file; the file's own place follows.
            throw context.Error(site.RefPointer, $"external $ref '{site.Reference}': {ex.Message}");
        }

        foreach (var diagnostic in own.Diagnostics)
        {
            context.Report(diagnostic.Code, $"{Relative(path)} {diagnostic.Location}", diagnostic.Message);
        }

        _files[path] = tree;
        return tree;
    }

    /// <summary>Rewrites the refs of content taken from <paramref name="path"/> so they mean the same from the document.</summary>
    public void Rebase(JsonNode content, string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        foreach (var site in RefSites.All(content))
        {
            var reference = site.Reference;
            var hash = reference.IndexOf('#', StringComparison.Ordinal);
            var file = hash < 0 ? reference : reference[..hash];
            var fragment = hash < 0 ? string.Empty : reference[hash..];
            if (file.Length == 0)
            {
                site.Rewrite(Relative(path) + fragment);
            }
            else if (!Path.IsPathRooted(file) && !(Uri.TryCreate(file, UriKind.Absolute, out var uri) && uri.Scheme.Length > 1))
            {
                site.Rewrite(Relative(Path.GetFullPath(Path.Combine(folder, Uri.UnescapeDataString(file)))) + fragment);
            }
        }
    }

    /// <summary>The local ref a component of a file was imported as, importing it the first time.</summary>
    public string Imported(string path, string pointer, Func<string> import)
    {
        var key = path + "#" + pointer;
        if (!_imported.TryGetValue(key, out var local))
        {
            local = import();
            _imported[key] = local;
        }

        return local;
    }

    public string Relative(string path) => Path.GetRelativePath(context.BaseDirectory!, path).Replace('\\', '/');
}
