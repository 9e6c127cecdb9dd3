using System.Text.RegularExpressions;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>
/// Every word a person reads comes from the resources. This scans the code that builds replies (use cases, cards,
/// digests, the renderers) for string literals that read as English prose — two or more words of letters — outside
/// comments, log messages, exceptions and the commands buttons run (those are parsed, not read). A new sentence
/// written inline fails here; the fix is a resource key in English and Arabic.
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
        "src/SalesCoachBot.Slack/Inbound",
        "src/SalesCoachBot.Slack/Processing",
        "src/SalesCoachBot.Core/Crm/CrmNotices.cs",
        "src/SalesCoachBot.Core/ProcessMaps/ProcessMapEvents.cs",
        // What the map checks say reaches admins in the refusal notice; ProcessMapRules.cs holds English word lists it
        // matches maps against, so its findings are held to MapText keys by ResourceFilesTests instead.
        "src/SalesCoachBot.Core/ProcessMaps/ProcessMapReader.cs",
        "src/SalesCoachBot.Core/ProcessMaps/ItemOutcome.cs",
        "src/SalesCoachBot.Core/ProcessMaps/MapDiagnostic.cs",
        "src/SalesCoachBot.Core/Crm/CrmStageMap.cs",
        "src/SalesCoachBot.Core/Dates/DateInWords.cs",
        "src/SalesCoachBot.Core/Understanding/SnoozeDates.cs",
        "src/SalesCoachBot.Data/Hosts/DatabaseOutageCoachBot.cs",
    ];

    [Fact]
    public void ReplyCode_NoEnglishSentenceOutsideResources()
    {
        var found = new List<string>();
        foreach (var dir in Scanned)
        {
            // A folder is scanned whole; a single file where its folder holds other code (the CRM sync, the host's stores).
            var path = Path.Combine(ResourceFilesTests.RepoRoot(), dir);
            foreach (var file in File.Exists(path) ? [path] : Directory.EnumerateFiles(path, "*.cs", SearchOption.AllDirectories))
            {
                var name = Path.GetRelativePath(ResourceFilesTests.RepoRoot(), file).Replace('\\', '/');

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

    private static string StripComment(string line)
    {
        var cut = line.IndexOf(" // ", StringComparison.Ordinal);
        return cut < 0 ? line : line[..cut];
    }

    // Lines that may hold English on purpose: logs, exceptions, commands run by buttons (parsed, not read), regexes, case
    // labels and .Contains / PipelineKpis.Mentions checks (they match what was typed or written in the map), and the send diagnostics the outbox records and `nudge --dry-run` prints for operators (quoted as they are, like a
    // platform's error code).
    [GeneratedRegex(@"^case |\.Contains\(""|Mentions\(words, |DigestSendResult\.(Permanent|Transient)\(|OutboxCompletion\.Failed\(|TeamNudgePlan\(|throw new|Exception\(|Log\.|Logger|LoggerMessage|RunCommandPayload\(|GeneratedRegex|Regex\.|nameof\(|Debug\.|Trace\.|ArgumentException|LocateAsync\(|Malformed\(|Canonical\.Command\(|Usage|Create(Counter|Histogram|UpDownCounter|Gauge)|description:")]
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
