using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Crm;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Data;
using SalesCoachBot.FakeCrm;

namespace SalesCoachBot.Host.Tests.Crm;

/// <summary>
/// HubSpot over OAuth (a refresh token instead of a private-app token) against the fake's <c>/oauth/v1/token</c>: access
/// tokens bought, kept encrypted, renewed before they expire; a revoked refresh token pauses the sync and tells admins once.
/// </summary>
public sealed class HubSpotOAuthTests
{
    private static readonly Dictionary<string, string?> OAuth = new()
    {
        ["Crm:HubSpot:AccessToken"] = null,
        ["Crm:HubSpot:ClientId"] = FakeHubSpot.OAuthClientId,
        ["Crm:HubSpot:ClientSecret"] = FakeHubSpot.OAuthClientSecret,
        ["Crm:HubSpot:RefreshToken"] = FakeHubSpot.RefreshToken,
    };

    private static Dictionary<string, string?> With(string key, string value) => new(OAuth) { [key] = value };

    [Fact]
    public async Task CrmSync_OAuth_OneTokenBoughtStoredEncryptedAndReused()
    {
        await using var host = await CrmHost.StartAsync(overrides: OAuth);
        var dana = host.Fake.AddOwner("dana@example.com", "Dana", "Rep");
        host.Fake.AddDeal("Token Co", "qualifiedtobuy", dana);

        var (exit, stdout, stderr) = await host.RunAsync("crm", "sync", "--full");
        var (again, _, _) = await host.RunAsync("crm", "sync");

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("added 1", stdout, StringComparison.Ordinal);
        Assert.Equal((0, 1), (again, host.Fake.TokensIssued));
        await using var scope = host.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<IChannelInstallationRecords>().FindAsync("crm:hubspot:oauth", CancellationToken.None);
        Assert.NotNull(stored);
        var text = Encoding.UTF8.GetString(stored);
        Assert.DoesNotContain("oauth-", text, StringComparison.Ordinal);   // the access token is not readable
        Assert.DoesNotContain(FakeHubSpot.RefreshToken, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrmSync_AccessTokenAboutToExpire_RenewedBeforeAnyCallUsesItExpired()
    {
        await using var host = await CrmHost.StartAsync(overrides: With("Crm:HubSpot:RefreshBeforeExpiry", "00:00:01"));
        host.Fake.AccessTokenLifetime = TimeSpan.FromSeconds(3);
        var dana = host.Fake.AddOwner("dana@example.com", "Dana", "Rep");
        host.Fake.AddDeal("Rotating Co", "qualifiedtobuy", dana);
        Assert.Equal(0, (await host.RunAsync("crm", "sync", "--full")).Exit);

        await Task.Delay(TimeSpan.FromSeconds(3.2));   // the first token has expired at HubSpot by now
        var (exit, stdout, stderr) = await host.RunAsync("crm", "sync");

        Assert.True(exit == 0, stdout + stderr);
        Assert.Equal((2, 0), (host.Fake.TokensIssued, host.Fake.ExpiredTokenCalls));
    }

    [Fact]
    public async Task CrmSync_RefreshTokenRevoked_PausedOneLineAdminsToldOnceThenResumes()
    {
        await using var host = await CrmHost.StartAsync(overrides: OAuth);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>();
            var admin = await db.People.SingleAsync(p => p.Email == "admin@example.com");
            admin.SlackUserId = "UADMIN";
            await db.SaveChangesAsync();
        }

        var dana = host.Fake.AddOwner("dana@example.com", "Dana", "Rep");
        host.Fake.AddDeal("Revoked Co", "qualifiedtobuy", dana);
        host.Fake.RefreshTokenRevoked = true;

        var (exit, stdout, _) = await host.RunAsync("crm", "sync", "--full");
        await host.RunAsync("crm", "sync");
        var (_, status, _) = await host.RunAsync("crm", "status");

        Assert.Equal(1, exit);
        Assert.Contains("HubSpot sync paused: HubSpot refused the OAuth refresh token (400 BAD_REFRESH_TOKEN): connect the app again and set Crm:HubSpot:RefreshToken", stdout, StringComparison.Ordinal);
        Assert.Contains("(PAUSED since", status, StringComparison.Ordinal);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var notices = (await scope.ServiceProvider.GetRequiredService<INudgeOutbox>().ListMessagesAsync(null, CancellationToken.None))
                .Where(m => m.Kind == NudgeKind.CrmNotice).ToList();
            Assert.Equal("slack-user:UADMIN", Assert.Single(notices).Conversation.ToString());
        }

        host.Fake.RefreshTokenRevoked = false;   // the app connected again
        var (resumed, after, _) = await host.RunAsync("crm", "sync", "--full");
        Assert.Equal(0, resumed);
        Assert.Contains("added 1", after, StringComparison.Ordinal);
        Assert.DoesNotContain("PAUSED", (await host.RunAsync("crm", "status")).Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "fake-client-secret", "Crm:HubSpot:RefreshToken (OAuth) needs Crm:HubSpot:ClientId and Crm:HubSpot:ClientSecret")]
    [InlineData("fake-client-id", null, "Crm:HubSpot:RefreshToken (OAuth) needs Crm:HubSpot:ClientId and Crm:HubSpot:ClientSecret")]
    public void Options_OAuthWithoutTheApp_NamedOnStart(string? clientId, string? secret, string expected)
    {
        var settings = new CrmSettings { HubSpot = { RefreshToken = "r", ClientId = clientId, ClientSecret = secret } };
        var validator = new CrmSettingsValidator(Microsoft.Extensions.Options.Options.Create(new Core.Coaching.CrmOptions { Provider = "hubspot" }));

        var result = validator.Validate(null, settings);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_BothTokenKinds_Refused()
    {
        var settings = new CrmSettings { HubSpot = { AccessToken = "pat", RefreshToken = "r", ClientId = "c", ClientSecret = "s" } };
        var validator = new CrmSettingsValidator(Microsoft.Extensions.Options.Options.Create(new Core.Coaching.CrmOptions { Provider = "hubspot" }));

        Assert.Contains("set AccessToken (a private-app token) or RefreshToken (OAuth), not both", validator.Validate(null, settings).FailureMessage, StringComparison.Ordinal);
    }
}
