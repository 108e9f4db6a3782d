namespace ConnectedCarMock.Schemas.Tests;

/// <summary>Every row of the scope rules table in the README.</summary>
public class ScopeSetTests
{
    public static IEnumerable<TestCaseData> Rules()
    {
        yield return Row("data:telemetry", "data:telemetry:vehicle:location", true, "a parent covers its children");
        yield return Row("data:telemetry:vehicle:location", "data:telemetry:vehicle:location", true, "a scope covers itself");
        yield return Row("data:telemetry:vehicle:location", "data:telemetry", false, "a child does not cover its parent");
        yield return Row("data:telemetry:vehicle:battery", "data:telemetry:vehicle:location", false, "siblings do not cover each other");
        yield return Row("data:tele", "data:telemetry", false, "prefixes compare whole segments");
        yield return Row("remote", "remote:locking", true, "read access to a parent covers read access to a child");
        yield return Row("remote", "remote:locking:write", false, "read does not imply write");
        yield return Row("remote:locking:write", "remote:locking", false, "write does not imply read");
        yield return Row("remote:write", "remote:locking:write", true, "write access to a parent covers write access to a child");
        yield return Row("channel", "channel:write", false, "write is an access qualifier, not a sub-resource");
        yield return Row("channel:write", "channel:write", true, "a write scope covers itself");
        yield return Row("monitor", "monitor:read", true, "only write is a qualifier; read is an ordinary segment");
        yield return Row("Data:Vehicle", "data:vehicle", false, "names are case-sensitive");
        yield return Row("data:vehicle ", "data:vehicle", false, "names are compared exactly, without trimming");
    }

    [TestCaseSource(nameof(Rules))]
    public void Coverage_follows_the_rules_table(string granted, string required, bool covers) =>
        Assert.That(new ScopeSet([granted]).Covers(required), Is.EqualTo(covers));

    [Test]
    public void A_scope_claim_is_split_on_spaces() =>
        Assert.That(ScopeSet.Parse("data:trip  data:collision").Names, Is.EqualTo(new[] { "data:trip", "data:collision" }));

    [Test]
    public void An_empty_claim_is_an_empty_set() =>
        Assert.That(ScopeSet.Parse("  ").IsEmpty, Is.True);

    [Test]
    public void A_missing_required_scope_is_named()
    {
        var decision = ScopeSet.Parse("data:trip").Authorize(Operation(required: ["data:trip", "data:collision"]));

        Assert.That(decision.IsAllowed, Is.False);
        Assert.That(decision.Missing, Is.EqualTo(new[] { "data:collision" }));
    }

    [Test]
    public void A_parent_scope_satisfies_required_child_scopes() =>
        Assert.That(ScopeSet.Parse("data").Authorize(Operation(required: ["data:trip", "data:collision"])).IsAllowed, Is.True);

    [Test]
    public void An_operation_with_only_optional_scopes_needs_one_of_them()
    {
        var operation = Operation(optional: ["data:telemetry:vehicle:battery", "data:telemetry:vehicle:location"]);

        Assert.Multiple(() =>
        {
            Assert.That(ScopeSet.Parse("data:trip").Authorize(operation).IsAllowed, Is.False);
            Assert.That(ScopeSet.Parse("data:trip").Authorize(operation).Missing, Is.EqualTo(operation.OptionalScopes));
            Assert.That(ScopeSet.Parse("data:telemetry:vehicle:battery").Authorize(operation).IsAllowed, Is.True);
            Assert.That(ScopeSet.Parse("data:telemetry").Authorize(operation).IsAllowed, Is.True);
        });
    }

    [Test]
    public void An_operation_without_scopes_accepts_any_token() =>
        Assert.That(ScopeSet.Parse("data:trip").Authorize(Operation()).IsAllowed, Is.True);

    private static Operation Operation(string[]? required = null, string[]? optional = null) => new()
    {
        Id = "op",
        Method = "GET",
        Path = "/x",
        RequiredScopes = required ?? [],
        OptionalScopes = optional ?? [],
    };

    private static TestCaseData Row(string granted, string required, bool covers, string rule) =>
        new TestCaseData(granted, required, covers).SetName($"'{granted}' {(covers ? "covers" : "does not cover")} '{required}': {rule}");
}
