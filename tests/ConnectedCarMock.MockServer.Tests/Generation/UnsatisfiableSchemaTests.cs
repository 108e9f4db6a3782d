using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Tests.Generation;

/// <summary>
/// Over the running server: an answer whose schema admits no value is a clear error in the API's error
/// model, naming the schema's pointer and the reason, never an invalid body; the server goes on answering.
/// </summary>
public class UnsatisfiableSchemaTests
{
    private const string Document = """
        openapi: 3.0.3
        info: { title: impossible answers, version: "1" }
        servers: [{ url: "http://localhost/api" }]
        paths:
          /gauges:
            get:
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema: { type: array, minItems: 1, items: { $ref: '#/components/schemas/Gauge' } }
          /gauges/{gaugeId}:
            get:
              parameters: [{ name: gaugeId, in: path, required: true, schema: { type: string } }]
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/Gauge' }
          /status:
            get:
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema: { type: object, required: [up], properties: { up: { type: boolean } } }
        components:
          schemas:
            Gauge:
              type: object
              required: [id, reading]
              properties:
                id: { type: string }
                reading:
                  allOf:
                    - { type: number, minimum: 10 }
                    - { type: number, maximum: 5 }
        """;

    [Test]
    public async Task An_answer_whose_schema_admits_no_value_names_the_schema_and_the_reason()
    {
        var log = new List<string>();
        var document = SpecLoader.Parse(Document, "impossible.yaml");
        await using var server = await ConnectedCarMockServer.StartAsync(document, new MockServerOptions { Port = 0 }, line =>
        {
            lock (log)
            {
                log.Add(line);
            }
        });
        using var http = new HttpClient { BaseAddress = new Uri(server.ApiUrl + "/") };
        var world = new FleetWorld(document, new WorldOptions { Seed = server.Options.Seed, Size = server.Options.WorldSize });
        var gauge = world.IdsOf(world.Model.ByList("/gauges")!, new Dictionary<string, string>())[0];

        // A list is rendered when the resource is resolved, an item when its answer is first made: both are covered.
        foreach (var (path, pointer) in new[]
        {
            ("gauges", "/paths/~1gauges/get/responses/200/content/application~1json/schema"),
            ("gauges/" + gauge, "/paths/~1gauges~1{gaugeId}/get/responses/200/content/application~1json/schema"),
            ("status", (string?)null),
        })
        {
            using var response = await http.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            if (pointer is null)
            {
                Assert.That((int)response.StatusCode, Is.EqualTo(200), "the server goes on answering: " + text);
                continue;
            }

            TestContext.Out.WriteLine($"GET {path}: {(int)response.StatusCode} {text}");
            var error = JsonNode.Parse(text)!.AsObject();
            Assert.That((int)response.StatusCode, Is.EqualTo(500), text);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(error.Select(p => p.Key), Is.EquivalentTo(new[] { "name", "debug", "message" }));
            Assert.That(error["name"]!.GetValue<string>(), Is.EqualTo("SCHEMA_ADMITS_NO_VALUE"));
            Assert.That(error["debug"]!.GetValue<string>(), Does.StartWith("ERROR_"));
            Assert.That(error["message"]!.GetValue<string>(), Does.Contain(pointer)
                .And.Contain("/components/schemas/Gauge/properties/reading")
                .And.Contain("no number lies between the lower bound 10 and the upper bound 5"));
            lock (log)
            {
                Assert.That(log, Has.Some.Contains(error["debug"]!.GetValue<string>()).And.Contains("SCHEMA_ADMITS_NO_VALUE"));
            }
        }
    }
}
