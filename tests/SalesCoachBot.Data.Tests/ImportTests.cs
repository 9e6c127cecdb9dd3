using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data.Imports;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

// Import speed is measured in bench/ (bench/run.sh import), not asserted by a timed unit test.
public sealed class SqliteImportTests(SqliteDatabaseFixture fixture) : ImportTests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresImportTests(PostgresDatabaseFixture fixture) : ImportTests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

public abstract class ImportTests(Func<TestDatabase> database) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scb-import-").FullName;

    protected TestDatabase Db => database();

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected async Task<ImportResult> ImportAsync(ImportKind kind, string text) =>
        await ImportBytesAsync(kind, Encoding.UTF8.GetBytes(text));

    private async Task<ImportResult> ImportBytesAsync(ImportKind kind, byte[] bytes, List<ImportProgress>? progress = null)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(path, bytes);
        await using var scope = Db.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<CsvImportService>();
        return await importer.ImportAsync(kind, path, progress is null ? null : new ListProgress(progress), CancellationToken.None);
    }

    private sealed class ListProgress(List<ImportProgress> list) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => list.Add(value);
    }

    private async Task<Deal?> DealAsync(string externalId)
    {
        await using var db = Db.NewContext();
        return await db.Deals.AsNoTracking().SingleOrDefaultAsync(d => d.ExternalId == externalId);
    }

    private const string DealHeader = "external_id,name,account,amount,currency,owner_email,team,stage,stage_entered_at,next_step_at,created_at\n";

    [DatabaseFact]
    public async Task ImportDeals_NewDeal_CreatedWithEnteredHistoryAndActivity()
    {
        var team = await Db.CreateTeamAsync();
        var id = $"N{team.Tag}";

        var result = await ImportAsync(ImportKind.Deals,
            DealHeader + $"{id},Acme Corp,Acme,48000.00,eur,{team.RepEmail.ToUpperInvariant()},{team.TeamName.ToLowerInvariant()},Discovery,2025-02-01T10:00:00+01:00,2025-04-01,2025-01-15\n");

        Assert.True(result.IsClean, string.Join("\n", result.Rejections));
        Assert.Equal((1, 0), (result.Added, result.Updated));
        var deal = await DealAsync(id);
        Assert.NotNull(deal);
        var entered = new DateTimeOffset(2025, 2, 1, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal((new StageId("discovery"), 48000m, "EUR", team.RepId, team.TeamId), (deal.StageId, deal.Amount!.Value, deal.Currency!, deal.OwnerId, deal.TeamId));
        Assert.Equal((entered, entered, 1), (deal.StageEnteredAt, deal.LastActivityAt, deal.StageVersion));
        Assert.Equal(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero), deal.NextStepAt);
        await using var db = Db.NewContext();
        var history = await db.StageHistory.AsNoTracking().SingleAsync(h => h.DealId == deal.Id);
        Assert.Equal((new StageId("discovery"), StageChangeKind.Entered, entered), (history.StageId, history.Kind, history.EnteredAt));
    }

    [DatabaseFact]
    public async Task ImportDeals_NextStepTextAndDate_StoredAndAChangedOneIsANewNextStep()
    {
        var team = await Db.CreateTeamAsync();
        var id = $"X{team.Tag}";
        const string header = "external_id,name,owner_email,team,stage,next_step,next_step_at\n";
        var csv = header + $"{id},Acme Corp,{team.RepEmail},{team.TeamName},discovery,\"Demo with their CFO, in person\",2025-04-01\n";

        var first = await ImportAsync(ImportKind.Deals, csv);
        var again = await ImportAsync(ImportKind.Deals, csv);

        Assert.True(first.IsClean, string.Join("\n", first.Rejections));
        Assert.Equal((0, 0), (again.Added, again.Updated));
        var deal = await DealAsync(id);
        Assert.Equal("Demo with their CFO, in person", deal!.NextStep);
        Assert.Equal(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero), deal.NextStepAt);
        Assert.Equal(Db.Time.GetUtcNow(), deal.NextStepSetAt);

        Db.Time.Advance(TimeSpan.FromHours(1));
        var changed = await ImportAsync(ImportKind.Deals, header + $"{id},Acme Corp,{team.RepEmail},{team.TeamName},discovery,Send pricing,2025-04-02\n");

        Assert.Equal((0, 1), (changed.Added, changed.Updated));
        deal = await DealAsync(id);
        Assert.Equal(("Send pricing", Db.Time.GetUtcNow()), (deal!.NextStep, deal.NextStepSetAt));
    }

    [DatabaseFact]
    public async Task ImportDeals_NextStepTooLong_RowRejectedNamingTheColumn()
    {
        var team = await Db.CreateTeamAsync();
        var csv = "external_id,name,owner_email,team,stage,next_step\n" + $"L{team.Tag},Acme Corp,{team.RepEmail},{team.TeamName},discovery,{new string('x', 501)}\n";

        var result = await ImportAsync(ImportKind.Deals, csv);

        Assert.Equal(1, result.Rejected);
        Assert.Contains("next_step", string.Join("\n", result.Rejections), StringComparison.Ordinal);
        Assert.Null(await DealAsync($"L{team.Tag}"));
    }

    [DatabaseFact]
    public async Task ImportDeals_SameFileTwice_SecondChangesNothingAndKeepsActivity()
    {
        var team = await Db.CreateTeamAsync();
        var id = $"S{team.Tag}";
        var csv = DealHeader + $"{id},Acme Corp,Acme,100.10,EUR,{team.RepEmail},{team.TeamName},discovery,2025-02-01,,\n";
        await ImportAsync(ImportKind.Deals, csv);
        var before = await DealAsync(id);
        Db.Time.Advance(TimeSpan.FromDays(3));

        var again = await ImportAsync(ImportKind.Deals, csv);

        Assert.Equal((0, 0, 1, 0), (again.Added, again.Updated, again.Unchanged, again.Rejected));
        var after = await DealAsync(id);
        Assert.Equal(before!.LastActivityAt, after!.LastActivityAt);
        Assert.Equal(before.StageVersion, after.StageVersion);
    }

    [DatabaseFact]
    public async Task ImportDeals_StageChanged_BumpsVersionAddsHistoryMovesActivity()
    {
        var team = await Db.CreateTeamAsync();
        var id = $"M{team.Tag}";
        await ImportAsync(ImportKind.Deals, DealHeader + $"{id},Acme Corp,,,,{team.RepEmail},{team.TeamName},discovery,2025-02-01,,\n");

        var result = await ImportAsync(ImportKind.Deals, DealHeader + $"{id},Acme Corp,,,,{team.RepEmail},{team.TeamName},demo,2025-03-01,,\n");

        Assert.Equal(1, result.Updated);
        var deal = await DealAsync(id);
        Assert.Equal((new StageId("demo"), 2), (deal!.StageId, deal.StageVersion));
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), deal.LastActivityAt);
        await using var db = Db.NewContext();
        Assert.Equal(2, await db.StageHistory.CountAsync(h => h.DealId == deal.Id));
    }

    [DatabaseFact]
    public async Task ImportDeals_AmountChangedOnly_UpdatedWithoutActivity()
    {
        var team = await Db.CreateTeamAsync();
        var id = $"A{team.Tag}";
        await ImportAsync(ImportKind.Deals, DealHeader + $"{id},Acme Corp,,100,EUR,{team.RepEmail},{team.TeamName},discovery,2025-02-01,,\n");
        var before = await DealAsync(id);

        var result = await ImportAsync(ImportKind.Deals, DealHeader + $"{id},Acme Corp,,250.75,EUR,{team.RepEmail},{team.TeamName},discovery,2025-02-01,,\n");

        Assert.Equal(1, result.Updated);
        var after = await DealAsync(id);
        Assert.Equal(250.75m, after!.Amount);
        Assert.Equal((before!.LastActivityAt, before.StageVersion), (after.LastActivityAt, after.StageVersion));
    }

    [DatabaseFact]
    public async Task ImportDeals_ThreeDecimalCurrency_KeepsItsDecimalsOthersRoundToTwo()
    {
        var team = await Db.CreateTeamAsync();
        var (dinars, euros) = ($"K{team.Tag}", $"E{team.Tag}");
        await ImportAsync(ImportKind.Deals, DealHeader +
            $"{dinars},Gulf Co,,1234.567,KWD,{team.RepEmail},{team.TeamName},discovery,2025-02-01,,\n" +
            $"{euros},Euro Co,,12.345,EUR,{team.RepEmail},{team.TeamName},discovery,2025-02-01,,\n");

        // A file without the currency column rounds for the deal's stored currency.
        await ImportAsync(ImportKind.Deals, "external_id,name,owner_email,team,stage,amount\n" +
            $"{dinars},Gulf Co,{team.RepEmail},{team.TeamName},discovery,2000.125\n");

        Assert.Equal(2000.125m, (await DealAsync(dinars))!.Amount);
        Assert.Equal(12.35m, (await DealAsync(euros))!.Amount);
    }

    [DatabaseFact]
    public async Task ImportDeals_BadRows_RejectedWithReasonsGoodRowsWritten()
    {
        var team = await Db.CreateTeamAsync();
        var t = team.Tag;
        var rows = new[]
        {
            $"G1{t},Good one,,10,EUR,{team.RepEmail},{team.TeamName},discovery,2025-02-01,,",
            $"B1{t},Bad date,,10,EUR,{team.RepEmail},{team.TeamName},discovery,01/02/2025,,",
            $"B2{t},Bad stage,,10,EUR,{team.RepEmail},{team.TeamName},negotiation,,,",
            $"B3{t},Bad owner,,10,EUR,ghost-{t}@example.com,{team.TeamName},discovery,,,",
            $"B4{t},Bad team,,10,EUR,{team.RepEmail},Nowhere {t},discovery,,,",
            $"B5{t},Bad amount,,ten,EUR,{team.RepEmail},{team.TeamName},discovery,,,",
            $"B6{t},Negative,,-5,EUR,{team.RepEmail},{team.TeamName},discovery,,,",
            $"B7{t},Absurd,,5000000000000,EUR,{team.RepEmail},{team.TeamName},discovery,,,",
            $"B8{t},Bad currency,,10,EURO,{team.RepEmail},{team.TeamName},discovery,,,",
            $"G1{t},Duplicate,,10,EUR,{team.RepEmail},{team.TeamName},discovery,,,",
            $"B9{t},Too few fields",
            $"G2{t},Good two,,,,{team.RepEmail},{team.TeamName},demo,,,",
        };

        var result = await ImportAsync(ImportKind.Deals, DealHeader + string.Join('\n', rows) + "\n");

        Assert.Equal(2, result.Added);
        var reasons = result.Rejections.ToDictionary(r => r.Line, r => r.Reason);
        Assert.Equal([3L, 4, 5, 6, 7, 8, 9, 10, 11, 12], reasons.Keys.Order());
        Assert.Contains("ISO 8601", reasons[3], StringComparison.Ordinal);
        Assert.Contains("unknown stage 'negotiation'", reasons[4], StringComparison.Ordinal);
        Assert.Contains("unknown owner", reasons[5], StringComparison.Ordinal);
        Assert.Contains("unknown team", reasons[6], StringComparison.Ordinal);
        Assert.Contains("not a number", reasons[7], StringComparison.Ordinal);
        Assert.Contains("negative", reasons[8], StringComparison.Ordinal);
        Assert.Contains("absurdly large", reasons[9], StringComparison.Ordinal);
        Assert.Contains("3-letter", reasons[10], StringComparison.Ordinal);
        Assert.Contains("duplicate external_id", reasons[11], StringComparison.Ordinal);
        Assert.Contains("fields", reasons[12], StringComparison.Ordinal);
        Assert.NotNull(await DealAsync($"G2{t}"));
        Assert.Null(await DealAsync($"B1{t}"));
    }

    [DatabaseFact]
    public async Task ImportDeals_UnknownColumn_WholeFileRefusedNothingWritten()
    {
        var team = await Db.CreateTeamAsync();

        var result = await ImportAsync(ImportKind.Deals, "external_id,name,owner_email,team,stage,colour\n" +
            $"U{team.Tag},Acme,{team.RepEmail},{team.TeamName},discovery,red\n");

        Assert.Contains("unknown column 'colour'", result.FileError, StringComparison.Ordinal);
        Assert.Null(await DealAsync($"U{team.Tag}"));
    }

    [DatabaseFact]
    public async Task ImportDeals_MissingRequiredColumn_Refused()
    {
        var result = await ImportAsync(ImportKind.Deals, "external_id,name,owner_email,team\n1,Acme,a@example.com,EMEA\n");

        Assert.Contains("missing required column 'stage'", result.FileError, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task ImportDeals_EmptyFileOrNoHeader_Refused()
    {
        var empty = await ImportAsync(ImportKind.Deals, "");
        var noHeader = await ImportAsync(ImportKind.Deals, "1001,Acme Corp,dana@example.com,EMEA,discovery\n");

        Assert.Contains("empty", empty.FileError, StringComparison.Ordinal);
        Assert.Contains("no header row", noHeader.FileError, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task ImportDeals_InvalidUtf8_RefusedWithLine()
    {
        var team = await Db.CreateTeamAsync();
        var good = Encoding.UTF8.GetBytes(DealHeader + $"V{team.Tag},Good,,,,{team.RepEmail},{team.TeamName},discovery,,,\n");
        byte[] latin1 = [.. Encoding.Latin1.GetBytes($"W{team.Tag},M\u00fcller GmbH,,,,{team.RepEmail},{team.TeamName},discovery,,,\n")];

        var result = await ImportBytesAsync(ImportKind.Deals, [.. good, .. latin1]);

        Assert.Contains("not valid UTF-8 (line 3", result.FileError, StringComparison.Ordinal);
        Assert.Null(await DealAsync($"V{team.Tag}"));
    }

    [DatabaseFact]
    public async Task ImportDeals_Utf8WithBomAndQuotedFields_Accepted()
    {
        var team = await Db.CreateTeamAsync();
        var text = DealHeader + $"Q{team.Tag},\"Müller, Schmidt & Co\",\"Acme \"\"EU\"\"\",,,{team.RepEmail},{team.TeamName},discovery,,,\n";

        var result = await ImportBytesAsync(ImportKind.Deals, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);

        Assert.True(result.IsClean, string.Join("\n", result.Rejections) + result.FileError);
        var deal = await DealAsync($"Q{team.Tag}");
        Assert.Equal(("Müller, Schmidt & Co", "Acme \"EU\""), (deal!.Name, deal.Account!));
    }

    [DatabaseFact]
    public async Task ImportDeals_SeveralInsertChunks_EveryDealWrittenWithItsOwnHistory()
    {
        // More rows than one multi-row INSERT holds, with a partial last chunk, and a bad row in the middle.
        var team = await Db.CreateTeamAsync();
        var csv = new StringBuilder("external_id,name,owner_email,team,stage,amount,currency,stage_entered_at\n");
        for (var i = 0; i < 1_234; i++)
        {
            csv.Append(i == 600
                ? $"C{team.Tag}-{i},Deal {i},{team.RepEmail},{team.TeamName},nowhere,1,EUR,2025-01-01\n"
                : $"C{team.Tag}-{i},Deal {i},{team.RepEmail},{team.TeamName},discovery,{i}.50,EUR,2025-01-{1 + (i % 28):00}\n");
        }

        var result = await ImportAsync(ImportKind.Deals, csv.ToString());
        var again = await ImportAsync(ImportKind.Deals, csv.ToString().Replace($"C{team.Tag}-7,Deal 7,", $"C{team.Tag}-7,Deal seven,", StringComparison.Ordinal));

        Assert.Equal((1_233, 1), (result.Added, result.Rejected));
        Assert.Equal(602, result.Rejections[0].Line);
        Assert.Equal((0, 1, 1_232), (again.Added, again.Updated, again.Unchanged));
        await using var db = Db.NewContext();
        var deals = await db.Deals.AsNoTracking().Where(d => d.TeamId == team.TeamId).ToListAsync();
        var history = await db.StageHistory.AsNoTracking().Where(h => deals.Select(d => d.Id).Contains(h.DealId)).ToListAsync();
        Assert.Equal(1_233, deals.Count);
        Assert.Equal(1_233, history.Count);
        var byDeal = history.ToDictionary(h => h.DealId);
        Assert.All(deals, d => Assert.Equal((d.StageId, d.StageEnteredAt, StageChangeKind.Entered), (byDeal[d.Id].StageId, byDeal[d.Id].EnteredAt, byDeal[d.Id].Kind)));
        var last = deals.Single(d => d.ExternalId == $"C{team.Tag}-1233");
        Assert.Equal((1233.50m, "EUR", new DateTimeOffset(2025, 1, 1 + (1233 % 28), 0, 0, 0, TimeSpan.Zero)), (last.Amount, last.Currency, last.StageEnteredAt));
        Assert.Equal("Deal seven", deals.Single(d => d.ExternalId == $"C{team.Tag}-7").Name);
    }

    [DatabaseFact]
    public async Task ImportDeals_ManyRows_ReportsProgressEveryTenThousand()
    {
        var team = await Db.CreateTeamAsync();
        var csv = new StringBuilder("external_id,name,owner_email,team,stage\n");
        for (var i = 0; i < 25_000; i++)
        {
            csv.Append($"P{team.Tag}-{i},Deal {i},{team.RepEmail},{team.TeamName},demo\n");
        }

        var progress = new List<ImportProgress>();
        var result = await ImportBytesAsync(ImportKind.Deals, Encoding.UTF8.GetBytes(csv.ToString()), progress);

        Assert.Equal(25_000, result.Added);
        Assert.Equal([10_000L, 20_000L], progress.Select(p => p.Rows));
    }

    [DatabaseFact]
    public async Task ImportPeople_CreatesTeamsMembershipsAndRejectsBadRows()
    {
        var t = Guid.NewGuid().ToString("N")[..8];
        var csv = "email,name,team,role,teams_aad_object_id,slack_user_id\n" +
            $"m-{t}@example.com,Morgan {t},North {t};South {t},manager,AAD-{t},U{t}\n" +
            $"r-{t}@example.com,Riley {t},North {t},,,\n" +
            $"x-{t}@example.com,Bad role {t},North {t},boss,,\n" +
            $"y-{t}@example.com,Taken id {t},North {t},rep,AAD-{t},\n" +
            $"M-{t}@EXAMPLE.COM,Duplicate {t},,,,\n" +
            $"not-an-email,Nobody,,,,\n";

        var result = await ImportAsync(ImportKind.People, csv);

        Assert.Equal((2, 4), (result.Added, result.Rejected));
        Assert.Contains("role 'boss'", result.Rejections.Single(r => r.Line == 4).Reason, StringComparison.Ordinal);
        Assert.Contains("already belongs to", result.Rejections.Single(r => r.Line == 5).Reason, StringComparison.Ordinal);
        Assert.Contains("duplicate email", result.Rejections.Single(r => r.Line == 6).Reason, StringComparison.Ordinal);
        Assert.Contains("not an email", result.Rejections.Single(r => r.Line == 7).Reason, StringComparison.Ordinal);
        await using var db = Db.NewContext();
        var morgan = await db.People.Include(p => p.Memberships).AsNoTracking().SingleAsync(p => p.Email == $"m-{t}@example.com");
        Assert.Equal((PersonRole.Manager, $"AAD-{t}", $"U{t}", 2), (morgan.Role, morgan.TeamsAadObjectId!, morgan.SlackUserId!, morgan.Memberships.Count));

        var again = await ImportAsync(ImportKind.People, $"email,name,team\nm-{t}@example.com,Morgan {t},North {t}\n");

        Assert.Equal((0, 1), (again.Added, again.Updated));
        Assert.Single(await db.Memberships.AsNoTracking().Where(m => m.PersonId == morgan.Id).ToListAsync());
    }

    [DatabaseFact]
    public async Task ImportPeople_TeamThatDidNotExist_CreatedWithOneWarningNamingItAndItsFirstLine()
    {
        var team = await Db.CreateTeamAsync();
        var t = team.Tag;
        // The audit's typo: "Nowhere" on line 4, again on line 5; the known team and a rejected row's team warn nothing.
        var csv = "email,name,team,role,language\n" +
            $"a-{t}@example.com,Ana {t},{team.TeamName},rep,en\n" +
            $"b-{t}@example.com,Bo {t},{team.TeamName.ToUpperInvariant()},rep,en\n" +
            $"lina-{t}@example.com,Lina {t},Nowhere {t},rep,en\n" +
            $"omar-{t}@example.com,Omar {t},nowhere {t};{team.TeamName},rep,en\n" +
            $"bad-{t}@example.com,Bad {t},Typo {t},boss,en\n";

        var result = await ImportAsync(ImportKind.People, csv);

        Assert.Equal((4, 1), (result.Added, result.Rejected));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal($"line 4: warning: team 'Nowhere {t}' did not exist and was created", warning.ToString());
        await using var db = Db.NewContext();
        Assert.True(await db.Teams.AnyAsync(x => x.Name == $"Nowhere {t}"));
        Assert.False(await db.Teams.AnyAsync(x => x.Name == $"Typo {t}"));

        // Imported again, the team exists: no warning.
        var again = await ImportAsync(ImportKind.People, $"email,name,team\nlina-{t}@example.com,Lina {t},Nowhere {t}\n");
        Assert.Empty(again.Warnings);
    }

    [DatabaseFact]
    public async Task ImportPeople_SlackTeamId_PinsTheSlackUserIdAndAnEmptyCellKeepsIt()
    {
        var t = Guid.NewGuid().ToString("N")[..8];

        var added = await ImportAsync(ImportKind.People, $"email,name,slack_user_id,slack_team_id\np-{t}@example.com,Pat {t},U{t},T{t}\n");
        var kept = await ImportAsync(ImportKind.People, $"email,name,slack_user_id,slack_team_id\np-{t}@example.com,Pat {t} renamed,U{t},\n");
        var tooLong = await ImportAsync(ImportKind.People, $"email,name,slack_team_id\nq-{t}@example.com,Quinn {t},{new string('T', 101)}\n");

        Assert.Equal((1, 1, 1), (added.Added, kept.Updated, tooLong.Rejected));
        Assert.Contains("slack_team_id", tooLong.Rejections.Single().Reason, StringComparison.Ordinal);
        await using var db = Db.NewContext();
        var pat = await db.People.AsNoTracking().SingleAsync(p => p.Email == $"p-{t}@example.com");
        Assert.Equal(($"U{t}", $"T{t}"), (pat.SlackUserId, pat.SlackTeamId));
    }

    [DatabaseFact]
    public async Task ImportTeams_UpsertByNameCaseInsensitive_ValidatesFields()
    {
        var t = Guid.NewGuid().ToString("N")[..8];
        var csv = "team,time_zone,nudge_time,weekdays_only,idle_after_days\n" +
            $"Alpha {t},Europe/Berlin,08:30,false,10\n" +
            $"Beta {t},Mars/Olympus,09:00,true,14\n" +
            $"Gamma {t},UTC,9am,true,14\n" +
            $"ALPHA {t},UTC,,,\n";

        var first = await ImportAsync(ImportKind.Teams, csv);
        var update = await ImportAsync(ImportKind.Teams, $"team,time_zone\nalpha {t},America/New_York\n");

        Assert.Equal((1, 3), (first.Added, first.Rejected));
        Assert.Contains("IANA", first.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Contains("HH:mm", first.Rejections[1].Reason, StringComparison.Ordinal);
        Assert.Contains("duplicate team", first.Rejections[2].Reason, StringComparison.Ordinal);
        Assert.Equal(1, update.Updated);
        await using var db = Db.NewContext();
        var alpha = await db.Teams.AsNoTracking().SingleAsync(x => x.Name == $"Alpha {t}");
        Assert.Equal(("America/New_York", new TimeOnly(8, 30), false, 10), (alpha.TimeZoneId, alpha.NudgeTime, alpha.WeekdaysOnly, alpha.IdleAfterDays));
    }

    [DatabaseFact]
    public async Task ImportTeams_WorkdaysColumn_StoresTheWeekRejectsBadValuesNamingTheRowAndOldFilesKeepIt()
    {
        var t = Guid.NewGuid().ToString("N")[..8];
        var csv = "team,time_zone,nudge_time,weekdays_only,idle_after_days,map,language,workdays\n" +
            $"Riyadh {t},Asia/Riyadh,09:00,true,14,,ar,sun-thu\n" +
            $"Bad {t},UTC,09:00,true,14,,,weekends\n" +
            $"Plain {t},UTC,,,,,,\n";

        var first = await ImportAsync(ImportKind.Teams, csv);
        var oldFile = await ImportAsync(ImportKind.Teams, $"team,time_zone,nudge_time,weekdays_only,idle_after_days\nriyadh {t},Asia/Riyadh,08:30,true,14\n");
        var listed = await ImportAsync(ImportKind.Teams, $"team,workdays\nplain {t},\"mon,tue,wed,thu,sun\"\n");

        Assert.Equal((2, 1), (first.Added, first.Rejected));
        var bad = first.Rejections.Single();
        Assert.Equal(3, bad.Line);
        Assert.Contains("workdays 'weekends'", bad.Reason, StringComparison.Ordinal);
        Assert.Contains("sun-thu", bad.Reason, StringComparison.Ordinal);
        Assert.Equal((1, 1), (oldFile.Updated, listed.Updated));
        await using var db = Db.NewContext();
        var teams = await db.Teams.AsNoTracking().Where(x => x.Name.EndsWith(t)).ToDictionaryAsync(x => x.Name);
        Assert.Equal(WorkWeek.Parse("sun-thu"), teams[$"Riyadh {t}"].Workdays);   // a file without the column keeps it
        Assert.Equal(new TimeOnly(8, 30), teams[$"Riyadh {t}"].NudgeTime);
        Assert.Equal("sun-thu", teams[$"Plain {t}"].Workdays.ToString());           // Monday to Friday until the list came
        Assert.DoesNotContain($"Bad {t}", teams.Keys);
    }

    [DatabaseFact]
    public async Task ImportTeams_QuotaColumns_StoreTheQuotaRejectBadCellsNamingRowAndColumnAndEmptyKeepsIt()
    {
        var t = Guid.NewGuid().ToString("N")[..8];
        var csv = "team,quota,quota_currency,quota_period\n" +
            $"Gulf {t},2000000,kwd,year\n" +
            $"Plain {t},500000.5,EUR,\n" +
            $"Letters {t},lots,EUR,quarter\n" +
            $"Euro {t},100,EURO,quarter\n" +
            $"Weekly {t},100,EUR,weekly\n" +
            $"Bare {t},100,,quarter\n" +
            $"Zero {t},0,EUR,quarter\n";

        var first = await ImportAsync(ImportKind.Teams, csv);
        var kept = await ImportAsync(ImportKind.Teams, $"team,time_zone,quota,quota_currency,quota_period\ngulf {t},Asia/Kuwait,,,\n");

        Assert.Equal((2, 5), (first.Added, first.Rejected));
        string[] reasons =
        [
            "quota: amount 'lots' is not a number", "quota_currency: currency 'EURO'", "quota_period 'weekly' is not quarter, month or year",
            "quota '100' has no quota_currency", "quota '0' is not above zero",
        ];
        Assert.Equal([4, 5, 6, 7, 8], first.Rejections.Select(r => r.Line));
        Assert.All(first.Rejections.Zip(reasons), pair => Assert.StartsWith(pair.Second, pair.First.Reason, StringComparison.Ordinal));
        Assert.Equal(1, kept.Updated);
        await using var db = Db.NewContext();
        var teams = await db.Teams.AsNoTracking().Where(x => x.Name.EndsWith(t)).ToDictionaryAsync(x => x.Name);
        Assert.Equal(["Gulf " + t, "Plain " + t], teams.Keys.Order());
        var gulf = teams[$"Gulf {t}"];
        Assert.Equal((2_000_000m, "KWD", QuotaPeriod.Year, (long?)null, "Asia/Kuwait"), (gulf.QuotaAmount, gulf.QuotaCurrency, gulf.QuotaPeriod, gulf.QuotaSetByPersonId, gulf.TimeZoneId));
        Assert.NotNull(gulf.QuotaSetAt);
        Assert.Equal((500_000.5m, "EUR", QuotaPeriod.Quarter), (teams[$"Plain {t}"].QuotaAmount, teams[$"Plain {t}"].QuotaCurrency, teams[$"Plain {t}"].QuotaPeriod));
    }

    [DatabaseFact]
    public async Task ImportHistory_AddsRowsOnceAndRejectsUnknownDeal()
    {
        var team = await Db.CreateTeamAsync();
        var id = $"H{team.Tag}";
        await ImportAsync(ImportKind.Deals, DealHeader + $"{id},Acme,,,,{team.RepEmail},{team.TeamName},demo,2025-02-10,,\n");
        var before = await DealAsync(id);
        var csv = "external_id,stage,entered_at\n" +
            $"{id},discovery,2025-01-20\n" +
            $"{id},demo,2025-02-10\n" +
            $"nope-{team.Tag},demo,2025-02-10\n" +
            $"{id},discovery,2025-01-20\n";

        var result = await ImportAsync(ImportKind.History, csv);
        var again = await ImportAsync(ImportKind.History, $"external_id,stage,entered_at\n{id},discovery,2025-01-20\n");

        Assert.Equal((1, 1, 2), (result.Added, result.Unchanged, result.Rejected));
        Assert.Contains("unknown deal", result.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Contains("duplicate", result.Rejections[1].Reason, StringComparison.Ordinal);
        Assert.Equal((0, 1), (again.Added, again.Unchanged));
        await using var db = Db.NewContext();
        Assert.Equal(2, await db.StageHistory.CountAsync(h => h.DealId == before!.Id));
        Assert.Equal(before!.LastActivityAt, (await DealAsync(id))!.LastActivityAt);
    }

    /// <summary>The team's day (Europe/Berlin): the date today, and an instant a year ahead, both as ISO text.</summary>
    private (string Today, string LaterToday, string NextYear) Dates()
    {
        var now = Db.Time.GetUtcNow();
        var berlin = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        var lastMinute = now + (TimeSpan.FromDays(1) - berlin.TimeOfDay) - TimeSpan.FromMinutes(1);
        return (berlin.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            lastMinute.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            now.AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [DatabaseFact]
    public async Task ImportDeals_DateOfWhatHappenedAfterToday_RowRejectedNamingTheLineAndTheStoredDealKept()
    {
        var team = await Db.CreateTeamAsync();
        var (today, laterToday, nextYear) = Dates();
        await ImportAsync(ImportKind.Deals, DealHeader + $"F{team.Tag},Acme,,,,{team.RepEmail},{team.TeamName},demo,2025-02-10,,\n");
        var before = await DealAsync($"F{team.Tag}");

        var result = await ImportAsync(ImportKind.Deals, DealHeader +
            $"G{team.Tag},Globex,,,,{team.RepEmail},{team.TeamName},discovery,{today},{nextYear},{laterToday}\n" +
            $"F{team.Tag},Acme,,,,{team.RepEmail},{team.TeamName},discovery,{nextYear},,\n" +
            $"H{team.Tag},Hooli,,,,{team.RepEmail},{team.TeamName},discovery,2025-01-01,,{nextYear}\n");

        Assert.Equal((1, 0), (result.Added, result.Updated));
        Assert.Equal(
            [$"line 3: stage_entered_at '{nextYear}' is in the future: dates of what happened must be today or earlier",
             $"line 4: created_at '{nextYear}' is in the future: dates of what happened must be today or earlier"],
            result.Rejections.Select(r => r.ToString()));
        var after = await DealAsync($"F{team.Tag}");
        Assert.Equal((before!.StageId, before.StageEnteredAt, before.StageVersion), (after!.StageId, after.StageEnteredAt, after.StageVersion));
        Assert.Null(await DealAsync($"H{team.Tag}"));
        // The rest of today in the team's zone is today; a next step may be ahead.
        Assert.NotNull(await DealAsync($"G{team.Tag}"));
    }

    [DatabaseFact]
    public async Task ImportHistory_RowAfterToday_RejectedNamingTheLine()
    {
        var team = await Db.CreateTeamAsync();
        var id = $"T{team.Tag}";
        var (today, _, nextYear) = Dates();
        await ImportAsync(ImportKind.Deals, DealHeader + $"{id},Acme,,,,{team.RepEmail},{team.TeamName},demo,2025-02-10,,\n");

        var result = await ImportAsync(ImportKind.History, "external_id,stage,entered_at,kind,author_email,text\n" +
            $"{id},discovery,{nextYear},,,\n" +
            $"{id},,{nextYear},note,,Champion moved\n" +
            $"{id},,{nextYear},call,,\n" +
            $"{id},discovery,{today},,,\n");

        Assert.Equal(1, result.Added);
        Assert.Equal([2L, 3L, 4L], result.Rejections.Select(r => r.Line));
        Assert.All(result.Rejections, r => Assert.Equal($"entered_at '{nextYear}' is in the future: dates of what happened must be today or earlier", r.Reason));
    }

    [DatabaseFact]
    public async Task ImportPeopleAndDeals_TrailingRowsOfOnlyCommas_ReadAsBlankLines()
    {
        var team = await Db.CreateTeamAsync();

        var people = await ImportAsync(ImportKind.People, $"email,name,team,role\ncommas-{team.Tag}@example.com,Comma Person,{team.TeamName},rep\n,,,\n, , ,\n");
        var deals = await ImportAsync(ImportKind.Deals, DealHeader + $"C{team.Tag},Acme,,,,{team.RepEmail},{team.TeamName},demo,2025-02-10,,\n,,,,,,,,,,\n,,,\n");

        Assert.True(people.IsClean, string.Join("\n", people.Rejections));
        Assert.True(deals.IsClean, string.Join("\n", deals.Rejections));
        Assert.Equal((1, 1), (people.Added, deals.Added));
    }

    [DatabaseFact]
    public async Task ImportPeopleAndDeals_NameWithALineBreak_RowRejectedWithTheReason()
    {
        var team = await Db.CreateTeamAsync();

        var people = await ImportAsync(ImportKind.People, $"email,name\nsam-{team.Tag}@example.com,\"Sam\r\nTwo\"\nok-{team.Tag}@example.com,\"Sam Two\"\n");
        var deals = await ImportAsync(ImportKind.Deals, DealHeader + $"B{team.Tag},\"Acme\nCorp\",,,,{team.RepEmail},{team.TeamName},demo,2025-02-10,,\n");

        Assert.Equal(1, people.Added);
        Assert.Equal("line 2: name contains a control character (U+000D, a line break); write it on one line", Assert.Single(people.Rejections).ToString());
        Assert.Equal("line 2: name contains a control character (U+000A, a line break); write it on one line", Assert.Single(deals.Rejections).ToString());
        await using var db = Db.NewContext();
        Assert.False(await db.People.AnyAsync(p => p.Email == $"sam-{team.Tag}@example.com"));
        Assert.Null(await DealAsync($"B{team.Tag}"));
    }
}
