using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Tests.Nudges;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>Session 50: a close proposal quotes the command in the language of the person asked, and that command works.</summary>
public sealed class CloseProposalLanguage50Tests : IDisposable
{
    private readonly InMemoryNudgeStore _nudges = new();
    private readonly InMemoryRecipients _recipients = new();
    private readonly BotHarness _bot;

    public CloseProposalLanguage50Tests()
    {
        _bot = new BotHarness(ProcessMapLoader.Default, configure: s =>
        {
            s.AddSingleton<INudgeOutbox>(_nudges);
            s.AddSingleton<INudgeTargetStore>(_nudges);
            s.AddSingleton<INudgeRecipients>(_recipients);
        });
        _recipients.Team(_bot.Emea.Id, "EMEA");
    }

    public void Dispose() => _bot.Dispose();

    private async Task<string> SentTextAsync() =>
        DigestPayload.Deserialize(Assert.Single(await _nudges.ListMessagesAsync(null, CancellationToken.None), m => m.Kind == NudgeKind.CloseProposal).PayloadJson).Text;

    [Fact]
    public async Task EnglishTeammateProposes_ArabicOwner_IsToldTheArabicCommand_WhichClosesTheDeal()
    {
        _recipients.Person(new NudgeRecipient(_bot.Rep.Id, _bot.Rep.Name, "U0RITA", null) { Language = "ar" });
        var deal = _bot.AddDeal("1004", "Northwind", "demo");

        await _bot.AskAsync("mark northwind lost because competitor", _bot.TeamMate);
        var text = await SentTextAsync();

        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Contains("أو قل «خسرنا #1004 بسبب منافس»", text, StringComparison.Ordinal);
        Assert.DoesNotContain("mark #1004", text, StringComparison.Ordinal);

        _bot.Rep.Language = "ar";
        await _bot.AskAsync("خسرنا #1004 بسبب منافس", _bot.Rep);
        Assert.Equal(DealStatus.Lost, deal.Status);
        Assert.Equal("competitor", deal.LostReason);
    }

    [Fact]
    public async Task ArabicTeammateProposes_EnglishOwner_IsToldTheEnglishCommand()
    {
        _recipients.Person(new NudgeRecipient(_bot.Rep.Id, _bot.Rep.Name, "U0RITA", null) { Language = "en" });
        _bot.TeamMate.Language = "ar";
        _bot.AddDeal("1004", "Northwind", "demo");

        await _bot.AskAsync("خسرنا Northwind بسبب المنافس", _bot.TeamMate);
        var text = await SentTextAsync();

        Assert.Contains("or say \"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("خسرنا #1004", text, StringComparison.Ordinal);
    }
}
