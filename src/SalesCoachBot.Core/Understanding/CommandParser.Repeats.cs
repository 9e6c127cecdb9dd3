namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// The same command typed again and again in one message ("what is next for initech what is next for initech …", a
/// paste or a stuck key): read once. Read whole, the aligner took every repetition after the first as the deal's name.
/// </summary>
public sealed partial class CommandParser
{
    /// <summary>A repeated unit has at least this many words: "Bora Bora" or "yes yes" is no command said twice.</summary>
    private const int MinWordsOfARepeat = 2;

    // Marks that may end one repetition and not the next ("what's next for Initech? what's next for Initech?").
    private static readonly char[] RepeatMarks = ['.', ',', '!', '?', ';', '\u060C', '\u061B', '\u061F'];

    /// <summary>
    /// <paramref name="text"/> read as its first repetition when it is two or more copies of the same words and that copy
    /// is understood; null otherwise. Free text (a note, a step, what a call was about, a new deal's name) is never cut,
    /// so a repeated note keeps its length and is refused as too long as before.
    /// </summary>
    private ChatCommand? ParseRepeatedOnce(string? text)
    {
        if (FirstRepetition(text) is not { } once)
        {
            return null;
        }

        var parsed = Parse(once);
        return (parsed is ConfirmIntentCommand asked ? asked.Guess : parsed) switch
        {
            // A name typed alone ("Initech Initech") is no command said twice.
            UnknownCommand or HelpCommand or AboutCommand or AddNoteCommand or NewDealCommand => null,
            SetNextStepCommand { Text.Length: > 0 } => null,
            LogActivityCommand { About: not null } => null,
            _ => parsed,
        };
    }

    /// <summary>The words of the first copy as typed, when the whole text is two or more copies of them.</summary>
    private static string? FirstRepetition(string? text)
    {
        var words = (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var keys = words.Select(w => LanguagePack.Lower(ArabicText.Normalize(w)).Trim(RepeatMarks)).ToArray();
        if (keys.Distinct(StringComparer.Ordinal).Count() < MinWordsOfARepeat)
        {
            return null; // "blah blah blah": one word over and over
        }

        for (var unit = MinWordsOfARepeat; unit <= keys.Length / 2; unit++)
        {
            if (keys.Length % unit != 0)
            {
                continue;
            }

            var repeated = true;
            for (var i = unit; i < keys.Length && repeated; i++)
            {
                repeated = string.Equals(keys[i], keys[i % unit], StringComparison.Ordinal);
            }

            if (repeated)
            {
                return string.Join(' ', words[..unit]);
            }
        }

        return null;
    }
}
