using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Variation;
using ConnectedCarMock.MockServer.Caching;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.Resources;
using ConnectedCarMock.Schemas;
using static ConnectedCarMock.MockServer.Tests.Pipeline.StageKit;

namespace ConnectedCarMock.MockServer.Tests.Pipeline;

/// <summary>The render, variation and write stages alone: bytes made once per answer key, variants never cached, headers that report them.</summary>
public class VariationAndWriteStageTests
{
    private static readonly Operation Vehicle = Document.GetOperation("getVehicleByid");
    private static readonly MediaType Media = Vehicle.SuccessResponses.First().Content[0];

    private static RequestContext Rendered(int renders = 0, VariationSettings? variation = null, string? location = null, int status = 200)
    {
        var context = Routed(Request("GET", $"{Api}/accounts/vehicles/{FirstVehicle}"));
        var key = ResourceKey.Item(Media.Schema!.Pointer, "/accounts/vehicles/" + FirstVehicle, 0, null);
        context.Resource = new ResourceResult(status, Media, () => new JsonObject { ["id"] = FirstVehicle, ["renders"] = renders }, Location: location, Key: key);
        context.Variation = variation;
        new RenderStage(Document.BasePath, null, Cache<string, string>()).Run(context);
        return context;
    }

    [Test]
    public void The_render_stage_sets_the_link_base_from_the_client_and_falls_back_on_an_unusable_host()
    {
        var context = Rendered();
        var hostile = new RequestContext(new MockRequest { Method = "GET", Path = "/", BaseUrl = "http://a\"b" }, null!) { Resource = context.Resource };
        new RenderStage(Document.BasePath, "http://public:1", Cache<string, string>()).Run(hostile);

        Assert.That(context.LinkBase, Is.EqualTo("http://localhost:8080/api/connectedcar/v1"));
        Assert.That(context.Body, Is.Not.Null);
        Assert.That(hostile.LinkBase, Is.EqualTo("http://public:1/api/connectedcar/v1"));
    }

    [Test]
    public void A_plain_answer_is_serialized_once_per_answer_key()
    {
        var answers = Cache<AnswerKey, byte[]>();
        var stage = new VariationStage(Document, answers, Cache<AnswerKey, VariationTemplate>());
        var first = Rendered(renders: 1);
        var second = Rendered(renders: 2);

        stage.Run(first);
        stage.Run(second);

        Assert.That(second.Payload, Is.SameAs(first.Payload), "the second request reuses the bytes: its body is never rendered");
        Assert.That(System.Text.Encoding.UTF8.GetString(first.Payload!), Does.Contain("\"renders\":1"));
        Assert.That(answers.Count, Is.EqualTo(1));
    }

    [Test]
    public void A_varied_answer_reports_what_it_did_and_is_not_cached()
    {
        var answers = Cache<AnswerKey, byte[]>();
        var templates = Cache<AnswerKey, VariationTemplate>();
        var stage = new VariationStage(Document, answers, templates, () => 42);
        var context = Rendered(variation: VariationSettings.Parse("extra=1").Settings);

        Assert.That(stage.Run(context), Is.Null);
        Assert.That(answers.Count, Is.Zero);
        Assert.That(templates.Count, Is.EqualTo(1));
        Assert.That(context.PayloadHeaders!.Select(h => h.Key), Does.Contain(RequestPipeline.VariationAppliedHeader).And.Contain(RequestPipeline.VariationPointersHeader));
        Assert.That(context.PayloadHeaders!.Single(h => h.Key == RequestPipeline.VariationAppliedHeader).Value, Does.StartWith("seed=42"));
    }

    [Test]
    public void A_sweep_beyond_the_variants_is_a_400()
    {
        var stage = new VariationStage(Document, Cache<AnswerKey, byte[]>(), Cache<AnswerKey, VariationTemplate>());

        AssertError(stage.Run(Rendered(variation: VariationSettings.Parse("sweep=100000").Settings)), 400, "beyond");
    }

    [Test]
    public void The_write_stage_sets_seed_location_media_type_and_body()
    {
        var context = Rendered(location: "/accounts/channels/c1", status: 202);
        new VariationStage(Document, Cache<AnswerKey, byte[]>(), Cache<AnswerKey, VariationTemplate>()).Run(context);

        var response = new WriteStage(1234).Write(context);

        Assert.That(response.Status, Is.EqualTo(202));
        Assert.That(response.ContentType, Is.EqualTo(Media.Name));
        Assert.That(response.Headers, Has.Member(new KeyValuePair<string, string>(RequestPipeline.SeedHeader, "1234")));
        Assert.That(response.Headers, Has.Member(new KeyValuePair<string, string>("Location", "http://localhost:8080/api/connectedcar/v1/accounts/channels/c1")));
        Assert.That(response.Body, Is.SameAs(context.Payload));
    }

    [Test]
    public void A_204_has_neither_body_nor_media_type()
    {
        var context = Rendered(status: 204);

        var response = new WriteStage(1).Write(context);

        Assert.That(context.Body, Is.Null);
        Assert.That(response.ContentType, Is.Null);
        Assert.That(response.Body, Is.Empty);
    }
}
