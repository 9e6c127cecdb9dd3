using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Crm;
using SalesCoachBot.Crm.HubSpot;

namespace SalesCoachBot.Host.Tests.Crm;

public sealed class CrmAuthAndOptionsTests
{
    [Fact]
    public async Task CrmSync_RevokedToken_PausesWithOneClearLineAndStatusShowsIt()
    {
        await using var host = await CrmHost.StartAsync(token: "pat-revoked");

        var (exit, stdout, _) = await host.RunAsync("crm", "sync");
        var (_, status, _) = await host.RunAsync("crm", "status");

        Assert.Equal(1, exit);
        Assert.Contains("HubSpot sync paused: HubSpot answered 401", stdout, StringComparison.Ordinal);
        Assert.Contains("(PAUSED since", status, StringComparison.Ordinal);
        Assert.Contains("linked deals: 0", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrmCheck_MapNamesUnknownCrmIds_ErrorsWithLineAndColumn()
    {
        var mapping = new Dictionary<string, string>(CrmHost.Mapping) { ["sql"] = "qualifiedtobuyy" };
        await using var host = await CrmHost.StartAsync(mapYaml: CrmHost.MappedMapYaml(mapping));

        var (exit, stdout, _) = await host.RunAsync("crm", "check");

        Assert.Equal(1, exit);
        Assert.Matches(@"map:\d+:\d+: error: crm of stage 'sql' names stage 'qualifiedtobuyy', which pipeline 'default' does not have", stdout);
        Assert.Contains("error: CRM stage 'qualifiedtobuy' (Qualified to buy) of pipeline 'default' maps to no map stage", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hubspot", null, "Crm:HubSpot:AccessToken is required")]
    [InlineData("salesforce", null, "Crm:Salesforce needs ClientId, Username and CertificatePath")]
    [InlineData("none", "00:00:01", "Crm:PollInterval must be at least 00:00:10")]
    public void Options_MissingOrBadKeys_NamedOnStart(string provider, string? poll, string expected)
    {
        var settings = new CrmSettings();
        if (poll is not null)
        {
            settings.PollInterval = TimeSpan.Parse(poll, System.Globalization.CultureInfo.InvariantCulture);
        }

        var validator = new CrmSettingsValidator(Microsoft.Extensions.Options.Options.Create(new Core.Coaching.CrmOptions { Provider = provider }));
        var result = validator.Validate(null, settings);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_NoCrm_Valid()
    {
        var validator = new CrmSettingsValidator(Microsoft.Extensions.Options.Options.Create(new Core.Coaching.CrmOptions()));

        Assert.True(validator.Validate(null, new CrmSettings()).Succeeded);
    }

    // HubSpot's documented v3 vector (hubspot-api-python tests): POST, https://www.example.com/webhook_uri, ts 15000000.
    [Fact]
    public void HubSpotSignatureV3_DocumentedVector_Matches()
    {
        var signature = HubSpotSignature.Compute(
            "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy", "POST", "https://www.example.com/webhook_uri",
            System.Text.Encoding.UTF8.GetBytes("{'example_field':'example_value'}"), "15000000");

        Assert.Equal("HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=", signature);
    }

    [Fact]
    public void HubSpotSignatureV3_EncodedUriCharacters_DecodedBeforeSigning()
    {
        var body = "[]"u8.ToArray();
        var plain = HubSpotSignature.Compute("s", "POST", "https://bot.example.com/crm/hubspot/webhooks?a=b:c", body, "1");
        var encoded = HubSpotSignature.Compute("s", "POST", "https://bot.example.com/crm/hubspot/webhooks?a=b%3Ac", body, "1");

        Assert.Equal(plain, encoded);
    }

    [Fact]
    public void HubSpotSignatureV3_TamperedBodyOrOldTimestamp_Refused()
    {
        var now = new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero);
        var ts = now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = "[{\"objectId\":1}]"u8.ToArray();
        var good = HubSpotSignature.Compute("secret", "POST", "https://x.example/crm/hubspot/webhooks", body, ts);

        Assert.Null(HubSpotSignature.Verify("secret", "POST", "https://x.example/crm/hubspot/webhooks", body, ts, good, now));
        Assert.Equal("signature mismatch", HubSpotSignature.Verify("secret", "POST", "https://x.example/crm/hubspot/webhooks", [.. body, (byte)' '], ts, good, now));
        Assert.Equal("signature mismatch", HubSpotSignature.Verify("secret", "POST", "http://x.example/crm/hubspot/webhooks", body, ts, good, now));
        Assert.Equal("timestamp outside the 5-minute window", HubSpotSignature.Verify("secret", "POST", "https://x.example/crm/hubspot/webhooks", body, ts, good, now.AddMinutes(6)));
    }
}
