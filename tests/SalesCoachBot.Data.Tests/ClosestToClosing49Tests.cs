using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqliteClosestToClosing49Tests() : ClosestToClosing49Tests(DatabaseProvider.Sqlite);

public sealed class PostgresClosestToClosing49Tests() : ClosestToClosing49Tests(DatabaseProvider.Postgres);

/// <summary>
/// "which deal is closest to closing" reads the deals at the furthest stages only, yet answers as reading every visible
/// deal did: the furthest along the map first, then the fewest days in the stage, ties in the order the visible deals
/// came in (the person's teams' by stage entry, then their own elsewhere); deals at a stage the map lacks last. For a rep,
/// a manager and an admin, over the real stores and use cases.
/// </summary>
public abstract partial class ClosestToClosing49Tests(DatabaseProvider provider)
{
    private sealed record Seeded(Deal Deal, int Position);

    [DatabaseFact]
    public async Task ClosestToClosing_RepManagerAdmin_SameDealsInSameOrderAsEveryVisibleDeal()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var now = database.Time.GetUtcNow();
        var a = await database.CreateTeamAsync();
        var b = await database.CreateTeamAsync();
        var c = await database.CreateTeamAsync();
        var deals = new List<Seeded>();
        long manager;
        await using (var db = database.NewContext())
        {
            var managerPerson = new Person { Email = $"manager-{a.Tag}@example.com", Name = "Manager", Role = PersonRole.Manager, Memberships = [new TeamMembership { TeamId = a.TeamId }] };
            var adminPerson = new Person { Email = $"admin-{a.Tag}@example.com", Name = "Admin", Role = PersonRole.Admin };
            db.People.AddRange(managerPerson, adminPerson);
            await db.SaveChangesAsync();
            manager = managerPerson.Id;

            var n = 0;
            void Add(TestTeam team, string stage, double daysInStage, long? owner = null)
            {
                var entered = now.AddDays(-daysInStage);
                var deal = new Deal
                {
                    ExternalId = $"X{++n:000}",
                    Name = $"Deal {n:000}",
                    Amount = 100m,
                    Currency = "EUR",
                    OwnerId = owner ?? team.RepId,
                    TeamId = team.TeamId,
                    StageId = new StageId(stage),
                    StageEnteredAt = entered,
                    CreatedAt = entered,
                    LastActivityAt = entered,
                };
                db.Deals.Add(deal);
                deals.Add(new Seeded(deal, TestMaps.Small.PositionOf(deal.StageId)));
            }

            // Team A: two at the last stage, 30 at demo in whole-day ties (entered at different hours), ten at discovery.
            Add(a, "contract-signed", 40);
            Add(a, "contract-signed", 2.5);
            for (var i = 0; i < 30; i++)
            {
                Add(a, "demo", 1 + (i % 4) + (i * 0.01), owner: i % 3 == 0 ? a.OtherId : null);
            }

            for (var i = 0; i < 10; i++)
            {
                Add(a, "discovery", 3 + i);
            }

            // Team B: A's rep owns one (theirs to see, listed after their teams' at the same place); team C: few deals, one at
            // a stage the map lacks, so its list needs every deal.
            Add(b, "demo", 1.2, owner: a.RepId);
            Add(b, "contract-signed", 1);
            Add(c, "demo", 5);
            Add(c, "gone", 1);
            Add(c, "discovery", 2);
            await db.SaveChangesAsync();
        }

        await using var bot = BuildBot(database);
        var people = new (string Email, Func<Deal, bool> Sees, Func<Deal, int> Place)[]
        {
            (a.RepEmail, d => d.TeamId == a.TeamId || d.OwnerId == a.RepId, d => d.TeamId == a.TeamId ? 0 : 1),
            ($"manager-{a.Tag}@example.com", d => d.TeamId == a.TeamId || d.OwnerId == manager, d => d.TeamId == a.TeamId ? 0 : 1),
            ($"admin-{a.Tag}@example.com", _ => true, _ => 0),
            (c.RepEmail, d => d.TeamId == c.TeamId, _ => 0),
        };
        foreach (var (email, sees, place) in people)
        {
            // What reading every visible deal listed: its order, then the list's stable sort.
            var visible = deals.Where(s => sees(s.Deal)).OrderBy(s => place(s.Deal)).ThenBy(s => s.Deal.StageEnteredAt).ThenBy(s => s.Deal.Id).ToList();
            var expected = visible
                .OrderByDescending(s => s.Position)
                .ThenBy(s => (int)(now - s.Deal.StageEnteredAt).TotalDays)
                .Take(25)
                .Select(s => "#" + s.Deal.ExternalId)
                .ToList();

            var answer = await AskAsync(bot, email, "which deal is closest to closing");

            Assert.Equal(expected, Ids().Matches(answer.Text).Select(m => m.Value).ToList());
            Assert.Contains($"{visible.Count} open", answer.Text.Split('\n')[0], StringComparison.Ordinal);
        }

    }

    private static ServiceProvider BuildBot(TestDatabase database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(database.Time);
        services.AddSingleton<IProcessMapSource>(new FixedProcessMapSource(TestMaps.Small));
        services.AddSalesCoachDataCore(_ => new DatabaseOptions { Provider = database.Provider.ToString(), ConnectionString = database.ConnectionString });
        services.AddSalesCoachCore(new ConfigurationBuilder().Build());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static async Task<BotAnswer> AskAsync(ServiceProvider bot, string email, string text)
    {
        await using var scope = bot.CreateAsyncScope();
        var turn = new ChatTurn(new ChatUser(ChatChannel.Teams, Email: email), ConversationKey.For(ChatChannel.Teams, "closest"), new TextInput(text));
        return await scope.ServiceProvider.GetRequiredService<ICoachBot>().HandleAsync(turn, CancellationToken.None);
    }

    [GeneratedRegex(@"#X\d{3}")]
    private static partial Regex Ids();
}
