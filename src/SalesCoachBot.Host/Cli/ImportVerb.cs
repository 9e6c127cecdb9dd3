using SalesCoachBot.Data.Imports;

namespace SalesCoachBot.Host.Cli;

/// <summary>
/// <c>import deals|people|teams|history FILE.csv</c> (deals also <c>--allow-backward</c>, <c>--allow-reopen</c>): upsert by key. stdout gets
/// the summary, one line per rejected row and one per warning; stderr gets progress. Exit 0 when every row was taken
/// (warnings included), 1 when any was rejected or the file is missing, unreadable or refused, 2 on usage errors.
/// </summary>
internal sealed class ImportVerb(CsvImportService importer) : ICliVerb
{
    public const string Usage = "import deals|people|teams|history FILE.csv | import deals FILE.csv [--allow-backward] [--allow-reopen]";

    private const string AllowBackward = "--allow-backward";
    private const string AllowReopen = "--allow-reopen";

    private static readonly string[] DealFlags = [AllowBackward, AllowReopen];

    public static bool NeedsDatabase(IReadOnlyList<string> args) => Parse(args) is not null;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken)
    {
        if (Parse(args) is not var (kind, file, options))
        {
            // What is wrong first, as the map verb says it: a bare usage line leaves "import users people.csv" guessing.
            await context.Error.WriteLineAsync($"{Mistake(args)}{Environment.NewLine}usage: {Usage}");
            return ExitCodes.Usage;
        }

        // A file that is not there is an error in the input, not in the command line (INTERFACE.md: 1 errors, 2 usage).
        if (!File.Exists(file))
        {
            await context.Error.WriteLineAsync(Directory.Exists(file) ? $"{file}: is a folder, not a file" : $"{file}: no such file");
            return ExitCodes.Failed;
        }

        var progress = new SynchronousProgress(p => context.Error.WriteLine($"{file}: {p.Rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} rows read"));
        var result = await importer.ImportAsync(kind, file, options, progress, cancellationToken);
        if (result.FileError is { } error)
        {
            await context.Out.WriteLineAsync($"{file}: {error}");
            await context.Out.WriteLineAsync("nothing imported");
            return ExitCodes.Failed;
        }

        await context.Out.WriteLineAsync(result.Summary);
        foreach (var rejection in result.Rejections)
        {
            await context.Out.WriteLineAsync(rejection.ToString());
        }

        foreach (var warning in result.Warnings)
        {
            await context.Out.WriteLineAsync(warning.ToString());
        }

        if (result.Unchanged > 0)
        {
            await context.Error.WriteLineAsync($"{result.Unchanged} rows unchanged");
        }

        return result.IsClean ? ExitCodes.Done : ExitCodes.Failed;
    }

    /// <summary>KIND FILE, and <c>--allow-backward</c> / <c>--allow-reopen</c> (no value) for deals only; null for anything else.</summary>
    private static (ImportKind Kind, string File, ImportOptions Options)? Parse(IReadOnlyList<string> args)
    {
        var parsed = CliArgs.Parse(args, DealFlags);
        if (parsed.Positional.Count != 2 || ParseKind(parsed.Positional[0]) is not { } kind
            || parsed.OptionNames.Any(o => !DealFlags.Contains(o))
            || DealFlags.Any(flag => parsed.Has(flag) && (kind != ImportKind.Deals || parsed.Get(flag) is not null)))
        {
            return null;
        }

        return (kind, parsed.Positional[1], new ImportOptions { AllowBackward = parsed.Has(AllowBackward), AllowReopen = parsed.Has(AllowReopen) });
    }

    /// <summary>The one thing wrong with a command line <see cref="Parse"/> refused, in the order a reader would fix it.</summary>
    private static string Mistake(IReadOnlyList<string> args)
    {
        var parsed = CliArgs.Parse(args, DealFlags);
        var kind = parsed.Positional.Count > 0 ? ParseKind(parsed.Positional[0]) : null;
        return parsed.Positional switch
        {
            [] => "import needs what to import (deals, people, teams or history) and a FILE.csv",
            [var unknown, ..] when kind is null => $"unknown import kind '{unknown}': say deals, people, teams or history",
            [var named] => $"import {named} needs a FILE.csv",
            [_, _, _, ..] => "import takes one kind and one FILE.csv",
            _ when parsed.OptionNames.FirstOrDefault(o => !DealFlags.Contains(o)) is { } option => $"unknown option '{option}'",
            _ when DealFlags.FirstOrDefault(parsed.Has) is { } flag && kind != ImportKind.Deals => $"{flag} goes with import deals only",
            _ => $"{DealFlags.FirstOrDefault(f => parsed.Get(f) is not null) ?? "an option"} takes no value",
        };
    }

    private static ImportKind? ParseKind(string? value) => value switch
    {
        "deals" => ImportKind.Deals,
        "people" => ImportKind.People,
        "teams" => ImportKind.Teams,
        "history" => ImportKind.History,
        _ => null,
    };

    // Progress<T> posts to the thread pool; the CLI wants lines in order, written as they happen.
    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
