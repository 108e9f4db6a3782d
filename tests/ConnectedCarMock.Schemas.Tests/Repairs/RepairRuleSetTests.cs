using ConnectedCarMock.Schemas.Loading.Repairs;
using Microsoft.OpenApi;

namespace ConnectedCarMock.Schemas.Tests.Repairs;

/// <summary>The registry: each repair once, with its own codes, its summary and its own test class.</summary>
public class RepairRuleSetTests
{
    private static IReadOnlyList<RepairRule> Rules => RepairRuleSet.Default.Rules;

    [Test]
    public void Each_rule_is_listed_once_and_reports_codes_no_other_rule_reports()
    {
        var codes = Rules.SelectMany(r => r.Codes).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(Rules.Select(r => r.GetType()), Is.Unique);
            Assert.That(codes, Is.Unique);
            Assert.That(Rules.Select(r => r.Codes[0]), Is.EqualTo(Rules.Select(r => r.Code)), "a rule's first code is its own");
            Assert.That(codes, Has.All.Match("^[a-z0-9]+(-[a-z0-9]+)*$"), "codes are kebab-case words");
        });
    }

    [Test]
    public void Each_rule_says_what_it_detects_and_changes()
    {
        Assert.That(Rules.Select(r => r.Summary), Has.All.Length.GreaterThan(20));
    }

    [Test]
    public void Each_rule_has_a_test_class_of_its_own()
    {
        var fixtures = typeof(RepairRuleSetTests).Assembly.GetTypes().Select(t => t.Name).ToHashSet();

        Assert.That(Rules.Select(r => r.GetType().Name + "Tests").Where(name => !fixtures.Contains(name)), Is.Empty);
    }

    [Test]
    public void The_registry_lists_rules_in_the_order_of_the_stages_that_run_them()
    {
        // Decoding, text, parsing, the whole document, then the walk over its objects.
        var stages = Rules.Select(r => r switch
        {
            Latin1Encoding => 0,
            TextRepair => 1,
            DuplicateKeys => 2,
            DocumentRepair => 3,
            NodeRepair => 4,
            _ => -1,
        }).ToList();

        Assert.That(stages, Is.Ordered.And.All.GreaterThanOrEqualTo(0));
    }

    [Test]
    public void The_OpenAPI_NET_rules_the_repairs_take_over_exist()
    {
        var names = ValidationRuleSet.GetDefaultRuleSet().Rules.Select(r => r.Name).ToHashSet();

        Assert.That(RepairRuleSet.Default.Superseded, Is.SubsetOf(names).And.Not.Empty);
    }
}
