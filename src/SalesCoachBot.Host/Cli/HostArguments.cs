namespace SalesCoachBot.Host.Cli;

/// <summary>
/// Which command lines start the web host: none, or only what ASP.NET Core's command-line configuration reads
/// (<c>--key value</c>, <c>--key=value</c>, <c>/key value</c>, <c>key=value</c>) plus <c>--demo</c>. Any other word
/// is a mistyped verb or a verb in the wrong place: starting the server for it would migrate the database and run the
/// digest scheduler, which claims the day's digest for a command line that meant something else.
/// </summary>
internal static class HostArguments
{
    /// <summary>The usage error for <paramref name="args"/> (which name no verb), or null when they only configure the host.</summary>
    public static string? Problem(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--demo" || arg.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }

            if (arg.StartsWith("--", StringComparison.Ordinal) || arg.StartsWith('/'))
            {
                i++; // As ASP.NET Core reads it: the next argument is this key's value.
                continue;
            }

            if (arg.StartsWith('-'))
            {
                continue;
            }

            var closest = ClosestVerb(arg);
            var hint = closest is null ? "" : $"; did you mean '{closest}'?";
            return i == 0
                ? $"unknown verb '{arg}'{hint}"
                : $"unexpected argument '{arg}' (a verb comes first, before any option){hint}";
        }

        return null;
    }

    /// <summary>
    /// Takes the host's <c>--contentRoot DIR</c> (or <c>--contentRoot=DIR</c>, any case, as ASP.NET Core reads it) out of a
    /// verb's arguments, so a verb reads <c>appsettings.json</c> from the folder the host does; the rest are the verb's.
    /// </summary>
    public static (List<string> VerbArgs, List<string> HostArgs) TakeContentRoot(IReadOnlyList<string> args)
    {
        var verbArgs = new List<string>();
        var hostArgs = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith(ContentRoot + "=", StringComparison.OrdinalIgnoreCase))
            {
                hostArgs.Add(arg);
            }
            else if (arg.Equals(ContentRoot, StringComparison.OrdinalIgnoreCase) && i + 1 < args.Count)
            {
                hostArgs.Add($"{ContentRoot}={args[++i]}");
            }
            else
            {
                verbArgs.Add(arg);
            }
        }

        return (verbArgs, hostArgs);
    }

    private const string ContentRoot = "--contentRoot";

    /// <summary>The verb a typo most likely meant: at most two edits away, or null.</summary>
    internal static string? ClosestVerb(string word) =>
        CliVerbs.All
            .Select(v => (v.Name, Distance: EditDistance(word.ToLowerInvariant(), v.Name)))
            .Where(v => v.Distance <= Math.Max(1, Math.Min(2, v.Name.Length / 2)))
            .OrderBy(v => v.Distance)
            .Select(v => v.Name)
            .FirstOrDefault();

    private static readonly F23.StringSimilarity.Levenshtein Levenshtein = new();

    private static int EditDistance(string a, string b) => (int)Levenshtein.Distance(a, b);
}
