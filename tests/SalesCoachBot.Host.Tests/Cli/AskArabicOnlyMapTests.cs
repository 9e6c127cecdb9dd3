using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data;
using SalesCoachBot.Host.Cli;

namespace SalesCoachBot.Host.Tests.Cli;

/// <summary>
/// A map written only in Arabic (<c>language: ar</c>), its branch conditions and lost reasons keys in Arabic as the docs
/// say, walked through the command line over a real SQLite database: lint, imports, a confirmation, a no with an Arabic
/// lost reason (typed and as the card's buttons carry it), Arabic branches followed, the history.
/// </summary>
public sealed class AskArabicOnlyMapTests : IAsyncLifetime
{
    private const string ArabicMap = """
        id: gulf
        name: مسار المبيعات
        version: 1
        language: ar
        start: qualify
        won: signed
        stages:
          - id: qualify
            name: التأهيل
            owner: sales
            entry: حُدّد موعد أول مكالمة مع المشتري في التقويم.
            activities: نسأل المشتري عن المشكلة والميزانية والموعد.
            stallAfterDays: 10
            checklist:
              - { id: pain-written, text: "كُتبت مشكلة المشتري في الصفقة" }
              - { id: budget-known, text: "سُجّل نطاق الميزانية", required: false }
            next: demo
            branches:
              - { when: المشتري-يرفض, to: nurture }
              - { when: غير-مناسب, to: lost }
          - id: demo
            name: العرض التوضيحي
            owner: sales-engineer
            entry: المشتري مؤهل واتُّفق على موعد العرض.
            activities: نعرض فقط ما طلبه المشتري من المنتج.
            stallAfterDays: 14
            checklist:
              - { id: demo-held, text: "قُدّم العرض التوضيحي لفريق المشتري" }
            next: signed
            branches:
              - { when: المتطلبات-غير-واضحة, to: qualify }
              - { when: المشتري-يرفض, to: lost }
          - id: signed
            name: موقّع
            owner: sales
            entry: وقّع الطرفان العقد.
            activities: نسلّم الصفقة لفريق التنفيذ.
            stallAfterDays: 30
            checklist:
              - { id: contract-stored, text: "حُفظ العقد الموقّع مع الصفقة" }
        outcomes:
          lost: { reasons: [السعر, المنافس, لا-ميزانية] }
          nurture: { reengageAfterDays: 60 }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("scb-armap-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();
    private ServiceProvider _services = null!;

    private string MapPath => Path.Combine(_dir, "gulf.yaml");

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(MapPath, ArabicMap);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero)));
        var options = new DatabaseOptions { Provider = "Sqlite", ConnectionString = $"Data Source={Path.Combine(_dir, "ask.db")}", SeedDemo = true };
        services.AddSalesCoachDataCore(_ => options);
        services.AddSalesCoachCore(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ProcessMap:Paths:0"] = MapPath, ["ProcessMap:Watch"] = "false" })
            .Build());
        services.AddCliVerbs();
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        Assert.Equal(0, await RunAsync("import", "teams", Write("teams.csv", "team,time_zone,map,language\nGulf,Asia/Riyadh,gulf,ar\n")));
        Assert.Equal(0, await RunAsync("import", "people", Write("people.csv", "email,name,team,role,language\nlayla@example.com,Layla Ali,Gulf,manager,ar\n")));
        Assert.Equal(0, await RunAsync("import", "deals", Write("deals.csv", """
            external_id,name,owner_email,team,stage,status,lost_reason
            8001,Falcon Co,layla@example.com,Gulf,qualify,,
            8002,Oasis Co,layla@example.com,Gulf,demo,,
            8003,Dune Co,layla@example.com,Gulf,demo,,
            8004,Palm Co,layla@example.com,Gulf,qualify,,
            8005,Sand Co,layla@example.com,Gulf,demo,lost,لا-ميزانية

            """)));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<int> RunAsync(string verb, params string[] args)
    {
        _out.GetStringBuilder().Clear();
        _err.GetStringBuilder().Clear();
        return await CliVerbs.RunAsync(_services, verb, args, new CliContext(_out, _err), CancellationToken.None);
    }

    private async Task<string> AskAsync(string text, bool json = false)
    {
        Assert.Equal(0, await RunAsync("ask", json ? [text, "--as", "layla@example.com", "--json"] : [text, "--as", "layla@example.com"]));
        return _out.ToString();
    }

    private async Task<Deal> DealAsync(string externalId)
    {
        await using var scope = _services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IDealStore>().FindByExternalIdAsync(externalId, CancellationToken.None))!.Deal;
    }

    [Fact]
    public async Task MapLint_ArabicOnlyMap_PassesWithoutEnglishWordWarnings()
    {
        var exit = await RunAsync("map", "lint", MapPath);

        Assert.Equal(0, exit);
        Assert.DoesNotContain("error", _out.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("verifiable outcome", _out.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("no \"no\" path", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_ConfirmTheLastItem_AdvancesTheDealOnTheArabicMap()
    {
        var answer = await AskAsync("تم pain-written لصفقة 8001");

        Assert.Contains("كُتبت مشكلة المشتري في الصفقة", answer, StringComparison.Ordinal);
        Assert.Contains("— العرض التوضيحي", answer, StringComparison.Ordinal);
        Assert.Equal("demo", (await DealAsync("8001")).StageId.Value);
    }

    [Fact]
    public async Task Ask_SaidNoWithAnArabicLostReason_FollowsTheStagesArabicNoBranchToLost()
    {
        var asked = await AskAsync("Oasis Co رفضوا", json: true);
        var closed = await AskAsync("Oasis Co رفضوا بسبب السعر");
        var history = await AskAsync("history of oasis co");

        // The reason buttons carry the Arabic keys and parse back from their JSON as Teams and Slack return it.
        var reasons = System.Text.Json.JsonDocument.Parse(asked).RootElement.GetProperty("card").GetProperty("choices").EnumerateArray()
            .Select(c => ActionPayload.TryParse(c.GetProperty("action").GetProperty("payload").GetRawText()))
            .Select(p => Assert.IsType<SaidNoPayload>(p).Reason)
            .ToList();
        Assert.Equal(["السعر", "المنافس", "لا-ميزانية"], reasons);
        var deal = await DealAsync("8002");
        Assert.Equal(DealStatus.Lost, deal.Status); // demo's المشتري-يرفض goes to lost, not the default nurture
        Assert.Equal("السعر", deal.LostReason);
        Assert.Contains("خاسرةً (السعر)", closed, StringComparison.Ordinal);
        Assert.Contains("السعر", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_ArabicBranches_AreFollowedByTheirWords()
    {
        var notAFit = await AskAsync("Palm Co غير مناسب");
        var back = await AskAsync("mark Dune Co as المتطلبات غير واضحة");

        var palm = await DealAsync("8004");
        Assert.Equal(DealStatus.Lost, palm.Status);
        Assert.Equal("غير-مناسب", palm.LostReason);
        Assert.Contains("«غير مناسب»", notAFit, StringComparison.Ordinal);
        Assert.Equal("qualify", (await DealAsync("8003")).StageId.Value);
        Assert.Contains("«المتطلبات غير واضحة»", back, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportDeals_ArabicLostReason_IsKeptAndShown()
    {
        var card = await AskAsync("ما التالي لصفقة Sand Co");

        Assert.Equal("لا-ميزانية", (await DealAsync("8005")).LostReason);
        Assert.Contains("لا-ميزانية", card, StringComparison.Ordinal);
    }
}
