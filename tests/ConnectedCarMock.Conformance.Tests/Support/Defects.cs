using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Tests.Support;

/// <summary>A wrapper around the mock's pipeline that makes it wrong in one way.</summary>
internal delegate Task<MockResponse> Interceptor(MockRequest request, Func<MockRequest, Task<MockResponse>> next);

/// <summary>One deliberately defective implementation and the check that must catch it.</summary>
internal sealed record Defect(string Name, string CheckId, string What, Func<DefectTools, Interceptor> Create)
{
    public override string ToString() => Name;
}

/// <summary>
/// The catalogue of defective implementations: the mock with one defect each, injected through its
/// test-only interceptor. Every defect is written against the API's rules, not against how the
/// runner happens to probe: none looks for the runner's own property names or ids.
/// </summary>
internal static class Defects
{
    public static IReadOnlyList<Defect> All { get; } =
    [
        new("scopes ignored", "auth.insufficient-scope", "a token lacking a required scope is served anyway", t => async (request, next) =>
            await next(request) is var response && response.Status == 403 && DefectTools.Scopes(request) is { Count: > 0 }
                ? await next(DefectTools.WithToken(request, t.EveryScopeToken))
                : response),

        new("parent scope refused", "auth.parent-scope", "only the exact scope names are accepted, not their parents", t => async (request, next) =>
        {
            var response = await next(request);
            if (response.Status is >= 200 and < 300 && t.Route(request) is { } operation && DefectTools.Scopes(request) is { Count: > 0 } granted)
            {
                var literal = operation.RequiredScopes.Count > 0 ? operation.RequiredScopes.All(granted.Contains) : !operation.OptionalScopes.Any() || operation.OptionalScopes.Any(granted.Contains);
                return literal ? response : DefectTools.Forbidden(operation.Scopes.First());
            }

            return response;
        }),

        new("403 where 401 is due", "auth.missing-token", "missing or bad credentials answer 403", _ => async (request, next) =>
            await next(request) is var response && response.Status == 401 ? response.WithStatus(403) : response),

        new("WWW-Authenticate missing", "auth.missing-token", "401 and 403 come without a challenge", _ => async (request, next) =>
        {
            var response = await next(request);
            response.Headers.RemoveAll(h => h.Key.Equals("WWW-Authenticate", StringComparison.OrdinalIgnoreCase));
            return response;
        }),

        new("signature not checked", "auth.invalid-token", "a token's claims are trusted without checking its signature or expiry", _ => async (request, next) =>
        {
            var response = await next(request);
            return response.Status == 401 && DefectTools.Scopes(request) is { Count: > 0 } claimed
                ? await next(DefectTools.WithToken(request, DefectTools.Mint(claimed)))
                : response;
        }),

        new("token without scopes accepted", "auth.no-scopes", "a token that grants nothing is served as if it granted everything", t => (request, next) =>
            next(DefectTools.Scopes(request) is { Count: 0 } ? DefectTools.WithToken(request, t.EveryScopeToken) : request)),

        new("optional scopes demanded", "auth.required-scope", "a token must hold every scope the operation mentions, optional ones too", t => async (request, next) =>
        {
            var response = await next(request);
            if (response.Status is >= 200 and < 300 && t.Route(request) is { } operation && DefectTools.Scopes(request) is { Count: > 0 } granted
                && operation.Scopes.FirstOrDefault(s => !new ScopeSet(granted).Covers(s)) is { } lacking)
            {
                return DefectTools.Forbidden(lacking);
            }

            return response;
        }),

        new("filtering not applied", "scopes.filtering", "optional scopes do not shape the answer: every block is always served", t => async (request, next) =>
        {
            var response = await next(request);
            return response.Status == 200 && request.Method == "GET" ? await next(DefectTools.WithToken(request, t.EveryScopeToken)) : response;
        }),

        new("creation answers 200", "status.success", "creations answer 200 where the document says 202", _ => async (request, next) =>
            await next(request) is var response && response.Status == 202 && request.Method == "POST" ? response.WithStatus(200) : response),

        new("200 for unknown ids", "status.not-found", "ids that name nothing answer 200 with an empty object", _ => async (request, next) =>
        {
            var response = await next(request);
            return response.Status == 404
                ? new MockResponse(200) { ContentType = "application/hal+json", Body = "{}"u8.ToArray() }
                : response;
        }),

        new("500 on a bad parameter", "status.bad-request", "invalid input crashes the server: 500 instead of 400", _ => async (request, next) =>
            await next(request) is var response && response.Status == 400 ? response.WithStatus(500) : response),

        new("405 answered as 404", "status.method-not-allowed", "a method the path lacks answers 404", _ => async (request, next) =>
            await next(request) is var response && response.Status == 405 ? DefectTools.Error(404, "NOT_FOUND", "no such route") : response),

        new("required property dropped", "response.schema-tolerant", "the first required property of each answer is left out", t => async (request, next) =>
        {
            var response = await next(request);
            if (t.Route(request) is not { } operation || DefectTools.SuccessSchema(operation) is not { } schema)
            {
                return response;
            }

            var required = t.Document.View(schema).Required.Where(r => r != "_links").ToList();
            return DefectTools.EditJson(response, body =>
            {
                if (required.FirstOrDefault(body.ContainsKey) is { } name)
                {
                    body.Remove(name);
                }
            });
        }),

        new("property of the wrong type", "response.schema-tolerant", "a string property is served as a number", t => async (request, next) =>
        {
            var response = await next(request);
            if (t.Route(request) is not { } operation || DefectTools.SuccessSchema(operation) is not { } schema)
            {
                return response;
            }

            var view = t.Document.View(schema);
            return DefectTools.EditJson(response, body =>
            {
                var text = view.Properties.FirstOrDefault(p => t.Document.View(p.Schema).Types is ["string"] && body[p.Name] is JsonValue);
                if (text is not null)
                {
                    body[text.Name] = 12345;
                }
            });
        }),

        new("wrong content type", "response.content-type", "HAL answers are labelled application/json", _ => async (request, next) =>
        {
            var response = await next(request);
            if (response.Status is >= 200 and < 300 && response.ContentType == "application/hal+json")
            {
                response.ContentType = "application/json";
            }

            return response;
        }),

        new("error body as text/plain", "response.error-model", "errors are plain text instead of xError JSON", _ => async (request, next) =>
        {
            var response = await next(request);
            if (response.Status < 400)
            {
                return response;
            }

            var text = new MockResponse(response.Status) { ContentType = "text/plain", Body = "something went wrong"u8.ToArray() };
            text.Headers.AddRange(response.Headers);
            return text;
        }),

        new("_links.self pointing nowhere", "response.hal-links", "self links point at a path that does not exist", t => async (request, next) =>
            DefectTools.EditJson(await next(request), body =>
            {
                if (body["_links"] is JsonObject { } links && links["self"] is JsonObject self)
                {
                    self["href"] = request.BaseUrl + t.Document.BasePath + "/nowhere";
                }
            })),

        new("paging that loops", "response.paging", "the next link of every later page points at that same page", _ => async (request, next) =>
            request.Query.ContainsKey("pageToken")
                ? DefectTools.EditJson(await next(request), body =>
                {
                    if (body["_links"] is JsonObject links && links["self"]?.DeepClone() is { } self)
                    {
                        links["next"] = self;
                    }
                })
                : await next(request)),

        new("extra request properties refused", "request.tolerant-body", "a request body with a property the document does not declare answers 400", t => (request, next) =>
        {
            if (request.Body.Length > 0 && t.Route(request)?.RequestBody?.Content.FirstOrDefault(m => m.IsJson)?.Schema is { } schema
                && JsonNode.Parse(request.Body) is JsonObject body && t.IsValid(schema, body, ValidationMode.Tolerant) && !t.IsValid(schema, body, ValidationMode.Closed))
            {
                return Task.FromResult(DefectTools.Error(400, "BAD_REQUEST", "unknown property in the request body"));
            }

            return next(request);
        }),

        new("DELETE that does not delete", "state.lifecycle", "DELETE checks credentials and the id, answers 204, and leaves the item in place", _ => async (request, next) =>
        {
            if (request.Method != "DELETE")
            {
                return await next(request);
            }

            // Reading the item instead applies the same credentials and 404 rules, and deletes nothing.
            var read = await next(new MockRequest { Method = "GET", Path = request.Path, Query = request.Query, Headers = request.Headers, BaseUrl = request.BaseUrl, RawQuery = request.RawQuery });
            return read.Status is >= 200 and < 300 ? new MockResponse(204) : read;
        }),
    ];
}
