using System.Globalization;
using ConnectedCarMock.Fixtures.Variation;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Caching;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>
/// Vary: the body's bytes. Without a variation, the serialized answer (cached per answer key); with one,
/// a tolerant-reader variant written from the answer's template (the template is cached, the variant
/// never is), reported in <c>X-Mock-Variation-Applied</c> and <c>-Pointers</c>.
/// </summary>
internal sealed class VariationStage(
    ApiDocument document,
    BoundedCache<AnswerKey, byte[]> answers,
    BoundedCache<AnswerKey, VariationTemplate> templates,
    Func<int>? freshSeed = null) : IStage
{
    private readonly Func<int> _freshSeed = freshSeed ?? Random.Shared.Next;

    public MockResponse? Run(RequestContext context)
    {
        if (context.Body is not { } body)
        {
            return null;
        }

        var key = body.Key is { } resource ? new AnswerKey(resource, body.FilterSignature, context.LinkBase) : (AnswerKey?)null;
        if (context.Variation is not { } variation || body.Schema is not { } schema)
        {
            context.Payload = key is { } answer
                ? answers.GetOrAdd(answer, static (k, state) => JsonBody.Serialize(state.Body.Make(), k.LinkBase), (Body: body, Stage: this))
                : JsonBody.Serialize(body.Make(), context.LinkBase);
            return null;
        }

        var template = key is { } known
            ? templates.GetOrAdd(known, static (k, state) => VariationTemplate.Prepare(state.Document, state.Body.Make(), state.Schema, k.LinkBase), (Document: document, Body: body, Schema: schema))
            : VariationTemplate.Prepare(document, body.Make(), schema, context.LinkBase);
        var seed = variation.Seed ?? variation.Sweep ?? _freshSeed(); // a sweep variant is the same on every request
        var (varied, report) = VariationPass.Vary(template, variation, seed);
        if (varied is null)
        {
            return ErrorBodies.BadRequest($"{RequestPipeline.VariationHeader}: sweep={report.Sweep} is beyond the {report.Variants} single-field variants of this answer (0 to {report.Variants - 1})")
                .WithHeader(RequestPipeline.VariationVariantsHeader, template.Variants.ToString(CultureInfo.InvariantCulture));
        }

        context.Payload = varied;
        context.PayloadHeaders =
        [
            new(RequestPipeline.VariationAppliedHeader, report.Summary),
            new(RequestPipeline.VariationPointersHeader, report.Pointers),
        ];
        if (report.Variants is { } variants)
        {
            context.PayloadHeaders.Add(new(RequestPipeline.VariationVariantsHeader, variants.ToString(CultureInfo.InvariantCulture)));
        }

        return null;
    }
}
