namespace SalesCoachBot.Core.Localization;

/// <summary>Reply language settings (configuration section <c>Coaching</c>), validated on start.</summary>
public sealed class LanguageOptions
{
    /// <summary>The language of people, conversations and teams that set none: <c>en</c> (default) or <c>ar</c>.</summary>
    public string DefaultLanguage { get; set; } = ReplyLanguage.EnglishCode;

    /// <summary>Arabic replies write figures with Arabic-Indic digits (٠–٩) rather than Western ones.</summary>
    public bool ArabicDigits { get; set; }
}
