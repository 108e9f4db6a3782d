using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer;
using ConnectedCarMock.MockServer.Security;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Tests.AnyDocument;

/// <summary>
/// An item no list names (Eclipse Ditto's <c>/policies/{policyId}</c>) carries the id its path gives, in the property named like
/// the parameter: a client that found the id elsewhere (a thing's <c>policyId</c>) reads the same id back.
/// </summary>
public class ItemIdentityTests
{
    private const string Document = """
        openapi: 3.0.3
        info: { title: policies, version: '1' }
        paths:
          /policies/{policyId}:
            get:
              operationId: get-policy
              parameters: [{ name: policyId, in: path, required: true, schema: { type: string } }]
              responses:
                '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/policy' } } } }
        components:
          schemas:
            policy: { type: object, required: [policyId, entries], properties: { policyId: { type: string }, entries: { type: object } } }
        """;

    [TestCase("org.eclipse.ditto:policy-1")]
    [TestCase("87894b69d0fb4113ede46a3b")]
    public async Task The_policy_answers_with_the_policyId_of_its_path(string policyId)
    {
        var document = SpecLoader.Parse(Document, "policies.yaml");
        await using var mock = await ConnectedCarMockServer.StartAsync(document, new MockServerOptions { Port = 0, Security = new SecurityOptions { Enabled = false } });
        using var http = new HttpClient();

        var policy = JsonNode.Parse(await http.GetStringAsync($"{mock.ApiUrl}/policies/{Uri.EscapeDataString(policyId)}"));

        Assert.That(policy?["policyId"]?.GetValue<string>(), Is.EqualTo(policyId));
    }
}
