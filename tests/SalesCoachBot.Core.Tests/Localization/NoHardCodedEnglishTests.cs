using System.Text.RegularExpressions;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>
/// Every word a person reads comes from the resources. This scans the code that builds replies (use cases, cards,
/// digests, the renderers) for string literals that read as English prose — two or more words of letters — outside
/// comments, log messages, exceptions and the commands buttons run (those are parsed, not read). A new sentence
/// written inline fails here; the fix is a resource key in English and Arabic. Files listed in
/// <see cref="NotYetLocalised"/> are the known remainder, named so it can only shrink.
/// </summary>
public sealed partial class NoHardCodedEnglishTests
{
    private static readonly string[] Scanned =
    [
        "src/SalesCoachBot.Core/Coaching",
        "src/SalesCoachBot.Core/Nudges",
        "src/SalesCoachBot.Core/Pipeline",
        "src/SalesCoachBot.Core/Home",
        "src/SalesCoachBot.Core/Localization",
        "src/SalesCoachBot.Teams/Cards",
        "src/SalesCoachBot.Slack/BlockKit",
        "src/SalesCoachBot.Slack/Home",
    ];

    /// <summary>Reply code whose texts are still English only (issue 17, point 3, in progress).</summary>
    private static readonly HashSet<string> NotYetLocalised = new(StringComparer.Ordinal)
    {
        "src/SalesCoachBot.Core/Coaching/CloseCards.cs",
        "src/SalesCoachBot.Core/Coaching/CloseProposals.cs",
        "src/SalesCoachBot.Core/Coaching/UseCases/AddNoteUseCase.cs",
        "src/SalesCoachBot.Core/Coaching/UseCases/CloseDealUseCase.cs",
        "src/SalesCoachBot.Core/Coaching/UseCases/ConfirmItemsUseCase.cs",
        "src/SalesCoachBot.Core/Coaching/UseCases/HistoryUseCase.cs",
        "src/SalesCoachBot.Core/Coaching/UseCases/LinkConversationUseCase.cs",
        "src/SalesCoachBot.Core/Coaching/UseCases/LogActivityUseCase.cs",
        "src/SalesCoachBot.Core/Coaching/UseCases/MoveDealUseCase.cs",
        "src/SalesCoachBot.Core/Coaching/UseCases/NewDealUseCase.cs",
        "src/SalesCoachBot.Core/Coaching/UseCases/ReopenDealUseCase.cs",
        "src/SalesCoachBot.Core/Coaching/UseCases/SetNextStepUseCase.cs",
        "src/SalesCoachBot.Core/Coaching/UseCases/SnoozeDealUseCase.cs",
        "src/SalesCoachBot.Core/Coaching/UseCases/UndoItemUseCase.cs",
    };

    [Fact]
    public void ReplyCode_NoEnglishSentenceOutsideResources()
    {
        var found = new List<string>();
        foreach (var dir in Scanned)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(ResourceFilesTests.RepoRoot(), dir), "*.cs", SearchOption.AllDirectories))
            {
                var name = Path.GetRelativePath(ResourceFilesTests.RepoRoot(), file).Replace('\\', '/');
                if (NotYetLocalised.Contains(name))
                {
                    continue;
                }

                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    var line = lines[i].Trim();
                    if (line.StartsWith("//", StringComparison.Ordinal) || line.StartsWith('*') || line.StartsWith('[') || Exempt().IsMatch(line))
                    {
                        continue;
                    }

                    foreach (Match literal in Literal().Matches(StripComment(line)))
                    {
                        var text = Hole().Replace(literal.Groups["text"].Value, " ");
                        if (Prose().IsMatch(text) && !DateFormat().IsMatch(text))
                        {
                            found.Add($"{name}:{i + 1}: {literal.Value}");
                        }
                    }
                }
            }
        }

        Assert.True(found.Count == 0, "English text outside the resources:\n" + string.Join('\n', found));
    }

    [Fact]
    public void NotYetLocalised_EveryListedFileStillExists() =>
        Assert.All(NotYetLocalised, f => Assert.True(File.Exists(Path.Combine(ResourceFilesTests.RepoRoot(), f)), f));

    private static string StripComment(string line)
    {
        var cut = line.IndexOf(" // ", StringComparison.Ordinal);
        return cut < 0 ? line : line[..cut];
    }

    // Lines that may hold English on purpose: logs, exceptions, commands run by buttons (parsed, not read), regexes, case
    // labels and .Contains checks (they match what was typed or written in the map), and the send diagnostics the outbox records and `nudge --dry-run` prints for operators (quoted as they are, like a
    // platform's error code).
    [GeneratedRegex(@"^case |\.Contains\(""|DigestSendResult\.(Permanent|Transient)\(|OutboxCompletion\.Failed\(|TeamNudgePlan\(|throw new|Exception\(|Log\.|Logger|LoggerMessage|RunCommandPayload\(|GeneratedRegex|Regex\.|nameof\(|Debug\.|Trace\.|ArgumentException|LocateAsync\(|Canonical\.Command\(|Usage|Create(Counter|Histogram|UpDownCounter|Gauge)|description:")]
    private static partial Regex Exempt();

    // A regular or interpolated string literal (not verbatim or raw: those are data here).
    [GeneratedRegex("""(?<!@)\$?"(?<text>(?:[^"\\]|\\.)*)"(?!")""")]
    private static partial Regex Literal();

    // A .NET date or time format ("d MMM yyyy", "yyyy-MM-dd HH:mm"): not words.
    [GeneratedRegex(@"^[dMyHhmsftz :,.'/\-]*(yyyy|MMM|HH:mm)[dMyHhmsftz :,.'/\-]*$")]
    private static partial Regex DateFormat();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Hole();

    // Two words of two or more letters with a space between: "Stage owner", "Sorry, I didn't".
    [GeneratedRegex(@"[A-Za-z]{2,}[,.']?\s+[A-Za-z]{2,}")]
    private static partial Regex Prose();
}
