using System.Text.Json.Nodes;

namespace ConnectedCarMock.Pact.Dsl.Tests.SpecCheck;

/// <summary>Small V4 pacts written inline, for rules that need one interaction each.</summary>
internal static class PactText
{
    public static string Get(string path, int status, object? body, string contentType = "application/hal+json", JsonObject? rules = null) =>
        Of(Interaction("GET", path, status, body, contentType, rules));

    public static JsonObject Interaction(string method, string path, int status, object? body, string contentType = "application/hal+json", JsonObject? rules = null)
    {
        var response = new JsonObject { ["status"] = status };
        if (body is not null)
        {
            response["body"] = new JsonObject
            {
                ["content"] = System.Text.Json.JsonSerializer.SerializeToNode(body),
                ["contentType"] = contentType,
                ["encoded"] = false,
            };
            response["headers"] = new JsonObject { ["Content-Type"] = new JsonArray(contentType) };
        }

        if (rules is not null)
        {
            response["matchingRules"] = rules;
        }

        return new JsonObject
        {
            ["type"] = "Synchronous/HTTP",
            ["description"] = $"{method} {path}",
            ["request"] = new JsonObject { ["method"] = method, ["path"] = path },
            ["response"] = response,
        };
    }

    public static string Of(params JsonObject[] interactions) => new JsonObject
    {
        ["consumer"] = new JsonObject { ["name"] = "CarApp" },
        ["provider"] = new JsonObject { ["name"] = "ConnectedCarApi" },
        ["interactions"] = new JsonArray([.. interactions]),
        ["metadata"] = new JsonObject { ["pactSpecification"] = new JsonObject { ["version"] = "4.0" } },
    }.ToJsonString();

    /// <summary>Body matching rules: one matcher per rule path.</summary>
    public static JsonObject BodyRules(params (string Path, JsonObject Matcher)[] rules)
    {
        var body = new JsonObject();
        foreach (var (path, matcher) in rules)
        {
            body[path] = new JsonObject { ["combine"] = "AND", ["matchers"] = new JsonArray(matcher) };
        }

        return new JsonObject { ["body"] = body };
    }
}
