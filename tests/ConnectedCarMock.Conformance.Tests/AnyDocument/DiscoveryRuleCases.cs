namespace ConnectedCarMock.Conformance.Tests.AnyDocument;

/// <summary>Reads, from the mock at <c>api</c>, the values a rule may give a parameter (list paths take the values the case used).</summary>
public delegate Task<IReadOnlyList<string>> ReadValues(HttpClient http, string api, IReadOnlyDictionary<string, string> used);

/// <summary>A document of the shape one discovery rule is for, the operation it lets run, and where each of its values comes from.</summary>
public sealed record DiscoveryRuleCase(
    string Name,
    string Document,
    string OperationId,
    IReadOnlyDictionary<string, ReadValues> Expected)
{
    public override string ToString() => Name;
}

/// <summary>One case per rule, each modelled on the corpus document that needed it.</summary>
internal static class DiscoveryRuleCases
{
    private const string Head = """
        openapi: 3.0.3
        info: { title: rule, version: '1' }
        paths:

        """;

    private const string Repo = "repo: { type: object, required: [id, name, owner], properties: { id: { type: integer }, name: { type: string }, owner: { $ref: '#/components/schemas/user' } } }";
    private const string User = "user: { type: object, required: [id, login], properties: { id: { type: integer }, login: { type: string } } }";

    public static IReadOnlyList<DiscoveryRuleCase> All =>
    [
        new(
            "gitea: {owner} is the owner.login of a repository, {repo} its name, both from the same item of /user/repos",
            Head + """
              /user/repos:
                get:
                  operationId: list-my-repos
                  responses: { '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/repo' } } } } } }
              /repos/{owner}/{repo}/topics:
                get:
                  operationId: list-topics
                  parameters:
                    - { name: owner, in: path, required: true, schema: { type: string } }
                    - { name: repo, in: path, required: true, schema: { type: string } }
                  responses: { '200': { description: ok, content: { application/json: { schema: { type: object, properties: { topics: { type: array, items: { type: string } } } } } } } }
            components:
              schemas:
            """ + "\n    " + Repo + "\n    " + User + "\n",
            "list-topics",
            new Dictionary<string, ReadValues>
            {
                ["owner"] = DiscoveryRuleTests.Listed("/user/repos", "owner", "login"),
                ["repo"] = DiscoveryRuleTests.Listed("/user/repos", "name"),
            }),
        new(
            "gitea: {org} names the items of /user/orgs, by their username",
            Head + """
              /user/orgs:
                get:
                  operationId: list-my-orgs
                  responses: { '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/org' } } } } } }
              /orgs/{org}/settings:
                get:
                  operationId: get-org-settings
                  parameters: [{ name: org, in: path, required: true, schema: { type: string } }]
                  responses: { '200': { description: ok, content: { application/json: { schema: { type: object, properties: { visibility: { type: string } } } } } } }
            components:
              schemas:
                org: { type: object, required: [id, username], properties: { id: { type: integer }, username: { type: string }, full_name: { type: string } } }
            """,
            "get-org-settings",
            new Dictionary<string, ReadValues> { ["org"] = DiscoveryRuleTests.Listed("/user/orgs", "username") }),
        new(
            "gitea: the {id} of /teams/{id} comes from /orgs/{org}/teams, whose {org} is found in turn",
            Head + """
              /user/orgs:
                get:
                  operationId: list-my-orgs
                  responses: { '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/org' } } } } } }
              /orgs/{org}/teams:
                get:
                  operationId: list-org-teams
                  parameters: [{ name: org, in: path, required: true, schema: { type: string } }]
                  responses: { '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/team' } } } } } }
              /teams/{id}/settings:
                get:
                  operationId: get-team-settings
                  parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
                  responses: { '200': { description: ok, content: { application/json: { schema: { type: object, properties: { permission: { type: string } } } } } } }
            components:
              schemas:
                org: { type: object, required: [id, username], properties: { id: { type: integer }, username: { type: string } } }
                team: { type: object, required: [id, name], properties: { id: { type: integer, minimum: 1 }, name: { type: string } } }
            """,
            "get-team-settings",
            new Dictionary<string, ReadValues>()),
        new(
            "docker: {name} of /images/{name}/history is the Id of the items of /images/json beside it",
            Head + """
              /images/json:
                get:
                  operationId: list-images
                  responses: { '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/image' } } } } } }
              /images/{name}/history:
                get:
                  operationId: get-image-history
                  parameters: [{ name: name, in: path, required: true, schema: { type: string } }]
                  responses: { '200': { description: ok, content: { application/json: { schema: { type: array, items: { type: object, properties: { Id: { type: string } } } } } } } }
            components:
              schemas:
                image: { type: object, required: [Id, RepoTags], properties: { Id: { type: string }, RepoTags: { type: array, items: { type: string } } } }
            """,
            "get-image-history",
            new Dictionary<string, ReadValues> { ["name"] = DiscoveryRuleTests.Listed("/images/json", "Id") }),
        new(
            "gitea: a branch of /branches/{branch} is known by its name, the list's items have no id",
            Head + """
              /branches:
                get:
                  operationId: list-branches
                  responses: { '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/branch' } } } } } }
              /branches/{branch}:
                get:
                  operationId: get-branch
                  parameters: [{ name: branch, in: path, required: true, schema: { type: string } }]
                  responses:
                    '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/branch' } } } }
                    '404': { description: none }
            components:
              schemas:
                branch: { type: object, required: [name, protected], properties: { name: { type: string }, protected: { type: boolean } } }
            """,
            "get-branch",
            new Dictionary<string, ReadValues> { ["branch"] = DiscoveryRuleTests.Listed("/branches", "name") }),
        new(
            "codat: {platformKey} sits right under /config/integrations, whose items give their key",
            Head + """
              /config/integrations:
                get:
                  operationId: list-integrations
                  responses: { '200': { description: ok, content: { application/json: { schema: { type: object, properties: { results: { type: array, items: { $ref: '#/components/schemas/integration' } } } } } } } }
              /config/integrations/{platformKey}/branding:
                get:
                  operationId: get-branding
                  parameters: [{ name: platformKey, in: path, required: true, schema: { type: string } }]
                  responses: { '200': { description: ok, content: { application/json: { schema: { type: object, properties: { logo: { type: string } } } } } } }
            components:
              schemas:
                integration: { type: object, required: [key, name], properties: { key: { type: string }, name: { type: string } } }
            """,
            "get-branding",
            new Dictionary<string, ReadValues> { ["platformKey"] = DiscoveryRuleTests.Listed("/config/integrations", "key") }),
        new(
            "edmunds: no list names {makeNiceName}, the document's default does",
            Head + """
              /api/vehicle/v2/{makeNiceName}/models:
                get:
                  operationId: get-models
                  parameters: [{ name: makeNiceName, in: path, required: true, schema: { type: string, default: audi } }]
                  responses: { '200': { description: ok, content: { application/json: { schema: { type: object, properties: { modelsCount: { type: integer } } } } } } }
            """,
            "get-models",
            new Dictionary<string, ReadValues> { ["makeNiceName"] = DiscoveryRuleTests.Given("audi") }),
        new(
            "paypal: setup tokens can be created but not listed, the run reads one it created",
            Head + """
              /v3/vault/setup-tokens:
                post:
                  operationId: create-setup-token
                  requestBody: { required: true, content: { application/json: { schema: { $ref: '#/components/schemas/token' } } } }
                  responses: { '201': { description: created, content: { application/json: { schema: { $ref: '#/components/schemas/token' } } } } }
              /v3/vault/setup-tokens/{id}:
                get:
                  operationId: get-setup-token
                  parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
                  responses:
                    '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/token' } } } }
                    '404': { description: none }
            components:
              schemas:
                token: { type: object, required: [customer], properties: { id: { type: string, readOnly: true }, customer: { type: string } } }
            """,
            "get-setup-token",
            new Dictionary<string, ReadValues>()),
        new(
            "bitbucket: an item without id property names itself by links.self.href, outside HAL",
            Head + """
              /snippets:
                get:
                  operationId: list-snippets
                  responses: { '200': { description: ok, content: { application/json: { schema: { type: object, properties: { values: { type: array, items: { $ref: '#/components/schemas/snippet' } } } } } } } }
              /snippets/{encoded_id}:
                get:
                  operationId: get-snippet
                  parameters: [{ name: encoded_id, in: path, required: true, schema: { type: string } }]
                  responses:
                    '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/snippet' } } } }
                    '404': { description: none }
            components:
              schemas:
                snippet:
                  type: object
                  required: [title, links]
                  properties:
                    title: { type: string }
                    links: { type: object, required: [self], additionalProperties: false, properties: { self: { type: object, properties: { href: { type: string, format: uri } } } } }
            """,
            "get-snippet",
            new Dictionary<string, ReadValues> { ["encoded_id"] = DiscoveryRuleTests.Linked("/snippets", "links", "self", "href") }),
    ];
}
