using System.Net;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using SalesCoachBot.Teams.Tests.Support;

namespace SalesCoachBot.Teams.Tests.Auth;

/// <summary>Inbound authentication, end to end through POST /api/messages with locally signed tokens.</summary>
public sealed class TokenValidationTests : IAsyncLifetime
{
    private TeamsTestHost host = null!;

    public async Task InitializeAsync() => host = await TeamsTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Messages_ValidToken_IsProcessedAndRepliedWithConnectorToken()
    {
        var response = await host.PostAsync(TestActivities.Message("what's next for initech"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Bot.Turns);
        Assert.NotEmpty(host.Connector.Calls);
        Assert.All(host.Connector.Calls, c => Assert.Equal("Bearer connector-token", c.Authorization));
    }

    [Fact]
    public async Task Messages_ExpiredWithinFiveMinuteSkew_IsAccepted()
    {
        var token = host.Authority.Token(TeamsTestHost.ServiceUrl, notBefore: TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(-1), expires: TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-3));

        var response = await host.PostAsync(TestActivities.Message("help"), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string> BadTokens => new()
    {
        "wrong-issuer", "wrong-audience", "expired", "not-yet-valid", "alg-none", "hs256", "unknown-kid",
        "serviceurl-mismatch", "missing-header", "basic-scheme", "not-a-jwt", "empty-bearer", "tampered-payload",
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Messages_BadToken_Returns401AndProcessesNothing(string kind)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var a = host.Authority;
        var url = TeamsTestHost.ServiceUrl;
        string? token = kind switch
        {
            "wrong-issuer" => a.Token(url, issuer: "https://evil.example.com"),
            "wrong-audience" => a.Token(url, audience: "someone-else"),
            "expired" => a.Token(url, notBefore: now.AddHours(-2), expires: now.AddMinutes(-6)),
            "not-yet-valid" => a.Token(url, notBefore: now.AddMinutes(10), expires: now.AddHours(1)),
            "alg-none" => SigningAuthority.UnsignedToken(url),
            "hs256" => a.Token(url, key: new SymmetricSecurityKey(Encoding.UTF8.GetBytes(new string('k', 64))) { KeyId = "key-1" }, algorithm: SecurityAlgorithms.HmacSha256),
            "unknown-kid" => a.Token(url, key: a.AddKey("never-published", publish: false)),
            "serviceurl-mismatch" => a.Token("https://attacker.example.com/"),
            "missing-header" => null,
            "basic-scheme" => "Basic dXNlcjpwYXNz",
            "not-a-jwt" => "Bearer not.a.jwt",
            "empty-bearer" => "Bearer ",
            "tampered-payload" => Tamper(a.Token(url)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var response = await host.PostAsync(TestActivities.Message("what's next for initech"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Bot.Turns);
        Assert.Empty(host.Connector.Calls);
        Assert.Empty(await host.References.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Messages_KeyRotatedAfterMetadataWasCached_RefreshesAndAccepts()
    {
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(TestActivities.Message("help"))).StatusCode);
        var fetchesBefore = host.Authority.MetadataFetches;
        var rotated = host.Authority.AddKey("key-2");

        var response = await host.PostAsync(TestActivities.Message("help"), host.Authority.Token(TeamsTestHost.ServiceUrl, key: rotated));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(host.Authority.MetadataFetches > fetchesBefore);
        Assert.Equal(2, host.Bot.Turns.Count);
    }

    [Fact]
    public async Task Messages_ManyValidTokens_ReadTheMetadataOnce_AndEachIsStillChecked()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(TestActivities.Message("help"))).StatusCode);
        }

        var fetches = host.Authority.MetadataFetches;
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.PostAsync(TestActivities.Message("help"), host.Authority.Token(TeamsTestHost.ServiceUrl, audience: "someone-else"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(TestActivities.Message("help"))).StatusCode);

        Assert.Equal(1, fetches);
        Assert.Equal(fetches, host.Authority.MetadataFetches);
        Assert.Equal(6, host.Bot.Turns.Count);
    }

    [Fact]
    public async Task Messages_TokenThatPassedBefore_IsAcceptedAgain_ButNoCopyOfItAndNotForAnotherServiceUrl()
    {
        var token = host.Authority.Token(TeamsTestHost.ServiceUrl);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(TestActivities.Message("help"), token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(TestActivities.Message("help"), token)).StatusCode);

        var inSignature = token.LastIndexOf('.') + 10; // not the last character: its low bits may be padding
        var changedSignature = token[..inSignature] + (token[inSignature] == 'A' ? 'B' : 'A') + token[(inSignature + 1)..];
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.PostAsync(TestActivities.Message("help"), changedSignature)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.PostAsync(TestActivities.Message("help"), Tamper(token))).StatusCode);
        // The remembered token still names its own serviceUrl: an activity pointing elsewhere is refused.
        var elsewhere = TestActivities.Message("help", serviceUrl: "https://attacker.example.com/");
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.PostAsync(elsewhere, token)).StatusCode);

        Assert.Equal(2, host.Bot.Turns.Count);
        Assert.All(host.Connector.Calls, c => Assert.StartsWith(TeamsTestHost.ServiceUrl, c.Url.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Messages_ActivityFromAnotherTenant_Returns403()
    {
        await using var single = await TeamsTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Teams:TenantId"] = "our-tenant" });

        var response = await single.PostAsync(TestActivities.Message("help"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(single.Bot.Turns);
    }

    [Fact]
    public async Task Messages_SingleTenantEntraIssuer_IsAccepted()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Teams:AppType"] = "SingleTenant",
            ["Teams:TenantId"] = "tenant-1",
            ["Teams:EntraOpenIdMetadataUrl"] = SigningAuthority.MetadataUrl,
        };
        await using var single = await TeamsTestHost.StartAsync(settings: settings);

        var v2 = single.Authority.Token(TeamsTestHost.ServiceUrl, issuer: "https://login.microsoftonline.com/tenant-1/v2.0");
        var otherTenant = single.Authority.Token(TeamsTestHost.ServiceUrl, issuer: "https://login.microsoftonline.com/tenant-2/v2.0");

        Assert.Equal(HttpStatusCode.OK, (await single.PostAsync(TestActivities.Message("help"), v2)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await single.PostAsync(TestActivities.Message("help"), otherTenant)).StatusCode);
    }

    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace(SigningAuthority.AppId, "11111111-2222-3333-4444-000000000000", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
    }
}
