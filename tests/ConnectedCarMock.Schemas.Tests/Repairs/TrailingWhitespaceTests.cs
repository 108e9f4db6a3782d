using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class TrailingWhitespaceTests
{
    [Test]
    public void Trailing_spaces_and_blank_lines_of_spaces_in_block_text_are_removed()
    {
        var text = Documents.Oas30 + "paths:\n  /a:\n    get:\n      description: |\n          \n        Lists cars.   \n      responses:\n        '200': { description: OK }   \n";

        var (root, warnings) = RepairHarness.Apply<TrailingWhitespace>(text);

        Assert.Multiple(() =>
        {
            Assert.That(root["paths"]!["/a"]!["get"]!["description"]!.ToString(), Is.EqualTo("\nLists cars.\n"));
            Assert.That(warnings.Single().Message, Is.EqualTo("removed trailing whitespace on 3 line(s)"));
            Assert.That(warnings.Single().Location, Is.EqualTo("line 7"));
        });
    }

    [Test]
    public void A_clean_text_is_left_alone_and_nothing_is_reported()
    {
        var (_, warnings) = RepairHarness.Apply<TrailingWhitespace>(Documents.Oas30 + "paths: {}\n");

        Assert.That(warnings, Is.Empty);
    }
}
