using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Data.Imports;

namespace SalesCoachBot.Host.Tests.Cli;

/// <summary>
/// Issue 15 points 2, 3, 5 and 9 through the <c>ask</c> verb, with the real Core and Data over the demo data: notes,
/// logged activity, the history timeline, and the conversation each change came from.
/// </summary>
public sealed class AskNotesActivityHistoryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Now);
    private DemoAskHost _host = null!;

    public async Task InitializeAsync() => _host = await DemoAskHost.StartAsync(_clock);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> AskAsync(string text, string email = "dana@example.com", string conversation = "walk")
    {
        var (exit, stdout, _) = await _host.AskAsync([text, "--as", email, "--conversation", conversation]);
        Assert.Equal(0, exit);
        return stdout;
    }

    private async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(string externalId)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var deal = (await scope.ServiceProvider.GetRequiredService<IDealStore>().FindByExternalIdAsync(externalId, CancellationToken.None))!;
        return await scope.ServiceProvider.GetRequiredService<IDealJournal>().TimelineAsync(deal.Id, CancellationToken.None);
    }

    private async Task<DateTimeOffset> LastActivityAsync(string externalId)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IDealStore>().FindByExternalIdAsync(externalId, CancellationToken.None))!.Deal.LastActivityAt;
    }

    [Fact]
    public async Task Ask_NoteForInitech_StoredWithAuthorTimeAndChatShownOnCardAndInHistory()
    {
        var answer = await AskAsync("note for Initech: CFO wants an ROI case by Q1");

        Assert.Contains("Noted on Initech.", answer, StringComparison.Ordinal);
        Assert.Contains("Latest notes:", answer, StringComparison.Ordinal);
        Assert.Contains("Fri 27 Nov 2026 · Dana", answer, StringComparison.Ordinal);
        Assert.Contains("CFO wants an ROI case by Q1", answer, StringComparison.Ordinal);
        var note = Assert.Single(await TimelineAsync("1002"), e => e.Kind == TimelineEntryKind.Note);
        Assert.Equal("CFO wants an ROI case by Q1", note.Text);
        Assert.Equal(Now, note.At);
        Assert.Equal("cli:walk", note.Conversation?.ToString());
        Assert.Equal(Now, await LastActivityAsync("1002"));

        var history = await AskAsync("history of initech");
        Assert.Contains("Note: CFO wants an ROI case by Q1 · from the command line (walk)", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_CardShowsOnlyTheLastThreeNotes_HistoryShowsAll()
    {
        for (var i = 1; i <= 4; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            await AskAsync($"note for #1002: point {i}");
        }

        var card = await AskAsync("what's next for initech");

        Assert.DoesNotContain("point 1", card, StringComparison.Ordinal);
        Assert.Contains("point 2", card, StringComparison.Ordinal);
        Assert.Contains("point 4", card, StringComparison.Ordinal);
        Assert.Equal(4, (await TimelineAsync("1002")).Count(e => e.Kind == TimelineEntryKind.Note));
    }

    [Fact]
    public async Task Ask_NoteOver2000Characters_RefusedNothingStored()
    {
        var answer = await AskAsync("note for Initech: " + new string('x', 2001));

        Assert.Contains("at most 2,000 characters; this one has 2,001", answer, StringComparison.Ordinal);
        Assert.DoesNotContain(await TimelineAsync("1002"), e => e.Kind == TimelineEntryKind.Note);
    }

    [Fact]
    public async Task Ask_SameNoteRetried_StoredOnce()
    {
        await AskAsync("note for Initech: legal review starts Monday");
        _clock.Advance(TimeSpan.FromMinutes(5)); // Slack's last redelivery comes about 5 minutes later
        await AskAsync("note for Initech: legal review starts Monday");

        Assert.Single(await TimelineAsync("1002"), e => e.Kind == TimelineEntryKind.Note);
    }

    [Fact]
    public async Task Ask_RepOfAnotherTeam_CannotNoteOrLogOnTheDeal()
    {
        var note = await AskAsync("note for #1002: not mine", email: "riley@example.com");
        var call = await AskAsync("called #1002", email: "riley@example.com");

        Assert.Contains("can't find deal #1002", note, StringComparison.Ordinal);
        Assert.Contains("can't find deal #1002", call, StringComparison.Ordinal);
        Assert.DoesNotContain(await TimelineAsync("1002"), e => e.Kind is TimelineEntryKind.Note or TimelineEntryKind.Activity);
    }

    [Fact]
    public async Task Ask_LoggedActivities_ResetTheIdleClockAndShowInHistory()
    {
        var before = await LastActivityAsync("1003");

        var call = await AskAsync("called Globex");
        await AskAsync("met Globex yesterday");
        await AskAsync("emailed the proposal to #1003");
        await AskAsync("called Globex"); // a retry of the same turn

        Assert.Contains("Logged a call for Globex renewal on Fri 27 Nov 2026.", call, StringComparison.Ordinal);
        Assert.True(before < Now);
        Assert.Equal(Now, await LastActivityAsync("1003"));
        var activities = (await TimelineAsync("1003")).Where(e => e.Kind == TimelineEntryKind.Activity).ToList();
        Assert.Equal(3, activities.Count);
        // "yesterday" with no time: the start of Thu 26 Nov in the team's zone (Berlin), day-only (session 52; was now - 24 h).
        Assert.Contains(activities, a => a is { Activity: Core.Domain.ActivityKind.Meeting, DayOnly: true } && a.At == new DateTimeOffset(2026, 11, 25, 23, 0, 0, TimeSpan.Zero));
        Assert.Contains(activities, a => a is { Activity: Core.Domain.ActivityKind.Email, Text: "the proposal" });

        var history = await AskAsync("history of #1003");
        Assert.Contains("A meeting", history, StringComparison.Ordinal);
        Assert.Contains("An email (the proposal)", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_ConfirmAndAdvance_RecordTheConversationAndMapVersion()
    {
        foreach (var item in new[] { "demo script mapped", "demo held", "gaps-recorded" })
        {
            await AskAsync($"done {item} for 1002", conversation: "deal-room");
        }

        var timeline = await TimelineAsync("1002");
        var confirmed = timeline.Where(e => e.Kind == TimelineEntryKind.Confirmed && e.At == Now).ToList();
        Assert.Equal(3, confirmed.Count);
        Assert.All(confirmed, c => Assert.Equal("cli:deal-room", c.Conversation?.ToString()));
        var advance = Assert.Single(timeline, e => e is { Kind: TimelineEntryKind.StageChange, StageChange: Core.Domain.StageChangeKind.Advanced } && e.At == Now);
        Assert.Equal("cli:deal-room", advance.Conversation?.ToString());
        Assert.NotNull(advance.MapVersion);

        var history = await AskAsync("history of initech");
        Assert.Contains($"· from the command line (deal-room) · map v{advance.MapVersion}", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_HistoryOfManyEntries_ShowsTwentyAndSaysThereIsMore()
    {
        for (var i = 1; i <= 25; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            await AskAsync($"note for #1002: entry {i}");
        }

        var total = (await TimelineAsync("1002")).Count;
        var history = await AskAsync("history of #1002");

        Assert.Contains($"Entries 1–20 of {total}, newest first", history, StringComparison.Ordinal);
        Assert.Contains("entry 25", history, StringComparison.Ordinal);
        Assert.DoesNotContain("entry 5 ", history + " ", StringComparison.Ordinal);
        Assert.Contains("press More for older entries", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportHistory_NotesAndActivities_AppearInHistoryAndReimportAddsNothing()
    {
        var csv = Path.Combine(_host.Folder, "history.csv");
        await File.WriteAllTextAsync(csv, """
            external_id,stage,entered_at,kind,author_email,text
            1002,,2026-11-20T10:00:00Z,note,dana@example.com,Champion moved to the CFO office
            1002,,2026-11-21T15:30:00Z,call,dana@example.com,pricing questions
            1002,,2026-11-22T09:00:00Z,meeting,,
            1002,,2026-11-22T09:00:00Z,note,nobody@example.com,unknown author
            1002,,2026-11-23T09:00:00Z,fax,,
            """);

        ImportResult first;
        ImportResult again;
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            first = await scope.ServiceProvider.GetRequiredService<CsvImportService>().ImportAsync(ImportKind.History, csv, null, CancellationToken.None);
        }

        await using (var scope = _host.Services.CreateAsyncScope())
        {
            again = await scope.ServiceProvider.GetRequiredService<CsvImportService>().ImportAsync(ImportKind.History, csv, null, CancellationToken.None);
        }

        Assert.Equal(3, first.Added);
        Assert.Equal(2, first.Rejected);
        Assert.Contains(first.Rejections, r => r.Reason.Contains("unknown author_email 'nobody@example.com'", StringComparison.Ordinal));
        Assert.Contains(first.Rejections, r => r.Reason.Contains("kind 'fax' is not one of", StringComparison.Ordinal));
        Assert.Equal(0, again.Added);
        Assert.Equal(3, again.Unchanged);

        var history = await AskAsync("history of initech");
        Assert.Contains("Dana Demo · Note: Champion moved to the CFO office", history, StringComparison.Ordinal);
        Assert.Contains("A call (pricing questions)", history, StringComparison.Ordinal);
        // 09:00 UTC is 10:00 in Berlin, EMEA's zone.
        Assert.Contains("Sun 22 Nov 2026, 10:00 · A meeting", history, StringComparison.Ordinal);
    }
}
