using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Testing;

/// <summary>
/// Shared by the Teams and Slack tests, so both channels' goldens render the same answers.
/// A "pipeline" and a "what do we need to hit 10M" answer produced by the real Core use cases over a hand-built
/// history (six won deals, three lost, ten open in two currencies), for the card goldens.
/// </summary>
public static class PipelineSampleAnswers
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    public const string ChartUrl = "https://coach.example.com/charts/0f3c6a9e2b7d41c58e1a9f0b3c2d4e5f.png";

    /// <summary>A real 1x1 PNG as a data URI: how the host inlines a chart when it has no public URL.</summary>
    public const string ChartDataUri = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    private static readonly SalesTeam Emea = new() { Id = 1, Name = "EMEA", TimeZoneId = "Europe/Berlin" };
    private static readonly PersonView Manager = new(7, "mia@example.com", "Mia Manager", PersonRole.Manager, [1]);

    private static readonly ProcessMap Map = new(
        "Sample",
        1,
        new StageId("discovery"),
        new StageId("won"),
        [
            Stage("discovery", "Discovery", 14, "demo", "requirements-listed", "Written requirements list agreed with the buyer"),
            Stage("demo", "Demo", 10, "proposal", "demo-held", "Demo held with the buyer's team"),
            Stage("proposal", "Proposal", 10, "won", "proposal-sent", "Written proposal sent to the decision maker"),
            Stage("won", "Won", 30, null, "signed-copy-stored", "Signed contract stored"),
        ],
        MapOutcomes.Default);

    /// <param name="focus">The figure asked for ("win rate emea"): the answer's first line, before the report.</param>
    public static Task<BotAnswer> PipelineAsync(string? imageUrl, Core.Localization.Phrases? say = null, PipelineFocus focus = PipelineFocus.None) =>
        new PipelineUseCase(new FixedStore(Data()), new PipelineAccess(Directory.Instance),
                new TeamRulesProvider(Directory.Instance, Microsoft.Extensions.Options.Options.Create(new CoachingOptions())), new FixedChart(imageUrl))
            .HandleAsync(new PipelineCommand("emea", null) { Focus = focus }, Context("pipeline emea") with { Say = say ?? Core.Localization.Phrases.English }, CancellationToken.None);

    /// <summary>The pipeline details as Slack asks for them (the "Details" button), answered in the thread.</summary>
    public static Task<BotAnswer> PipelineDetailsAsync() =>
        new PipelineUseCase(new FixedStore(Data()), new PipelineAccess(Directory.Instance),
                new TeamRulesProvider(Directory.Instance, Microsoft.Extensions.Options.Options.Create(new CoachingOptions())), new FixedChart(null))
            .HandleAsync(new PipelineDetailsPayload("emea", null), Context("pipeline emea"), CancellationToken.None);

    /// <summary>"show the map for emea": the map picture's answer.</summary>
    public static Task<BotAnswer> MapAsync(string? imageUrl) =>
        new ShowMapUseCase(
                new MapChartBuilder(new FixedStore(Data()), new TeamRulesProvider(Directory.Instance, Microsoft.Extensions.Options.Options.Create(new CoachingOptions()))),
                new PipelineAccess(Directory.Instance), new FixedChart(imageUrl))
            .HandleAsync(new ShowMapCommand("emea"), Context("show the map for emea"), CancellationToken.None);

    public static Task<BotAnswer> ReverseFunnelAsync() =>
        new ReverseFunnelUseCase(new FixedStore(Data()), new PipelineAccess(Directory.Instance))
            .HandleAsync(new ReverseFunnelCommand("10M", "this year"), Context("what do we need to hit 10M this year"), CancellationToken.None);

    /// <summary>
    /// "how are we doing against quota" for EMEA with a quota of 2,000,000 EUR a quarter: the sample's history with two wins in
    /// Q4 2026, one in EUR (counted) and one in USD (left out).
    /// </summary>
    public static Task<BotAnswer> QuotaProgressAsync(Core.Localization.Phrases? say = null)
    {
        var team = new SalesTeam { Id = 1, Name = "EMEA", TimeZoneId = "Europe/Berlin", QuotaAmount = 2_000_000m, QuotaCurrency = "EUR", QuotaPeriod = QuotaPeriod.Quarter };
        var data = Data();
        var store = new FixedStore(data with
        {
            ClosedDeals = [.. data.ClosedDeals, new(400, DealStatus.Won, 500_000m, "EUR", Now.AddDays(-10), null), new(401, DealStatus.Won, 50_000m, "USD", Now.AddDays(-5), null)],
        });
        var directory = new Directory(team);
        return new QuotaProgressUseCase(directory, new ReverseFunnelUseCase(store, new PipelineAccess(directory)))
            .HandleAsync(new QuotaProgressCommand(), Context("how are we doing against quota") with { Say = say ?? Core.Localization.Phrases.English }, CancellationToken.None);
    }

    private static TurnContext Context(string text) =>
        new(Manager, new ChatTurn(new ChatUser(ChatChannel.Teams, Email: Manager.Email), ConversationKey.For(ChatChannel.Teams, "sample"), new TextInput(text)), Map, Now);

    private static PipelineData Data()
    {
        var open = new List<OpenDealFact>();
        var closed = new List<ClosedDealFact>();
        var history = new List<StageEntryFact>();
        var confirmations = new List<ConfirmationFact>();
        DateTimeOffset Ago(double days) => Now.AddDays(-days);

        // Six won deals: the three fastest confirmed the demo one day into Demo, the others six days in.
        for (var i = 0; i < 6; i++)
        {
            long id = 100 + i;
            var start = 150 + (i * 20);
            var cycle = 40 + (i * 12);
            history.AddRange(
            [
                new(id, "discovery", Ago(start)), new(id, "demo", Ago(start - 10)),
                new(id, "proposal", Ago(start - 20)), new(id, "won", Ago(start - cycle)),
            ]);
            confirmations.Add(new(id, "demo", "demo-held", Ago(start - 10 - (i < 3 ? 1 : 6))));
            closed.Add(new(id, DealStatus.Won, 250_000m + (i * 50_000m), "EUR", Ago(start - cycle), null));
        }

        string[] reasons = ["Price", "price ", "Timing"];
        for (var i = 0; i < reasons.Length; i++)
        {
            long id = 200 + i;
            history.AddRange([new(id, "discovery", Ago(120 - i)), new(id, "demo", Ago(100 - i))]);
            closed.Add(new(id, DealStatus.Lost, 80_000m, "EUR", Ago(60 - i), reasons[i]));
        }

        (string Stage, double Days, decimal Amount, string Currency)[] deals =
        [
            ("discovery", 3, 120_000m, "EUR"), ("discovery", 8, 95_000m, "EUR"), ("discovery", 12, 60_000m, "EUR"), ("discovery", 40, 45_000m, "EUR"),
            ("demo", 2, 150_000m, "EUR"), ("demo", 6, 210_000m, "EUR"), ("demo", 9, 90_000m, "USD"),
            ("proposal", 1, 300_000m, "EUR"), ("proposal", 4, 180_000m, "EUR"), ("proposal", 16, 75_000m, "USD"),
        ];
        for (var i = 0; i < deals.Length; i++)
        {
            long id = 300 + i;
            var (stage, days, amount, currency) = deals[i];
            history.Add(new(id, stage, Ago(days)));
            open.Add(new(id, 1, stage, amount, currency, Ago(days), Ago(days), null, null));
        }

        return new PipelineData(open, closed, history, confirmations);
    }

    private static Stage Stage(string id, string name, int stall, string? next, string item, string text) => new(
        new StageId(id), name, "sales", null, null, stall,
        [new ChecklistItem(new ChecklistItemId(item), text, true)],
        next is null ? null : new StageId(next), [], [], []);

    private sealed class FixedStore(PipelineData data) : IPipelineStore
    {
        public Task<PipelineData> LoadAsync(PipelineScope scope, DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken) =>
            Task.FromResult(data);

        // The sample answers are pipeline summaries; no closed-deal list is drawn from them.
        public Task<IReadOnlyList<ClosedDealLine>> ListClosedAsync(
            PipelineScope scope, DealStatus status, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The sample answers list no closed deals.");

        public Task<StageChangeList> ListStageChangesAsync(
            PipelineScope scope, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The sample answers list no stage changes.");
    }

    private sealed class FixedChart(string? url) : IChartPublisher
    {
        public Task<CardImage?> PublishAsync(Chart chart, CancellationToken cancellationToken) =>
            Task.FromResult(url is null ? null : new CardImage(url, chart.AltText));
    }

    private sealed class Directory(SalesTeam team) : IDirectoryStore
    {
        public static readonly Directory Instance = new(PipelineSampleAnswers.Emea);

        public Task<PersonView?> FindPersonAsync(SalesCoachBot.Core.Conversations.ChatUser user, CancellationToken cancellationToken) =>
            Task.FromResult<PersonView?>(null);

        public Task<PersonView?> FindPersonByEmailAsync(string email, CancellationToken cancellationToken) => Task.FromResult<PersonView?>(null);

        public Task<IReadOnlyList<SalesTeam>> ListTeamsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<SalesTeam>>([team]);

        public Task<SalesTeam?> FindTeamByNameAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult(string.Equals(name, team.Name, StringComparison.OrdinalIgnoreCase) ? team : null);

        public Task<TeamRoster> ListRosterAsync(IReadOnlyCollection<long> teamIds, CancellationToken cancellationToken) =>
            Task.FromResult(new TeamRoster([], new Dictionary<long, int>()));

        public Task<bool> SetQuotaAsync(long teamId, TeamQuota quota, long byPersonId, DateTimeOffset at, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The sample answers set no quota.");
    }
}
