using System.Text;
using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class Latin1EncodingTests
{
    private static readonly byte[] Latin1 = Encoding.Latin1.GetBytes(
        Documents.Oas30.Replace("Garage", "Garage de l'\u00e9t\u00e9", StringComparison.Ordinal)
        + "paths:\n  /a:\n    get:\n      responses:\n        '200': { description: OK }\n");

    [Test]
    public void A_file_that_is_not_UTF8_is_read_as_Latin1_and_the_line_reported()
    {
        var document = SpecLoader.Load(Latin1, "latin1.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(document.Title, Is.EqualTo("Garage de l'\u00e9t\u00e9"));
            Assert.That(document.Warnings.Single().Code, Is.EqualTo("encoding-latin1"));
            Assert.That(document.Warnings.Single().Location, Is.EqualTo("line 2"));
        });
    }

    [Test]
    public void Without_the_repair_the_file_is_refused()
    {
        var error = Assert.Throws<SpecLoadException>(() => SpecLoader.Load(Latin1, "latin1.yaml", null, new RepairRuleSet([])))!;

        Assert.That(error.Message, Is.EqualTo("latin1.yaml:line 2: the file is not valid UTF-8"));
    }

    [Test]
    public void Binary_content_is_not_taken_for_Latin1()
    {
        var bytes = Enumerable.Range(1, 200).Select(i => (byte)(i % 2 == 0 ? 0xFF : 0x01)).ToArray();

        var error = Assert.Throws<SpecLoadException>(() => SpecLoader.Load(bytes, "noise.bin"))!;

        Assert.That(error.Reason, Does.StartWith("binary content"));
    }
}
