using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>
/// Session 50 audit of the digest, the lists, the map answers and the cards as a rep, a manager and the admin read
/// them in English and Arabic, on the shipped map.
/// </summary>
public sealed class ReplyWording50Tests : IDisposable
{
    private static readonly Phrases Arabic = ReplyTexts.Shared.In(ReplyLanguage.Arabic);

    private readonly BotHarness _bot = new(ProcessMapLoader.Default);

    public void Dispose() => _bot.Dispose();

    [Fact]
    public void ChecklistButton_Arabic_HasOneNameOnTheDigestListsHomeAndHistory()
    {
        // The digest said «القائمة» (just "the list"), the lists and App Home «قائمة التحقق», the history card and
        // every reply «قائمة البنود».
        Assert.Equal("قائمة البنود", Arabic.Coaching("History.Checklist"));
        Assert.Equal("قائمة البنود", Arabic.Nudges("Digest.Button.Checklist"));
        Assert.Equal("قائمة البنود", Arabic.Lists("Button.Checklist"));
        Assert.Equal("قائمة البنود", Arabic.Home("Button.Checklist"));
    }

    [Fact]
    public void Digest_Arabic_ChecklistButtonNamesTheChecklist()
    {
        var now = _bot.Clock.GetUtcNow();
        var deal = new Deal
        {
            Id = new DealId(1),
            ExternalId = "1002",
            Name = "Initech",
            OwnerId = 1,
            TeamId = 1,
            StageId = new StageId("proposal"),
            StageEnteredAt = now.AddDays(-40),
            LastActivityAt = now.AddDays(-40),
            CreatedAt = now.AddDays(-40),
        };
        var stalled = DigestBuilder.StalledDeals([new DealView(deal, "Dana Demo", "dana@example.com", "EMEA", null, [])],
            ProcessMapLoader.Default, 14, now);
        var digest = new TeamDigest(1, "EMEA", DateOnly.FromDateTime(now.UtcDateTime), stalled);

        var answer = DigestBuilder.Render(digest, 20, Arabic);

        Assert.Equal("قائمة البنود", answer.Card!.Sections[0].Lines[0].Action!.Label);
    }

    [Fact]
    public async Task MarkLost_LinkedDealWithoutAReason_Arabic_IsolatesTheExampleName()
    {
        _bot.AddDeal("1014", "Soylent", "proposal");
        _bot.Manager.Language = "ar";
        await _bot.AskAsync("link this chat to Soylent", _bot.Manager, "linked");

        var answer = await _bot.AskAsync("mark it lost", _bot.Manager, "linked");

        // «خسرنا Initech» bare inside Arabic is laid out right to left around the name; the help isolates it.
        Assert.StartsWith("قل سبب خسارتها، مثلًا: «خسرنا \u2068Initech\u2069 بسبب ", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LongList_MoreHint_NamesAnOwnerOfTheListNotAFixedDana()
    {
        for (var i = 0; i < ListLimits.Deals + 5; i++)
        {
            _bot.AddDeal($"{4000 + i}", $"Deal {i:00}", "demo", owner: i % 3 == 0 ? _bot.TeamMate : _bot.Rep);
        }

        var english = await _bot.AskAsync("which deals are in demo", _bot.Manager);
        var arabic = await _bot.AskAsync("الصفقات في مرحلة العرض التوضيحي", _bot.Manager);

        // «صفقات دانة» found no one: the example is the name of the owner with most deals listed, which the bot knows.
        Assert.EndsWith($"or a person (\"{_bot.Rep.Name}'s deals\") to see fewer.", english.Text, StringComparison.Ordinal);
        Assert.EndsWith($"أو عن شخص («صفقات \u2068{_bot.Rep.Name}\u2069») لترى أقل.", arabic.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Dana", english.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("دانة", arabic.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("اللي", arabic.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StagePage_OwnerLabel_IsTheDealCardsStageOwner()
    {
        _bot.AddDeal("1002", "Initech", "demo");

        var english = await _bot.AskAsync("explain demo", _bot.Rep);
        var arabic = await _bot.AskAsync("اشرح مرحلة العرض التوضيحي", _bot.Rep);
        var card = await _bot.AskAsync("ما التالي لصفقة Initech", _bot.Rep);

        // A bare «المسؤول» is what the replies call the admin; the deal card says «مسؤول المرحلة».
        Assert.Contains("\nStage owner: sales engineer\n", english.Text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("\nمسؤول المرحلة: مهندس المبيعات\n", arabic.Text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("\nمسؤول المرحلة: مهندس المبيعات\n", card.Text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("\nالمسؤول:", arabic.Text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhichDeal_Arabic_IsolatesTheExampleNameAndId()
    {
        _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync("انقلها للمرحلة الجاية", _bot.Manager, "room-2");
        var english = await _bot.AskAsync("move it to the next stage", _bot.Manager, "room-2");

        // «ما التالي لصفقة Initech»، «التالي #1002» bare: the id's "#" and digits were laid out around the Arabic.
        Assert.Equal(
            "أي صفقة تقصد؟ سمِّها («ما التالي لصفقة \u2068Initech\u2069»، «التالي \u2068#1002\u2069»)، أو اربط هذه المحادثة بصفقة أولًا: «اربط هذه المحادثة بصفقة \u2068Initech\u2069».",
            answer.Text);
        Assert.Equal(
            "Which deal do you mean? Name it (\"what's next for Initech\", \"next #1002\"), or link this chat to one first: \"link this chat to Initech\".",
            english.Text);
    }

    [Fact]
    public void RequiredInput_English_QuotesTheLabelAsArabicDoes()
    {
        var english = ReplyTexts.Shared.In(ReplyLanguage.English);

        // "What is required." read as a question, "What did the buyer say? is required." as two sentences.
        Assert.Equal("The \"What\" field is required.", english.Cards("Input.Required", "What"));
        Assert.Equal("The \"What did the buyer say?\" field is required.", english.Cards("Input.Required", "What did the buyer say?"));
        Assert.Equal("حقل «ما الخطوة» مطلوب.", Arabic.Cards("Input.Required", "ما الخطوة"));
    }
}
