using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SalesCoachBot.Core;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Stalls;
using SalesCoachBot.Core.Understanding;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqliteDueAndStalled50Tests() : DueAndStalled50Tests(DatabaseProvider.Sqlite);

public sealed class PostgresDueAndStalled50Tests() : DueAndStalled50Tests(DatabaseProvider.Postgres);

/// <summary>
/// "what's due" and "stalled" read only the deals they may list (the steps up to a day past the window, and those without
/// one; the deals the stall rule finds stalled), yet answer word for word as reading every visible deal did: for a rep, a
/// manager and an admin, over teams in three time zones either side of UTC, with snoozes running, ended and ending now, and
/// deals exactly at their limits.
/// </summary>
public abstract class DueAndStalled50Tests(DatabaseProvider provider)
{
    private static readonly string[] Names = ["Acme", "acme", "Globex", "Initech", "Umbrella", "Hooli", "Soylent"];

    private static readonly string[] Stages = ["discovery", "demo", "contract-signed", "gone"];

    private sealed record People(TestTeam A, TestTeam B, TestTeam C, string ManagerEmail, string AdminEmail);

    [DatabaseFact]
    public async Task DueAndStalled_RepManagerAdmin_SameAnswersAsReadingEveryVisibleDeal()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await SeedAsync(database);
        await using var cut = BuildBot(database, everyDeal: false);
        await using var every = BuildBot(database, everyDeal: true);
        string[] questions =
        [
            "what's due this week", "what's due today", "what's due tomorrow", "what's overdue",
            "which deals have no next step", "stalled",
        ];

        var answers = new Dictionary<(string, string), string>();
        foreach (var email in new[] { people.A.RepEmail, people.ManagerEmail, people.AdminEmail, people.C.RepEmail })
        {
            foreach (var question in questions)
            {
                var expected = await AskAsync(every, email, question);
                var actual = await AskAsync(cut, email, question);

                Assert.Equal(Render(expected), Render(actual));
                answers[(email, question)] = expected.Text;
            }
        }

        // The comparison is not between two empty answers: the admin's lists are longer than a card and count what they leave.
        var adminDue = answers[(people.AdminEmail, "what's due this week")];
        Assert.Matches(@"\d+ overdue, \d+ coming up", adminDue);
        Assert.DoesNotContain(" 0 overdue", adminDue, StringComparison.Ordinal);
        Assert.DoesNotContain(" 0 coming up", adminDue, StringComparison.Ordinal);
        Assert.Contains("Stalled deals in all teams", answers[(people.AdminEmail, "stalled")], StringComparison.Ordinal);
        Assert.NotEqual(answers[(people.AdminEmail, "what's due today")], answers[(people.AdminEmail, "what's due tomorrow")]);
        Assert.NotEqual(answers[(people.A.RepEmail, "stalled")], answers[(people.AdminEmail, "stalled")]);
    }

    [DatabaseFact]
    public async Task ListStalledOpen_EveryScope_ExactlyTheDealsTheStallRuleFindsStalled()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await SeedAsync(database);
        var now = database.Time.GetUtcNow();
        var limits = new StallLimits(
            [new StageStallLimit(null, [new StageId("discovery")], 14), new StageStallLimit(null, [new StageId("demo")], 10), new StageStallLimit(null, [new StageId("contract-signed")], 30)],
            [new TeamIdleLimit([people.A.TeamId], 7), new TeamIdleLimit([people.C.TeamId], 20)]);
        int StallDays(Deal deal) => limits.Stages.FirstOrDefault(l => l.StageIds.Contains(deal.StageId))?.Days ?? 0;
        int IdleDays(Deal deal) => limits.Idle.FirstOrDefault(l => l.TeamIds!.Contains(deal.TeamId))?.Days ?? 0;

        await using var scope = database.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IDealStore>();
        foreach (var teams in new IReadOnlyCollection<long>?[] { [people.A.TeamId], [people.A.TeamId, people.B.TeamId], null })
        {
            var open = await store.ListOpenAsync(teams, CancellationToken.None);
            var expected = open
                .Where(v => StallRule.IsStalled(v.Deal.Status, v.Deal.StageEnteredAt, v.Deal.LastActivityAt, v.Deal.NextStepAt, v.SnoozedUntil, StallDays(v.Deal), IdleDays(v.Deal), now))
                .Select(v => v.Deal.Name + "#" + v.Id.Value)
                .ToList();

            var read = await store.ListStalledOpenAsync(teams, limits, now, CancellationToken.None);

            Assert.Equal(expected, read.Select(r => r.Deal.Name + "#" + r.Id.Value));
            Assert.All(read, r => Assert.Null(r.SnoozedUntil));
            Assert.InRange(read.Count, 1, open.Count - 1);
            Assert.Equal(expected.Count, await store.CountStalledAsync(teams is null ? null : new DealScope(teams), limits, now, CancellationToken.None));
        }
    }

    [DatabaseFact]
    public async Task StalledInDatabase_LimitsThatOverlap_TheShortestThatFitsDecidesAsAnyOfThemDid()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await SeedAsync(database);
        var now = database.Time.GetUtcNow();
        // The condition picks one limit per deal (perf52): listed longest first here, two stage limits and two idle limits fit
        // team A's deals, a limit of 0 days is no limit, and "gone" has none. A deal stalls under the shortest that fits.
        var limits = new StallLimits(
            [
                new StageStallLimit(null, [new StageId("discovery"), new StageId("demo")], 30),
                new StageStallLimit([people.A.TeamId, people.C.TeamId], [new StageId("discovery")], 12),
                new StageStallLimit([people.B.TeamId], [new StageId("discovery")], 0),
                new StageStallLimit([people.A.TeamId], [new StageId("contract-signed"), new StageId("demo")], 9),
            ],
            [new TeamIdleLimit(null, 20), new TeamIdleLimit([people.A.TeamId], 7), new TeamIdleLimit([people.B.TeamId], 0)]);
        int Shortest(IEnumerable<int> days) => days.Where(d => d > 0).DefaultIfEmpty(0).Min();
        int StallDays(Deal deal) => Shortest(limits.Stages.Where(l => (l.TeamIds is null || l.TeamIds.Contains(deal.TeamId)) && l.StageIds.Contains(deal.StageId)).Select(l => l.Days));
        int IdleDays(Deal deal) => Shortest(limits.Idle.Where(l => l.TeamIds is null || l.TeamIds.Contains(deal.TeamId)).Select(l => l.Days));

        await using var scope = database.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IDealStore>();
        foreach (var teams in new IReadOnlyCollection<long>?[] { [people.A.TeamId], [people.B.TeamId], null })
        {
            var open = await store.ListOpenAsync(teams, CancellationToken.None);
            var expected = open
                .Where(v => StallRule.IsStalled(v.Deal.Status, v.Deal.StageEnteredAt, v.Deal.LastActivityAt, v.Deal.NextStepAt, v.SnoozedUntil, StallDays(v.Deal), IdleDays(v.Deal), now))
                .Select(v => v.Deal.Name + "#" + v.Id.Value)
                .ToList();
            var of = teams is null ? null : new DealScope(teams);

            var read = await store.ListStalledOpenAsync(teams, limits, now, CancellationToken.None);
            var counted = await store.CountOpenAsync(of, limits, now, CancellationToken.None);

            Assert.Equal(expected, read.Select(r => r.Deal.Name + "#" + r.Id.Value));
            Assert.InRange(read.Count, 1, open.Count - 1);
            Assert.Equal(expected.Count, counted.Stalled);
            Assert.Equal(expected.Count, await store.CountStalledAsync(of, limits, now, CancellationToken.None));
        }

        // Team A's deals at discovery 14 days in (12-day limit, not 30) and at demo 10 days in (9, not 30) stall; the same
        // deals judged by the longest limits alone would not all have.
        var longest = new StallLimits([new StageStallLimit(null, [new StageId("discovery"), new StageId("demo")], 30)], [new TeamIdleLimit(null, 20)]);
        Assert.True(
            await store.CountStalledAsync(new DealScope([people.A.TeamId]), limits, now, CancellationToken.None)
                > await store.CountStalledAsync(new DealScope([people.A.TeamId]), longest, now, CancellationToken.None));
    }

    [DatabaseFact]
    public async Task ListOpenSteps_RepManagerAdmin_OnlyStepsBeforeTheBoundAndThoseWithoutADay()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await SeedAsync(database);
        var now = database.Time.GetUtcNow();
        var before = now.AddDays(3);

        await using var scope = database.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IDealStore>();
        var scopes = new (DealScope? Scope, Func<Task<IReadOnlyList<DealView>>> Visible)[]
        {
            (new DealScope([], people.A.RepId), () => store.ListOpenByOwnerAsync(people.A.RepId, CancellationToken.None)),
            (new DealScope([people.A.TeamId]), () => store.ListOpenAsync([people.A.TeamId], CancellationToken.None)),
            (null, () => store.ListOpenAsync(null, CancellationToken.None)),
        };
        foreach (var (of, visible) in scopes)
        {
            var all = (await visible()).Select(DealStep.Of).ToList();
            foreach (var (datedBefore, withoutDay) in new (DateTimeOffset?, bool)[] { (before, true), (before, false), (null, true) })
            {
                var expected = all.Where(s => s.NextStepAt is { } at ? at < datedBefore : withoutDay).ToList();

                var read = await store.ListOpenStepsAsync(of, datedBefore, withoutDay, CancellationToken.None);

                Assert.Equal(expected, read);
                Assert.NotEmpty(read);
                Assert.True(read.Count < all.Count, $"{read.Count} of {all.Count} read");
            }
        }
    }

    [DatabaseFact]
    public async Task DueList_ManyDealsWithoutAStep_NamesTheFirstAsReadingEveryDeal()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await SeedAsync(database);
        await SeedWithoutStepsAsync(database, people);
        await using var cut = BuildBot(database, everyDeal: false);
        await using var every = BuildBot(database, everyDeal: true);

        foreach (var email in new[] { people.A.RepEmail, people.ManagerEmail, people.AdminEmail })
        {
            foreach (var question in new[] { "what's due this week", "which deals have no next step", "what's overdue" })
            {
                var expected = await AskAsync(every, email, question);
                var actual = await AskAsync(cut, email, question);

                Assert.Equal(Render(expected), Render(actual));
            }
        }

        // Not two short answers alike: the rep's line counts more deals than it names, in OrdinalIgnoreCase order (a space
        // before letters), names equal but for case by stage entry (A entered before a; ab and Ab the same day, ab first made).
        var rep = Render(await AskAsync(cut, people.A.RepEmail, "which deals have no next step"));
        Assert.Contains("(28): A, a, a b, ab, Ab, aB, Acme 2, acme 2, alpha, Alpha and 18 more", rep, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task ListDueSteps_EveryScope_CountsEveryDealWithoutAStepAndReadsTheFirstByName()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await SeedAsync(database);
        await SeedWithoutStepsAsync(database, people);
        var before = database.Time.GetUtcNow().AddDays(3);

        await using var scope = database.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IDealStore>();
        // A rep's own and one team's are read in one query and cut here (perf52), several teams' and every team's in the database.
        foreach (var of in new DealScope?[] { new DealScope([], people.A.RepId), new DealScope([people.A.TeamId]), new DealScope([people.A.TeamId, people.B.TeamId]), null })
        {
            var all = await store.ListOpenStepsAsync(of, before, withoutDay: true, CancellationToken.None);
            static bool None(DealStep step) => step.NextStep is null && step.NextStepAt is null;

            var due = await store.ListDueStepsAsync(of, before, withoutDay: true, names: 10, CancellationToken.None);

            Assert.Equal(all.Where(s => !None(s)), due.Steps);
            var expected = all.Where(None).GroupBy(s => s.OwnerName).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList());
            var read = due.Missing.GroupBy(m => m.OwnerName).ToDictionary(g => g.Key, g => (Count: g.Sum(m => m.Count), First: g.SelectMany(m => m.First).ToList()));
            Assert.Equal(expected.Keys.Order(), read.Keys.Order());
            foreach (var (owner, theirs) in expected)
            {
                Assert.Equal(theirs.Count, read[owner].Count);
                var first = all.Where(s => read[owner].First.Contains(s)).OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Take(10);
                Assert.Equal(theirs.Take(10), first);
            }

            // Some owner's deals were cut: counted, not read.
            Assert.Contains(due.Missing, m => m.First.Count < m.Count);
            Assert.Empty((await store.ListDueStepsAsync(of, before, withoutDay: false, names: 10, CancellationToken.None)).Missing);
        }
    }

    /// <summary>
    /// Deals with no next step at all: A's rep has 24 whose names sort differently by upper and lower case (`_`, `[`, a
    /// backtick) and tie but for case; a second person of the rep's name has 12; A's other rep has names outside ASCII
    /// (dotless ı, ß, É), which the database cannot order as .NET does.
    /// </summary>
    private static async Task SeedWithoutStepsAsync(TestDatabase database, People people)
    {
        var now = database.Time.GetUtcNow();
        await using var db = database.NewContext();
        var repName = db.People.Single(p => p.Id == people.A.RepId).Name;
        var twin = new Person { Email = $"twin-{people.A.Tag}@example.com", Name = repName, Memberships = [new TeamMembership { TeamId = people.A.TeamId }] };
        db.People.Add(twin);
        await db.SaveChangesAsync();
        string[] ascii = ["zeta", "Alpha", "alpha", "_under", "[bracket", "`tick", "Beta", "beta", "ALPHA", "a", "A", "ab", "a b", "a_b", "aB", "Ab", "m", "n", "o", "p", "q", "r", "s", "t"];
        string[] wide = ["Émile", "émile", "ıkea", "Ikea", "straße", "STRASSE", "zed", "Zed", "ä", "b", "c", "d", "e", "f"];
        var owned = ascii.Select(n => (people.A.RepId, n)).Concat(ascii.Take(12).Select(n => (twin.Id, n + " 2"))).Concat(wide.Select(n => (people.A.OtherId, n)));
        var i = 0;
        foreach (var (owner, name) in owned)
        {
            var entered = now.AddDays(-(i % 4) - 1);
            db.Deals.Add(new Deal
            {
                ExternalId = $"NS{i++:000}",
                Name = name,
                OwnerId = owner,
                TeamId = people.A.TeamId,
                StageId = new StageId("discovery"),
                StageEnteredAt = entered,
                CreatedAt = entered,
                LastActivityAt = entered,
            });
        }

        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Three teams (Auckland, Los Angeles a day after its clocks went forward, Berlin), each with deals whose steps fall
    /// either side of the team's midnights and whose stage entry, activity and snoozes sit at and around the stall limits;
    /// A's rep also owns a deal of team B.
    /// </summary>
    private static async Task<People> SeedAsync(TestDatabase database)
    {
        var now = database.Time.GetUtcNow();
        var a = await database.CreateTeamAsync();
        var b = await database.CreateTeamAsync();
        var c = await database.CreateTeamAsync();
        var zones = new Dictionary<long, TimeZoneInfo>
        {
            [a.TeamId] = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland"),
            [b.TeamId] = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles"),
            [c.TeamId] = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"),
        };
        string managerEmail = $"manager-{a.Tag}@example.com", adminEmail = $"admin-{a.Tag}@example.com";
        await using var db = database.NewContext();
        foreach (var team in db.Teams.Where(t => zones.Keys.Contains(t.Id)))
        {
            team.TimeZoneId = zones[team.Id].Id;
            team.IdleAfterDays = team.Id == a.TeamId ? 7 : team.Id == b.TeamId ? 0 : 20;
        }

        db.People.AddRange(
            new Person { Email = managerEmail, Name = "Manager", Role = PersonRole.Manager, Memberships = [new TeamMembership { TeamId = a.TeamId }] },
            new Person { Email = adminEmail, Name = "Admin", Role = PersonRole.Admin });

        // The team's midnight `days` from today, plus `offset`: steps just before and at the day's edges.
        DateTimeOffset Local(long team, int days, TimeSpan offset)
        {
            var today = TimeZoneInfo.ConvertTime(now, zones[team]).Date;
            return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(today.AddDays(days), DateTimeKind.Unspecified), zones[team]), TimeSpan.Zero) + offset;
        }

        int[] stepDays = [-9, -3, -1, 0, 0, 1, 2, 7, 8, 30];
        TimeSpan[] stepOffsets = [TimeSpan.Zero, TimeSpan.FromSeconds(-1), TimeSpan.FromHours(13)];
        TimeSpan[] inStage = [TimeSpan.FromDays(14), TimeSpan.FromDays(14) + TimeSpan.FromSeconds(1), TimeSpan.FromDays(10), TimeSpan.FromDays(20), TimeSpan.FromDays(28), TimeSpan.FromDays(28) - TimeSpan.FromSeconds(1), TimeSpan.FromDays(61), TimeSpan.FromDays(2)];
        TimeSpan[] idleFor = [TimeSpan.Zero, TimeSpan.FromDays(7), TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1), TimeSpan.FromDays(21), TimeSpan.FromDays(1)];
        var deals = new List<Deal>();
        var n = 0;
        foreach (var team in new[] { a, b, c })
        {
            for (var i = 0; i < 48; i++, n++)
            {
                var entered = now - inStage[i % inStage.Length];
                var activity = now - idleFor[i % idleFor.Length];
                var deal = new Deal
                {
                    ExternalId = $"D{n:000}",
                    Name = $"{Names[i % Names.Length]} {i % 3}",
                    OwnerId = i % 4 == 0 ? team.OtherId : team.RepId,
                    TeamId = team.TeamId,
                    StageId = new StageId(Stages[i % Stages.Length]),
                    StageEnteredAt = entered,
                    CreatedAt = entered.AddDays(-5),
                    LastActivityAt = activity < entered ? entered.AddHours(-1) : activity,
                    // Every fifth: no day; of those, some with words only (undated), some blank (missing).
                    NextStepAt = i % 5 == 4 ? null : Local(team.TeamId, stepDays[i % stepDays.Length], stepOffsets[i % stepOffsets.Length]),
                    NextStep = i % 3 == 0 ? null : i % 3 == 1 ? $"Call {i}" : "  ",
                };
                deals.Add(deal);
            }
        }

        // A's rep owns a deal of team B, overdue and stalled; a closed deal of A, overdue and idle, is never listed.
        deals.Add(new Deal
        {
            ExternalId = "OWN-B",
            Name = "Own in B",
            OwnerId = a.RepId,
            TeamId = b.TeamId,
            StageId = new StageId("demo"),
            StageEnteredAt = now.AddDays(-40),
            CreatedAt = now.AddDays(-50),
            LastActivityAt = now.AddDays(-40),
            NextStepAt = now.AddDays(-2),
            NextStep = "Send terms",
        });
        deals.Add(new Deal
        {
            ExternalId = "CLOSED",
            Name = "Closed",
            OwnerId = a.RepId,
            TeamId = a.TeamId,
            StageId = new StageId("demo"),
            Status = DealStatus.Won,
            StageEnteredAt = now.AddDays(-40),
            CreatedAt = now.AddDays(-50),
            LastActivityAt = now.AddDays(-40),
            NextStepAt = now.AddDays(-2),
            ClosedAt = now.AddDays(-1),
        });
        db.Deals.AddRange(deals);
        await db.SaveChangesAsync();

        // Snoozes running, ended before now, and ending exactly now (no longer holding the deal back), on stalled-looking deals.
        var old = deals.Where(d => d.Status == DealStatus.Open && now - d.StageEnteredAt > TimeSpan.FromDays(20)).ToList();
        TimeSpan[] untils = [TimeSpan.FromDays(3), TimeSpan.FromDays(-1), TimeSpan.Zero];
        for (var i = 0; i < old.Count; i += 4)
        {
            db.Snoozes.Add(new Snooze { DealId = old[i].Id, PersonId = old[i].OwnerId, CreatedAt = now.AddDays(-5), Until = now + untils[i / 4 % untils.Length] });
        }

        await db.SaveChangesAsync();
        return new People(a, b, c, managerEmail, adminEmail);
    }

    private static string Render(BotAnswer answer) =>
        string.Join('\n', [
            answer.Text, answer.Card?.Title ?? "", answer.Card?.Subtitle ?? "", answer.Card?.Note ?? "",
            .. answer.Card?.Sections.SelectMany(s => s.Lines.Select(l => $"{s.Heading}: {l.Text}")) ?? [],
            .. answer.Card?.Body ?? []]);

    private static ServiceProvider BuildBot(TestDatabase database, bool everyDeal)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(database.Time);
        services.AddSingleton<IProcessMapSource>(new FixedProcessMapSource(TestMaps.Small));
        services.AddSalesCoachDataCore(_ => new DatabaseOptions { Provider = database.Provider.ToString(), ConnectionString = database.ConnectionString });
        services.AddSalesCoachCore(new ConfigurationBuilder().Build());
        if (everyDeal)
        {
            // The lists as they were: every visible deal read, the use cases deciding which to show.
            var store = services.Single(s => s.ServiceType == typeof(IDealStore));
            services.Replace(ServiceDescriptor.Scoped<IDealStore>(sp => new EveryDealStore((IDealStore)ActivatorUtilities.CreateInstance(sp, store.ImplementationType!))));
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static async Task<BotAnswer> AskAsync(ServiceProvider bot, string email, string text)
    {
        await using var scope = bot.CreateAsyncScope();
        var turn = new ChatTurn(new ChatUser(ChatChannel.Teams, Email: email), ConversationKey.For(ChatChannel.Teams, "due-stalled"), new TextInput(text));
        return await scope.ServiceProvider.GetRequiredService<ICoachBot>().HandleAsync(turn, CancellationToken.None);
    }

    /// <summary>The store as the due and stalled lists read it before they were cut in the database: every visible open deal.</summary>
    private sealed class EveryDealStore(IDealStore inner) : IDealStore
    {
        public async Task<IReadOnlyList<DealStep>> ListOpenStepsAsync(DealScope? scope, DateTimeOffset? datedBefore, bool withoutDay, CancellationToken cancellationToken)
        {
            var teams = scope is null ? await inner.ListOpenAsync(null, cancellationToken)
                : scope.TeamIds.Count > 0 ? await inner.ListOpenAsync(scope.TeamIds, cancellationToken) : [];
            var own = scope?.OwnerId is { } owner ? await inner.ListOpenByOwnerAsync(owner, cancellationToken) : [];
            return [.. teams.Concat(own).DistinctBy(v => v.Id).Select(DealStep.Of)];
        }

        public async Task<IReadOnlyList<StalledDeal>> ListStalledOpenAsync(IReadOnlyCollection<long>? teamIds, StallLimits limits, DateTimeOffset now, CancellationToken cancellationToken) =>
            [.. (await inner.ListOpenAsync(teamIds, cancellationToken)).Select(StalledDeal.Of)];

        public Task<DealView?> GetAsync(DealId id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

        public Task<DealView?> FindByExternalIdAsync(string externalId, CancellationToken cancellationToken) => inner.FindByExternalIdAsync(externalId, cancellationToken);

        public Task<IReadOnlyList<DealNameEntry>> ListNamesAsync(IReadOnlyCollection<long>? teamIds, CancellationToken cancellationToken) => inner.ListNamesAsync(teamIds, cancellationToken);

        public Task<IReadOnlyList<DealView>> ListOpenByOwnerAsync(long ownerId, CancellationToken cancellationToken) => inner.ListOpenByOwnerAsync(ownerId, cancellationToken);

        public Task<IReadOnlyList<DealView>> ListOpenAsync(IReadOnlyCollection<long>? teamIds, CancellationToken cancellationToken) => inner.ListOpenAsync(teamIds, cancellationToken);

        public Task<IReadOnlyList<DealView>> ListOpenAtStagesAsync(IReadOnlyCollection<long>? teamIds, IReadOnlyCollection<StageId> stages, CancellationToken cancellationToken) =>
            inner.ListOpenAtStagesAsync(teamIds, stages, cancellationToken);

        public Task<IReadOnlyList<DealView>> ListOpenOfOwnersAsync(DealScope? scope, IReadOnlyCollection<long> ownerIds, CancellationToken cancellationToken) =>
            inner.ListOpenOfOwnersAsync(scope, ownerIds, cancellationToken);

        public Task<IReadOnlyList<DealOwner>> ListOpenOwnersAsync(DealScope? scope, CancellationToken cancellationToken) => inner.ListOpenOwnersAsync(scope, cancellationToken);

        public Task<IReadOnlyList<OpenDealCurrency>> CountOpenByCurrencyAsync(DealScope? scope, CancellationToken cancellationToken) => inner.CountOpenByCurrencyAsync(scope, cancellationToken);

        public Task<int> CountStalledAsync(DealScope? scope, StallLimits limits, DateTimeOffset now, CancellationToken cancellationToken) =>
            inner.CountStalledAsync(scope, limits, now, cancellationToken);

        public Task<IReadOnlyList<DealView>> ListBiggestOpenAsync(DealScope? scope, IReadOnlyCollection<OpenDealCurrency> currencies, int count, CancellationToken cancellationToken) =>
            inner.ListBiggestOpenAsync(scope, currencies, count, cancellationToken);

        public Task<IReadOnlyList<DealView>> ListOldestOpenAsync(DealScope? scope, int count, CancellationToken cancellationToken) => inner.ListOldestOpenAsync(scope, count, cancellationToken);

        public Task<IReadOnlyDictionary<string, int>> CountOpenByStageAsync(long? teamId, CancellationToken cancellationToken) => inner.CountOpenByStageAsync(teamId, cancellationToken);

        public Task<LatestConfirmation?> FindLatestConfirmationAsync(long? personId, DealId? deal, DealScope? scope, DateTimeOffset since, CancellationToken cancellationToken) =>
            inner.FindLatestConfirmationAsync(personId, deal, scope, since, cancellationToken);

        public Task<LatestClose?> FindLatestCloseAsync(long personId, DealId? deal, DateTimeOffset since, CancellationToken cancellationToken) =>
            inner.FindLatestCloseAsync(personId, deal, since, cancellationToken);

        public Task<T?> ChangeDealAsync<T>(DealId id, Func<DealState, DealChangePlan<T>> decide, CancellationToken cancellationToken)
            where T : class => inner.ChangeDealAsync(id, decide, cancellationToken);
    }
}
