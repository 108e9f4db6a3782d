using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.Schemas;
using static ConnectedCarMock.MockServer.Tests.Pipeline.StageKit;

namespace ConnectedCarMock.MockServer.Tests.Pipeline;

/// <summary>The scope filter alone: which part of the granted scopes shapes a body, and what it drops.</summary>
public class ScopeFilterTests
{
    private static readonly Operation Latest = Document.GetOperation("getVehicleLastTelemetries");

    private static System.Text.Json.Nodes.JsonNode Body()
    {
        var schema = Latest.SuccessResponses.First().Content[0].Schema!;
        var address = new ResourceAddress(new PathTemplate(Latest.Path), new Dictionary<string, string> { ["id"] = FirstVehicle });
        return new ResourceRenderer(Fleet).Render(schema, address)!;
    }

    private static ScopeFilter Filter() => new(Document, Cache<(Operation, ScopeSet), string>());

    [Test]
    public void The_signature_keeps_only_the_granted_scopes_related_to_the_operation()
    {
        var filter = Filter();
        var granted = new ScopeSet(["data:trip", "data:telemetry:vehicle:location"]);

        Assert.That(filter.Signature(Latest, granted), Is.EqualTo("data:telemetry:vehicle:location"));
        Assert.That(filter.Signature(Document.GetOperation("getChannels"), granted), Is.Empty, "no optional scopes: nothing shapes the body");
    }

    [Test]
    public void Every_scope_keeps_the_body_whole_and_a_narrow_one_drops_what_it_does_not_cover()
    {
        var filter = Filter();
        var schema = Latest.SuccessResponses.First().Content[0].Schema!;
        var whole = Body();
        var all = Body();
        var narrow = Body();

        filter.Apply(all, schema, Latest, new ScopeSet(Document.AllScopes));
        filter.Apply(narrow, schema, Latest, new ScopeSet(["data:telemetry:vehicle:location"]));

        Assert.That(all.ToJsonString(), Is.EqualTo(whole.ToJsonString()));
        Assert.That(narrow.ToJsonString().Length, Is.LessThan(whole.ToJsonString().Length));
        var required = Document.View(schema).Required;
        Assert.That(required.Where(r => whole[r] is not null), Is.SubsetOf(narrow.AsObject().Select(p => p.Key)), "required properties are never removed");
    }

    [Test]
    public void As_a_stage_it_marks_the_body_and_the_filtered_body_is_made_on_demand()
    {
        var context = Routed(Request("GET", $"{Api}/accounts/vehicles/{FirstVehicle}/telemetries/latest"));
        context.Granted = new ScopeSet(["data:telemetry:vehicle:location"]);
        var schema = Latest.SuccessResponses.First().Content[0].Schema!;
        context.Body = new BodyRecipe(Body, null, schema);

        Assert.That(Filter().Run(context), Is.Null);
        Assert.That(context.Body.FilterSignature, Is.EqualTo("data:telemetry:vehicle:location"));
        Assert.That(context.Body.Make()!.ToJsonString().Length, Is.LessThan(Body().ToJsonString().Length));
    }

    [Test]
    public void Signatures_are_computed_once_per_operation_and_scope_set()
    {
        var signatures = Cache<(Operation, ScopeSet), string>();
        var filter = new ScopeFilter(Document, signatures);
        var granted = new ScopeSet(["data:telemetry"]);

        filter.Signature(Latest, granted);
        filter.Signature(Latest, granted);

        Assert.That(signatures.Count, Is.EqualTo(1));
    }
}
