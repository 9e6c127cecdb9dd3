using SalesCoachBot.Core.Dates;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Data.Demo;

/// <summary>
/// Demo teams, people and deals over the default map's stages, so a fresh install has something to
/// talk about. Times are relative to "now", so some deals are always stalled.
/// </summary>
public static class DemoData
{
    public const string DemoRepEmail = "dana@example.com";
    public const string DemoRepTeamsAadObjectId = "00000000-0000-0000-0000-0000000000020";
    public const string DemoRepSlackUserId = "U0DEMO";

    public sealed record Counts(int Teams, int People, int Deals);

    private sealed record DemoDeal(
        string ExternalId,
        string Name,
        string Account,
        decimal Amount,
        string Currency,
        string OwnerEmail,
        string Team,
        string[] Path,
        int DaysInStage,
        int? NextStepInDays = null, // booked for a day, as a rep books one ("call on Wednesday"): no clock time
        DealStatus Status = DealStatus.Open,
        string? LostReason = null);

    // Path: the stages the deal went through, the last one is where it is now. Days in stage: how long it
    // has sat there (stall limits of the default map are 7–30 days, so 45+ is stalled by any of them).
    private static readonly DemoDeal[] Deals =
    [
        new("1001", "Acme Corp", "Acme Corporation", 48_000m, "EUR", DemoRepEmail, "EMEA", ["sales-engagement", "sql", "discovery"], 3),
        new("1002", "Initech", "Initech GmbH", 27_500m, "EUR", DemoRepEmail, "EMEA", ["sales-engagement", "sql", "discovery", "demo"], 52),
        new("1003", "Globex renewal", "Globex Corporation", 96_000m, "EUR", DemoRepEmail, "EMEA", ["discovery", "demo", "proposal"], 6),
        new("1004", "Northwind Traders", "Northwind Traders Ltd", 15_000m, "EUR", "sam@example.com", "EMEA", ["sales-engagement"], 2),
        new("1005", "Fabrikam", "Fabrikam Inc.", 62_000m, "USD", "riley@example.com", "Americas", ["sales-engagement", "sql"], 9),
        new("1006", "Stark Industries", "Stark Industries", 250_000m, "USD", "riley@example.com", "Americas", ["sql", "discovery", "demo", "proposal"], 71),
        new("1007", "Umbrella Corp", "Umbrella Corporation", 38_000m, "USD", "riley@example.com", "Americas", ["discovery"], 64, NextStepInDays: 3),
        new("1008", "Contoso expansion", "Contoso Ltd", 120_000m, "EUR", "sam@example.com", "EMEA", ["discovery", "demo", "proposal", "verbal-agreement"], 4),
        new("1009", "Wayne Enterprises", "Wayne Enterprises", 180_000m, "USD", "riley@example.com", "Americas", ["discovery", "demo"], 11),
        new("1010", "Tailwind Traders", "Tailwind Traders", 22_000m, "EUR", DemoRepEmail, "EMEA", ["sales-engagement"], 47),
        new("1011", "Acme Corp - EU rollout", "Acme Corporation", 75_000m, "EUR", DemoRepEmail, "EMEA", ["sql"], 5),
        new("1012", "Hooli", "Hooli", 54_000m, "USD", "riley@example.com", "Americas", ["sales-engagement", "sql", "discovery"], 20),
        new("1013", "Vandelay Industries", "Vandelay Industries", 12_500m, "USD", "riley@example.com", "Americas", ["mql", "sales-engagement"], 1),
        new("1014", "Soylent", "Soylent Corp", 33_000m, "EUR", "sam@example.com", "EMEA", ["discovery", "demo", "proposal"], 58),
        new("1015", "Cyberdyne Systems", "Cyberdyne Systems", 410_000m, "USD", "riley@example.com", "Americas", ["demo", "proposal", "verbal-agreement"], 2),
        new("1016", "Massive Dynamic", "Massive Dynamic", 88_000m, "EUR", DemoRepEmail, "EMEA", ["demo", "proposal", "verbal-agreement", "contract-signed", "implementation", "go-live"], 12, Status: DealStatus.Won),
        new("1017", "Pied Piper", "Pied Piper", 19_000m, "USD", "riley@example.com", "Americas", ["discovery", "demo", "proposal"], 30, Status: DealStatus.Lost, LostReason: "price"),
        new("1018", "Blue Sun", "Blue Sun Corporation", 26_000m, "EUR", "sam@example.com", "EMEA", ["sales-engagement", "sql", "discovery"], 40, Status: DealStatus.Nurture),
        new("1019", "Oscorp", "Oscorp Industries", 140_000m, "USD", "riley@example.com", "Americas", ["proposal", "verbal-agreement", "contract-signed", "implementation"], 15, Status: DealStatus.Won),
        new("1020", "Gringotts", "Gringotts Bank", 300_000m, "EUR", DemoRepEmail, "EMEA", ["contract-signed", "implementation", "go-live", "new-customer"], 10, Status: DealStatus.Won),
        new("1021", "Duff Brewery", "Duff Beer", 9_000m, "EUR", "sam@example.com", "EMEA", ["brand-engagement", "mql"], 6),
    ];

    public static async Task<Counts> SeedAsync(SalesCoachDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var emea = new SalesTeam { Name = "EMEA", TimeZoneId = "Europe/Berlin", NudgeTime = new TimeOnly(9, 0) };
        var americas = new SalesTeam { Name = "Americas", TimeZoneId = "America/New_York", NudgeTime = new TimeOnly(9, 0) };
        db.Teams.AddRange(emea, americas);
        await db.SaveChangesAsync(cancellationToken);

        Person Member(string email, string name, PersonRole role, params SalesTeam[] teams) => new()
        {
            Email = email,
            Name = name,
            Role = role,
            Memberships = [.. teams.Select(t => new TeamMembership { TeamId = t.Id })],
        };

        var dana = Member(DemoRepEmail, "Dana Demo", PersonRole.Rep, emea);
        dana.TeamsAadObjectId = DemoRepTeamsAadObjectId;
        dana.SlackUserId = DemoRepSlackUserId;
        var people = new[]
        {
            dana,
            Member("sam@example.com", "Sam Seller", PersonRole.Rep, emea),
            Member("riley@example.com", "Riley Rep", PersonRole.Rep, americas),
            Member("morgan@example.com", "Morgan Manager", PersonRole.Manager, emea, americas),
            Member("admin@example.com", "Alex Admin", PersonRole.Admin),
        };
        db.People.AddRange(people);
        await db.SaveChangesAsync(cancellationToken);

        var byEmail = people.ToDictionary(p => p.Email, StringComparer.OrdinalIgnoreCase);
        var teams = new Dictionary<string, SalesTeam>(StringComparer.OrdinalIgnoreCase) { ["EMEA"] = emea, ["Americas"] = americas };
        foreach (var demo in Deals)
        {
            var enteredCurrent = now.AddDays(-demo.DaysInStage).AddHours(-2);

            // A lost or nurtured deal was closed where it stood, as the close use case records it: a Closed row at
            // the close (which restarts time in stage), after it had spent a few days in its last stage.
            var closedInStage = demo.Status is DealStatus.Lost or DealStatus.Nurture;
            var enteredLast = closedInStage ? enteredCurrent.AddDays(-6) : enteredCurrent;

            // Earlier stages took 5–12 days each, walking backwards from the current one.
            var entries = new List<DateTimeOffset> { enteredLast };
            for (var i = demo.Path.Length - 2; i >= 0; i--)
            {
                entries.Insert(0, entries[0].AddDays(-(5 + ((demo.ExternalId[^1] + i) % 8))));
            }

            var closed = demo.Status is DealStatus.Won or DealStatus.Lost;
            var deal = new Deal
            {
                ExternalId = demo.ExternalId,
                Name = demo.Name,
                Account = demo.Account,
                Amount = demo.Amount,
                Currency = demo.Currency,
                OwnerId = byEmail[demo.OwnerEmail].Id,
                TeamId = teams[demo.Team].Id,
                StageId = new StageId(demo.Path[^1]),
                StageEnteredAt = enteredCurrent,
                NextStepAt = demo.NextStepInDays is { } days ? EndOfDay(now, days, teams[demo.Team]) : null,
                CreatedAt = entries[0],
                Status = demo.Status,
                LostReason = demo.LostReason,
                ClosedAt = closed ? enteredCurrent : null,
                ClosedByPersonId = demo.Status == DealStatus.Open ? null : byEmail[demo.OwnerEmail].Id,
                ReengageAt = demo.Status == DealStatus.Nurture ? now.AddDays(50) : null,
                StageVersion = demo.Path.Length + (closedInStage ? 1 : 0),
                LastActivityAt = enteredCurrent,
            };
            db.Deals.Add(deal);
            await db.SaveChangesAsync(cancellationToken);

            for (var i = 0; i < demo.Path.Length; i++)
            {
                db.StageHistory.Add(new StageHistoryEntry
                {
                    DealId = deal.Id,
                    StageId = new StageId(demo.Path[i]),
                    EnteredAt = entries[i],
                    Kind = i == 0 ? StageChangeKind.Entered : StageChangeKind.Advanced,
                    ByPersonId = deal.OwnerId,
                });
            }

            if (closedInStage)
            {
                db.StageHistory.Add(new StageHistoryEntry
                {
                    DealId = deal.Id,
                    StageId = deal.StageId,
                    EnteredAt = enteredCurrent,
                    Kind = StageChangeKind.Closed,
                    ByPersonId = deal.OwnerId,
                    Reason = demo.LostReason,
                    Outcome = deal.Status,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new Counts(teams.Count, people.Length, Deals.Length);
    }

    /// <summary>
    /// The end of the team's local day <paramref name="days"/> after today, as "next step … on Wednesday" stores it: "now
    /// plus 3 days" carried the seed's clock time, read back as "Wed 9 Dec 2026, 20:43".
    /// </summary>
    private static DateTimeOffset EndOfDay(DateTimeOffset now, int days, SalesTeam team)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId);
        var local = ZonedDay.Of(now, zone).AddDays(days).ToDateTime(DateContext.EndOfDay);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
