using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectedCarMock.Schemas.Loading;
using ConnectedCarMock.Schemas.Loading.Repairs;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace ConnectedCarMock.Schemas;

/// <summary>The part of loading done by OpenAPI.NET: reading the repaired tree and writing it back as OpenAPI 3.1.</summary>
public static partial class SpecLoader
{
    private static readonly JsonDocumentOptions NormalizedOptions = new() { MaxDepth = 2 * DocumentLimits.MaxDepth };

    private static (OpenApiDocument Document, OpenApiDiagnostic Diagnostic) ReadWithOpenApiNet(JsonObject root, RepairContext context)
    {
        var rules = ValidationRuleSet.GetDefaultRuleSet();
        foreach (var superseded in context.Rules.Superseded)
        {
            rules.Remove(superseded);
        }

        var settings = new OpenApiReaderSettings { LoadExternalRefs = false, RuleSet = rules };
        var baseUri = new Uri("file:///" + Uri.EscapeDataString(Path.GetFileName(context.File)));
        ReadResult result;
        try
        {
            result = new OpenApiJsonReader().Read(root, baseUri, settings);
        }
        catch (Exception ex) when (ex is OpenApiException or JsonException or InvalidOperationException or FormatException)
        {
            throw new SpecLoadException(context.File, "/", "OpenAPI.NET cannot read the document: " + ex.Message);
        }

        if (result.Document is null || result.Diagnostic is null)
        {
            throw new SpecLoadException(context.File, "/", "OpenAPI.NET returned no document");
        }

        var errors = result.Diagnostic.Errors;
        if (errors.Count > 0)
        {
            var more = errors.Count > 1 ? $" (and {errors.Count - 1} more)" : string.Empty;
            throw new SpecLoadException(context.File, Location(errors[0].Pointer, context.Map), errors[0].Message + more);
        }

        return (result.Document, result.Diagnostic);
    }

    /// <summary>Serializes OpenAPI.NET's model as OpenAPI 3.1, so 2.0, 3.0 and 3.1 are modelled alike.</summary>
    private static JsonDocument Normalize(OpenApiDocument document, RepairContext context)
    {
        context.Stage = "writing the document as OpenAPI 3.1";
        using var writer = new StringWriter();
        try
        {
            document.SerializeAsV31(new OpenApiJsonWriter(writer, new OpenApiJsonWriterSettings { Terse = true }));
        }
        catch (Exception ex) when (ex is OpenApiException or InvalidOperationException or NullReferenceException)
        {
            throw new SpecLoadException(context.File, "/", "OpenAPI.NET cannot write the document as 3.1: " + ex.Message);
        }

        var text = EscapeControlCharacters(writer.ToString());
        var unrecognized = text.Contains($"\"{UnrecognizedKeywords.Key}\":", StringComparison.Ordinal);
        if (!context.HasDeferredKeys && !unrecognized)
        {
            return JsonDocument.Parse(text, NormalizedOptions);
        }

        var tree = JsonNode.Parse(text, documentOptions: NormalizedOptions);
        Deferred.Restore(tree);
        if (unrecognized)
        {
            UnrecognizedKeywords.Flatten(tree);
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = NormalizedOptions.MaxDepth }))
        {
            tree!.WriteTo(json);
        }

        return JsonDocument.Parse(buffer.ToArray(), NormalizedOptions);
    }

    /// <summary>
    /// OpenAPI.NET writes control characters of strings (a NUL in a description) unescaped, which is not JSON.
    /// Its terse output has no whitespace between tokens, so every control character is inside a string.
    /// </summary>
    private static string EscapeControlCharacters(string json)
    {
        if (!json.Any(c => c < ' '))
        {
            return json;
        }

        var escaped = new System.Text.StringBuilder(json.Length + 16);
        foreach (var c in json)
        {
            if (c < ' ')
            {
                escaped.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    private static string VersionOf(OpenApiDiagnostic diagnostic) => diagnostic.SpecificationVersion switch
    {
        OpenApiSpecVersion.OpenApi2_0 => "2.0",
        OpenApiSpecVersion.OpenApi3_0 => "3.0",
        OpenApiSpecVersion.OpenApi3_1 => "3.1",
        _ => "3.2",
    };

    private static string Location(string? pointer, SourceMap map)
    {
        if (string.IsNullOrEmpty(pointer))
        {
            return "/";
        }

        var p = pointer.StartsWith('#') ? pointer[1..] : pointer;
        return map.Describe(p);
    }
}
