using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Variation;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Resources;
using ConnectedCarMock.MockServer.State;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>
/// One request on its way through the stages: what it asked, the state it reads (one snapshot), and what
/// each stage decided for the ones after it. A stage writes only its own part.
/// </summary>
internal sealed class RequestContext(MockRequest request, StateSnapshot state)
{
    public MockRequest Request { get; } = request;

    /// <summary>Settings and resources as of the start of the request: read once, never re-read.</summary>
    public StateSnapshot State { get; } = state;

    public RuntimeSettings Settings => State.Settings;

    /// <summary>Set by the route stage.</summary>
    public RouteMatch Route { get; set; } = null!;

    public Operation Operation => Route.Operation;

    /// <summary>Whether the route stage found the operation.</summary>
    public bool Routed => Route is not null;

    /// <summary>Set by the authenticate stage: what the caller was granted; null when nothing restricts the body.</summary>
    public ScopeSet? Granted { get; set; }

    /// <summary>Set by the validate stage: the parsed request body, scenario and variation.</summary>
    public JsonNode? RequestBody { get; set; }

    public Scenario? Scenario { get; set; }

    public VariationSettings? Variation { get; set; }

    /// <summary>Set by the resource stage.</summary>
    public ResourceResult Resource { get; set; } = null!;

    /// <summary>Set by the render stage: the client's base URL and the API's base path, for links and <c>Location</c>.</summary>
    public string LinkBase { get; set; } = string.Empty;

    /// <summary>Set by the render stage (null for answers without a body); the scope filter adds its part.</summary>
    public BodyRecipe? Body { get; set; }

    /// <summary>Set by the variation stage: the body bytes and the headers that report a variation.</summary>
    public byte[]? Payload { get; set; }

    public List<KeyValuePair<string, string>>? PayloadHeaders { get; set; }
}
