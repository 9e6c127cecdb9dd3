using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Crm;
using SalesCoachBot.Crm;
using SalesCoachBot.Crm.Salesforce;

namespace SalesCoachBot.Host.Tests.Crm;

public sealed class SalesforceOptionsTests
{
    private static ValidateOptionsResult Validate(SalesforceSettings salesforce) =>
        new CrmSettingsValidator(Microsoft.Extensions.Options.Options.Create(new CrmOptions { Provider = "salesforce" })).Validate(null, new CrmSettings { Salesforce = salesforce });

    [Fact]
    public void Options_ClientCredentials_Valid()
    {
        var result = Validate(new SalesforceSettings { LoginUrl = new("https://acme.my.salesforce.com"), ClientId = "key", ClientSecret = "secret" });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Options_CertificateWithoutPrivateKey_NamedOnStart()
    {
        var folder = Directory.CreateTempSubdirectory("scb-sf-opt-").FullName;
        try
        {
            var path = Path.Combine(folder, "public-only.pem");
            var certificate = SalesforceHost.WriteCertificate(Path.Combine(folder, "with-key.pem"));
            File.WriteAllText(path, certificate.ExportCertificatePem());

            var result = Validate(new SalesforceSettings { ClientId = "key", Username = "u@example.com", CertificatePath = path });

            Assert.True(result.Failed);
            Assert.Contains($"Crm:Salesforce:CertificatePath: {path} is not a certificate with a private key", result.FailureMessage, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(null, "key", "Crm:Salesforce needs ClientId, Username and CertificatePath (JWT bearer flow), ClientId and ClientSecret")]
    [InlineData("/nonexistent/app.pem", "key", "Crm:Salesforce:CertificatePath: no file at /nonexistent/app.pem")]
    public void Options_JwtBearerIncomplete_NamedOnStart(string? certificate, string clientId, string expected)
    {
        var result = Validate(new SalesforceSettings { ClientId = clientId, Username = "u@example.com", CertificatePath = certificate });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_RelativeCertificatePath_TakenUnderTheContentRoot()
    {
        var root = Directory.CreateTempSubdirectory("scb-crm-root-").FullName;
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = root });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Crm:Salesforce:CertificatePath"] = "secrets/salesforce.pem" });
            builder.Services.AddCrm(builder.Configuration, background: false);

            using var provider = builder.Services.BuildServiceProvider();

            Assert.Equal(Path.Combine(root, "secrets", "salesforce.pem"), provider.GetRequiredService<IOptions<CrmSettings>>().Value.Salesforce.CertificatePath);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("58.0", "Crm:Salesforce:ApiVersion must be 59.0 or later, not '58.0'")]
    [InlineData("v60", "Crm:Salesforce:ApiVersion must be 59.0 or later, not 'v60'")]
    public void Options_OldApiVersion_NamedOnStart(string version, string expected)
    {
        var result = Validate(new SalesforceSettings { InstanceUrl = new("https://acme.my.salesforce.com"), AccessToken = "t", ApiVersion = version });

        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_UnknownNoteObject_NamedOnStart()
    {
        var result = Validate(new SalesforceSettings { InstanceUrl = new("https://acme.my.salesforce.com"), AccessToken = "t", NoteObject = "Note" });

        Assert.Contains("Crm:Salesforce:NoteObject must be ContentNote or Task, not 'Note'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CFO wants an ROI study\nbefore the board meets", "CFO wants an ROI study")]
    [InlineData("\n  \nCFO wants an ROI study", "CFO wants an ROI study")]
    [InlineData(" \n ", "SalesCoachBot")]
    public void NoteTitle_FirstLineWithWords(string note, string expected)
    {
        Assert.Equal(expected, SalesforceConnector.Title(note));
    }

    [Fact]
    public void NoteTitle_LongLine_CutWithoutSplittingAnEmoji()
    {
        var title = SalesforceConnector.Title(new string('a', 76) + "😀 and the rest of a long first line");

        Assert.Equal(new string('a', 76) + "...", title);
        Assert.True(title.Length <= 80);
    }

    [Theory]
    [InlineData("2026-12-03T08:15:27.000+0000", "2026-12-03T08:15:27+00:00")]
    [InlineData("2026-12-03T10:15:27.000+0200", "2026-12-03T08:15:27+00:00")]
    [InlineData("2026-12-31", "2026-12-31T00:00:00+00:00")]
    public void SalesforceDates_WithOffsetWithoutColon_Parsed(string value, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), SalesforceConnector.Date(value));
    }

    [Theory]
    [InlineData("2026-12-03T08:15:27.000+0000")]
    [InlineData("2026-12-03T10:15:27.123+0200")]
    [InlineData("2026-12-03T01:15:27.999-0730")]
    [InlineData("2026-12-03T08:15:27.000Z")]
    [InlineData("2028-02-29")]
    [InlineData("2026-12-31")]
    public void SalesforceDates_FastPath_SameAsGeneralParse(string value)
    {
        Assert.True(SfLenientDate.TryParse(value, out var fast));
        var general = SalesforceConnector.Date(value);

        Assert.Equal(general, fast);
        Assert.Equal(general!.Value.Offset, fast.Offset);
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("2026-13-01")]
    [InlineData("2026-12-03T24:15:27.000+0000")]
    [InlineData("2026-12-03T08:15:27+0000")]
    [InlineData("2026-12-03 08:15:27.000+0000")]
    [InlineData("2026-12-03T08:15:27.000+1500")]
    [InlineData("yesterday!")]
    public void SalesforceDates_OtherShapes_LeftToGeneralParse(string value)
    {
        Assert.False(SfLenientDate.TryParse(value, out _));
    }

    [Theory]
    [InlineData("""2026-12-03T10:15:27.123\u002B0200""", "2026-12-03T10:15:27.123+02:00")]
    [InlineData("""2026-12-03T01:15:27.999\u002d0730""", "2026-12-03T01:15:27.999-07:30")]
    [InlineData("""\u0032026-12-31""", "2026-12-31T00:00:00+00:00")]
    [InlineData("""2026-12-03T08:15:27\u002B0000""", "2026-12-03T08:15:27+00:00")]
    public void SalesforceDates_Escaped_ReadAsTheSameValue(string json, string expected)
    {
        var page = System.Text.Json.JsonSerializer.Deserialize(
            $$"""{"done":true,"records":[{"OpportunityId":"006A","StageName":"Prospecting","CreatedDate":"{{json}}"}]}""",
            SalesforceJson.Default.SfQueryPageSfHistoryRow)!;

        var at = page.Records![0].CreatedDate!.Value;

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), at);
        Assert.Equal(TimeSpan.Parse(expected[^6..].TrimStart('+'), System.Globalization.CultureInfo.InvariantCulture), at.Offset);
    }

    [Fact]
    public void SalesforceOpportunity_FieldOfUnexpectedType_ReadAsNull()
    {
        var page = System.Text.Json.JsonSerializer.Deserialize(
            """{"done":true,"records":[{"attributes":{"type":"Opportunity"},"Id":"006A","Name":7,"Amount":"12","IsDeleted":"no","CloseDate":{"x":1},"SystemModstamp":"2026-12-03T08:15:27.000+0000","StageName":"Prospecting"}]}""",
            SalesforceJson.Default.SfQueryPageSfOpportunity)!;

        var record = SalesforceConnector.ToRecord(page.Records![0])!;

        Assert.Equal(("006A", (string?)null, (decimal?)null, (DateTimeOffset?)null, false, "Prospecting"), (record.Id, record.Name, record.Amount, record.CloseDate, record.Deleted, record.Stage));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 8, 15, 27, TimeSpan.Zero), record.ModifiedAt);
    }

    [Theory]
    [InlineData("42000.5", "42000.5")]
    [InlineData("1E+17", "100000000000000000")]
    [InlineData("1E+30", "79228162514264337593543950335")]   // was no amount, which cleared the stored one
    [InlineData("-1E+30", "-79228162514264337593543950335")]
    public void SalesforceOpportunity_AmountPastADecimal_ReadAsTheLargestOfItsSign(string json, string expected)
    {
        var page = System.Text.Json.JsonSerializer.Deserialize(
            $$"""{"done":true,"records":[{"attributes":{"type":"Opportunity"},"Id":"006A","Amount":{{json}},"SystemModstamp":"2026-12-03T08:15:27.000+0000","StageName":"Prospecting"}]}""",
            SalesforceJson.Default.SfQueryPageSfOpportunity)!;

        var record = SalesforceConnector.ToRecord(page.Records![0])!;

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), record.Amount);
    }

    [Fact]
    public void SalesforceHistoryRows_FieldsOfUnexpectedType_ReadAsNull_RepeatedStringsShared()
    {
        var page = System.Text.Json.JsonSerializer.Deserialize(
            """
            {"totalSize":5,"done":true,"records":[
              {"attributes":{"type":"OpportunityHistory","url":"/x"},"OpportunityId":"006A","StageName":"Prospecting","CreatedDate":"2026-12-01T08:00:00.000+0000","Amount":[1,{"a":2}]},
              {"OpportunityId":"006A","StageName":"Qualification","CreatedDate":"2026-12-02T08:00:00.000+0000"},
              null,
              {"OpportunityId":7,"StageName":{"x":1},"CreatedDate":"not a date","IsDeleted":false},
              {"OpportunityId":"006B","StageName":"Prospecting","CreatedDate":"2026-12-03","OpportunityId":"006\u0043"}]}
            """,
            SalesforceJson.Default.SfQueryPageSfHistoryRow)!;

        var rows = page.Records!;
        Assert.Equal(5, rows.Count);
        Assert.Equal(("006A", "Prospecting", new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero)), (rows[0].OpportunityId, rows[0].StageName, rows[0].CreatedDate!.Value));
        Assert.Equal(("006A", "Qualification"), (rows[1].OpportunityId, rows[1].StageName));
        Assert.Same(rows[0].OpportunityId, rows[1].OpportunityId);
        Assert.Null(rows[2]);
        Assert.Equal(((string?)null, (string?)null, (DateTimeOffset?)null), (rows[3].OpportunityId, rows[3].StageName, rows[3].CreatedDate));
        Assert.Equal(("006C", new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero)), (rows[4].OpportunityId, rows[4].CreatedDate!.Value));   // the last of a repeated field wins
        Assert.Same(rows[0].StageName, rows[4].StageName);
        Assert.True(page.Done);
    }

    [Theory]
    [InlineData("https://login.salesforce.com", "https://login.salesforce.com")]
    [InlineData("https://acme.my.salesforce.com", "https://login.salesforce.com")]
    [InlineData("https://test.salesforce.com", "https://test.salesforce.com")]
    [InlineData("https://acme--uat.sandbox.my.salesforce.com", "https://test.salesforce.com")]
    public void JwtAudience_LoginHostOrSandbox(string loginUrl, string audience)
    {
        Assert.Equal(audience, SalesforceAuth.Audience(new Uri(loginUrl)));
    }

    [Theory]
    [InlineData("webhook", "Crm:Salesforce:ChangeEvents must be poll (default: pulled every Crm:PollInterval) or cdc (Change Data Capture over CometD), not 'webhook'")]
    [InlineData("", "Crm:Salesforce:ChangeEvents must be poll")]
    public void ChangeEvents_NeitherPollNorCdc_HostStopsNamingTheKey(string value, string expected)
    {
        var result = Validate(new SalesforceSettings { InstanceUrl = new("https://acme.my.salesforce.com"), AccessToken = "t", ChangeEvents = value });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangeEvents_CdcWithTooShortFallbackPoll_Refused_CdcDefaultsAccepted()
    {
        var tooShort = Validate(new SalesforceSettings { InstanceUrl = new("https://acme.my.salesforce.com"), AccessToken = "t", ChangeEvents = "CDC", CdcPollInterval = TimeSpan.FromSeconds(30) });
        var fine = Validate(new SalesforceSettings { InstanceUrl = new("https://acme.my.salesforce.com"), AccessToken = "t", ChangeEvents = "cdc" });

        Assert.Contains("Crm:Salesforce:CdcPollInterval (the polling kept beside Change Data Capture) must be at least 00:01:00", tooShort.FailureMessage, StringComparison.Ordinal);
        Assert.True(fine.Succeeded, fine.FailureMessage);
    }

    [Theory]
    [InlineData("""{"event":{"replayId":5},"payload":{}}""", "no payload.ChangeEventHeader")]
    [InlineData("""{"payload":{"ChangeEventHeader":{"entityName":"Opportunity","changeType":"UPDATE","recordIds":["006a"]}}}""", "no event.replayId")]
    [InlineData("""{"event":{"replayId":5},"payload":{"ChangeEventHeader":{"entityName":"Opportunity","changeType":"MERGE","recordIds":["006a"]}}}""", "unknown changeType 'MERGE'")]
    [InlineData("""{"event":{"replayId":5},"payload":{"ChangeEventHeader":{"entityName":"Opportunity","changeType":"UPDATE","recordIds":"006a"}}}""", "recordIds is not a list of ids")]
    [InlineData("""{"event":{"replayId":5},"payload":{"ChangeEventHeader":{"entityName":"Opportunity","changeType":"DELETE","recordIds":[]}}}""", "recordIds is empty")]
    public void ChangeEvent_Malformed_NamesWhatIsWrong(string json, string problem)
    {
        Assert.Equal(problem, ChangeEvent.Parse(System.Text.Json.Nodes.JsonNode.Parse(json)).Problem);
    }

    [Fact]
    public void ChangeEvent_SalesforceSample_ReadsHeaderAndReplayId()
    {
        const string json = """
            {"schema":"IeRuaY6cbI_HsV8Rv1Mc5g","payload":{"ChangeEventHeader":{"entityName":"Opportunity","recordIds":["006000000000001AAA","006000000000002AAA"],
            "changeType":"UPDATE","transactionKey":"0002343d-9d90-e395-ed20-cf416ba652ad","commitTimestamp":1764687600000,"changedFields":["StageName"]},
            "StageName":"Negotiation/Review"},"event":{"replayId":12345}}
            """;

        var change = ChangeEvent.Parse(System.Text.Json.Nodes.JsonNode.Parse(json));

        Assert.Null(change.Problem);
        Assert.Equal(12345, change.ReplayId);
        Assert.Equal(["006000000000001AAA", "006000000000002AAA"], change.RecordIds);
        Assert.Equal("0002343d-9d90-e395-ed20-cf416ba652ad", change.TransactionKey);
        Assert.False(change.IsGap);
        Assert.True(ChangeEvent.Parse(System.Text.Json.Nodes.JsonNode.Parse("""{"event":{"replayId":6},"payload":{"ChangeEventHeader":{"entityName":"Opportunity","changeType":"GAP_OVERFLOW","recordIds":[]}}}""")).IsGap);
    }
}
