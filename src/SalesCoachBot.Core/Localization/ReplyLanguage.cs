using System.Globalization;

namespace SalesCoachBot.Core.Localization;

/// <summary>
/// The language one reply is written in, chosen per turn (<see cref="LanguageChoice"/>) and passed along explicitly:
/// nothing reads <see cref="CultureInfo.CurrentUICulture"/> to find it. It owns how numbers, amounts and dates look in
/// that language (Western digits unless <c>Coaching:ArabicDigits</c> asks for Arabic-Indic ones) and, for Arabic,
/// wraps Latin names and figures in Unicode isolates (<see cref="Bidi"/>).
/// </summary>
public sealed record ReplyLanguage
{
    public const string EnglishCode = "en";
    public const string ArabicCode = "ar";

    /// <summary>The languages every text exists in.</summary>
    public static readonly IReadOnlyList<string> Supported = [EnglishCode, ArabicCode];

    public static readonly ReplyLanguage English = new(EnglishCode, arabicDigits: false);
    public static readonly ReplyLanguage Arabic = new(ArabicCode, arabicDigits: false);

    private static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo("en");

    // Neutral "ar" keeps the Gregorian calendar (ar-SA would switch to Umm al-Qura); its names are the months' Arabic names.
    private static readonly CultureInfo ArabicCulture = CultureInfo.GetCultureInfo("ar");

    private ReplyLanguage(string code, bool arabicDigits)
    {
        Code = code;
        ArabicDigits = arabicDigits && code == ArabicCode;
    }

    /// <summary><c>en</c> or <c>ar</c>.</summary>
    public string Code { get; }

    /// <summary>Whether figures are written with Arabic-Indic digits (٠–٩); Western digits otherwise.</summary>
    public bool ArabicDigits { get; }

    /// <summary>The culture whose resources hold this language's texts.</summary>
    public CultureInfo Culture => Code == ArabicCode ? ArabicCulture : EnglishCulture;

    public bool IsRightToLeft => Code == ArabicCode;

    /// <summary>This language with Arabic-Indic digits on or off (only Arabic uses them).</summary>
    public ReplyLanguage WithArabicDigits(bool on) => on == ArabicDigits || Code != ArabicCode ? this : new ReplyLanguage(Code, on);

    /// <summary>A supported language from a code or locale ("ar", "ar-SA", "en_US", "EN"); null for anything else.</summary>
    public static ReplyLanguage? FromCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var trimmed = code.Trim();
        var cut = trimmed.IndexOfAny(['-', '_']);
        var primary = (cut > 0 ? trimmed[..cut] : trimmed).ToLowerInvariant();
        return primary switch
        {
            EnglishCode => English,
            ArabicCode => Arabic,
            _ => null,
        };
    }

    public static bool IsSupported(string? code) => code is not null && Supported.Contains(code, StringComparer.Ordinal);

    /// <summary>A count: "1,250" (Western digits unless Arabic-Indic are asked for).</summary>
    public string Number(long value) => Digits(value.ToString("#,0", CultureInfo.InvariantCulture));

    /// <summary>A figure with up to <paramref name="decimals"/> decimals: "12.5".</summary>
    public string Number(decimal value, int decimals = 2) =>
        Digits(value.ToString(decimals <= 0 ? "#,0" : "#,0." + new string('#', decimals), CultureInfo.InvariantCulture));

    /// <summary>
    /// "50,000 USD": an amount with its currency, isolated inside Arabic text so it keeps its order; as many decimals as
    /// the currency has at most ("1,235 JPY", "12.345 KWD"), none when the amount is whole; the number alone with no
    /// currency. The one way every reply writes an amount: the deal card, the pipeline report, the lists and the plans.
    /// </summary>
    public string Money(decimal amount, string? currency) =>
        Isolate(string.IsNullOrWhiteSpace(currency) ? Number(amount) : $"{Number(amount, CurrencyDigits.Of(currency))} {currency}");

    /// <summary>A calendar day: ISO "2026-12-02" (isolated in Arabic text, Arabic-Indic digits when asked).</summary>
    public string Day(DateOnly day) => Isolate(Digits(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    /// <summary>The UTC day of an instant, as <see cref="Day(DateOnly)"/>.</summary>
    public string Day(DateTimeOffset at) => Day(DateOnly.FromDateTime(at.UtcDateTime));

    /// <summary>
    /// A moment in a team's zone, in words: "Fri 11 Dec 2026, 15:00" / «الجمعة 11 ديسمبر 2026، 15:00»; the time is left
    /// out when the moment is the end-of-day stand-in for "some time that day" (a due date without a time).
    /// </summary>
    public string Moment(DateTimeOffset at, TimeZoneInfo zone) =>
        Dates.DateInWords.HasTime(at, zone) ? Time(at, zone) : DayInWords(at, zone);

    /// <summary>
    /// When something happened, in a team's zone, always with its time: "Wed 2 Dec 2026, 15:05" / «الأربعاء 2 ديسمبر
    /// 2026، 15:05» (a confirmation, a history entry).
    /// </summary>
    public string Time(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone).ToString("HH:mm", CultureInfo.InvariantCulture);
        return IsRightToLeft
            ? DayInWords(at, zone) + "، " + Isolate(Digits(local))
            : DayInWords(at, zone) + ", " + local;
    }

    /// <summary>
    /// A calendar day in words, with its weekday and year as <see cref="Moment"/> writes it: "Sat 12 Dec 2026" /
    /// «السبت 12 ديسمبر 2026» (Arabic-Indic digits when asked). The year is always there, as on every date a person reads.
    /// </summary>
    public string DayInWords(DateOnly day) => IsRightToLeft
        ? Digits(day.ToString("dddd d MMMM yyyy", ArabicCulture))
        : day.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The day an instant falls on in a team's zone, in words (<see cref="DayInWords(DateOnly)"/>), without its time.</summary>
    public string DayInWords(DateTimeOffset at, TimeZoneInfo zone) =>
        DayInWords(Dates.ZonedDay.Of(at, zone));

    /// <summary>"December 2026" / «ديسمبر 2026».</summary>
    public string MonthYear(DateOnly day) =>
        Digits(day.ToString("MMMM yyyy", IsRightToLeft ? ArabicCulture : CultureInfo.InvariantCulture));

    /// <summary>"11 Dec 2026" / «11 ديسمبر 2026».</summary>
    public string LongDay(DateOnly day) =>
        Digits(day.ToString(IsRightToLeft ? "d MMMM yyyy" : "d MMM yyyy", IsRightToLeft ? ArabicCulture : CultureInfo.InvariantCulture));

    /// <summary>
    /// Text of the other direction wrapped in isolates: Latin inside an Arabic sentence, Arabic (a deal or person named
    /// in Arabic) inside an English one, where "مؤسسة الأفق #1004" would otherwise carry the id into the Arabic run.
    /// Text carrying bidi controls (a note with U+202E) is contained in isolates in every language (<see cref="Bidi.Contain"/>).
    /// </summary>
    public string Isolate(string text) =>
        Bidi.HasLeakingControls(text) ? Bidi.Contain(text) : IsRightToLeft ? Bidi.Isolate(text) : Bidi.IsolateRightToLeft(text);

    /// <summary>
    /// A check mark at the head of a line ("[x]", "[ ]"): isolated in Arabic whatever it holds, so a ticked line and an open
    /// one read alike and the line's direction is its words' (the bidi algorithm skips isolates when it picks it, UAX #9
    /// P2): "[x]" alone would make an Arabic line left to right. Left as it is in English.
    /// </summary>
    public string Mark(string mark) =>
        IsRightToLeft && mark.Length > 0 && mark[0] != Bidi.FirstStrongIsolate
            ? string.Concat(Bidi.FirstStrongIsolate.ToString(), mark, Bidi.PopDirectionalIsolate.ToString())
            : mark;

    /// <summary>
    /// Words a person typed, echoed inside a reply («لم أفهم «قارن بين ⁨Dana⁩ و ⁨Riley⁩»»): in Arabic each Latin run is
    /// isolated, as a name alone is, since <see cref="Isolate"/> leaves text with an Arabic letter whole. Other text, and
    /// text with leaking controls (contained whole), is left to <see cref="Isolate"/> when it fills the reply.
    /// </summary>
    public string Echo(string typed) =>
        IsRightToLeft && !Bidi.HasLeakingControls(typed) ? Bidi.IsolateLatinRuns(typed) : typed;

    /// <summary>Western digits (and separators) as Arabic-Indic ones when this language asks for them.</summary>
    public string Digits(string formatted)
    {
        if (!ArabicDigits)
        {
            return formatted;
        }

        return string.Create(formatted.Length, formatted, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c switch
                {
                    >= '0' and <= '9' => (char)('\u0660' + (c - '0')),
                    ',' when i > 0 && char.IsAsciiDigit(source[i - 1]) => '\u066C', // Arabic thousands separator
                    '.' when i > 0 && char.IsAsciiDigit(source[i - 1]) => '\u066B', // Arabic decimal separator
                    _ => c,
                };
            }
        });
    }

    public override string ToString() => Code;
}
