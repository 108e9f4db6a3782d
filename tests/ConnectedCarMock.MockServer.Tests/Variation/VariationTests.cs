using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.Tests.Support;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Tests.Variation;

/// <summary>
/// Randomized extra and missing fields: always valid for a tolerant reader, nearly always invalid for a
/// closed-world reader, never missing a required property, reported and replayable.
/// </summary>
public class VariationTests
{
    private const int Seeds = 20;

    public static IEnumerable<TestCaseData> Documents() => Specs.Names.Select(n => new TestCaseData(n).SetName($"variation › {n}"));

    [TestCaseSource(nameof(Documents))]
    public async Task Varied_bodies_are_valid_for_tolerant_readers_and_break_closed_ones(string spec)
    {
        await using var mock = await RunningMock.StartAsync(spec);
        var document = mock.Document;
        var varied = 0;
        var closedInvalid = 0;
        var failures = new List<string>();
        foreach (var operation in document.Operations.OrderBy(o => o.Method == "DELETE"))
        {
            var media = operation.SuccessResponses.First().Content.FirstOrDefault();
            if (media?.Schema is null)
            {
                continue;
            }

            for (var seed = 1; seed <= Seeds; seed++)
            {
                var plainRequest = mock.RequestFor(operation, seed);
                var request = mock.RequestFor(operation, seed);
                request.Headers.Add(RequestPipeline.VariationHeader, $"missing=0.5; extra=0.5; seed={seed}");
                var plain = operation.Method == "GET" ? (await mock.SendAsync(plainRequest)).Body : null;
                var (status, _, body, response) = await mock.SendAsync(request);
                if (status != operation.SuccessResponses.First().Code)
                {
                    failures.Add($"{operation.Id} seed {seed}: status {status} {body}");
                    continue;
                }

                varied++;
                var tolerant = document.Validator.Validate(media.Schema, body, ValidationMode.Tolerant);
                if (!tolerant.IsValid)
                {
                    failures.Add($"{operation.Id} seed {seed}: tolerant: {tolerant}");
                }

                if (!document.Validator.Validate(media.Schema, body, ValidationMode.Closed).IsValid)
                {
                    closedInvalid++;
                }

                var applied = response.Headers.GetValues(RequestPipeline.VariationAppliedHeader).Single();
                Assert.That(applied, Does.StartWith($"seed={seed}; removed="));
                if (plain is not null)
                {
                    var pointers = response.Headers.GetValues(RequestPipeline.VariationPointersHeader).Single();
                    failures.AddRange(CheckRemovals(document, media.Schema, JsonNode.Parse(plain)!, JsonNode.Parse(body)!, pointers).Select(f => $"{operation.Id} seed {seed}: {f}"));
                }
            }
        }

        var share = (double)closedInvalid / varied;
        TestContext.Out.WriteLine($"{spec}: {varied} varied bodies, {closedInvalid} ({share:P1}) invalid in closed mode, {failures.Count} failures");
        Assert.That(failures, Is.Empty);
        Assert.That(share, Is.GreaterThanOrEqualTo(0.9));
    }

    /// <summary>Every removed property was optional, and every kept declared scalar is unchanged.</summary>
    private static IEnumerable<string> CheckRemovals(ApiDocument document, Schema schema, JsonNode plain, JsonNode varied, string pointers)
    {
        var removed = Part(pointers, "removed");
        var added = Part(pointers, "added");
        foreach (var pointer in removed)
        {
            var (parentView, name) = ViewOfParent(document, schema, plain, pointer);
            if (parentView?.Required.Contains(name) == true)
            {
                yield return $"required {pointer} was removed";
            }

            if (Has(varied, pointer))
            {
                yield return $"{pointer} is reported removed but is present";
            }
        }

        foreach (var pointer in added)
        {
            if (!Has(varied, pointer))
            {
                yield return $"{pointer} is reported added but absent";
            }

            if (Has(plain, pointer))
            {
                yield return $"{pointer} is reported added but was there before";
            }
        }

        foreach (var (pointer, value) in Scalars(plain, string.Empty))
        {
            if (!removed.Any(r => pointer == r || pointer.StartsWith(r + "/", StringComparison.Ordinal)) && !JsonNode.DeepEquals(At(varied, pointer), value))
            {
                yield return $"kept {pointer} changed";
            }
        }
    }

    internal static List<string> Part(string pointers, string kind) =>
        pointers.Split("; ", StringSplitOptions.RemoveEmptyEntries).Where(p => p.StartsWith(kind + "=", StringComparison.Ordinal))
            .SelectMany(p => p[(kind.Length + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();

    private static (SchemaView? View, string Name) ViewOfParent(ApiDocument document, Schema schema, JsonNode root, string pointer)
    {
        var tokens = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        var view = document.View(schema);
        foreach (var token in tokens[..^1])
        {
            if (int.TryParse(token, out _))
            {
                view = view.Items is { } items ? document.View(items) : null!;
            }
            else
            {
                view = view.Property(token) is { } p ? document.View(p.Schema) : null!;
            }

            if (view is null)
            {
                return (null, tokens[^1]);
            }
        }

        return (view, tokens[^1]);
    }

    internal static IEnumerable<(string Pointer, JsonNode? Value)> Scalars(JsonNode? node, string pointer)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    foreach (var inner in Scalars(value, pointer + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var inner in Scalars(array[i], $"{pointer}/{i}"))
                    {
                        yield return inner;
                    }
                }

                break;
            default:
                yield return (pointer, node);
                break;
        }
    }

    /// <summary>Whether the property at the pointer exists (its value may be null).</summary>
    internal static bool Has(JsonNode? root, string pointer)
    {
        var slash = pointer.LastIndexOf('/');
        var name = pointer[(slash + 1)..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        return At(root, pointer[..slash]) is JsonObject parent && parent.ContainsKey(name);
    }

    internal static JsonNode? At(JsonNode? root, string pointer)
    {
        var node = root;
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject o => o[token],
                JsonArray a when int.TryParse(token, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }

        return node;
    }
}
