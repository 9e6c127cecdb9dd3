using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Nudges;
using SalesCoachBot.Testing;

namespace SalesCoachBot.Core.Tests.ProcessMaps;

/// <summary>A map change in force moves deals out of replaced stages; a refused one keeps the map and tells the admins.</summary>
public sealed class MapChangeTests : IDisposable
{
    private static readonly DateTimeOffset Entered = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDir _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
    private readonly InMemoryStores _stores = new();
    private readonly InMemoryNudgeStore _outbox = new();
    private readonly InMemoryRecipients _recipients = new();
    private readonly ServiceProvider _services;

    public MapChangeTests()
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<IDealStore>(_stores);
        collection.AddSingleton<IDirectoryStore>(_stores);
        _services = collection.BuildServiceProvider();
    }

    public void Dispose()
    {
        _services.Dispose();
        _dir.Dispose();
    }

    /// <summary>Small v2 with demo merged into signed (v3): signed takes demo's deals and keeps its demo-held item.</summary>
    private static string Merged(string? replaces = "demo") =>
        ReloadingProcessMapSourceTestsMaps.WithoutDemo(replaces)
            .Replace("      - { id: contract-stored", "      - { id: demo-held, text: \"Demo held with the buyer's team\", required: true }\n      - { id: contract-stored", StringComparison.Ordinal);

    private ReloadingProcessMapSource Source(string path) =>
        new(new ProcessMapOptions { Path = path, Watch = false },
            new DealStoreStageOccupancy(_stores, _stores), _time, NullLogger<ReloadingProcessMapSource>.Instance,
            new ProcessMapEvents(_services.GetRequiredService<IServiceScopeFactory>(), _time, NullLogger<ProcessMapEvents>.Instance, _outbox, _recipients));

    private (Deal Deal, Person Rep) DealInDemo()
    {
        var team = _stores.AddTeam("EMEA");
        var rep = _stores.AddPerson("rita@example.com", PersonRole.Rep, team);
        var deal = _stores.AddDeal("1042", "Acme renewal", rep, team, "demo", Entered);
        _stores.Confirmations.Add(new Confirmation { Id = 1, DealId = deal.Id, StageId = deal.StageId, StageVersion = 1, ItemId = new ChecklistItemId("demo-held"), PersonId = rep.Id, ConfirmedAt = Entered.AddDays(1), Channel = ChatChannel.Slack });
        _stores.Confirmations.Add(new Confirmation { Id = 2, DealId = deal.Id, StageId = deal.StageId, StageVersion = 1, ItemId = new ChecklistItemId("demo-scripted"), PersonId = rep.Id, ConfirmedAt = Entered.AddDays(1), Channel = ChatChannel.Slack });
        return (deal, rep);
    }

    [Fact]
    public async Task ReloadAsync_StageMergedWithReplaces_MovesItsDealsAsAMapChangeKeepingSurvivingConfirmations()
    {
        var (deal, _) = DealInDemo();
        var path = TestMaps.Write(_dir.Path, TestMaps.Small);
        using var source = Source(path);

        File.WriteAllText(path, Merged());
        var result = await source.ReloadAsync(CancellationToken.None);

        Assert.Equal(ProcessMapReloadOutcome.Applied, result.Outcome);
        Assert.Equal("signed", deal.StageId.Value);
        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Equal(Entered, deal.StageEnteredAt);
        var history = Assert.Single(_stores.History);
        Assert.Equal((StageChangeKind.MapChange, "map change v2→v3", "signed"), (history.Kind, history.Reason, history.StageId.Value));
        Assert.Null(history.ByPersonId);
        Assert.Equal(3, history.MapVersion);
        var view = await _stores.GetAsync(deal.Id, CancellationToken.None);
        Assert.Equal(["demo-held"], view!.Confirmations.Select(c => c.Item.Value));
        Assert.Equal(Entered.AddDays(1), view.Confirmations[0].ConfirmedAt);
    }

    /// <summary>Small with budget-known required too: a deal in qualify with pain-written confirmed waits for budget-known.</summary>
    private static string BudgetRequired() =>
        TestMaps.Small.Replace("text: \"Budget range recorded\", required: false", "text: \"Budget range recorded\", required: true", StringComparison.Ordinal);

    private Deal DealInQualifyWaitingForBudget()
    {
        var team = _stores.AddTeam("EMEA");
        var rep = _stores.AddPerson("rita@example.com", PersonRole.Rep, team);
        var deal = _stores.AddDeal("1042", "Acme renewal", rep, team, "qualify", Entered);
        _stores.Confirmations.Add(new Confirmation { Id = 1, DealId = deal.Id, StageId = deal.StageId, StageVersion = 1, ItemId = new ChecklistItemId("pain-written"), PersonId = rep.Id, ConfirmedAt = Entered.AddDays(1), Channel = ChatChannel.Slack });
        return deal;
    }

    [Fact]
    public async Task ReloadAsync_LastOpenRequiredItemRemoved_DealAdvancesAsTheLastConfirmationWould()
    {
        var deal = DealInQualifyWaitingForBudget();
        var path = TestMaps.Write(_dir.Path, BudgetRequired());
        using var source = Source(path);

        File.WriteAllText(path, TestMaps.Small
            .Replace("      - { id: budget-known, text: \"Budget range recorded\", required: false }\n", string.Empty, StringComparison.Ordinal)
            .Replace("version: 2", "version: 3", StringComparison.Ordinal));
        var result = await source.ReloadAsync(CancellationToken.None);

        Assert.Equal(ProcessMapReloadOutcome.Applied, result.Outcome);
        Assert.Equal(("demo", DealStatus.Open, 2), (deal.StageId.Value, deal.Status, deal.StageVersion));
        Assert.Equal(_time.GetUtcNow(), deal.StageEnteredAt);
        var history = Assert.Single(_stores.History);
        Assert.Equal((StageChangeKind.Advanced, "map change v2→v3: every required item of qualify is confirmed", "demo", 3),
            (history.Kind, history.Reason, history.StageId.Value, history.MapVersion));
    }

    [Fact]
    public async Task ReloadAsync_RequiredItemMadeOptional_DealAdvancesEvenWhenItsOwnerCannotBeMessaged()
    {
        var deal = DealInQualifyWaitingForBudget();
        var path = TestMaps.Write(_dir.Path, BudgetRequired());
        using var source = Source(path);

        File.WriteAllText(path, TestMaps.Small.Replace("version: 2", "version: 3", StringComparison.Ordinal));
        await source.ReloadAsync(CancellationToken.None);

        Assert.Equal("demo", deal.StageId.Value);
        Assert.Empty(await _outbox.ListMessagesAsync(null, CancellationToken.None));   // the owner has no Slack or Teams id
    }

    [Fact]
    public async Task MoveDealsAsync_AtStartChecklistAlreadyComplete_NothingAdvances()
    {
        // A complete checklist at start can be on purpose (the CRM refused the advance): starting again must not retry it.
        var deal = DealInQualifyWaitingForBudget();
        var waiting = _stores.AddDeal("1043", "Globex", _stores.People[0], _stores.Teams[0], "qualify", Entered);
        var path = TestMaps.Write(_dir.Path, TestMaps.Small);
        using var source = Source(path);

        var moved = await source.MoveDealsAsync(null, source.Current, CancellationToken.None);

        Assert.Empty(moved);
        Assert.Equal("qualify", deal.StageId.Value);
        Assert.Equal("qualify", waiting.StageId.Value);
    }

    [Fact]
    public async Task MoveDealsAsync_RunTwice_MovesEachDealOnce()
    {
        var (deal, _) = DealInDemo();
        var path = TestMaps.Write(_dir.Path, Merged());
        using var source = Source(path);

        var first = await source.MoveDealsAsync(null, source.Current, CancellationToken.None);
        var second = await source.MoveDealsAsync(null, source.Current, CancellationToken.None);

        Assert.Equal("1042 \"Acme renewal\" demo → signed", Assert.Single(first).ToString());
        Assert.Empty(second);
        Assert.Equal("map change to v3", Assert.Single(_stores.History).Reason);
        Assert.Equal(2, deal.StageVersion);
    }

    [Fact]
    public async Task ReloadAsync_RemovedStageHoldingDeals_KeepsTheMapAndTellsTheAdminsOnce()
    {
        DealInDemo();
        _recipients.Admins.Add(new NudgeRecipient(9, "Ada", "U0ADA", "aad-ada"));
        _recipients.Admins.Add(new NudgeRecipient(10, "Nobody", null, null));
        var path = TestMaps.Write(_dir.Path, TestMaps.Small);
        using var source = Source(path);

        File.WriteAllText(path, Merged(replaces: null));
        var result = await source.ReloadAsync(CancellationToken.None);
        File.WriteAllText(path, Merged(replaces: null) + "\n");
        await source.ReloadAsync(CancellationToken.None);

        Assert.Equal(ProcessMapReloadOutcome.Stranded, result.Outcome);
        Assert.Equal(2, source.Current.Version);
        var messages = await _outbox.ListMessagesAsync(null, CancellationToken.None);
        Assert.Equal(["slack-user:U0ADA", "teams-user:aad-ada"], messages.Select(m => m.Conversation.ToString()).Order(StringComparer.Ordinal));
        Assert.All(messages, m => Assert.Equal(NudgeKind.MapNotice, m.Kind));
        var text = DigestPayload.Deserialize(messages[0].PayloadJson).Text;
        Assert.Equal(
            $"The process map change in {path} was refused: 1 open deal sits in a stage it no longer has: 1042 \"Acme renewal\" in demo. " +
            "Small SaaS version 2 stays in force. Keep that stage, move the deal first, or list the old id under 'replaces' on the stage that takes it over.",
            text);
    }

    [Fact]
    public async Task ReloadAsync_MapWithErrors_TellsTheAdminsFileLineAndReason()
    {
        DealInDemo();
        _recipients.Admins.Add(new NudgeRecipient(9, "Ada", "U0ADA", null));
        var path = TestMaps.Write(_dir.Path, TestMaps.Small);
        using var source = Source(path);

        File.WriteAllText(path, TestMaps.Small.Replace("won: signed", "won: closed-won", StringComparison.Ordinal));
        var result = await source.ReloadAsync(CancellationToken.None);

        Assert.Equal(ProcessMapReloadOutcome.Invalid, result.Outcome);
        var message = Assert.Single(await _outbox.ListMessagesAsync(null, CancellationToken.None));
        Assert.Equal(
            $"The process map change in {path} was refused, it has 1 error: line 4, column 6: won 'closed-won' is not a stage. Small SaaS version 2 stays in force.",
            DigestPayload.Deserialize(message.PayloadJson).Text);
    }

    [Fact]
    public async Task ReloadAsync_MapWithErrors_AnArabicAdminIsToldInArabic()
    {
        DealInDemo();
        _recipients.Admins.Add(new NudgeRecipient(9, "Ada", "U0ADA", null) { Language = "ar" });
        _recipients.Admins.Add(new NudgeRecipient(10, "Eve", "U0EVE", null));
        var path = TestMaps.Write(_dir.Path, TestMaps.Small);
        using var source = Source(path);

        File.WriteAllText(path, TestMaps.Small.Replace("won: signed", "won: closed-won", StringComparison.Ordinal));
        await source.ReloadAsync(CancellationToken.None);

        var messages = (await _outbox.ListMessagesAsync(null, CancellationToken.None)).ToDictionary(m => m.Conversation.ToString(), m => DigestPayload.Deserialize(m.PayloadJson).Text);
        Assert.StartsWith("رُفض تغيير خريطة المراحل في", messages["slack-user:U0ADA"], StringComparison.Ordinal);
        Assert.Contains("ففيه خطأ واحد", messages["slack-user:U0ADA"], StringComparison.Ordinal);
        // The reason in Arabic too, with the map's own words (won, the id) quoted as written.
        var arabic = new string([.. messages["slack-user:U0ADA"].Where(c => c is < '\u2066' or > '\u2069')]);
        Assert.Contains("السطر 4، العمود 6: قيمة won «closed-won» ليست مرحلة.", arabic, StringComparison.Ordinal);
        Assert.DoesNotContain("is not a stage", arabic, StringComparison.Ordinal);
        Assert.Contains("line 4, column 6: won 'closed-won' is not a stage.", messages["slack-user:U0EVE"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "The process map changed: Acme renewal (#1042) had nothing left to confirm in Qualify, so it moved on to Demo.")]
    [InlineData("ar", "تغيّرت خريطة المراحل: لم يبقَ ما يؤكَّد لصفقة Acme renewal (#1042) في Qualify، فانتقلت إلى Demo.")]
    public async Task ReloadAsync_LastOpenRequiredItemRemoved_OwnerGetsTheCardAtTheNewStageInTheirLanguage(string? language, string note)
    {
        var deal = DealInQualifyWaitingForBudget();
        var owner = _stores.People.Single(p => p.Id == deal.OwnerId);
        _recipients.Person(new NudgeRecipient(owner.Id, "Rita", "U0RITA", null) { Language = language });
        var path = TestMaps.Write(_dir.Path, BudgetRequired());
        using var source = Source(path);

        File.WriteAllText(path, TestMaps.Small.Replace("version: 2", "version: 3", StringComparison.Ordinal));
        await source.ReloadAsync(CancellationToken.None);
        await source.ReloadAsync(CancellationToken.None);   // the same map again: nothing moves, nobody is told twice

        var message = Assert.Single(await _outbox.ListMessagesAsync(null, CancellationToken.None));
        Assert.Equal((NudgeKind.MapAdvance, "slack-user:U0RITA", deal.TeamId), (message.Kind, message.Conversation.ToString(), message.TeamId));
        var card = DigestPayload.Deserialize(message.PayloadJson).Card!;
        Assert.Equal(note, new string([.. card.Note!.Where(c => c is < '\u2066' or > '\u2069')]));
        Assert.Equal(("demo", 2), (card.Checklist!.Stage.Value, card.Checklist.StageVersion));
    }

    [Fact]
    public void Diff_MergeAndChecklistChange_NamesAddedRemovedAndReplacedStages()
    {
        var from = ProcessMapLoader.Parse(TestMaps.Small).Map!;
        var to = ProcessMapLoader.Parse(Merged()
            .Replace("      - { id: budget-known, text: \"Budget range recorded\", required: false }\n", string.Empty, StringComparison.Ordinal)).Map!;

        var lines = MapChange.Describe(MapChange.Diff(from, to));

        Assert.Equal(
        [
            "Small SaaS v2 → Small SaaS v3",
            "~ stage demo replaced by signed (Signed): its deals move there",
            "~ checklist of qualify: - budget-known",
            "~ checklist of signed: + demo-held",
        ],
            lines);
    }

    [Fact]
    public void Diff_LostReasonRenamedAndRemoved_IsReported()
    {
        var from = ProcessMapLoader.Parse(TestMaps.Small).Map!;
        var to = ProcessMapLoader.Parse(TestMaps.Small
            .Replace("lost: { reasons: [price, timing] }", "lost: { reasons: [cost] }", StringComparison.Ordinal)).Map!;

        var diff = MapChange.Diff(from, to);
        var lines = MapChange.Describe(diff);

        Assert.False(diff.IsEmpty);
        Assert.Equal(["cost"], diff.LostReasonsAdded);
        Assert.Equal(["price", "timing"], diff.LostReasonsRemoved);
        Assert.Contains("+ lost reason cost added", lines);
        Assert.Contains("- lost reason price removed: chat no longer offers it; deals already lost for price keep it as stored (if it was renamed to cost, their history still says price)", lines);
        Assert.DoesNotContain("no stage, checklist or lost-reason changes", lines);
    }

    [Fact]
    public void Diff_StageRenamedTwiceListingOnlyTheLastId_WarnsToListTheOlderOne()
    {
        // v2: demo renamed product-demo (replaces: [demo]); v3: product-demo renamed live-demo, listing only product-demo.
        var v2 = TestMaps.Small.Replace("  - id: demo\n", "  - id: product-demo\n    replaces: [demo]\n", StringComparison.Ordinal)
            .Replace("next: demo", "next: product-demo", StringComparison.Ordinal);
        var v3 = v2.Replace("  - id: product-demo\n    replaces: [demo]\n", "  - id: live-demo\n    replaces: [product-demo]\n", StringComparison.Ordinal)
            .Replace("next: product-demo", "next: live-demo", StringComparison.Ordinal).Replace("version: 2", "version: 3", StringComparison.Ordinal);
        var both = v3.Replace("replaces: [product-demo]", "replaces: [product-demo, demo]", StringComparison.Ordinal);
        var from = ProcessMapLoader.Parse(v2).Map!;

        var warned = MapChange.Describe(MapChange.Diff(from, ProcessMapLoader.Parse(v3).Map!));
        var listed = MapChange.Describe(MapChange.Diff(from, ProcessMapLoader.Parse(both).Map!));

        Assert.Contains("warning: stage live-demo replaces product-demo, which replaced demo: list it too (replaces: [product-demo, demo]), or history and closed deals under demo no longer read as live-demo", warned);
        Assert.DoesNotContain(listed, l => l.StartsWith("warning:", StringComparison.Ordinal));
    }

    [Fact]
    public void Diff_LostReasonTranslationChanged_IsReported()
    {
        var from = ProcessMapLoader.Parse(TestMaps.Small
            .Replace("lost: { reasons: [price, timing] }", "lost: { reasons: [{ en: price, ar: السعر }, timing] }", StringComparison.Ordinal)).Map!;
        var to = ProcessMapLoader.Parse(TestMaps.Small
            .Replace("lost: { reasons: [price, timing] }", "lost: { reasons: [{ en: price, ar: الثمن }, timing] }", StringComparison.Ordinal)).Map!;

        var lines = MapChange.Describe(MapChange.Diff(from, to));

        Assert.Contains("~ lost reason price in ar: \"السعر\" → \"الثمن\"", lines);
    }
}

/// <summary>The Small map without its demo stage (qualify goes straight to signed), version 3.</summary>
internal static class ReloadingProcessMapSourceTestsMaps
{
    public static string WithoutDemo(string? replaces)
    {
        var start = TestMaps.Small.IndexOf("  - id: demo", StringComparison.Ordinal);
        var end = TestMaps.Small.IndexOf("  - id: signed", StringComparison.Ordinal);
        var yaml = TestMaps.Small.Remove(start, end - start).Replace("next: demo", "next: signed", StringComparison.Ordinal)
            .Replace("version: 2", "version: 3", StringComparison.Ordinal);
        return replaces is null
            ? yaml
            : yaml.Replace("    name: Signed\n", $"    name: Signed\n    replaces: [{replaces}]\n", StringComparison.Ordinal);
    }
}
