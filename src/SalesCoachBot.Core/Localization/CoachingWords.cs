namespace SalesCoachBot.Core.Localization;

/// <summary>
/// A sentence decided where the reply's language is not known (reading a date or a snooze's end): a CoachingText key
/// and its arguments, worded in the reply's language by the answer that shows it: a <see cref="DateOnly"/> argument is
/// the day in words («السبت 28 نوفمبر 2026»). <see cref="ToString"/> is the English, for logs and tests.
/// </summary>
public sealed record CoachingWords(string Key, params object?[] Args)
{
    public string In(Phrases say)
    {
        ArgumentNullException.ThrowIfNull(say);
        return say.Coaching(Key, [.. Args.Select(arg => arg is DateOnly day ? say.Language.DayInWords(day) : arg)]);
    }

    public override string ToString() => In(ReplyTexts.Shared.In(ReplyLanguage.English));
}
