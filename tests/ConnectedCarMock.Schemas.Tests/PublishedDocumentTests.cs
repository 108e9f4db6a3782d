using System.Text.Json;

namespace ConnectedCarMock.Schemas.Tests;

/// <summary>The published Stellantis document loads completely once its quirks are repaired.</summary>
public class PublishedDocumentTests
{
    // Required scopes per operation, as the published document marks them with "#Required" comments.
    private static readonly Dictionary<string, string[]> RequiredByComment = new()
    {
        ["getVehicles"] = ["data:vehicle"],
        ["getVehicleByid"] = ["data:vehicle"],
        ["getVehicleCollision"] = ["data:collision"],
        ["getVehicleCollisionById"] = ["data:collision"],
        ["getVehicleAlerts"] = ["data:telemetry:vehicle:alert"],
        ["getVehicleAlertsById"] = ["data:telemetry:vehicle:alert"],
        ["getVehicleAlarms"] = ["data:telemetry:vehicle:alarm"],
        ["getVehicleAlarmsById"] = ["data:telemetry:vehicle:alarm"],
        ["getVehicleChargeSessions"] = ["data:telemetry:vehicle:energies"],
        ["getVehicleChargeSessionById"] = ["data:telemetry:vehicle:energies"],
        ["getVehicleTrips"] = ["data:trip"],
        ["getVehicleTripById"] = ["data:trip"],
        ["getVehicleTripAlerts"] = ["data:trip", "data:telemetry:vehicle:alert"],
        ["getVehicleTripAlertByAid"] = ["data:trip", "data:telemetry:vehicle:alert"],
        ["getVehicleCollisionsByTripId"] = ["data:trip", "data:collision"],
        ["getVehicleCollisionByTipById"] = ["data:trip", "data:collision"],
        ["getVehicleTripPath"] = ["data:trip", "data:telemetry:vehicle:location"],
        ["getVehicleTripTelmetry"] = ["data:trip"],
        ["postVehicleMonitors"] = ["monitor:write"],
        ["putVehicleMonitors"] = ["monitor:write"],
        ["deleteVehicleMonitorByID"] = ["monitor:write"],
        ["setVehicleMonitorStatus"] = ["monitor:write"],
        ["setVehicleMonitorHandles"] = ["monitor:write"],
        ["getVehicleMonitorGroupsHandles"] = ["monitor:read"],
        ["postChannels"] = ["channel:write"],
        ["putChannelsById"] = ["channel:write"],
        ["deleteChannelsById"] = ["channel:write"],
        ["setChannelStatus"] = ["channel:write"],
    };

    private static ApiDocument Document => Specs.PublishedDocument;

    // Skips here rather than inside a test's Assert.Multiple, where NUnit turns Assert.Ignore into an error.
    [SetUp]
    public void RequireThePublishedDocument() => TestPaths.RequirePublishedSpec();

    [Test]
    public void It_loads_41_operations_and_318_component_schemas()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Document.Operations, Has.Count.EqualTo(41));
            Assert.That(Document.Schemas, Has.Count.EqualTo(318));
            Assert.That(Document.BasePath, Is.EqualTo("/api/connectedcar/v1"));
            Assert.That(Document.SpecVersion, Is.EqualTo("3.0"));
        });
    }

    [Test]
    public void Thirty_seven_operations_list_oauth_scopes_and_four_inherit_the_root_requirement()
    {
        var withScopes = Document.Operations.Count(o => o.Security.Any(r => r.Schemes.TryGetValue("api_oauth", out var s) && s.Count > 0));
        var inheriting = Document.Operations.Where(o => o.Security.Count == 2).Select(o => o.Id);

        Assert.Multiple(() =>
        {
            Assert.That(withScopes, Is.EqualTo(37));
            Assert.That(inheriting, Is.EquivalentTo(new[] { "getVehicleCapabilityByid", "getVehicleStolenHistory", "getVehicleStolenById", "getVehicleStolenIdPosition" }));
        });
    }

    [Test]
    public void Required_scopes_are_the_ones_marked_by_Required_comments()
    {
        var actual = Document.Operations.Where(o => o.RequiredScopes.Count > 0).ToDictionary(o => o.Id, o => o.RequiredScopes.ToArray());

        Assert.That(actual, Is.EquivalentTo(RequiredByComment));
    }

    [Test]
    public void Unmarked_scopes_and_table_only_scopes_are_optional()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Document.GetOperation("getVehicleTelemetry").OptionalScopes, Has.Count.EqualTo(25));
            Assert.That(Document.GetOperation("getVehicleTelemetry").RequiredScopes, Is.Empty);
            Assert.That(Document.GetOperation("getVehicleByid").OptionalScopes, Is.EqualTo(new[] { "data:vehicle:devices:pnc" }));
            Assert.That(Document.GetOperation("getVehicleCollision").OptionalScopes, Is.EquivalentTo(new[] { "data:telemetry:vehicle:ignition", "data:telemetry:vehicle:location", "data:telemetry:vehicle:kinetic" }));
        });
    }

    [Test]
    public void Every_repair_is_reported_as_a_warning()
    {
        var codes = Document.Warnings.Select(w => w.Code).ToHashSet();

        Assert.That(codes, Is.SupersetOf(new[]
        {
            "trailing-whitespace", "ref-outside-components", "media-type-whitespace", "response-description",
            "null-value", "ref-siblings", "example-type", "scopes-from-comments",
        }));
        Assert.Multiple(() =>
        {
            Assert.That(Document.Warnings.Count(w => w.Code == "media-type-whitespace"), Is.EqualTo(3));
            Assert.That(Document.Warnings.Count(w => w.Code == "response-description"), Is.EqualTo(2));
            Assert.That(Document.Warnings.Count(w => w.Code == "null-value"), Is.EqualTo(5));
        });
    }

    [TestCaseSource(typeof(OperationCases), nameof(OperationCases.Of), new object[] { Specs.Published })]
    public void Every_operation_has_its_responses_and_schemas_resolved(string spec, string operationId)
    {
        var operation = OperationCases.Resolve(spec, operationId);
        var success = operation.SuccessResponses.ToList();

        Assert.That(success, Is.Not.Empty, "a documented 2xx response");
        foreach (var media in operation.Responses.SelectMany(r => r.Content))
        {
            Assert.That(media.Schema, Is.Not.Null, $"schema of {media.Name}");
            Assert.That(media.Name, Is.EqualTo(media.Name.Trim()));
            AssertRefsResolve(Document, media.Schema!.Json);

            // Compiling for validation resolves every reference reachable from the schema.
            Assert.DoesNotThrow(() => Document.Validator.Validate(media.Schema, "{}"));
        }
    }

    internal static void AssertRefsResolve(ApiDocument document, JsonElement schema)
    {
        var seen = new HashSet<string>();
        var stack = new Stack<JsonElement>([schema]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in node.EnumerateObject())
                {
                    if (property.Name == "$ref" && property.Value.GetString() is { } reference)
                    {
                        var target = document.ResolveRef(reference);
                        Assert.That(target, Is.Not.Null, $"$ref {reference}");
                        if (seen.Add(reference))
                        {
                            stack.Push(target!.Json);
                        }
                    }
                    else
                    {
                        stack.Push(property.Value);
                    }
                }
            }
            else if (node.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in node.EnumerateArray())
                {
                    stack.Push(item);
                }
            }
        }
    }
}
