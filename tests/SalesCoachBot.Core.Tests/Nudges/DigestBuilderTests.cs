using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Nudges;

public sealed class DigestBuilderTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 12, 8, 0, 0, TimeSpan.Zero);
    private static readonly Core.ProcessMaps.ProcessMap Map = MapBuilder.ThreeStages();

    private static DealView View(long id, string owner, string stage, int daysInStage, DateTimeOffset? snoozedUntil = null, DateTimeOffset? nextStep = null, params string[] confirmed)
    {
        var entered = Now.AddDays(-daysInStage);
        var deal = new Deal
        {
            Id = new DealId(id),
            ExternalId = $"{1000 + id}",
            Name = $"Deal {id}",
            OwnerId = 1,
            TeamId = 1,
            StageId = new StageId(stage),
            StageEnteredAt = entered,
            LastActivityAt = entered,
            CreatedAt = entered,
            NextStepAt = nextStep,
            Amount = 1200.5m,
            Currency = "EUR",
        };
        return new DealView(deal, owner, $"{owner}@example.com", "EMEA", snoozedUntil,
            [.. confirmed.Select(c => new ConfirmationView(new ChecklistItemId(c), 1, owner, entered, ChatChannel.Teams))]);
    }

    [Fact]
    public void StalledDeals_SnoozedOrNextStepBooked_AreLeftOutAndRestMostOverdueFirst()
    {
        var deals = DigestBuilder.StalledDeals(
            [
                View(1, "Ann", "demo", 12),                                              // 2 over
                View(2, "Bob", "demo", 30),                                              // 20 over (idle 16 over the 14)
                View(3, "Ann", "demo", 40, snoozedUntil: Now.AddDays(2)),
                View(4, "Ann", "demo", 15, nextStep: Now.AddDays(1)),                    // booked, under twice the limit of 10
                View(5, "Ann", "discovery", 3),                                          // not stalled
                View(6, "Bob", "discovery", 20, confirmed: "requirements-listed"),       // 6 over
                View(7, "Bob", "demo", 40, nextStep: Now.AddDays(1)),                    // booked, but twice the limit: 30 over
            ],
            Map, idleAfterDays: 14, Now);

        Assert.Equal(["1007", "1002", "1006", "1001"], deals.Select(d => d.ExternalId));
        Assert.Equal("Demo date agreed with the buyer", deals[2].FirstOpenItem);
        Assert.Equal("Demo held with the buyer's team", deals[1].FirstOpenItem);
        Assert.Equal(30, deals[1].DaysStuck);
        Assert.Contains("limit 10", deals[1].Reason, StringComparison.Ordinal);
        Assert.Equal("1,200.5 EUR", deals[1].Amount);
        Assert.StartsWith("40 days in Demo (limit 10), over twice the limit", deals[0].Reason, StringComparison.Ordinal);
        Assert.Contains(". Next step booked for ", deals[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_GroupedByOwner_EachDealHasChecklistAndSnoozeActions()
    {
        var deals = DigestBuilder.StalledDeals([View(1, "Ann", "demo", 12), View(2, "Bob", "demo", 30), View(6, "Ann", "discovery", 25)], Map, 14, Now);

        var answer = DigestBuilder.Render(new TeamDigest(1, "EMEA", new DateOnly(2025, 3, 12), deals), maxDeals: 20);

        var card = answer.Card!;
        Assert.Equal(CardKind.Digest, card.Kind);
        Assert.Equal(["Bob · 1 stalled deal", "Ann · 2 stalled deals"], card.Sections.Select(s => s.Heading));
        var ann = card.Sections[1].Lines;
        Assert.Equal(new ShowChecklistPayload(new DealId(6)), ann[0].Action!.Payload);
        Assert.Equal(new SnoozeDealPayload(new DealId(6), 3), ann[1].Action!.Payload);
        Assert.StartsWith("Why: ", ann[1].Text, StringComparison.Ordinal);
        Assert.Empty(card.Actions);
        Assert.Null(card.Note);
        Assert.Contains("EMEA: 3 stalled deals on Wednesday 12 March 2025", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Arabic_OwnerHeadingCountsStalledDealsInWords()
    {
        var deals = DigestBuilder.StalledDeals([View(1, "Ann", "demo", 12), View(2, "Bob", "demo", 30), View(6, "Ann", "discovery", 25)], Map, 14, Now);

        var card = DigestBuilder.Render(new TeamDigest(1, "EMEA", new DateOnly(2025, 3, 12), deals), 20, ReplyTexts.Shared.In(ReplyLanguage.Arabic)).Card!;

        // Was «⁨Ann⁩ · 2»: a bare number with no noun.
        Assert.Equal(["\u2068Bob\u2069 · صفقة متعثرة واحدة", "\u2068Ann\u2069 · صفقتان متعثرتان"], card.Sections.Select(s => s.Heading));
    }

    [Fact]
    public void Render_MoreDealsThanFit_ShowsMostOverdueAndMoreWithSeeAll()
    {
        var views = Enumerable.Range(1, 60).Select(i => View(i, $"Owner {i % 7}", "demo", 10 + i)).ToList();
        var deals = DigestBuilder.StalledDeals(views, Map, 14, Now);

        var card = DigestBuilder.Render(new TeamDigest(1, "EMEA", new DateOnly(2025, 3, 12), deals), maxDeals: 20).Card!;

        var shown = card.Sections.Sum(s => s.Lines.Count) / 2;
        Assert.InRange(shown, 10, 20);
        Assert.True((2 * shown) + (2 * card.Sections.Count) <= DigestBuilder.LineBudget);
        Assert.Contains($"and {60 - shown} more", card.Note, StringComparison.Ordinal);
        Assert.Equal(new RunCommandPayload("stalled EMEA"), Assert.Single(card.Actions).Payload);
        Assert.Contains("Deal 60 (#1060)", card.Sections[0].Lines[0].Text, StringComparison.Ordinal);   // most overdue first
    }

    [Fact]
    public void Render_ArabicDigestOfTheShippedMap_NamesStageAndNextItemInArabic()
    {
        var map = ProcessMapLoader.Default;
        var deals = DigestBuilder.StalledDeals([View(1, "Ann", "proposal", 40)], map, 14, Now);
        var reengage = View(2, "Ann", "proposal", 90);
        reengage.Deal.Status = DealStatus.Nurture;
        reengage.Deal.ReengageAt = Now.AddDays(-1);
        var schedule = new NudgeSchedule(TimeZoneInfo.Utc, new TimeOnly(9, 0), WeekdaysOnly: true, WorkWeek.MondayToFriday);
        var digest = new TeamDigest(1, "EMEA", new DateOnly(2025, 3, 12), deals) { Reengage = ReengageNudges.DigestLines([reengage], map, schedule) };

        var answer = DigestBuilder.Render(digest, 20, ReplyTexts.Shared.In(ReplyLanguage.Arabic));

        var detail = answer.Card!.Sections[0].Lines[0].Text;
        Assert.Contains("العرض / عرض السعر", detail, StringComparison.Ordinal);
        Assert.Contains("أُرسل إلى صاحب القرار العرض متضمنًا السعر ونطاق العمل", detail, StringComparison.Ordinal);
        Assert.Contains("العرض / عرض السعر", answer.Card.Sections[1].Lines[0].Text, StringComparison.Ordinal);   // due to re-engage
        Assert.Contains("العرض / عرض السعر", answer.Text, StringComparison.Ordinal);
        var shown = string.Join('\n', answer.Card.Sections.SelectMany(s => s.Lines).Select(l => l.Text).Append(answer.Text));
        Assert.DoesNotContain("Proposal", shown, StringComparison.Ordinal);

        // The same deals in English keep the map's English words.
        var english = DigestBuilder.Render(digest, 20).Card!.Sections[0].Lines[0].Text;
        Assert.Contains("Proposal / quote", english, StringComparison.Ordinal);
        Assert.Contains("Proposal with price and scope sent to the decision maker", english, StringComparison.Ordinal);
    }

    [Fact]
    public void DigestPayload_RoundTrip_KeepsTheCardAndTypedActions()
    {
        var deals = DigestBuilder.StalledDeals([View(1, "Ann", "demo", 12)], Map, 14, Now);
        var answer = DigestBuilder.Render(new TeamDigest(1, "EMEA", new DateOnly(2025, 3, 12), deals), 20);

        var back = DigestPayload.Deserialize(DigestPayload.Serialize(answer));

        Assert.Equal(answer.Text, back.Text);
        Assert.Equal(answer.Card!.Title, back.Card!.Title);
        Assert.Equal(answer.Card.Sections[0].Lines.Select(l => l.Action!.Payload), back.Card.Sections[0].Lines.Select(l => l.Action!.Payload));
    }
}
