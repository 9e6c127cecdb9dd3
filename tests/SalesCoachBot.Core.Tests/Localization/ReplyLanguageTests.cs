using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Localization;

namespace SalesCoachBot.Core.Tests.Localization;

public sealed class ReplyLanguageTests
{
    private static LanguageChoice Choice(string defaultLanguage = "en", bool arabicDigits = false) =>
        new(Options.Create(new LanguageOptions { DefaultLanguage = defaultLanguage, ArabicDigits = arabicDigits }));

    [Theory]
    [InlineData("ar", "ar")]
    [InlineData("ar-SA", "ar")]
    [InlineData("AR_eg", "ar")]
    [InlineData("en-US", "en")]
    [InlineData("fr-FR", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void FromCode_LocalesAndCodes_TheirLanguageOrNone(string? code, string? expected) =>
        Assert.Equal(expected, ReplyLanguage.FromCode(code)?.Code);

    [Fact]
    public void For_EverySourceSet_PersonBeatsLocaleBeatsTeamBeatsDefault()
    {
        var choice = Choice(defaultLanguage: "ar");

        Assert.Equal("en", choice.For("en", "ar-SA", ["ar"]).Code);
        Assert.Equal("ar", choice.For(null, "ar-SA", ["en"]).Code);
        Assert.Equal("en", choice.For(null, "fr-FR", [null, "en"]).Code);
        Assert.Equal("ar", choice.For(null, null, []).Code);
        Assert.Equal("en", Choice().For(null, null, [null]).Code);
    }

    [Fact]
    public void For_SettingSaysEnglishMessageIsArabic_Arabic()
    {
        var choice = Choice();

        Assert.Equal("ar", choice.For("en", "en-US", ["en"], "ما التالي لصفقة Initech").Code);
        Assert.Equal("en", choice.For("en", null, [], "what's next for مؤسسة الأفق").Code);
        Assert.Equal("en", choice.For("en", null, [], "✅ 👍").Code);
    }

    [Fact]
    public void For_TeamsOfTwoLanguagesNoOwnLanguage_TheMessagesLanguageWins()
    {
        var choice = Choice();
        // Morgan: manager of EMEA (language: ar) and Americas (no language: the default, English); no language of their own.
        string?[] teams = ["ar", null];

        Assert.Equal("en", choice.For(null, null, teams, "show me the digest").Code);
        Assert.Equal("ar", choice.For(null, null, teams, "أرني الملخص").Code);
        // No words to tell by (a button's payload, an emoji): the documented order, the first team's language.
        Assert.Equal("ar", choice.For(null, null, teams, "✅").Code);
        Assert.Equal("ar", choice.For(null, null, teams).Code);
        // The person's own language and the chat's locale still come first.
        Assert.Equal("ar", choice.For("ar", null, teams, "show me the digest").Code);
        Assert.Equal("ar", choice.For(null, "ar-SA", teams, "show me the digest").Code);
    }

    [Fact]
    public void For_AllTeamsOneLanguage_TheTeamsLanguageWhateverTheLatinText()
    {
        Assert.Equal("ar", Choice().For(null, null, ["ar", "ar"], "show me the digest").Code);
        // A team without a language is in the default: with an Arabic default both teams are Arabic.
        Assert.Equal("ar", Choice(defaultLanguage: "ar").For(null, null, ["ar", null], "show me the digest").Code);
    }

    [Fact]
    public void Number_ArabicDigitsOn_ArabicIndicDigitsAndSeparatorsOnlyInArabic()
    {
        var arabic = Choice(arabicDigits: true).For("ar", null, []);
        var english = Choice(arabicDigits: true).For("en", null, []);

        Assert.Equal("١٢٬٣٤٥٫٥", arabic.Number(12345.5m));
        Assert.Equal("12,345.5", english.Number(12345.5m));
        Assert.Equal("12,345.5", Choice().For("ar", null, []).Number(12345.5m));
    }

    [Fact]
    public void Money_Arabic_IsolatedAmountWithCurrency()
    {
        Assert.Equal("\u206850,000 USD\u2069", ReplyLanguage.Arabic.Money(50_000m, "USD"));
        Assert.Equal("50,000 USD", ReplyLanguage.English.Money(50_000m, "USD"));
    }

    [Theory]
    [InlineData(1234.5, "JPY", "1,235 JPY")]           // the yen has no decimals
    [InlineData(1234.4, "jpy", "1,234 jpy")]
    [InlineData(12.345, "KWD", "12.345 KWD")]          // the dinars of Kuwait, Bahrain and Oman have three
    [InlineData(12.3456, "BHD", "12.346 BHD")]
    [InlineData(12.345, "EUR", "12.35 EUR")]
    [InlineData(12.5, "SAR", "12.5 SAR")]
    [InlineData(12.345, "XYZ", "12.35 XYZ")]           // a code no culture uses: two
    [InlineData(1500.125, "IQD", "1,500.125 IQD")]     // ISO's three where ICU follows CLDR's cash practice (none)
    [InlineData(12.3456, "CLF", "12.3456 CLF")]        // ISO's four for units of account no culture uses
    public void Money_DecimalsOfTheCurrency(double amount, string currency, string expected)
    {
        Assert.Equal(expected, ReplyLanguage.English.Money((decimal)amount, currency));
    }

    [Fact]
    public void Moment_Arabic_GregorianArabicMonthAndIsolatedTime()
    {
        var at = new DateTimeOffset(2026, 12, 11, 15, 0, 0, TimeSpan.Zero);

        Assert.Equal("الجمعة 11 ديسمبر 2026، \u206815:00\u2069", ReplyLanguage.Arabic.Moment(at, TimeZoneInfo.Utc));
        Assert.Equal("Fri 11 Dec 2026, 15:00", ReplyLanguage.English.Moment(at, TimeZoneInfo.Utc));
    }

    [Fact]
    public void DayInWords_TeamZone_TheLocalDayWithWeekdayAndYearNoTime()
    {
        // 20:00 UTC on Monday 30 Nov is 05:00 on Tuesday 1 Dec in Tokyo.
        var at = new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.Zero);
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

        Assert.Equal("Tue 1 Dec 2026", ReplyLanguage.English.DayInWords(at, tokyo));
        Assert.Equal("Mon 30 Nov 2026", ReplyLanguage.English.DayInWords(at, TimeZoneInfo.Utc));
        Assert.Equal("الثلاثاء 1 ديسمبر 2026", ReplyLanguage.Arabic.DayInWords(at, tokyo));
        Assert.Equal("الثلاثاء ١ ديسمبر ٢٠٢٦", Choice(arabicDigits: true).For("ar", null, []).DayInWords(at, tokyo));
        Assert.Equal("Tue 1 Dec 2026", Choice(arabicDigits: true).For("en", null, []).DayInWords(at, tokyo));
    }
}

public sealed class BidiTests
{
    [Theory]
    [InlineData("Initech", "\u2068Initech\u2069")]
    [InlineData("#1004", "\u2068#1004\u2069")]
    [InlineData("مؤسسة الأفق", "مؤسسة الأفق")]
    [InlineData("\u2068Initech\u2069", "\u2068Initech\u2069")]
    [InlineData("—", "—")]
    [InlineData("", "")]
    public void Isolate_LatinWrappedArabicAndPunctuationLeft(string text, string expected) => Assert.Equal(expected, Bidi.Isolate(text));

    [Theory]
    [InlineData("مؤسسة الأفق", "\u2068مؤسسة الأفق\u2069")]
    [InlineData("مؤسسة الأفق #1004", "\u2068مؤسسة الأفق #1004\u2069")]
    [InlineData("\u2068مؤسسة الأفق\u2069", "\u2068مؤسسة الأفق\u2069")]
    [InlineData("Initech", "Initech")]
    [InlineData("", "")]
    public void IsolateRightToLeft_ArabicWrappedLatinLeft(string text, string expected) => Assert.Equal(expected, Bidi.IsolateRightToLeft(text));

    [Fact]
    public void Isolate_EnglishReply_WrapsAnArabicNameLeavesLatin()
    {
        Assert.Equal("\u2068مؤسسة الأفق\u2069", ReplyLanguage.English.Isolate("مؤسسة الأفق"));
        Assert.Equal("Initech", ReplyLanguage.English.Isolate("Initech"));
        Assert.Equal("\u2068Initech\u2069", ReplyLanguage.Arabic.Isolate("Initech"));
    }

    [Fact]
    public void IsolateLatinRuns_ArabicSentence_EachLatinRunWrappedOnce()
    {
        Assert.Equal("تم \u2068demo-held\u2069 لصفقة \u2068Initech GmbH\u2069", Bidi.IsolateLatinRuns("تم demo-held لصفقة Initech GmbH"));
        Assert.Equal("what's next for Initech", Bidi.IsolateLatinRuns("what's next for Initech"));
    }

    [Theory]
    [InlineData("ما التالي لصفقة Initech", true)]
    [InlineData("شو وضع Initech", true)]
    [InlineData("next for مؤسسة", false)]
    [InlineData("صفقاتي", true)]
    [InlineData("what's next for مؤسسة", false)]
    [InlineData("\u200f\u200d", false)]
    [InlineData("ًٌٍَُ", false)]
    [InlineData("انقل Initech", true)]          // as many of each: the first word's script
    [InlineData("next مؤسسة", false)]
    [InlineData("Initech انقلها", false)]
    public void IsMostlyArabic_CountsLetters(string text, bool expected) => Assert.Equal(expected, Bidi.IsMostlyArabic(text));
}
