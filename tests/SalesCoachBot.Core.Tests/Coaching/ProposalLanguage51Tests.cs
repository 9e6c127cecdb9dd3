using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Tests.Nudges;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// Session 51 (audit50 item 11): a teammate's close proposal is stored language-neutral and read in the reader's language;
/// rows stored before, in the proposer's words, show as stored.
/// </summary>
public sealed class ProposalLanguage51Tests : IDisposable
{
    private readonly BotHarness _bot;

    public ProposalLanguage51Tests()
    {
        var nudges = new InMemoryNudgeStore();
        var recipients = new InMemoryRecipients();
        // The shipped map: its lost reasons have Arabic words («السعر» for price).
        _bot = new BotHarness(ProcessMapLoader.Default, s =>
        {
            s.AddSingleton<INudgeOutbox>(nudges);
            s.AddSingleton<INudgeTargetStore>(nudges);
            s.AddSingleton<INudgeRecipients>(recipients);
        });
        recipients.Team(_bot.Emea.Id, "EMEA");
    }

    public void Dispose() => _bot.Dispose();

    private static string Stage => ProcessMapLoader.Default.Start.Value;

    private static string NoteLines(BotAnswer answer) =>
        string.Join("\n", answer.Card!.Sections.SelectMany(s => s.Lines).Select(l => l.Text));

    [Fact]
    public async Task Proposal_InEnglish_ReadInArabic_IsArabicWithTheMapsReason()
    {
        _bot.AddDeal("1013", "Soylent", Stage);
        _bot.TeamMate.Language = "en";

        await _bot.AskAsync("mark soylent lost because price", _bot.TeamMate);
        _bot.Rep.Language = "ar";
        var history = await _bot.AskAsync("history of soylent", _bot.Rep);

        Assert.Equal("proposal:lost:price", Assert.Single(_bot.Stores.Notes).Text);
        var lines = NoteLines(history);
        Assert.Contains("إغلاقها خاسرةً", lines, StringComparison.Ordinal);
        Assert.Contains("السعر", lines, StringComparison.Ordinal);
        Assert.DoesNotContain("proposed", lines, StringComparison.Ordinal);
        Assert.DoesNotContain("proposal:", lines, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Proposal_InArabic_ReadInEnglish_IsEnglishOnTheCardAndInTheHistory()
    {
        _bot.AddDeal("1013", "Soylent", Stage);
        _bot.TeamMate.Language = "ar";

        await _bot.AskAsync("خسرنا Soylent بسبب السعر", _bot.TeamMate);
        _bot.Rep.Language = "en";
        var history = await _bot.AskAsync("history of soylent", _bot.Rep);
        var card = await _bot.AskAsync("soylent", _bot.Rep);

        Assert.Equal("proposal:lost:price", Assert.Single(_bot.Stores.Notes).Text);
        Assert.Contains(" · tom · Note: Proposed closing it as lost: price", NoteLines(history), StringComparison.Ordinal);
        Assert.Contains(": tom proposed closing it as lost: price", NoteLines(card), StringComparison.Ordinal);
        Assert.DoesNotContain("اقترح", NoteLines(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OldFreeTextProposal_StillShowsAsStored()
    {
        var deal = _bot.AddDeal("1013", "Soylent", Stage);
        _bot.Stores.Notes.Add(new DealNote { Id = 7, DealId = deal.Id, PersonId = _bot.TeamMate.Id, At = _bot.Clock.GetUtcNow(), Text = "tom proposed closing it as lost: price" });
        _bot.Rep.Language = "ar";

        var history = await _bot.AskAsync("history of soylent", _bot.Rep);

        Assert.Contains("tom proposed closing it as lost: price", NoteLines(history), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", null, "Proposed closing it as lost: no reason given")]
    [InlineData("en", "price", "Proposed closing it as lost: price")]
    [InlineData("ar", "no budget this year", "اقتُرح إغلاقها خاسرةً: \u2068no budget this year\u2069")]
    public void Describe_ProposalWhoseAuthorIsGone_NamesNobody(string language, string? reason, string expected)
    {
        var say = ReplyTexts.Shared.In(language == "ar" ? ReplyLanguage.Arabic : ReplyLanguage.English);

        Assert.Equal(expected, CloseProposalNote.Describe(new CloseProposalNote(reason).Stored, null, say, null));
    }

    [Theory]
    [InlineData("called Initech")]
    [InlineData("proposal: lost price")]
    public void Parse_AnyOtherNote_IsNoProposal(string text) => Assert.Null(CloseProposalNote.Parse(text));
}
