using System.Globalization;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Crm;

namespace SalesCoachBot.Host.Cli;

/// <summary>
/// <c>crm sync [--full] [--dry-run]</c>, <c>crm status</c>, <c>crm check</c>: the CRM connection by hand. Results on
/// stdout, progress on stderr. With <c>Crm:Provider</c> none (or one this build does not speak) it says so and exits 1.
/// </summary>
internal sealed class CrmVerb(IOptions<CrmOptions> crm, ICrmSyncStore store, IServiceProvider services) : ICliVerb
{
    public const string Usage = "crm sync [--full] [--dry-run] | crm status | crm check";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken)
    {
        var parsed = CliArgs.Parse(args, "--full", "--dry-run");
        var verb = parsed.Positional.FirstOrDefault();
        var unknown = parsed.OptionNames.Where(o => o is not ("--full" or "--dry-run")).ToList();
        if (verb is not ("sync" or "status" or "check") || parsed.Positional.Count > 1 || unknown.Count > 0
            || (verb != "sync" && parsed.OptionNames.Any()))
        {
            await context.Error.WriteLineAsync($"usage: {Usage}");
            return ExitCodes.Usage;
        }

        if (services.GetService<CrmSyncRunner>() is not { } runner)
        {
            await context.Error.WriteLineAsync(
                $"No CRM is connected: Crm:Provider is '{crm.Value.Provider}'. Set Crm:Provider=hubspot or salesforce and its keys (docs/crm.md).");
            return ExitCodes.Failed;
        }

        try
        {
            return verb switch
            {
                "sync" => await SyncAsync(runner, parsed.Has("--full"), parsed.Has("--dry-run"), context, cancellationToken),
                "status" => await StatusAsync(runner, context, cancellationToken),
                _ => await CheckAsync(runner, context, cancellationToken),
            };
        }
        catch (CrmUnavailableException e)
        {
            await context.Error.WriteLineAsync($"{runner.DisplayName} is unavailable: {e.Message}. Nothing was lost; run again later.");
            return ExitCodes.Failed;
        }
        catch (CrmAuthException e)
        {
            await context.Error.WriteLineAsync($"{runner.DisplayName} refused the credential: {e.Message}.");
            return ExitCodes.Failed;
        }
    }

    private static async Task<int> SyncAsync(CrmSyncRunner runner, bool full, bool dryRun, CliContext context, CancellationToken cancellationToken)
    {
        var report = await runner.SyncAsync(full, dryRun, line => context.Error.WriteLine(line), cancellationToken);
        if (report.Paused is { } paused)
        {
            await context.Out.WriteLineAsync($"{runner.DisplayName} sync paused: {paused}");
            return ExitCodes.Failed;
        }

        var kind = full ? "full" : "incremental";
        await context.Out.WriteLineAsync($"{(dryRun ? "dry run, nothing stored: " : string.Empty)}{kind} sync from {runner.DisplayName}: {report.Counts}");
        await context.Out.WriteLineAsync($"cursor: {Format(report.Cursor)}");
        return ExitCodes.Done;
    }

    private async Task<int> StatusAsync(CrmSyncRunner runner, CliContext context, CancellationToken cancellationToken)
    {
        var provider = crm.Value.Provider.Trim().ToLowerInvariant();
        var state = await store.GetStateAsync(provider, cancellationToken);
        var status = await store.StatusAsync(provider, cancellationToken);
        var o = context.Out;
        await o.WriteLineAsync($"CRM: {runner.DisplayName}{(state.PausedReason is { } reason ? $" (PAUSED since {Format(state.PausedAt)}: {reason})" : string.Empty)}");
        await o.WriteLineAsync($"last full sync: {Format(state.LastFullSyncAt)}");
        await o.WriteLineAsync($"last incremental sync: {Format(state.LastIncrementalSyncAt)}");
        await o.WriteLineAsync($"cursor: {Format(state.Cursor)}");
        if (provider == "salesforce" && services.GetService<IOptions<CrmSettings>>()?.Value.Salesforce is { UsesCdc: true } salesforce
            && services.GetService<ICrmChangeEventStore>() is { } events)
        {
            // Change Data Capture (ADR 0022): where a restart resumes, and the fallback poll's pace.
            var replay = await events.GetReplayIdAsync(provider, cancellationToken);
            await o.WriteLineAsync(
                $"change events: Change Data Capture, resuming after replayId {replay?.ToString(CultureInfo.InvariantCulture) ?? "none (-1: new events only)"}; polling every {salesforce.CdcPollInterval}");
        }

        await o.WriteLineAsync($"linked deals: {status.LinkedDeals}");
        await o.WriteLineAsync($"pending pushes: {status.PendingPushes}, failed pushes: {status.FailedPushes}");
        if (status.UnlinkedPushes > 0)
        {
            await o.WriteLineAsync(
                $"not pushed: {status.UnlinkedPushes} change(s) of deals with no {runner.DisplayName} record (demo, chat or CSV deals); skipped at the next push round");
        }

        foreach (var failure in status.RecentFailures)
        {
            await o.WriteLineAsync($"  failed: {failure}");
        }

        await o.WriteLineAsync($"flagged deals (unmapped stages, owners without a person, amounts too large to store): {status.Flagged.Count}");
        foreach (var flagged in status.Flagged)
        {
            await o.WriteLineAsync($"  {flagged}");
        }

        return ExitCodes.Done;
    }

    private static async Task<int> CheckAsync(CrmSyncRunner runner, CliContext context, CancellationToken cancellationToken)
    {
        // One map per team (issue 18): each map with a crm mapping is checked, its findings named by its id.
        var checks = await runner.CheckMapsAsync(cancellationToken);
        foreach (var (map, findings) in checks)
        {
            foreach (var finding in findings)
            {
                await context.Out.WriteLineAsync(finding.Format(checks.Count > 1 ? $"map {map.Id}" : "map"));
            }
        }

        var errors = checks.Sum(c => c.Findings.Count(f => f.IsError));
        var ok = checks.Count > 1
            ? $"the crm mappings of maps {string.Join(", ", checks.Select(c => c.Map.Id))} match {runner.DisplayName}"
            : $"the map's crm mapping matches {runner.DisplayName}";
        await context.Out.WriteLineAsync(errors == 0 ? ok : $"{errors} error(s)");
        return errors == 0 ? ExitCodes.Done : ExitCodes.Failed;
    }

    private static string Format(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "never";
}
