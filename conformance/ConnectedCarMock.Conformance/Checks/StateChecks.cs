using ConnectedCarMock.Conformance.Runner;
using ConnectedCarMock.Fixtures.World;

namespace ConnectedCarMock.Conformance.Checks;

internal sealed class LifecycleCheck : Check
{
    public override string Id => "state.lifecycle";

    public override string Description => "Create → read (2xx) → delete (2xx) → read (404), for collections the client creates (channels, monitors, remotes).";

    public override string? NotApplicable(OperationContext operation) =>
        Collection(operation) is null ? "not the create operation of a collection with a readable item" : null;

    public override async Task RunAsync(CaseContext context)
    {
        var collection = Collection(context.Op)!;
        var discovery = context.Session.Discovery;
        var parents = collection.List.Parameters.Count == 0
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : new Dictionary<string, string>(await discovery.ValuesAsync(collection.List, context.CancellationToken), StringComparer.Ordinal);
        var token = await context.TokenAsync(context.Session.EveryScope);
        var requests = context.Session.Requests;

        var created = await context.SendAsync(requests.Valid(context.Operation, parents, token), "create");
        if (!context.ExpectSuccess(created, "create"))
        {
            return;
        }

        if (discovery.CreatedId(collection, created, parents) is not { } id)
        {
            context.Fail("the creation answer does not say where the new item is (no Location, no self link, no id property)", created);
            return;
        }

        var values = new Dictionary<string, string>(parents, StringComparer.Ordinal) { [collection.ItemParameter!] = id };
        context.Session.Created(collection, values);
        var read = await context.SendAsync(requests.Valid(collection.ItemOperation!, values, token), $"read {collection.Singular} {id}");
        if (!context.ExpectSuccess(read, $"read after create ({collection.ItemOperation!.Id})", collection.ItemOperation))
        {
            return;
        }

        if (collection.DeleteOperation is not { } delete)
        {
            context.Note($"the document has no DELETE for {collection.Item}: create and read only");
            return;
        }

        var deleted = await context.SendAsync(requests.Valid(delete, values, token) with { Body = null, ContentType = null }, $"delete {id}");
        if (!context.ExpectSuccess(deleted, $"delete ({delete.Id})", delete))
        {
            return;
        }

        var gone = await context.SendAsync(requests.Valid(collection.ItemOperation, values, token), $"read {id} after delete");
        context.ExpectStatus(gone, 404, $"read after delete ({collection.ItemOperation.Id})");
    }

    private static ResourceCollection? Collection(OperationContext operation) =>
        operation.Operation.Method != "POST" ? null
            : operation.Session.Model.Collections.FirstOrDefault(c => c.CreateOperation == operation.Operation && c.Item is not null && c.ItemOperation is not null);
}
