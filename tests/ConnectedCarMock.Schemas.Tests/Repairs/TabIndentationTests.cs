using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class TabIndentationTests
{
    [Test]
    public void Tabs_in_indentation_count_as_two_spaces()
    {
        var text = Documents.Oas30 + "paths:\n  /a:\n    get:\n      responses:\n\t\t\t\t'200':\n\t\t\t\t  description: OK\n";

        var document = RepairHarness.Load(text);

        Assert.Multiple(() =>
        {
            Assert.That(document.Operations.Single().Responses.Single().Description, Is.EqualTo("OK"));
            Assert.That(document.Warnings.Single().Code, Is.EqualTo("tab-indentation"));
            Assert.That(document.Warnings.Single().Message, Is.EqualTo("replaced tab indentation on 2 line(s)"));
        });
    }

    [Test]
    public void Without_the_repair_YAML_refuses_the_tabs()
    {
        var text = Documents.Oas30 + "paths:\n  /a:\n    get:\n      responses:\n\t\t\t\t'200':\n\t\t\t\t  description: OK\n";

        var error = Assert.Throws<SpecLoadException>(() => RepairHarness.LoadWithout<TabIndentation>(text))!;

        Assert.That(error.Reason, Does.StartWith("invalid YAML"));
    }
}
