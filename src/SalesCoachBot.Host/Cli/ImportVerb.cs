using SalesCoachBot.Data.Imports;

namespace SalesCoachBot.Host.Cli;

/// <summary>
/// <c>import deals|people|teams|history FILE.csv</c>: upsert by key. stdout gets the summary and one line per
/// rejected row; stderr gets progress. Exit 0 when every row was taken, 1 when any was rejected or the file
/// was refused, 2 on usage errors.
/// </summary>
internal sealed class ImportVerb(CsvImportService importer) : ICliVerb
{
    public const string Usage = "import deals|people|teams|history FILE.csv";

    public static bool NeedsDatabase(IReadOnlyList<string> args) => ParseKind(args.FirstOrDefault()) is not null && args.Count == 2;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken)
    {
        var parsed = CliArgs.Parse(args);
        if (parsed.OptionNames.Any() || parsed.Positional.Count != 2 || ParseKind(parsed.Positional[0]) is not { } kind)
        {
            await context.Error.WriteLineAsync($"usage: {Usage}");
            return ExitCodes.Usage;
        }

        var file = parsed.Positional[1];
        if (!File.Exists(file))
        {
            await context.Error.WriteLineAsync($"{file}: no such file");
            return ExitCodes.Usage;
        }

        var progress = new SynchronousProgress(p => context.Error.WriteLine($"{file}: {p.Rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} rows read"));
        var result = await importer.ImportAsync(kind, file, progress, cancellationToken);
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

        if (result.Unchanged > 0)
        {
            await context.Error.WriteLineAsync($"{result.Unchanged} rows unchanged");
        }

        return result.IsClean ? ExitCodes.Done : ExitCodes.Failed;
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
