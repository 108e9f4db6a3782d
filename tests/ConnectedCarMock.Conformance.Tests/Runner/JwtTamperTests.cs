using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.Conformance.Runner;
using ConnectedCarMock.MockServer.Security;

namespace ConnectedCarMock.Conformance.Tests.Runner;

/// <summary>Bad tokens made from a good one, without the server's key.</summary>
public class JwtTamperTests
{
    private static readonly string Good = new TokenService(new SecurityOptions()).Mint("tamper", ["data:vehicle"]);

    [Test]
    public void A_forged_token_keeps_header_and_claims_and_changes_the_signature()
    {
        var forged = JwtTamper.Forged(Good).Split('.');
        var good = Good.Split('.');

        Assert.That(forged[0], Is.EqualTo(good[0]));
        Assert.That(forged[1], Is.EqualTo(good[1]));
        Assert.That(forged[2], Is.Not.EqualTo(good[2]));
        Assert.That(forged[2], Has.Length.EqualTo(good[2].Length));
    }

    [Test]
    public void An_expired_token_says_it_expired_two_hours_ago()
    {
        var now = DateTimeOffset.UtcNow;

        var claims = Claims(JwtTamper.Expired(Good, now)!.Split('.')[1]);

        Assert.That(claims["exp"]!.GetValue<long>(), Is.EqualTo(now.AddHours(-2).ToUnixTimeSeconds()));
        Assert.That(claims["scope"]!.GetValue<string>(), Is.EqualTo("data:vehicle"));
    }

    [Test]
    public void An_unsigned_token_says_alg_none_and_has_no_signature()
    {
        var parts = JwtTamper.Unsigned(Good)!.Split('.');

        Assert.That(Claims(parts[0])["alg"]!.GetValue<string>(), Is.EqualTo("none"));
        Assert.That(parts[2], Is.Empty);
    }

    [Test]
    public void An_opaque_token_can_only_be_forged()
    {
        Assert.That(JwtTamper.IsJwt("opaque-token-value"), Is.False);
        Assert.That(JwtTamper.Expired("opaque-token-value", DateTimeOffset.UtcNow), Is.Null);
        Assert.That(JwtTamper.Unsigned("opaque-token-value"), Is.Null);
        Assert.That(JwtTamper.Forged("opaque-token-value"), Is.Not.EqualTo("opaque-token-value"));
    }

    private static JsonNode Claims(string part)
    {
        var base64 = part.Replace('-', '+').Replace('_', '/');
        return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='))))!;
    }
}
