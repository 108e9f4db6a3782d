using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class DuplicateOperationIdsTests
{
    [Test]
    public void Every_operation_sharing_an_id_is_kept_under_an_id_of_its_own()
    {
        var document = RepairHarness.Load(Documents.Oas30 + """
            paths:
              /cars:
                get: { operationId: list, responses: { '200': { description: Cars } } }
              /trucks:
                get: { operationId: list, responses: { '200': { description: Trucks } } }
              /vans:
                get: { operationId: list, responses: { '200': { description: Vans } } }
                post: { operationId: list, responses: { '201': { description: A van } } }
            """);

        Assert.Multiple(() =>
        {
            Assert.That(document.Operations.Select(o => o.Id), Is.EqualTo(new[] { "list", "list_get", "list_get_2", "list_post" }));
            Assert.That(document.GetOperation("list_get_2").Path, Is.EqualTo("/vans"));
            Assert.That(document.Warnings.Of("duplicate-operation-id").First().Message, Is.EqualTo("operationId 'list' is used twice; this one is called 'list_get'"));
            Assert.That(document.Warnings.Of("duplicate-operation-id").First().Location, Is.EqualTo("/paths/~1trucks/get"));
        });
    }

    [Test]
    public void A_generated_suffix_never_takes_an_id_the_document_uses()
    {
        var taken = new HashSet<string> { "list", "list_get" };

        Assert.That(DuplicateOperationIds.Unique("list", "get", taken), Is.EqualTo("list_get_2"));
    }
}
