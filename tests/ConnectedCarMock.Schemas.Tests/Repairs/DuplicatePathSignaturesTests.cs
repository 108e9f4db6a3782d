using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class DuplicatePathSignaturesTests
{
    private const string Text = Documents.Oas30 + """
        paths:
          /invites/{inviteId}:
            delete:
              operationId: deleteInvite
              parameters: [{ name: inviteId, in: path, required: true, schema: { type: string } }]
              responses: { '204': { description: Deleted } }
          /invites/{token}:
            get:
              operationId: readInvite
              parameters: [{ name: token, in: path, required: true, schema: { type: string } }]
              responses: { '200': { description: The invite } }
            delete:
              operationId: revokeInvite
              parameters: [{ name: token, in: path, required: true, schema: { type: string } }]
              responses: { '204': { description: Revoked } }
        """;

    [Test]
    public void Both_paths_are_kept_with_their_parameter_names_and_the_unreachable_method_is_named()
    {
        var document = RepairHarness.Load(Text);

        Assert.Multiple(() =>
        {
            Assert.That(document.GetOperation("readInvite").PathParameters.Single().Name, Is.EqualTo("token"));
            Assert.That(document.GetOperation("deleteInvite").PathParameters.Single().Name, Is.EqualTo("inviteId"));
            Assert.That(document.Warnings.Single().Code, Is.EqualTo("duplicate-path-signature"));
            Assert.That(document.Warnings.Single().Message, Is.EqualTo(
                "path '/invites/{token}' differs from '/invites/{inviteId}' only in parameter names; both are served, but its DELETE never answers: '/invites/{inviteId}' takes those requests"));
        });
    }

    [Test]
    public void Without_the_repair_OpenAPI_NET_refuses_the_paths()
    {
        var error = Assert.Throws<SpecLoadException>(() => RepairHarness.LoadWithout<DuplicatePathSignatures>(Text))!;

        Assert.That(error.Reason, Does.Contain("MUST be unique"));
    }
}
