namespace ConnectedCarMock.Schemas.Tests.Repairs;

/// <summary>Documents in <c>ExternalRefs/</c> refer to files next to them, as split documents do.</summary>
public class ExternalRefsTests
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "ExternalRefs");

    [Test]
    public void Components_of_other_files_are_imported_and_whole_files_inlined()
    {
        var document = SpecLoader.LoadFile(Path.Combine(Folder, "fleet.yaml"));

        var get = document.GetOperation("getVehicle");
        var vehicle = get.ResponseFor(200)!.Content.Single().Schema!;
        var problem = document.GetOperation("listVehicles").ResponseFor(500)!.Content.Single().Schema!;
        Assert.Multiple(() =>
        {
            Assert.That(document.Schemas.Keys, Is.EquivalentTo(new[] { "Problem", "Detail" }));
            Assert.That(problem.ComponentName, Is.EqualTo("Problem"));
            Assert.That(get.ResponseFor(404)!.Description, Is.EqualTo("No such vehicle"));
            Assert.That(get.ResponseFor(404)!.Content.Single().Schema!.ComponentName, Is.EqualTo("Problem"));
            Assert.That(get.PathParameters.Single().Schema!.Json.GetProperty("pattern").GetString(), Is.EqualTo("^[A-HJ-NPR-Z0-9]{17}$"));
            Assert.That(document.Validator.Validate(vehicle, """{"vin":"VF3ABCDEFGH123456"}""").IsValid, Is.True);
            Assert.That(document.Validator.Validate(vehicle, """{"vin":"too short"}""").IsValid, Is.False);
            Assert.That(document.Validator.Validate(problem, """{"title":"x","status":500,"detail":7}""").IsValid, Is.False, "Detail came along with Problem");
            Assert.That(document.Warnings.Select(w => w.Code).Distinct(), Is.EqualTo(new[] { "external-ref" }));
        });
    }

    [Test]
    public void A_Swagger_2_document_imports_definitions_of_another_file_with_their_own_refs()
    {
        var document = SpecLoader.LoadFile(Path.Combine(Folder, "legacy.yaml"));

        var cars = document.Operations.Single().SuccessResponses.Single().Content.Single().Schema!;
        Assert.Multiple(() =>
        {
            Assert.That(document.Schemas.Keys, Is.EquivalentTo(new[] { "Car", "Person" }));
            Assert.That(document.Validator.Validate(cars, """[{"plate":"AB-123","owner":{"name":"Ada"}}]""").IsValid, Is.True);
            Assert.That(document.Validator.Validate(cars, """[{"owner":{}}]""").IsValid, Is.False);
        });
    }

    [Test]
    public void A_ref_that_names_the_document_itself_is_read_as_local()
    {
        var document = SpecLoader.LoadFile(Path.Combine(Folder, "self.yaml"));

        var items = document.Operations.Single().SuccessResponses.Single().Content.Single().Schema!.At("items");
        Assert.Multiple(() =>
        {
            Assert.That(document.Schemas.Keys, Is.EqualTo(new[] { "Car" }), "no copy of Car is imported");
            Assert.That(items.ComponentName, Is.EqualTo("Car"));
            Assert.That(document.Warnings.Single().Message, Is.EqualTo("$ref 'self.yaml#/components/schemas/Car' names the document itself; read as '#/components/schemas/Car'"));
        });
    }

    [Test]
    public void A_missing_file_is_one_line_naming_it()
    {
        var path = Path.Combine(Folder, "missing-file.yaml");

        var error = Assert.Throws<SpecLoadException>(() => SpecLoader.LoadFile(path))!;

        Assert.That(error.Message, Is.EqualTo(
            $"{path}:line 11 (/paths/~1vehicles/get/responses/200/content/application~1json/schema/$ref): "
            + $"external $ref 'shared/nowhere.yaml#/components/schemas/Vehicle': file not found: {Path.Combine(Folder, "shared", "nowhere.yaml")}"));
    }

    [Test]
    public void A_broken_file_is_reported_at_the_ref_that_leads_to_it_with_its_own_line()
    {
        var path = Path.Combine(Folder, "broken-neighbour.yaml");

        var error = Assert.Throws<SpecLoadException>(() => SpecLoader.LoadFile(path))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.File, Is.EqualTo(path));
            Assert.That(error.Location, Does.StartWith("line 11"));
            Assert.That(error.Reason, Does.StartWith($"external $ref 'shared/broken.yaml#/Thing': {Path.Combine(Folder, "shared", "broken.yaml")}:line "));
            Assert.That(error.Reason, Does.Contain("invalid YAML"));
        });
    }

    [TestCase("https://example.com/common.yaml#/components/schemas/Problem", "is not relative")]
    [TestCase("/etc/common.yaml#/components/schemas/Problem", "is not relative")]
    [TestCase("vehicle.json#/properties/nothing", "points to nothing in vehicle.json")]
    [TestCase("vehicle.json#properties", "is not a JSON pointer")]
    public void Remote_absolute_and_dangling_references_are_refused(string reference, string reason)
    {
        var copy = Path.Combine(Folder, $"fleet-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(copy, File.ReadAllText(Path.Combine(Folder, "fleet.yaml")).Replace("'shared/errors.yaml#/components/schemas/Problem'", $"'{reference}'", StringComparison.Ordinal));
        try
        {
            var error = Assert.Throws<SpecLoadException>(() => SpecLoader.LoadFile(copy))!;

            Assert.That(error.Reason, Does.Contain(reason));
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Test]
    public void A_document_held_in_memory_names_no_folder_so_its_external_refs_are_refused()
    {
        var error = Assert.Throws<SpecLoadException>(() => SpecLoader.Parse(File.ReadAllText(Path.Combine(Folder, "fleet.yaml")), "fleet.yaml"))!;

        Assert.That(error.Reason, Does.EndWith("cannot be resolved: the document was not read from a file"));
    }
}
