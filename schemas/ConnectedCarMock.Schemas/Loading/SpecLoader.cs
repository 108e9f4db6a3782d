using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace ConnectedCarMock.Schemas;

/// <summary>
/// Loads OpenAPI 2.0, 3.0 and 3.1 documents (YAML or JSON), repairs real-world quirks before
/// OpenAPI.NET reads them, and returns the immutable <see cref="ApiDocument"/> model.
/// Failures throw <see cref="SpecLoadException"/> with a one-line message.
/// </summary>
public static class SpecLoader
{
    /// <summary>Name under which the embedded Connected Car V2 document is reported.</summary>
    public const string EmbeddedName = "embedded:connected-car-v2.yaml";

    private const string EmbeddedResource = "ConnectedCarMock.Schemas.connected-car-v2.yaml";

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

        return Load(bytes, path);
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

    public static ApiDocument Load(byte[] bytes, string name)
    {
        var repairs = new List<SpecDiagnostic>();
        var text = Loading.SpecText.Normalize(Loading.SpecText.Decode(bytes, name, repairs), repairs);
        var map = new Loading.SourceMap();
        var root = (JsonObject)Loading.YamlReader.Read(text, name, map, repairs);
        CheckShape(root, name, map);
        Loading.ScopeConventions.Apply(root, map, repairs);
        Loading.DocumentRepairs.Apply(root, name, map, repairs);

        var (document, diagnostic) = ReadWithOpenApiNet(root, name);
        if (document is null || diagnostic is null)
        {
            throw new SpecLoadException(name, string.Empty, "OpenAPI.NET returned no document");
        }

        if (diagnostic.Errors.Count > 0)
        {
            var first = diagnostic.Errors[0];
            var more = diagnostic.Errors.Count > 1 ? $" (and {diagnostic.Errors.Count - 1} more)" : string.Empty;
            throw new SpecLoadException(name, Location(first.Pointer, map), first.Message + more);
        }

        var warnings = repairs
            .Concat(diagnostic.Warnings.Select(w => new SpecDiagnostic("openapi-net", w.Pointer ?? "/", w.Message)))
            .ToList();
        var normalized = Normalize(document, name);
        var version = diagnostic.SpecificationVersion switch
        {
            OpenApiSpecVersion.OpenApi2_0 => "2.0",
            OpenApiSpecVersion.OpenApi3_0 => "3.0",
            OpenApiSpecVersion.OpenApi3_1 => "3.1",
            _ => "3.2",
        };
        var model = Loading.ModelBuilder.Build(normalized, name, version, warnings);
        if (model.Operations.Count == 0)
        {
            throw new SpecLoadException(name, map.Describe("/paths"), "the document has no operations under 'paths'");
        }

        return model;
    }

    private static void CheckShape(JsonObject root, string name, Loading.SourceMap map)
    {
        if (!root.ContainsKey("openapi") && !root.ContainsKey("swagger"))
        {
            throw new SpecLoadException(name, "line 1", "not an OpenAPI document: no 'openapi' or 'swagger' field at the top level");
        }

        var version = (root["openapi"] ?? root["swagger"])?.ToString() ?? string.Empty;
        if (!(version.StartsWith("2.0", StringComparison.Ordinal) || version.StartsWith("3.0", StringComparison.Ordinal)
              || version.StartsWith("3.1", StringComparison.Ordinal)))
        {
            throw new SpecLoadException(name, map.Describe(root.ContainsKey("openapi") ? "/openapi" : "/swagger"), $"unsupported OpenAPI version '{version}' (2.0, 3.0 and 3.1 are supported)");
        }

        if (root["paths"] is not JsonObject paths || paths.Count == 0)
        {
            throw new SpecLoadException(name, root.ContainsKey("paths") ? map.Describe("/paths") : "/paths", "the document has no paths");
        }
    }

    private static ReadResult ReadWithOpenApiNet(JsonObject root, string name)
    {
        var settings = new OpenApiReaderSettings { LoadExternalRefs = false };
        var baseUri = new Uri("file:///" + Uri.EscapeDataString(Path.GetFileName(name)));
        try
        {
            return new OpenApiJsonReader().Read(root, baseUri, settings);
        }
        catch (Exception ex) when (ex is OpenApiException or JsonException or InvalidOperationException or FormatException)
        {
            throw new SpecLoadException(name, string.Empty, "OpenAPI.NET cannot read the document: " + ex.Message);
        }
    }

    /// <summary>Serializes OpenAPI.NET's model as OpenAPI 3.1, so 2.0, 3.0 and 3.1 are modelled alike.</summary>
    private static JsonDocument Normalize(OpenApiDocument document, string name)
    {
        using var writer = new StringWriter();
        try
        {
            document.SerializeAsV31(new OpenApiJsonWriter(writer, new OpenApiJsonWriterSettings { Terse = true }));
        }
        catch (Exception ex) when (ex is OpenApiException or InvalidOperationException or NullReferenceException)
        {
            throw new SpecLoadException(name, string.Empty, "OpenAPI.NET cannot write the document as 3.1: " + ex.Message);
        }

        return JsonDocument.Parse(writer.ToString());
    }

    private static string Location(string? pointer, Loading.SourceMap map)
    {
        if (string.IsNullOrEmpty(pointer))
        {
            return string.Empty;
        }

        var p = pointer.StartsWith('#') ? pointer[1..] : pointer;
        return map.Describe(p);
    }

    internal static Assembly Assembly => typeof(SpecLoader).Assembly;
}
