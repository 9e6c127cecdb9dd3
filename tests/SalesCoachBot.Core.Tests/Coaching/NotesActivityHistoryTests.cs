using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>Issue 15: notes, logged activity, the history card and the conversation every change records.</summary>
public sealed class NotesActivityHistoryTests : IDisposable
{
    private static readonly ConversationKey DealRoom = ConversationKey.Slack("T1", "C42");
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    private static ActionInput NoteButton(Deal deal, string text) =>
        new(new AddNotePayload(deal.Id, text), []);

    [Fact]
    public async Task AddNoteButton_WithTypedText_StoresNoteAndReplacesTheCard()
    {
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.TurnAsync(NoteButton(deal, "  CFO wants an ROI case by Q1 "), _bot.TeamMate, DealRoom);

        var note = Assert.Single(_bot.Stores.Notes);
        Assert.Equal(("CFO wants an ROI case by Q1", _bot.TeamMate.Id, _bot.Clock.GetUtcNow(), DealRoom), (note.Text, note.PersonId!.Value, note.At, note.Conversation!.Value));
        Assert.True(answer.ReplacesCard);
        var notes = Assert.Single(answer.Card!.Sections, s => s.Heading == "Latest notes");
        Assert.Equal("Fri 27 Nov 2026 · tom: CFO wants an ROI case by Q1", Assert.Single(notes.Lines).Text);
        Assert.Equal(_bot.Clock.GetUtcNow(), deal.LastActivityAt);
    }

    /// <summary>Friday 27 November 2026, 23:30 UTC is already Saturday in Riyadh (UTC+3): the note is the team's Saturday's.</summary>
    [Theory]
    [InlineData(null, "Sat 28 Nov 2026 · tom: CFO wants an ROI case by Q1")]
    [InlineData("ar", "السبت 28 نوفمبر 2026 · \u2068tom\u2069: \u2068CFO wants an ROI case by Q1\u2069")]
    public async Task AddNoteButton_LateInTheUtcDay_NoteLineSaysTheTeamsDayInWords(string? language, string line)
    {
        _bot.Emea.TimeZoneId = "Asia/Riyadh";
        _bot.TeamMate.Language = language;
        _bot.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 23, 30, 0, TimeSpan.Zero));
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.TurnAsync(NoteButton(deal, "CFO wants an ROI case by Q1"), _bot.TeamMate, DealRoom);

        var notes = Assert.Single(answer.Card!.Sections);
        Assert.Equal(line, Assert.Single(notes.Lines).Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task AddNoteButton_EmptyText_RefusedNothingStored(string text)
    {
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.TurnAsync(NoteButton(deal, text));

        // The form's refusal: the card again with the reason on it, and the reason under the note's input (Slack's modal).
        Assert.Equal(CardKind.Checklist, answer.Card!.Kind);
        Assert.True(answer.ReplacesCard);
        Assert.Contains("The note is empty; nothing was stored", answer.InputErrors![AddNotePayload.TextInput], StringComparison.Ordinal);
        Assert.Contains("The note is empty; nothing was stored", answer.Card.Note, StringComparison.Ordinal);
        Assert.Empty(_bot.Stores.Notes);
    }

    [Fact]
    public async Task AddNoteButton_TooLong_RefusedWithTheLengthNothingStored()
    {
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.TurnAsync(NoteButton(deal, new string('a', 2500)));

        Assert.Equal("A note can be at most 2,000 characters; this one has 2,500. Nothing was stored: shorten it or split it in two.", answer.InputErrors![AddNotePayload.TextInput]);
        Assert.Equal(answer.InputErrors[AddNotePayload.TextInput], answer.Card!.Note);
        Assert.Empty(_bot.Stores.Notes);
    }

    [Fact]
    public async Task AddNoteButton_PressedTwiceOrRedelivered_StoresOneNote()
    {
        var deal = _bot.AddDeal("1002", "Initech");

        await _bot.TurnAsync(NoteButton(deal, "send the SOC2 report"));
        _bot.Clock.Advance(TimeSpan.FromMinutes(4));
        await _bot.TurnAsync(NoteButton(deal, "send the SOC2 report"));
        _bot.Clock.Advance(TimeSpan.FromMinutes(20));
        await _bot.TurnAsync(NoteButton(deal, "send the SOC2 report"));

        Assert.Equal(2, _bot.Stores.Notes.Count); // the third is a new note, long after any retry
    }

    [Fact]
    public async Task AddNoteButton_DealOfAnotherTeam_NotAllowedNothingStored()
    {
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.TurnAsync(NoteButton(deal, "mine now"), _bot.OtherRep);

        Assert.Equal("Not allowed", answer.Card!.Title);
        Assert.Empty(_bot.Stores.Notes);
    }

    [Fact]
    public async Task Note_TextNeverLogged_EvenAtDebug()
    {
        _bot.AddDeal("1002", "Initech");

        await _bot.AskAsync("note for initech: the demo tenant password is hunter2");
        await _bot.AskAsync("note for initech: hunter2 " + new string('x', 2100));

        Assert.Single(_bot.Stores.Notes);
        Assert.NotEmpty(_bot.Services.GetFakeLogCollector().GetSnapshot());
        Assert.DoesNotContain(_bot.Services.GetFakeLogCollector().GetSnapshot(), r => r.Message.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Note_ManagerOfTheTeamAndAdmin_MayAddNotes()
    {
        var deal = _bot.AddDeal("1002", "Initech");

        await _bot.AskAsync("note for initech: manager view", _bot.Manager);
        await _bot.AskAsync("note for #1002: admin view", _bot.Admin);

        Assert.Equal(["manager view", "admin view"], _bot.Stores.Notes.Select(n => n.Text));
        Assert.All(_bot.Stores.Notes, n => Assert.Equal(deal.Id, n.DealId));
    }

    [Fact]
    public async Task CalledDeal_IdleStall_IsClearedAndTheActivityRecorded()
    {
        _bot.Emea.IdleAfterDays = 7;
        _bot.AddDeal("1002", "Initech", daysInStage: 10); // in the stage 10 of 14 days, idle 10 of 7
        var before = await _bot.AskAsync("what's next for initech");

        var after = await _bot.AskInAsync(DealRoom, "called Initech");

        Assert.Contains(before.Card!.Facts, f => f.Label == "Status" && f.Value.StartsWith("Stalled", StringComparison.Ordinal));
        Assert.Contains(after.Card!.Facts, f => f.Label == "Status" && f.Value.StartsWith("On track", StringComparison.Ordinal));
        var activity = Assert.Single(_bot.Stores.Activities);
        Assert.Equal((ActivityKind.Call, _bot.Rep.Id, DealRoom), (activity.Kind, activity.PersonId!.Value, activity.Conversation!.Value));
    }

    [Theory]
    [InlineData("called Initech, they want a discount", "Logged a call (they want a discount) for Initech")]
    [InlineData("اتصلت بـ Initech، يريدون خصمًا", "يريدون خصمًا")]
    public async Task CalledDealSayingWhat_TheActivityKeepsWhatWasSaid(string text, string reply)
    {
        _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync(text);

        Assert.Contains(reply, answer.Text, StringComparison.Ordinal);
        var activity = Assert.Single(_bot.Stores.Activities);
        Assert.Equal((ActivityKind.Call, reply.Contains("they want", StringComparison.Ordinal) ? "they want a discount" : "يريدون خصمًا"), (activity.Kind, activity.Text));
    }

    /// <summary>
    /// Friday 27 November 2026, 23:30 UTC is already Saturday in Riyadh (UTC+3): the call is the team's Saturday's, and
    /// "yesterday" (a day earlier, 02:30 there) its Friday.
    /// </summary>
    [Theory]
    [InlineData("called Initech", "Logged a call for Initech on Sat 28 Nov 2026.")]
    [InlineData("called Initech yesterday", "Logged a call for Initech on Fri 27 Nov 2026.")]
    [InlineData("اتصلت بـ Initech", "تم تسجيل مكالمة لصفقة \u2068Initech\u2069 يوم السبت 28 نوفمبر 2026.")]
    public async Task CalledDeal_LateInTheUtcDay_ReplySaysTheTeamsDayInWords(string text, string reply)
    {
        _bot.Emea.TimeZoneId = "Asia/Riyadh";
        _bot.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 23, 30, 0, TimeSpan.Zero));
        _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync(text);

        Assert.StartsWith(reply, answer.Text, StringComparison.Ordinal);
        Assert.Single(_bot.Stores.Activities);
    }

    [Fact]
    public async Task CalledDealSayingTooMuch_NothingLoggedAndTheNoteOffered()
    {
        _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync("called Initech, " + new string('x', 501));

        // The column holds 500 characters: cut, it would lose words; stored, PostgreSQL would refuse the row.
        Assert.Contains("at most 500 characters; this has 501", answer.Text, StringComparison.Ordinal);
        Assert.Contains("note for Initech", answer.Text, StringComparison.Ordinal);
        Assert.Empty(_bot.Stores.Activities);
    }

    [Theory]
    [InlineData("who marked initech lost?")]
    [InlineData("why did we lose initech?")]
    [InlineData("is initech lost?")]
    [InlineData("did anyone confirm demo held for initech?")]
    [InlineData("مين خسّر Initech؟")]
    public async Task QuestionAboutAChange_AnsweredWithTheDealsHistoryNothingChanges(string question)
    {
        var deal = _bot.AddDeal("1002", "Initech");
        await _bot.AskAsync("mark initech lost because price");
        var changes = _bot.Stores.History.Count;

        var answer = await _bot.AskAsync(question);

        // The history says who closed it, when and why; asking changes nothing.
        Assert.Equal(CardKind.History, answer.Card!.Kind);
        Assert.Contains(answer.Card.Sections.Single().Lines, l => l.Text.Contains("price", StringComparison.Ordinal));
        Assert.Equal(DealStatus.Lost, deal.Status);
        Assert.Equal(changes, _bot.Stores.History.Count);
    }

    [Theory]
    [InlineData("did anyone confirm demo held for the pricing page?", "done demo held for Initech")]
    [InlineData("did Dana call zzqx?", "called Initech")]
    public async Task QuestionAboutAChangeToNoDeal_HelpWithHowTheChangeIsSaid(string question, string closest)
    {
        _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync(question);

        Assert.StartsWith("Sorry, I didn't understand", answer.Text, StringComparison.Ordinal);
        Assert.Contains($"Closest: \"{closest}\"", answer.Text, StringComparison.Ordinal);
        Assert.Empty(_bot.Stores.History);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task History_NoteWithRightToLeftOverride_IsContainedInIsolates(string language)
    {
        var deal = _bot.AddDeal("1002", "Initech");
        _bot.Stores.Notes.Add(new DealNote { Id = 1, DealId = deal.Id, PersonId = _bot.Rep.Id, At = _bot.Clock.GetUtcNow(), Text = "price \u202Eagreed\u2069 ok" });
        _bot.Rep.Language = language;

        var answer = await _bot.AskAsync("history of initech");

        // The stray PDI is dropped (it would close the isolate early); the closing PDI ends the override.
        Assert.Contains("\u2068price \u202Eagreed ok\u2069", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202Eagreed\u2069", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_MoreThanTwentyEntries_PagesWithMoreButton()
    {
        var deal = _bot.AddDeal("1002", "Initech");
        for (var i = 1; i <= 23; i++)
        {
            _bot.Clock.Advance(TimeSpan.FromMinutes(1));
            await _bot.AskAsync($"note for initech: note {i}");
        }

        var first = await _bot.AskAsync("history of initech");
        var more = Assert.Single(first.Card!.Actions, a => a.Label == "More");
        var second = await _bot.TurnAsync(new ActionInput(more.Payload, []));

        Assert.Equal(CardKind.History, first.Card.Kind);
        Assert.Equal(new ShowHistoryPayload(deal.Id, 2), more.Payload);
        Assert.Equal(20, first.Card.Sections.Single().Lines.Count);
        Assert.EndsWith("Note: note 23 · from the command line (test)", first.Card.Sections.Single().Lines[0].Text, StringComparison.Ordinal);
        Assert.True(second.ReplacesCard);
        Assert.Equal(["Note: note 3", "Note: note 2", "Note: note 1"], second.Card!.Sections.Single().Lines.Select(l => l.Text.Split(" · ")[2]));
        Assert.DoesNotContain(second.Card.Actions, a => a.Label == "More");
    }

    /// <summary>Friday 27 November 2026, 23:30 UTC is Saturday 02:30 in Riyadh: history and the checklist's text say the team's time.</summary>
    [Theory]
    [InlineData(null, "Sat 28 Nov 2026, 02:30 · rita · Confirmed", "rita, Sat 28 Nov 2026, 02:30")]
    [InlineData("ar", "السبت 28 نوفمبر 2026، ⁨02:30⁩ · ⁨rita⁩", "السبت 28 نوفمبر 2026، ⁨02:30⁩")]
    public async Task History_AndChecklistText_TimesInTheTeamsZoneInWords(string? language, string historyLine, string checklistText)
    {
        _bot.Emea.TimeZoneId = "Asia/Riyadh";
        _bot.Rep.Language = language;
        _bot.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 23, 30, 0, TimeSpan.Zero));
        _bot.AddDeal("1002", "Initech");
        await _bot.AskAsync("done requirements listed for initech");

        var history = await _bot.AskAsync("history of #1002");
        var checklist = await _bot.AskAsync("what's next for #1002");

        Assert.StartsWith(historyLine, Assert.Single(history.Card!.Sections.Single().Lines).Text, StringComparison.Ordinal);
        Assert.Contains(checklistText, checklist.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", history.Text + checklist.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_MoveOverrideAndUndo_ShowWhoReasonChatAndMapVersion()
    {
        var deal = _bot.AddDeal("1002", "Initech");
        await _bot.AskInAsync(DealRoom, "done requirements listed for initech");
        await _bot.AskAsync("undo requirements listed for initech");
        await _bot.TurnAsync(new ActionInput(new SnoozeDealPayload(deal.Id, 3), []), _bot.Manager);
        await _bot.AskInAsync(DealRoom, "move initech to contract signed because the buyer signed early", _bot.Manager);

        var history = await _bot.AskAsync("history of #1002");

        var lines = history.Card!.Sections.Single().Lines.Select(l => l.Text).ToList();
        Assert.Contains(lines, l => l.Contains("mia · Moved to Contract signed as an override of the checklist: buyer signed early · in Slack channel C42 · map v", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("rita · Withdrew the confirmation of \"Requirements list shared with the buyer\" (Discovery)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("mia · Snoozed until Mon 30 Nov 2026", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("rita · Confirmed \"Requirements list shared with the buyer\" (Discovery) · in Slack channel C42", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("note for Initech: CFO wants an ROI case by Q1", "Initech", "CFO wants an ROI case by Q1")]
    [InlineData("Add a note to #1002: Legal: redlines due Friday", "#1002", "Legal: redlines due Friday")]
    [InlineData("note: call back after the board meeting", null, "call back after the board meeting")]
    public void Parse_Note_KeepsTheTextAsTyped(string text, string? deal, string note)
    {
        var command = Assert.IsType<AddNoteCommand>(new CommandParser().Parse(text));

        Assert.Equal(note, command.Text);
        Assert.Equal(deal switch
        {
            null => DealReference.ThisDeal,
            "#1002" => new ExternalIdReference("1002"),
            _ => new NameReference(deal),
        }, command.Deal);
    }

    [Fact]
    public void Parse_LongNote_IsNotCapped()
    {
        var command = Assert.IsType<AddNoteCommand>(new CommandParser().Parse("note for initech: " + new string('z', 2500)));

        Assert.Equal(2500, command.Text.Length);
    }

    [Theory]
    [InlineData("called Initech", ActivityKind.Call, ActivityDay.Now, "Initech", null)]
    [InlineData("I called initech yesterday", ActivityKind.Call, ActivityDay.Yesterday, "initech", null)]
    [InlineData("had a call with Stark Industries", ActivityKind.Call, ActivityDay.Now, "Stark Industries", null)]
    [InlineData("met Globex today", ActivityKind.Meeting, ActivityDay.Today, "Globex", null)]
    [InlineData("met with globex renewal", ActivityKind.Meeting, ActivityDay.Now, "globex renewal", null)]
    [InlineData("emailed the proposal to Acme", ActivityKind.Email, ActivityDay.Now, "Acme", "the proposal")]
    [InlineData("emailed Acme Corp", ActivityKind.Email, ActivityDay.Now, "Acme Corp", null)]
    [InlineData("sent the contract to Acme yesterday", ActivityKind.Other, ActivityDay.Yesterday, "Acme", "the contract")]
    // What was said after a comma, a colon or "about" (read as part of the name, it found no deal).
    [InlineData("called Globex, they want a discount", ActivityKind.Call, ActivityDay.Now, "Globex", "they want a discount")]
    [InlineData("met Initech: demo went well!", ActivityKind.Meeting, ActivityDay.Now, "Initech", "demo went well!")]
    [InlineData("spoke with Globex today about pricing", ActivityKind.Call, ActivityDay.Today, "Globex", "pricing")]
    [InlineData("called Globex yesterday, no answer", ActivityKind.Call, ActivityDay.Yesterday, "Globex", "no answer")]
    [InlineData("called Acme Corp - EU rollout: left a voicemail", ActivityKind.Call, ActivityDay.Now, "Acme Corp - EU rollout", "left a voicemail")]
    [InlineData("called Globex,", ActivityKind.Call, ActivityDay.Now, "Globex", null)]
    public void Parse_LoggedActivity_KindDayDealAndWhat(string text, ActivityKind kind, ActivityDay day, string deal, string? about)
    {
        var command = Assert.IsType<LogActivityCommand>(new CommandParser().Parse(text));

        Assert.Equal(new LogActivityCommand(new NameReference(deal), kind, day, about), command);
    }

    [Theory]
    // «و» glued to a word ends only a name in Latin letters, with a day word between or not: an Arabic name may hold such a word.
    [InlineData("قابلت شركة الأمل والنور", ActivityKind.Meeting, ActivityDay.Now, "شركة الأمل والنور", null)]
    [InlineData("كلمت Globex امس وقالوا بيردون", ActivityKind.Call, ActivityDay.Yesterday, "Globex", "قالوا بيردون")]
    [InlineData("قابلت Stark Industries ووافقوا على الديمو", ActivityKind.Meeting, ActivityDay.Now, "Stark Industries", "وافقوا على الديمو")]
    public void Parse_LoggedActivityInArabic_WhatWasSaidAfterAnd(string text, ActivityKind kind, ActivityDay day, string deal, string? about)
    {
        var command = Assert.IsType<LogActivityCommand>(new CommandParser().Parse(text));

        Assert.Equal(new LogActivityCommand(new NameReference(deal), kind, day, about) { Language = "ar" }, command);
    }

    [Theory]
    [InlineData("called #1002: they want a discount", "they want a discount")] // the words of the choice button when names are alike
    [InlineData("اتصلت بـ Globex، يريدون خصمًا", "يريدون خصمًا")]
    [InlineData("اتصلت بـ Globex بخصوص الخصم", "الخصم")]
    [InlineData("كلمت Globex وطلبوا خصمًا", "طلبوا خصمًا")]
    public void Parse_LoggedActivityWithIdOrInArabic_WhatWasSaidKept(string text, string about)
    {
        var command = Assert.IsType<LogActivityCommand>(new CommandParser().Parse(text));

        Assert.Equal((ActivityKind.Call, ActivityDay.Now, about), (command.Kind, command.Day, command.About));
        Assert.True(command.Deal is ExternalIdReference { ExternalId: "1002" } or NameReference { Text: "Globex" }, command.Deal.ToString());
    }

    [Theory]
    [InlineData("history of Initech", "Initech")]
    [InlineData("show the history for #1002", "#1002")]
    [InlineData("Initech history", "Initech")]
    [InlineData("timeline of globex renewal", "globex renewal")]
    [InlineData("what happened with initech", "initech")]
    [InlineData("history", null)]
    public void Parse_History_NamesTheDeal(string text, string? deal)
    {
        var command = Assert.IsType<HistoryCommand>(new CommandParser().Parse(text));

        Assert.Equal(deal switch
        {
            null => DealReference.ThisDeal,
            "#1002" => new ExternalIdReference("1002"),
            _ => new NameReference(deal),
        }, command.Deal);
    }
}
