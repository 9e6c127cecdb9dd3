using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Host.Charts;

namespace SalesCoachBot.Host.Cli;

/// <summary>
/// <c>map lint FILE</c>: compiler-style findings, exit 1 only on errors.
/// <c>map show [FILE] [--team NAME] [--format mermaid|svg|png] [--language en|ar] [-o OUT] [--no-counts]</c>: the map as a flowchart,
/// with open deals per stage when a deal store is configured (<see cref="MapShowVerb"/>).
/// </summary>
internal sealed class MapVerb : ICliVerb
{
    public const string Usage = "map lint FILE | map show [FILE] [--team NAME] [--format mermaid|svg|png] [--language en|ar] [-o OUT] [--no-counts] | map diff OLD.yaml NEW.yaml [--no-deals]";

    public static bool NeedsDatabase(IReadOnlyList<string> args) =>
        (args is ["show", ..] && (!args.Contains("--no-counts") || args.Contains("--team"))) || (args is ["diff", ..] && !args.Contains("--no-deals"));

    /// <summary><c>map lint</c> and usage errors; <c>map show</c> goes to <see cref="MapShowVerb"/>.</summary>
    public Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken) =>
        args.FirstOrDefault() switch
        {
            "lint" => LintAsync(CliArgs.Parse([.. args.Skip(1)], "--no-counts"), context),
            _ => UsageErrorAsync(context, args.Count == 0 ? "map needs a subcommand" : $"unknown map subcommand '{args[0]}'"),
        };

    private static async Task<int> LintAsync(CliArgs args, CliContext context)
    {
        if (args.Positional.Count != 1 || args.OptionNames.Any())
        {
            return await UsageErrorAsync(context, "map lint takes exactly one FILE and no options");
        }

        var file = args.Positional[0];
        var result = ProcessMapLoader.LoadFile(file);
        foreach (var diagnostic in result.Diagnostics)
        {
            await context.Out.WriteLineAsync(diagnostic.Format(file));
        }

        var errors = result.Errors.Count();
        var warnings = result.Warnings.Count();
        await context.Error.WriteLineAsync(
            errors == 0 && warnings == 0
                ? $"{file}: ok ({result.Map!.Stages.Count} stages)"
                : $"{file}: {Plural(errors, "error")}, {Plural(warnings, "warning")}");
        return errors > 0 ? ExitCodes.Failed : ExitCodes.Done;
    }

    internal static async Task<int> UsageErrorAsync(CliContext context, string message)
    {
        await context.Error.WriteLineAsync($"{message}\nusage: {Usage}");
        return ExitCodes.Usage;
    }

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}

/// <summary>
/// <c>map show</c>: the map from FILE, else the one the host would load for <c>--team</c> (its <c>map</c>) or for teams
/// without one (<c>ProcessMap:Default</c>, else <c>ProcessMap:Path</c>, else the shipped map),
/// with open deals per stage when a deal store is registered and <c>--no-counts</c> is not given. Read from the
/// options rather than the host's map source, whose construction refuses a broken map: a drawing of FILE must not
/// depend on the configured map being valid.
/// </summary>
internal sealed class MapShowVerb(
    IOptions<ProcessMapOptions>? mapOptions = null,
    IDealStore? deals = null,
    IDirectoryStore? directory = null,
    MapChartBuilder? pictures = null,
    ChartRenderer? renderer = null,
    TimeProvider? time = null) : ICliVerb
{
    private static readonly string[] ShowOptions = ["--team", "--format", "--language", "-o", "--no-counts"];

    public Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken) =>
        ShowAsync(CliArgs.Parse([.. args.Skip(1)], "--no-counts"), context, cancellationToken);

    private async Task<int> ShowAsync(CliArgs args, CliContext context, CancellationToken cancellationToken)
    {
        if (args.Positional.Count > 1)
        {
            return await UsageErrorAsync(context, "map show takes at most one FILE");
        }

        if (args.OptionNames.FirstOrDefault(o => !ShowOptions.Contains(o)) is { } unknown)
        {
            return await UsageErrorAsync(context, $"unknown option '{unknown}'");
        }

        var format = args.Get("--format") ?? "mermaid";
        if (format is not ("mermaid" or "svg" or "png"))
        {
            return await UsageErrorAsync(context, $"--format must be mermaid, svg or png, not '{format}'");
        }

        if (format == "png" && string.IsNullOrWhiteSpace(args.Get("-o")))
        {
            return await UsageErrorAsync(context, "--format png needs -o FILE (a picture is not written to the terminal)");
        }

        if (args.Has("-o") && string.IsNullOrWhiteSpace(args.Get("-o")))
        {
            return await UsageErrorAsync(context, "-o needs a file name");
        }

        // The picture's words (and the map's own text) in this language; mermaid and svg draw the map's language.
        var language = args.Has("--language") ? ReplyLanguage.FromCode(args.Get("--language")) : ReplyLanguage.English;
        if (language is null || (args.Has("--language") && format != "png"))
        {
            return await UsageErrorAsync(context, language is null
                ? $"--language must be en or ar, not '{args.Get("--language")}'"
                : "--language goes with --format png -o FILE: mermaid and svg are written in the map's own language");
        }

        IReadOnlyDictionary<string, int>? counts = null;
        SalesTeam? team = null;
        var withCounts = !args.Has("--no-counts") && deals is not null;
        if ((withCounts || directory is not null) && args.Get("--team") is { } teamName)
        {
            team = directory is not null ? await directory.FindTeamByNameAsync(teamName, cancellationToken) : null;
            if (team is null)
            {
                await context.Error.WriteLineAsync($"map show: no sales team named '{teamName}'");
                return ExitCodes.Failed;
            }
        }

        // With --team and no FILE: that team's map (each team may run its own, issue 18).
        if (await MapToShowAsync(args, team, context) is not { } map)
        {
            return ExitCodes.Failed;
        }

        if (format == "png")
        {
            return await WritePngAsync(map, withCounts ? team : null, withCounts, args.Get("-o")!, ReplyTexts.Shared.In(language), context, cancellationToken);
        }

        if (withCounts)
        {
            counts = await deals!.CountOpenByStageAsync(team?.Id, cancellationToken);
        }

        var drawing = format == "svg" ? MapDiagram.ToSvg(map, counts) : MapDiagram.ToMermaid(map, counts);
        if (args.Get("-o") is { } output)
        {
            return await WriteFileAsync(output, () => File.WriteAllTextAsync(output, drawing, cancellationToken), context);
        }
        else
        {
            await context.Out.WriteAsync(drawing);
        }

        return ExitCodes.Done;
    }

    /// <summary>The same picture "show the map" sends in chat: with every team's (or one team's) deals, or none.</summary>
    private async Task<int> WritePngAsync(ProcessMap map, SalesTeam? team, bool withCounts, string output, Phrases say, CliContext context, CancellationToken cancellationToken)
    {
        if (renderer is null)
        {
            await context.Error.WriteLineAsync("map show: no chart renderer in this build");
            return ExitCodes.Failed;
        }

        var now = (time ?? TimeProvider.System).GetUtcNow();
        var chart = withCounts && pictures is not null
            ? await pictures.BuildAsync(map, new PipelineScope(team is null ? null : [team.Id], null), team?.Name ?? "all teams", now, say, cancellationToken)
            : MapChartBuilder.Empty(map, now, say);
        var png = renderer.RenderPng(chart);
        return await WriteFileAsync(output, () => File.WriteAllBytesAsync(output, png, cancellationToken), context);
    }

    /// <summary>Writes -o OUT; a folder that does not exist or may not be written is the operator's to fix, said in one line.</summary>
    private static async Task<int> WriteFileAsync(string output, Func<Task> write, CliContext context)
    {
        try
        {
            await write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync($"map show: cannot write {output}: {e.Message}");
            return ExitCodes.Failed;
        }

        await context.Error.WriteLineAsync($"map show: wrote {output}");
        return ExitCodes.Done;
    }

    /// <summary>The map from FILE, else the one the host would use for the team (or the default); errors go to stderr as lint lines.</summary>
    private async Task<ProcessMap?> MapToShowAsync(CliArgs args, SalesTeam? team, CliContext context)
    {
        if (args.Positional is [var file])
        {
            var result = ProcessMapLoader.LoadFile(file);
            foreach (var error in result.Errors)
            {
                await context.Error.WriteLineAsync(error.Format(file));
            }

            return result.Map;
        }

        try
        {
            // As the host loads it (ReloadingProcessMapSource): the full path, the same message when it is invalid.
            return mapOptions?.Value is { } options
                ? ProcessMapCatalog.LoadOne(options, team?.MapId)
                : ProcessMapLoader.Default;
        }
        catch (ProcessMapInvalidException ex)
        {
            await context.Error.WriteLineAsync(ex.Message);
            return null;
        }
    }

    private static Task<int> UsageErrorAsync(CliContext context, string message) => MapVerb.UsageErrorAsync(context, message);
}
