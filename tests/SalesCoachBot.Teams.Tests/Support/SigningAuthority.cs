using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SalesCoachBot.Teams.Tests.Support;

/// <summary>
/// Stands in for login.botframework.com: locally generated RSA keys, published as OpenID
/// metadata + JWKS through <see cref="RecordingHandler"/>, and tokens signed with them.
/// </summary>
internal sealed class SigningAuthority : IDisposable
{
    public const string MetadataUrl = "https://login.test/v1/.well-known/openidconfiguration";
    public const string JwksUrl = "https://login.test/v1/.well-known/keys";
    public const string Issuer = "https://api.botframework.com";
    public const string AppId = "11111111-2222-3333-4444-555555555555";

    /// <summary>What login.botframework.com publishes for its keys: the channels each may sign for.</summary>
    public static readonly string[] TeamsOnly = ["msteams"];

    private readonly List<(RsaSecurityKey Key, string[]? Endorsements)> published = [];

    public SigningAuthority() => Key = AddKey("key-1");

    public RsaSecurityKey Key { get; }

    public int MetadataFetches { get; private set; }

    /// <summary>A new key, published with <paramref name="endorsements"/> (Teams by default), or with none at all.</summary>
    public RsaSecurityKey AddKey(string kid, bool publish = true, string[]? endorsements = null, bool noEndorsements = false)
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = kid };
        if (publish)
        {
            published.Add((key, noEndorsements ? null : endorsements ?? TeamsOnly));
        }

        return key;
    }

    public string MetadataJson()
    {
        MetadataFetches++;
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = JwksUrl,
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
        });
    }

    public string JwksJson()
    {
        var keys = published.Select(k =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(k.Key);
            var entry = new Dictionary<string, object?> { ["kty"] = "RSA", ["use"] = "sig", ["kid"] = jwk.Kid, ["n"] = jwk.N, ["e"] = jwk.E };
            if (k.Endorsements is { } endorsements)
            {
                entry["endorsements"] = endorsements;
            }

            return entry;
        });
        return JsonSerializer.Serialize(new { keys });
    }

    public string Token(
        string serviceUrl,
        string? issuer = Issuer,
        string audience = AppId,
        DateTime? notBefore = null,
        DateTime? expires = null,
        SecurityKey? key = null,
        string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(1),
            IssuedAt = (notBefore ?? now.AddMinutes(-1)).AddSeconds(-1),
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(key ?? Key, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A token with <c>alg: none</c> and no signature.</summary>
    public static string UnsignedToken(string serviceUrl)
    {
        static string B64(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["aud"] = AppId,
            ["nbf"] = now - 60,
            ["exp"] = now + 3600,
            ["serviceurl"] = serviceUrl,
        });
        return $"{B64("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{B64(payload)}.";
    }

    public void Dispose()
    {
        foreach (var (key, _) in published)
        {
            key.Rsa?.Dispose();
        }
    }
}
