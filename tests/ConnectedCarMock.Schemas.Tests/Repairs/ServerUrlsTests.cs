namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class ServerUrlsTests
{
    [Test]
    public void A_server_without_a_url_is_dropped_and_the_next_one_gives_the_base_path()
    {
        var document = RepairHarness.Load(Documents.Oas30 + """
            servers:
              - description: forgotten
              - url: https://garage.example/api/v2
            paths:
              /cars:
                get:
                  responses:
                    '200': { description: Cars }
            """);

        Assert.Multiple(() =>
        {
            Assert.That(document.BasePath, Is.EqualTo("/api/v2"));
            Assert.That(document.Warnings.Single().Code, Is.EqualTo("server-url"));
            Assert.That(document.Warnings.Single().Location, Is.EqualTo("/servers/0"));
        });
    }
}
