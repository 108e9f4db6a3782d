using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer.Caching;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>
/// How to make an answer's body, not the body itself: cached answers never render. The render stage
/// sets what to render (and its key), the scope filter adds what to drop; the variation stage makes it
/// only when no cached bytes or template exist.
/// </summary>
internal sealed class BodyRecipe(Func<JsonNode?> render, ResourceKey? key, Schema? schema)
{
    private ScopeFilter? _filter;
    private Operation? _operation;
    private ScopeSet? _granted;

    /// <summary>What the body depends on, when it depends on nothing else (with <see cref="FilterSignature"/> and the link base).</summary>
    public ResourceKey? Key { get; } = key;

    public Schema? Schema { get; } = schema;

    /// <summary>The part of the granted scopes that shapes this body; empty when none does.</summary>
    public string FilterSignature { get; private set; } = string.Empty;

    public void FilterWith(ScopeFilter filter, Operation operation, ScopeSet granted, string signature)
    {
        (_filter, _operation, _granted, FilterSignature) = (filter, operation, granted, signature);
    }

    /// <summary>A fresh body the caller may change: rendered (a shared render is cloned), then filtered.</summary>
    public JsonNode? Make()
    {
        var body = render()?.DeepClone();
        if (_filter is not null && Schema is not null)
        {
            _filter.Apply(body, Schema, _operation!, _granted!);
        }

        return body;
    }
}
