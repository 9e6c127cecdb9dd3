using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Tests.Nudges;
using SalesCoachBot.Core.Tests.Understanding;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// Session 48 review: a stage no map has in "my deals in …" is answered with the map's stages (a close one is taken),
/// «مين متعثر عندنا» is the stalled list, a teammate's close proposal is noted once with its author named once, and the
/// history says which chat an undo or a snooze came from.
/// </summary>
public sealed class UnknownStageAndProposals48Tests : IDisposable
{
    private readonly InMemoryNudgeStore _nudges = new();
    private readonly InMemoryRecipients _recipients = new();
    private readonly BotHarness _bot;

    public UnknownStageAndProposals48Tests()
    {
        _bot = new BotHarness(configure: s =>
        {
            s.AddSingleton<INudgeOutbox>(_nudges);
            s.AddSingleton<INudgeTargetStore>(_nudges);
            s.AddSingleton<INudgeRecipients>(_recipients);
        });
        _recipients.Team(_bot.Emea.Id, "EMEA");
        _recipients.Person(new NudgeRecipient(_bot.Rep.Id, _bot.Rep.Name, "U0RITA", null));
    }

    public void Dispose() => _bot.Dispose();

    private async Task<int> ProposalsSentAsync() =>
        (await _nudges.ListMessagesAsync(null, CancellationToken.None)).Count(m => m.Kind == NudgeKind.CloseProposal);

    [Theory]
    [InlineData("which of my deals are in marz", "mydeals stage?(marz:NotFound)")]
    [InlineData("my deals in mars", "mydeals stage?(mars:NotFound)")]
    [InlineData("my deals in demoo", "mydeals demo")]
    [InlineData("صفقاتي في مرحلة المريخ", "mydeals stage?(المريخ:NotFound)")]
    public void Parse_MyDealsAtWordsNoStageHas_IsStillTheStageList(string text, string expected) =>
        Assert.Equal(expected, UnderstandingTestData.Read(text));

    [Theory]
    [InlineData("مين متعثر عندنا")]
    [InlineData("مين المتعثر")]
    public void Parse_WhoIsStalledInArabic_IsTheStalledList(string text) =>
        Assert.Equal("stalled -", UnderstandingTestData.Read(text));

    [Theory]
    [InlineData("en", "which of my deals are in marz", "I don't know a stage called \"marz\". Stages: Discovery, Demo, Contract signed.")]
    [InlineData("en", "my deals in mars", "I don't know a stage called \"mars\".")]
    [InlineData("ar", "صفقاتي في مرحلة المريخ", "لا أعرف مرحلة اسمها «المريخ». المراحل:")]
    public async Task MyDeals_AtAStageNoMapHas_NamesTheMapsStages(string language, string text, string expected)
    {
        _bot.Rep.Language = language;
        _bot.AddDeal("1002", "Initech", "demo");
        _bot.AddDeal("1012", "Hooli", "discovery");

        var answer = await _bot.AskAsync(text);

        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Initech", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyDeals_AtATypoOfAStage_ListsThatStagesDeals()
    {
        _bot.AddDeal("1002", "Initech", "demo");
        _bot.AddDeal("1012", "Hooli", "discovery");

        var answer = await _bot.AskAsync("my deals in demoo");

        Assert.Contains("Initech", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hooli", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhoIsStalledInArabic_ByManager_ShowsTheStalledList()
    {
        _bot.Manager.Language = "ar";
        _bot.AddDeal("1002", "Initech", "demo", daysInStage: 40);

        var answer = await _bot.AskAsync("مين متعثر عندنا", _bot.Manager);

        Assert.DoesNotContain("لا أجد صفقة", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Initech", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeammatesSameProposalTwice_IsNotedAndSentOnce_TheNoteNamingItsAuthorOnce()
    {
        var deal = _bot.AddDeal("1013", "Soylent", "demo");

        await _bot.AskAsync("soylent said no because price", _bot.TeamMate);
        _bot.Clock.Advance(TimeSpan.FromMinutes(2));
        var again = await _bot.AskAsync("mark soylent lost because price", _bot.TeamMate);

        Assert.Equal(DealStatus.Open, deal.Status);
        var note = Assert.Single(_bot.Stores.Notes);
        Assert.Equal("proposal:lost:price", note.Text);
        Assert.Equal(_bot.TeamMate.Id, note.PersonId);
        Assert.Equal(1, await ProposalsSentAsync());
        Assert.Contains("You already proposed closing Soylent as lost (", again.Card!.Note, StringComparison.Ordinal);
        Assert.Contains("nothing new was recorded or sent", again.Card.Note, StringComparison.Ordinal);

        // The card's note and the history line name tom once (the history where every row names its author, facts53).
        var line = Assert.Single(again.Card.Sections.Single(s => s.Lines.Any(l => l.Text.Contains("proposed", StringComparison.Ordinal))).Lines);
        Assert.EndsWith(": tom proposed closing it as lost: price", line.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("tom: tom", line.Text, StringComparison.Ordinal);
        var history = await _bot.AskAsync("history of soylent", _bot.TeamMate);
        var entry = Assert.Single(history.Card!.Sections.Single().Lines, l => l.Text.Contains("roposed", StringComparison.Ordinal)).Text;
        Assert.Contains(" · tom · Note: Proposed closing it as lost: price · from the command line (test)", entry, StringComparison.Ordinal);
        Assert.Single(entry.Split("tom", StringSplitOptions.None).Skip(1));
    }

    /// <summary>Issue import49: the twin proposal stored its note between this one's read and its turn at the deal's lock.</summary>
    [Fact]
    public async Task TeammatesSameProposal_TwinStoredItWhileThisOneWaited_NotSentAgain()
    {
        var deal = _bot.AddDeal("1014", "Soylent", "demo");
        _bot.Stores.BeforeNextChange = d => _bot.Stores.Notes.Add(new DealNote
        {
            Id = 99,
            DealId = d.Id,
            PersonId = _bot.TeamMate.Id,
            At = _bot.Clock.GetUtcNow(),
            Text = "proposal:lost:price",
        });

        var answer = await _bot.AskAsync("mark soylent lost because price", _bot.TeamMate);

        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Single(_bot.Stores.Notes);
        Assert.Equal(0, await ProposalsSentAsync());
        Assert.Contains("You already proposed closing Soylent as lost (", answer.Card!.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeammatesSameProposal_AfterTheWindow_IsNotedAndSentAgain()
    {
        var deal = _bot.AddDeal("1013", "Soylent", "demo");

        await _bot.AskAsync("mark soylent lost because price", _bot.TeamMate);
        _bot.Clock.Advance(NewNote.RetryWindow + TimeSpan.FromMinutes(1));
        var again = await _bot.AskAsync("mark soylent lost because price", _bot.TeamMate);

        Assert.Equal(2, _bot.Stores.Notes.Count(n => n.DealId == deal.Id));
        Assert.Equal(2, await ProposalsSentAsync());
        Assert.Contains("I asked rita to confirm", again.Card!.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeammatesDifferentReason_IsAnotherProposal()
    {
        _bot.AddDeal("1013", "Soylent", "demo");

        await _bot.AskAsync("mark soylent lost because price", _bot.TeamMate);
        await _bot.AskAsync("mark soylent lost because timing", _bot.TeamMate);

        Assert.Equal(2, _bot.Stores.Notes.Count);
        Assert.Equal(2, await ProposalsSentAsync());
    }

    [Fact]
    public async Task TeammatesSameProposalTwice_InArabic_SaysItWasAlreadyProposed()
    {
        _bot.TeamMate.Language = "ar";
        _bot.AddDeal("1013", "Soylent", "demo");

        await _bot.AskAsync("mark soylent lost because price", _bot.TeamMate);
        var again = await _bot.AskAsync("mark soylent lost because price", _bot.TeamMate);

        var note = Assert.Single(_bot.Stores.Notes);
        // Stored language-neutral (session 51): worded for each reader where notes show.
        Assert.Equal("proposal:lost:price", note.Text);
        Assert.Contains("سبق أن اقترحتَ إغلاق صفقة", again.Card!.Note, StringComparison.Ordinal);
        Assert.Equal(1, await ProposalsSentAsync());
    }

    [Theory]
    [InlineData("en", "Withdrew the confirmation of \"Requirements list shared with the buyer\" (Discovery) · from the command line (test)")]
    [InlineData("ar", "من سطر الأوامر")]
    public async Task History_Undo_SaysWhichChatItCameFrom(string language, string expected)
    {
        _bot.Rep.Language = language;
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("done requirements listed for initech", conversation: "confirm-chat");
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await _bot.AskAsync("undo requirements listed for initech");

        var history = await _bot.AskAsync("history of initech");

        Assert.Equal(ConversationKey.For(ChatChannel.Cli, "test"), _bot.Stores.Confirmations.Single(c => c.DealId == deal.Id).WithdrawnConversation);
        Assert.Contains(expected, history.Card!.Sections.Single().Lines[0].Text, StringComparison.Ordinal);
        Assert.Contains("confirm-chat", history.Card.Sections.Single().Lines[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_SnoozeAndUnsnooze_SayWhichChatTheyCameFrom()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");
        await _bot.AskAsync("snooze initech 3 days because the buyer is on leave", conversation: "snooze-chat");
        _bot.Clock.Advance(TimeSpan.FromHours(1));
        await _bot.AskAsync("unsnooze initech", conversation: "unsnooze-chat");

        var history = await _bot.AskAsync("history of initech");

        var snooze = _bot.Stores.Snoozes.Single(s => s.DealId == deal.Id);
        Assert.Equal(ConversationKey.For(ChatChannel.Cli, "snooze-chat"), snooze.Conversation);
        Assert.Equal(ConversationKey.For(ChatChannel.Cli, "unsnooze-chat"), snooze.EndedConversation);
        var lines = history.Card!.Sections.Single().Lines.Select(l => l.Text).ToList();
        Assert.Contains(lines, l => l.Contains("Snooze", StringComparison.Ordinal) && l.EndsWith("from the command line (snooze-chat)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("from the command line (unsnooze-chat)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task History_SnoozeAndUndoRecordedBeforeTheChatWasKept_StillShowWithoutIt()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");
        var at = _bot.Clock.GetUtcNow();
        _bot.Stores.Snoozes.Add(new Snooze { Id = 1, DealId = deal.Id, PersonId = _bot.Rep.Id, CreatedAt = at.AddHours(-2), Until = at.AddDays(3) });
        _bot.Stores.Confirmations.Add(new Confirmation
        {
            Id = 1,
            DealId = deal.Id,
            StageId = new StageId("demo"),
            StageVersion = 1,
            ItemId = new ChecklistItemId("demo-held"),
            PersonId = _bot.Rep.Id,
            ConfirmedAt = at.AddHours(-3),
            Channel = ChatChannel.Cli,
            WithdrawnAt = at.AddHours(-1),
            WithdrawnByPersonId = _bot.Rep.Id,
        });

        var history = await _bot.AskAsync("history of initech");

        var lines = history.Card!.Sections.Single().Lines.Select(l => l.Text).ToList();
        Assert.Contains(lines, l => l.EndsWith("Withdrew the confirmation of \"Demo held with the buyer's team\" (Demo)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Snoozed until", StringComparison.Ordinal) && !l.Contains("command line", StringComparison.Ordinal));
    }
}
