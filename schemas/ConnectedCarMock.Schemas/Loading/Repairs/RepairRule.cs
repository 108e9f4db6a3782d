using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>
/// One repair of a real-world quirk: what it detects and changes (<see cref="Summary"/>) and the
/// warning code it reports (<see cref="Code"/>). Every rule is listed, in the order it runs, in
/// <see cref="RepairRuleSet"/>; a rule left out of a set makes the loader strict about its quirk.
/// </summary>
internal abstract class RepairRule
{
    /// <summary>The code of the warning each repair reports.</summary>
    public abstract string Code { get; }

    /// <summary>What the rule detects and what it changes, in one sentence.</summary>
    public abstract string Summary { get; }

    /// <summary>Every code the rule may report; most rules report only <see cref="Code"/>.</summary>
    public virtual IReadOnlyList<string> Codes => [Code];

    /// <summary>OpenAPI.NET validation rules (by name) this repair takes over; the loader turns them off.</summary>
    public virtual IReadOnlyList<string> Supersedes => [];

    public override string ToString() => Code;
}

/// <summary>A repair of the document's text, before it is parsed.</summary>
internal abstract class TextRepair : RepairRule
{
    public abstract string Apply(string text, RepairContext context);
}

/// <summary>A repair of the whole parsed document; these run one after the other, in registry order.</summary>
internal abstract class DocumentRepair : RepairRule
{
    public abstract void Apply(JsonObject root, RepairContext context);
}

/// <summary>
/// A repair of single objects of the document. The rule set walks the document once, after the
/// document repairs, and offers every object to every node repair in registry order.
/// </summary>
internal abstract class NodeRepair : RepairRule
{
    public abstract void Visit(JsonObject node, NodePosition at, RepairContext context);
}
