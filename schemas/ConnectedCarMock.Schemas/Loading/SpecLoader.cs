using System.Reflection;
using System.Text.Json.Nodes;
using ConnectedCarMock.Schemas.Loading;
using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas;

/// <summary>
/// Loads OpenAPI 2.0, 3.0 and 3.1 documents (YAML or JSON), repairs real-world quirks before
/// OpenAPI.NET reads them (each reported as a warning), and returns the immutable <see cref="ApiDocument"/>
/// model. Every failure, whatever the input, is a <see cref="SpecLoadException"/> with a one-line message.
/// </summary>
public static partial class SpecLoader
{
    /// <summary>Name under which the embedded Connected Car V2 document is reported.</summary>
    public const string EmbeddedName = "embedded:connected-car-v2.yaml";

    private const string EmbeddedResource = "ConnectedCarMock.Schemas.connected-car-v2.yaml";

    /// <summary>Loads a file; <c>$ref</c>s to files next to it are resolved.</summary>
    public static ApiDocument LoadFile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var reason = ex switch
            {
                FileNotFoundException => "file not found",
                DirectoryNotFoundException => "directory not found",
                UnauthorizedAccessException => "permission denied (or the path is a directory)",
                _ => ex.Message,
            };
            throw new SpecLoadException(path, string.Empty, reason);
        }

        return Load(bytes, path, Path.GetDirectoryName(Path.GetFullPath(path)), RepairRuleSet.Default);
    }

    public static ApiDocument LoadEmbedded()
    {
        using var stream = typeof(SpecLoader).Assembly.GetManifestResourceStream(EmbeddedResource)
            ?? throw new InvalidOperationException($"resource {EmbeddedResource} is missing from the assembly");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Load(buffer.ToArray(), EmbeddedName);
    }

    /// <summary>The embedded document's text, for users who want to read or extend it.</summary>
    public static string EmbeddedText()
    {
        using var stream = typeof(SpecLoader).Assembly.GetManifestResourceStream(EmbeddedResource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static ApiDocument Parse(string text, string name = "document") =>
        Load(System.Text.Encoding.UTF8.GetBytes(text), name);

    /// <summary>Loads a document held in memory; it names no folder, so <c>$ref</c>s to other files are refused.</summary>
    public static ApiDocument Load(byte[] bytes, string name) => Load(bytes, name, null, RepairRuleSet.Default);

    internal static ApiDocument Load(byte[] bytes, string name, string? baseDirectory, RepairRuleSet rules)
    {
        var context = new RepairContext(name, baseDirectory, rules);
        try
        {
            return Load(bytes, context);
        }
        catch (SpecLoadException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Nothing a document contains may end in a stack trace: what no check foresaw is still one line.
            throw new SpecLoadException(name, "/", $"unexpected {ex.GetType().Name} while {context.Stage}: {ex.Message}");
        }
    }

    private static ApiDocument Load(byte[] bytes, RepairContext context)
    {
        var text = context.Rules.ApplyText(SpecText.Decode(bytes, context), context);
        context.Stage = "parsing the document";
        var root = (JsonObject)YamlReader.Read(text, context);
        context.Version = CheckShape(root, context);
        context.Stage = "repairing the document";
        context.Rules.ApplyDocument(root, context);
        RefTargets.Check(root, context);
        ShapeChecks.Check(root, context);

        context.Stage = "reading the document with OpenAPI.NET";
        var (document, diagnostic) = ReadWithOpenApiNet(root, context);
        var warnings = context.Diagnostics
            .Concat(diagnostic.Warnings.Select(w => new SpecDiagnostic("openapi-net", w.Pointer ?? "/", w.Message)))
            .ToList();
        var normalized = Normalize(document, context);
        context.Stage = "building the model";
        var model = ModelBuilder.Build(normalized, context.File, VersionOf(diagnostic), warnings, context.RenamedSchemas);
        if (model.Operations.Count == 0)
        {
            throw context.Error("/paths", "the document has no operations under 'paths'");
        }

        return model;
    }

    private static string CheckShape(JsonObject root, RepairContext context)
    {
        if (!root.ContainsKey("openapi") && !root.ContainsKey("swagger"))
        {
            throw context.ErrorAtLine(1, "not an OpenAPI document: no 'openapi' or 'swagger' field at the top level");
        }

        var field = root.ContainsKey("openapi") ? "openapi" : "swagger";
        var version = root[field] is JsonValue v ? v.ToJsonString().Trim('"') : string.Empty;
        if (!(version.StartsWith("2.0", StringComparison.Ordinal) || version.StartsWith("3.0", StringComparison.Ordinal)
              || version.StartsWith("3.1", StringComparison.Ordinal)))
        {
            throw context.Error("/" + field, $"unsupported OpenAPI version '{version}' (2.0, 3.0 and 3.1 are supported)");
        }

        if (root["paths"] is not JsonObject paths || paths.Count == 0)
        {
            throw new SpecLoadException(context.File, root.ContainsKey("paths") ? context.Map.Describe("/paths") : "/paths", "the document has no paths");
        }

        return version;
    }

    internal static Assembly Assembly => typeof(SpecLoader).Assembly;
}
