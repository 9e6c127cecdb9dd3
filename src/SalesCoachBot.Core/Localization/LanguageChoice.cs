using Microsoft.Extensions.Options;

namespace SalesCoachBot.Core.Localization;

/// <summary>
/// Picks the language of a reply, first that is set and supported wins: the person's own (people.csv
/// <c>language</c>), the chat platform's locale for them (a Teams activity's <c>locale</c>, Slack's
/// <c>users.info</c> locale), their team's (teams.csv <c>language</c>), then <c>Coaching:DefaultLanguage</c>. A message
/// written mostly in Arabic script, or understood with the Arabic language file («Tailwind رفضوا», where the Latin deal
/// name is as long as the Arabic words around it), is answered in Arabic whatever the settings say: the person just
/// showed which language they read. For a person in teams of different languages the team gives no answer: a message in
/// Latin letters is answered in English ("show me the digest" from a manager of an Arabic and an English team).
/// </summary>
public sealed class LanguageChoice(IOptions<LanguageOptions> options)
{
    public ReplyLanguage Default => Configured(ReplyLanguage.FromCode(options.Value.DefaultLanguage) ?? ReplyLanguage.English);

    /// <param name="understoodIn">The language file that understood <paramref name="typedText"/> ("en", "ar"), when known.</param>
    public ReplyLanguage For(
        string? personLanguage, string? chatLocale, IEnumerable<string?> teamLanguages, string? typedText = null, string? understoodIn = null)
    {
        if (Bidi.IsMostlyArabic(typedText) || understoodIn == ReplyLanguage.ArabicCode)
        {
            return Configured(ReplyLanguage.Arabic);
        }

        var chosen = ReplyLanguage.FromCode(personLanguage) ?? ReplyLanguage.FromCode(chatLocale);
        if (chosen is null)
        {
            var teams = teamLanguages.Select(ReplyLanguage.FromCode).ToList();
            // A person in teams of different languages (EMEA in Arabic, Americas in English) gives no one team's language:
            // the message says which they read, so Latin words are answered in English. No words (a button, "✅") keep the order.
            chosen = WritesInLatin(typedText) && teams.Select(l => (l ?? Default).Code).Distinct(StringComparer.Ordinal).Skip(1).Any()
                ? ReplyLanguage.English
                : teams.FirstOrDefault(l => l is not null);
        }

        return chosen is null ? Default : Configured(chosen);
    }

    /// <summary>A team's own language (its digest, its channel), else the default.</summary>
    public ReplyLanguage ForTeam(string? teamLanguage) =>
        ReplyLanguage.FromCode(teamLanguage) is { } language ? Configured(language) : Default;

    private static bool WritesInLatin(string? text) => !string.IsNullOrEmpty(text) && text.Any(char.IsAsciiLetter);

    private ReplyLanguage Configured(ReplyLanguage language) => language.WithArabicDigits(options.Value.ArabicDigits);
}
