
namespace ConnectedCarMock.Pact.Dsl.Tests.SpecCheck;

/// <summary>
/// Deliberately wrong pacts (in <c>WrongPacts/</c>) are each rejected by the spec check with the right kind,
/// at the right place, for the right reason, and with nothing else: one mistake, one mismatch.
/// </summary>
public class WrongPactTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("unknown-path.json", PactMismatchKind.UnknownPath, "/request/path", "no operation of the document has the path /api/connectedcar/v1/accounts/cars");
        yield return Case("undocumented-status.json", PactMismatchKind.UndocumentedStatus, "/response/status", "status 201 is not documented for POST /accounts/channels");
        yield return Case("wrong-media-type.json", PactMismatchKind.WrongMediaType, "/response/headers/Content-Type", "application/json is not documented for 200 of getVehicleByid; documented: application/hal+json");
        yield return Case("wrong-field-type.json", PactMismatchKind.InvalidResponseBody, "/response/body/total", "integer");
        yield return Case("undocumented-field.json", PactMismatchKind.UndocumentedProperty, "/response/body/color", "'color' is not documented by Vehicle");
        yield return Case("missing-required-request-field.json", PactMismatchKind.InvalidRequestBody, "/request/body", "channel");
        yield return Case("wrong-method.json", PactMismatchKind.MethodNotAllowed, "/request/method", "PATCH is not documented for /accounts/vehicles/{id}; documented methods: GET");
        yield return Case("bad-path-parameter.json", PactMismatchKind.InvalidPathParameter, "/request/path", "path parameter 'id' of /accounts/vehicles/{id}/telemetries/latest is the unfilled placeholder '{id}'");
        yield return Case("undocumented-query-parameter.json", PactMismatchKind.UndocumentedQueryParameter, "/request/query/color", "query parameter 'color' is not documented for GET /accounts/vehicles");
        yield return Case("invalid-query-parameter.json", PactMismatchKind.InvalidParameter, "/request/query/pageSize", "query parameter 'pageSize'");
        yield return Case("incompatible-matcher.json", PactMismatchKind.IncompatibleMatcher, "/response/body/total", "a decimal matcher on an integer");
        yield return Case("unexpected-request-body.json", PactMismatchKind.UnexpectedRequestBody, "/request/body", "GET /accounts/vehicles/{id} takes no request body");
        yield return Case("v3-wrong-field-type.json", PactMismatchKind.InvalidResponseBody, "/response/body/vin", "string");
        yield return Case("v2-undocumented-field.json", PactMismatchKind.UndocumentedProperty, "/response/body/fleetName", "'fleetName' is not documented by Vehicles");
    }

    [TestCaseSource(nameof(Cases))]
    public void A_wrong_pact_is_rejected_for_the_right_reason(string file, PactMismatchKind kind, string pointer, string reason)
    {
        var text = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "WrongPacts", file));

        var mismatches = PactSpecChecker.Check(text, Specs.Embedded);

        Assert.That(mismatches, Has.Count.EqualTo(1), string.Join(Environment.NewLine, mismatches));
        var mismatch = mismatches[0];
        Assert.That((mismatch.Kind, mismatch.Pointer), Is.EqualTo((kind, pointer)), mismatch.ToString());
        Assert.That(mismatch.Reason, Does.Contain(reason));
        Assert.That(mismatch.Interaction, Is.Not.Empty);
    }

    private static TestCaseData Case(string file, PactMismatchKind kind, string pointer, string reason) =>
        new TestCaseData(file, kind, pointer, reason).SetName($"{Path.GetFileNameWithoutExtension(file)} is rejected as {kind}");
}
