using System.Globalization;
using System.Text.RegularExpressions;
using SalesCoachBot.Core.Localization;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>A target amount; <see cref="Currency"/> is null when none was said.</summary>
public sealed record Money(decimal Amount, string? Currency);

internal abstract record AmountParse
{
    public sealed record Parsed(Money Money) : AmountParse;

    /// <param name="TooLarge">Refused for its size alone (over <see cref="MoneyText.MaxTarget"/>), not for how it was written.</param>
    public sealed record Rejected(string Message, bool TooLarge = false) : AmountParse;
}

/// <summary>Reads a target as people type it: "2M", "$2M", "€500k", "1.5 million", "2,000,000 EUR".</summary>
internal static partial class MoneyText
{
    /// <summary>
    /// Larger targets are a typo, not a plan; a new deal's amount stops here too, far below what the amount columns hold
    /// (<see cref="Domain.AmountPrecision.Limit"/>, 10^16).
    /// </summary>
    public const decimal MaxTarget = Domain.AmountPrecision.TypedLimit;

    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["$"] = "USD",
        ["€"] = "EUR",
        ["£"] = "GBP",
        ["¥"] = "JPY",
    };

    private static readonly Dictionary<string, string> CurrencyWords = ReadableCurrencies();

    /// <summary>Words that may follow an amount in a sentence without being part of it ("2M this year").</summary>
    private static readonly HashSet<string> TrailingWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "this", "by", "in", "for", "before", "until", "till", "next", "over", "per", "a", "the", "year", "quarter", "month",
        "q1", "q2", "q3", "q4", "h1", "h2", "fy", "and", "of", "revenue", "arr", "mrr", "bookings", "target", "quota",
        "from", "within", "to", "on", "with", "at", "team", "end", "eoy", "annually", "yearly", "please", "then",
    };

    /// <summary>
    /// The currency words people type: every ISO 4217 code a country .NET knows uses ("EUR", "SAR", "AED", "EGP",
    /// "CHF"; <see cref="CultureCurrencies"/>, the table <see cref="CurrencyDigits"/> reads), and a few English words.
    /// The language files map their own words to these codes (ar.yaml: «ريال» → sar).
    /// </summary>
    private static Dictionary<string, string> ReadableCurrencies()
    {
        var words = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["dollars"] = "USD",
            ["dollar"] = "USD",
            ["euro"] = "EUR",
            ["euros"] = "EUR",
            ["pounds"] = "GBP",
        };
        foreach (var code in CultureCurrencies.Digits.Keys)
        {
            words.TryAdd(code, code);
        }

        return words;
    }

    /// <summary>The ISO code of a currency word or symbol ("euros", "usd", "$" → "USD"), or null.</summary>
    public static string? CurrencyCode(string word) =>
        CurrencyWords.TryGetValue(word, out var code) || Symbols.TryGetValue(word, out code) ? code : null;

    /// <summary>The symbol MoneyText reads for a currency code ("USD" → "$"), if any.</summary>
    public static string? SymbolOf(string code) => Symbols.FirstOrDefault(s => s.Value == code).Key;

    /// <summary>A currency code or word MoneyText reads ("EUR", "euros", "$"): lets the parser keep it with the amount.</summary>
    public static bool IsCurrencyWord(string word) => CurrencyWords.ContainsKey(word) || Symbols.ContainsKey(word);

    /// <summary>
    /// Reads a target; a refusal is worded in <paramref name="say"/>'s language (English when none is given), with the texts
    /// under <paramref name="texts"/> in PipelineText ("DealAmount" for a list's amount filter, which is no target).
    /// </summary>
    public static AmountParse Parse(string? text, Phrases? say = null, string texts = "Money")
    {
        say ??= Phrases.English;
        var example = say.Pipeline(texts + ".Example");
        var trimmed = (text ?? string.Empty).Trim().TrimEnd('?', '!', '.').Trim();
        AmountParse.Rejected Refuse(string key) => new(say.Pipeline(texts + "." + key, Shorten(trimmed), example));
        AmountParse.Rejected TooLarge() => new(say.Pipeline(texts + ".TooLarge", Shorten(trimmed), example), TooLarge: true);
        if (trimmed.Length == 0)
        {
            return new AmountParse.Rejected(say.Pipeline(texts + ".Missing", example));
        }

        if (IsMinus(trimmed[0]))
        {
            return Refuse("Negative");
        }

        var match = AmountRegex().Match(trimmed);
        if (!match.Success)
        {
            return Refuse("Unreadable");
        }

        string? currency = null;
        if (match.Groups["sym"].Success)
        {
            currency = Symbols[match.Groups["sym"].Value];
        }

        foreach (var group in new[] { "pre", "code" })
        {
            if (match.Groups[group].Success)
            {
                if (!CurrencyWords.TryGetValue(match.Groups[group].Value, out var code) || (currency is not null && currency != code))
                {
                    return Refuse("Unreadable");
                }

                currency = code;
            }
        }

        var digits = match.Groups["num"].Value;
        if (digits.Contains(',', StringComparison.Ordinal))
        {
            if (!ThousandsRegex().IsMatch(digits))
            {
                return Refuse("Decimals");
            }

            digits = digits.Replace(",", string.Empty, StringComparison.Ordinal);
        }

        if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            // Digits the pattern took that do not parse are more than a decimal holds (29 digits and up).
            return TooLarge();
        }

        var multiplier = match.Groups["unit"].Value.ToLowerInvariant() switch
        {
            "" => 1m,
            "k" or "thousand" or "grand" => 1_000m,
            "m" or "mm" or "mil" or "million" or "millions" => 1_000_000m,
            _ => 1_000_000_000m,
        };

        if (number > MaxTarget)
        {
            return TooLarge();
        }

        var amount = number * multiplier;
        if (amount <= 0)
        {
            return Refuse("Zero");
        }

        if (amount > MaxTarget)
        {
            return TooLarge();
        }

        return new AmountParse.Parsed(new Money(amount, currency));
    }

    /// <summary>
    /// The amount with the minus sign typed right before it in the whole message ("-5M"), which the parser's words
    /// leave out: a negative amount is answered instead of read as a positive one. The parser may have rewritten the
    /// amount («بـ -٥٠٠٠ ريال» read as "5000 SAR"); its number is then looked for, digits compared as Western ones.
    /// </summary>
    public static string WithSign(string amountText, string? message)
    {
        var amount = amountText.Trim();
        if (amount.Length == 0 || message is null)
        {
            return amountText;
        }

        var typed = Understanding.ArabicText.Normalize(message);
        var at = typed.IndexOf(amount, StringComparison.OrdinalIgnoreCase);
        if (at < 0 && LeadingNumberRegex().Match(amount) is { Success: true } number)
        {
            at = StandaloneNumberAt(typed, number.Value);
        }

        return at > 0 && IsMinus(typed[at - 1]) ? "-" + amount : amountText;
    }

    /// <summary>Where <paramref name="number"/> stands in a text as a whole number, not inside a longer one; -1 when nowhere.</summary>
    private static int StandaloneNumberAt(string text, string number)
    {
        for (var at = text.IndexOf(number, StringComparison.Ordinal); at >= 0; at = text.IndexOf(number, at + 1, StringComparison.Ordinal))
        {
            var before = at > 0 ? text[at - 1] : ' ';
            var end = at + number.Length;
            if (!char.IsDigit(before) && before is not '.' and not ',' && (end == text.Length || !char.IsDigit(text[end])))
            {
                return at;
            }
        }

        return -1;
    }

    /// <summary>
    /// The amount as typed plus the word after it in the whole message when that word could belong to it
    /// ("2 bananas", "500k EUR"), so a bad unit is answered instead of silently dropped. <paramref name="team"/> is the team
    /// the words named right after the amount ("1M EMEA"): no unit.
    /// </summary>
    public static string WithFollowingWord(string amountText, string? message, string? team = null)
    {
        if (string.IsNullOrWhiteSpace(message) || string.IsNullOrWhiteSpace(amountText))
        {
            return amountText;
        }

        var at = message.IndexOf(amountText.Trim(), StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return amountText;
        }

        var next = NextWordRegex().Match(message[(at + amountText.Trim().Length)..]);
        return next.Success && !TrailingWords.Contains(next.Groups["w"].Value) && !string.Equals(next.Groups["w"].Value, team, StringComparison.OrdinalIgnoreCase)
            ? $"{amountText.Trim()} {next.Groups["w"].Value}"
            : amountText;
    }

    // A hyphen, the minus sign and the en dash: what people and phone keyboards type before a number.
    private static bool IsMinus(char c) => c is '-' or '\u2212' or '\u2013';

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    // A unit is a whole word, or glued to a three-letter code ("50kEUR"): "12500 KWD" is not 12.5 million "WD".
    [GeneratedRegex(@"^(?:(?<pre>[A-Za-z]{3})\s+)?(?<sym>[$€£¥])?\s*(?<num>\d[\d,]*(?:\.\d+)?)\s*(?:(?<unit>thousand|grand|millions?|mil|mm|m|billion|bn|b|k)(?:(?![A-Za-z])|(?=[A-Za-z]{3}$)))?\s*(?<code>[A-Za-z]+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex AmountRegex();

    [GeneratedRegex(@"^\d[\d,]*(?:\.\d+)?", RegexOptions.CultureInvariant, 200)]
    private static partial Regex LeadingNumberRegex();

    [GeneratedRegex(@"^\d{1,3}(,\d{3})+(\.\d+)?$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex ThousandsRegex();

    [GeneratedRegex(@"^\s+(?<w>[A-Za-z]+)\b", RegexOptions.CultureInvariant, 200)]
    private static partial Regex NextWordRegex();
}
