using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace ConnectedCarMock.MockServer.Security;

/// <summary>
/// The asymmetric key tokens are signed with: read from a PEM file, or derived from a secret (a
/// P-256 private scalar from HKDF-SHA256), so tokens of restarted servers and of the CLI validate.
/// </summary>
internal sealed class SigningKey
{
    private SigningKey(AsymmetricSecurityKey key, string algorithm, JsonWebKey publicJwk)
    {
        Key = key;
        Algorithm = algorithm;
        PublicJwk = publicJwk;
    }

    public AsymmetricSecurityKey Key { get; }

    public string Algorithm { get; }

    /// <summary>The public half, as served at <c>/.well-known/jwks.json</c>.</summary>
    public JsonWebKey PublicJwk { get; }

    public static SigningKey From(SecurityOptions options) =>
        options.SigningKeyFile is { } file ? FromPem(File.ReadAllText(file)) : FromSecret(options.SigningSecret);

    public static SigningKey FromSecret(string secret)
    {
        var scalar = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, Encoding.ASCII.GetBytes("connectedcarmock"), Encoding.ASCII.GetBytes("es256-signing-key"));
        scalar[0] &= 0x7F; // keeps the scalar below the P-256 group order
        var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = scalar });
        return FromEcdsa(ecdsa);
    }

    public static SigningKey FromPem(string pem)
    {
        if (pem.Contains("EC PRIVATE KEY", StringComparison.Ordinal) || TryEcdsa(pem) is not null)
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(pem);
            return FromEcdsa(ecdsa);
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        var key = new RsaSecurityKey(rsa);
        var publicKey = new RsaSecurityKey(rsa.ExportParameters(false));
        return Build(key, SecurityAlgorithms.RsaSha256, JsonWebKeyConverter.ConvertFromRSASecurityKey(publicKey));
    }

    private static ECDsa? TryEcdsa(string pem)
    {
        try
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(pem);
            return ecdsa;
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static SigningKey FromEcdsa(ECDsa ecdsa)
    {
        var key = new ECDsaSecurityKey(ecdsa);
        var publicOnly = ECDsa.Create(ecdsa.ExportParameters(false));
        return Build(key, SecurityAlgorithms.EcdsaSha256, JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(publicOnly)));
    }

    private static SigningKey Build(AsymmetricSecurityKey key, string algorithm, JsonWebKey jwk)
    {
        var kid = Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint());
        key.KeyId = kid;
        jwk.KeyId = kid;
        jwk.Use = "sig";
        jwk.Alg = algorithm;
        return new SigningKey(key, algorithm, jwk);
    }
}
