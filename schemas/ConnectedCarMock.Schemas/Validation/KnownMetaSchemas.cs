using System.Text.Json.Nodes;
using Json.Schema;

namespace ConnectedCarMock.Schemas.Validation;

/// <summary>
/// The official meta-schemas Json.Schema.Net ships built in (2020-12 and 2019-09 with their vocabularies,
/// drafts 7 and 6), by URI: a standalone schema that refers to one gets a copy from here, never from the
/// network. Draft 4's meta-schema is not among them.
/// </summary>
internal static class KnownMetaSchemas
{
    private static readonly Lazy<Dictionary<string, string>> Texts = new(Load);

    /// <summary>A fresh copy of the meta-schema at this URI (fragment ignored); null when it is not a built-in one.</summary>
    public static JsonNode? Find(string uri)
    {
        var hash = uri.IndexOf('#', StringComparison.Ordinal);
        var key = hash < 0 ? uri : uri[..hash];
        if (!Texts.Value.TryGetValue(key, out var text))
        {
            return null;
        }

        var schema = JsonNode.Parse(text)!.AsObject();
        // What vocabularies a dialect requires concerns validators of schemas, not the values they describe.
        schema.Remove("$vocabulary");
        return schema;
    }

    private static Dictionary<string, string> Load()
    {
        JsonSchema[] all =
        [
            MetaSchemas.Draft202012, MetaSchemas.Core202012, MetaSchemas.Applicator202012, MetaSchemas.Unevaluated202012,
            MetaSchemas.Validation202012, MetaSchemas.Metadata202012, MetaSchemas.FormatAnnotation202012,
            MetaSchemas.FormatAssertion202012, MetaSchemas.Content202012,
            MetaSchemas.Draft201909, MetaSchemas.Core201909, MetaSchemas.Applicator201909, MetaSchemas.Validation201909,
            MetaSchemas.Metadata201909, MetaSchemas.Format201909, MetaSchemas.Content201909,
            MetaSchemas.Draft7, MetaSchemas.Draft6,
        ];
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var schema in all)
        {
            var id = schema.BaseUri.AbsoluteUri;
            var hash = id.IndexOf('#', StringComparison.Ordinal);
            texts[hash < 0 ? id : id[..hash]] = schema.Root.Source.GetRawText();
        }

        return texts;
    }
}
