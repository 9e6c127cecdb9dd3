using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Stalls;

namespace SalesCoachBot.Testing;

/// <summary>
/// The main answers in Arabic (issue 17, points 3 and 4), built by the Core's own builders with the Arabic resources,
/// for the Arabic goldens of both channels (checked by the peers' validators like the English ones).
/// </summary>
public static class ArabicSamples
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    public static Phrases Say => ReplyTexts.Shared.In(ReplyLanguage.Arabic);

    private static readonly SalesTeam Team = new() { Id = 1, Name = "EMEA", TimeZoneId = "Asia/Riyadh" };

    /// <summary>The names of the Arabic goldens, the same in both channels' Goldens/ar folders.</summary>
    public static IReadOnlyList<string> Names => ["checklist", "help", "help-topic", "digest", "error", "pipeline-report", "closed-lost"];

    public static async Task<BotAnswer> ByNameAsync(string name) => name switch
    {
        "checklist" => Checklist(),
        "help" => await HelpAsync(),
        "help-topic" => await HelpAsync("Snooze"),
        "digest" => Digest(),
        "error" => Error(),
        "pipeline-report" => CoachBot.InLanguage(await PipelineSampleAnswers.PipelineAsync(PipelineSampleAnswers.ChartUrl, Say), ReplyLanguage.Arabic),
        "closed-lost" => CoachBot.InLanguage(ClosedDealSamples.Lost(Say), ReplyLanguage.Arabic),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such Arabic sample."),
    };

    /// <summary>Initech in Demo: one item confirmed by Dana, one required and one optional open; 27,500 EUR; a next step booked.</summary>
    public static BotAnswer Checklist()
    {
        var map = ProcessMapLoader.Default;
        var stage = map.GetStage(new StageId("demo"));
        var deal = new Deal
        {
            Id = new DealId(2),
            ExternalId = "1002",
            Name = "Initech",
            Amount = 27_500m,
            Currency = "EUR",
            OwnerId = 2,
            TeamId = Team.Id,
            StageId = stage.Id,
            StageEnteredAt = Now.AddDays(-12),
            CreatedAt = Now.AddDays(-60),
            LastActivityAt = Now.AddDays(-3),
            NextStep = "عرض مع المدير المالي",
            NextStepAt = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero),
            StageVersion = 3,
        };
        var confirmed = new ConfirmationView(stage.Checklist[0].Id, 2, "Dana Demo", Now.AddDays(-2), ChatChannel.Teams);
        var view = new DealView(deal, "Dana Demo", "dana@example.com", Team.Name, null, [confirmed]);
        return CoachBot.InLanguage(DealCards.Checklist(view, map, new SalesTeamRules([Team], 14), Now, note: null, notes: null, Say), ReplyLanguage.Arabic);
    }

    /// <summary>
    /// Help as a manager sees it (rep and team commands, three buttons); with a <paramref name="topic"/> («مساعدة التأجيل»),
    /// that command's line and where the rest is.
    /// </summary>
    public static async Task<BotAnswer> HelpAsync(string? topic = null)
    {
        var help = new HelpUseCase(Options.Create(new CrmOptions()));
        var person = new PersonView(3, "morgan@example.com", "Morgan", PersonRole.Manager, [Team.Id]);
        var turn = new ChatTurn(new ChatUser(ChatChannel.Cli, Email: person.Email), ConversationKey.For(ChatChannel.Cli, "ar"), new TextInput("مساعدة"));
        var context = new TurnContext(person, turn, ProcessMapLoader.Default, Now) { Say = Say };
        return CoachBot.InLanguage(await help.HandleAsync(new Core.Understanding.HelpCommand { Topic = topic }, context, CancellationToken.None), ReplyLanguage.Arabic);
    }

    /// <summary>EMEA's digest with three stalled deals, in Arabic.</summary>
    public static BotAnswer Digest()
    {
        var deals = Enumerable.Range(1, 3).Select(i =>
        {
            var stall = StallRule.Assess(DealStatus.Open, Now.AddDays(-(40 - i)), Now.AddDays(-(40 - i)), null, null, 10, 14, Now, stage: null, zone: null);
            return new DigestDeal(new DealId(1000 + i), $"{1000 + i}", i == 1 ? "Initech" : $"Deal {i}", $"Owner {(i % 2) + 1}", i % 2 == 0 ? "Demo" : "Proposal",
                stall.DaysInStage, stall.DaysOverdue, null, i == 3 ? null : "Demo held with the buyer's team", stall.Reason)
            {
                Stall = stall,
                AmountValue = i == 2 ? null : i * 12_500m,
                Currency = "EUR",
            };
        }).ToList();
        return DigestBuilder.Render(new TeamDigest(1, "EMEA", new DateOnly(2026, 11, 27), deals), 20, Say);
    }

    /// <summary>A deal that is not found, as the error card says it.</summary>
    public static BotAnswer Error()
    {
        var say = Say;
        return CoachBot.InLanguage(Errors.Answer(say.Errors("DealNotFound.Title"), say.Errors("DealNotFound.Matching", "wayne")), ReplyLanguage.Arabic);
    }
}
