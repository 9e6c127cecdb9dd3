using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Nudges;

namespace SalesCoachBot.Core.ProcessMaps;

/// <summary>A map change that was not put in force: the file, the map kept, and why (errors, or deals it would strand).</summary>
public sealed record MapRefusal(
    string File,
    ProcessMap Kept,
    ProcessMapReloadOutcome Outcome,
    IReadOnlyList<MapDiagnostic> Errors,
    IReadOnlyList<StageOccupant> Stranded);

/// <summary>What happens around a map change: deals follow a map put in force; admins hear of a refused one.</summary>
public interface IProcessMapEvents
{
    /// <summary>
    /// Moves the open deals of the map's teams out of stages <paramref name="current"/> replaces, then advances those whose
    /// exit checklist the change completed (idempotent: a deal moved already, by this host or another, is left alone).
    /// <paramref name="previous"/> is null at start.
    /// </summary>
    Task<IReadOnlyList<MovedDeal>> InForceAsync(MapRef map, ProcessMap? previous, ProcessMap current, CancellationToken cancellationToken);

    /// <summary>Tells the admins by direct message (file, line, reason, deals concerned); the log has it too.</summary>
    Task RefusedAsync(MapRef map, MapRefusal refusal, CancellationToken cancellationToken);
}

/// <summary>Which map of the catalog: its id, and whether teams without a <c>map</c> use it.</summary>
public sealed record MapRef(string Id, bool IsDefault)
{
    /// <summary>Whether a team with this <see cref="Domain.SalesTeam.MapId"/> uses the map.</summary>
    public bool IsUsedBy(string? teamMapId) => teamMapId is null ? IsDefault : string.Equals(teamMapId, Id, StringComparison.Ordinal);
}

/// <summary>
/// The default <see cref="IProcessMapEvents"/>: deals through <see cref="IDealStore"/> in a scope of their own (the
/// map source is a singleton), notices through the nudge outbox and its senders, as the managers' digest notices go.
/// Without a deal store (map-only tools) nothing moves; without an outbox the refusal is logged only.
/// </summary>
internal sealed partial class ProcessMapEvents(
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<ProcessMapEvents> logger,
    INudgeOutbox? outbox = null,
    INudgeRecipients? recipients = null) : IProcessMapEvents
{
    private const int MaxNamedDeals = 20;
    private const int MaxListedErrors = 10;

    public async Task<IReadOnlyList<MovedDeal>> InForceAsync(MapRef map, ProcessMap? previous, ProcessMap current, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (scope.ServiceProvider.GetService<IDealStore>() is not { } deals)
        {
            return [];
        }

        var teams = await TeamsUsingAsync(scope, map, cancellationToken);
        if (teams.Count == 0)
        {
            return [];
        }

        var open = await deals.ListOpenAsync(teams, cancellationToken);
        var moved = new List<MovedDeal>();
        foreach (var view in open.Where(v => current.FindStage(v.Deal.StageId) is null && current.ResolveStage(v.Deal.StageId) is not null))
        {
            var outcome = await deals.ChangeDealAsync(
                view.Id, state => MapChange.Decide(state, current, previous?.Version, time.GetUtcNow()), cancellationToken);
            if (outcome?.Moved is { } deal)
            {
                moved.Add(deal);
                LogMoved(logger, deal.ExternalId, deal.From.Value, deal.To.Value, current.Version, deal.CarriedConfirmations);
            }
        }

        // Then the deals whose exit checklist the edit completed (the last open required item removed or made optional):
        // nothing is left to confirm, so they advance now, as the last confirmation would have advanced them.
        var ready = moved.Count == 0 ? open : await deals.ListOpenAsync(teams, cancellationToken);
        foreach (var view in ready.Where(v => MapChange.ReadyToAdvance(v, previous, current) is not null))
        {
            var outcome = await deals.ChangeDealAsync(
                view.Id, state => MapChange.DecideReady(state, previous, current, time.GetUtcNow()), cancellationToken);
            if (outcome?.Moved is { } deal)
            {
                moved.Add(deal);
                LogAdvanced(logger, deal.ExternalId, deal.From.Value, deal.To.Value, current.Version);
            }
        }

        return moved;
    }

    public async Task RefusedAsync(MapRef map, MapRefusal refusal, CancellationToken cancellationToken)
    {
        if (outbox is null || recipients is null)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetService<IDirectoryStore>();
        var all = directory is null ? [] : await directory.ListTeamsAsync(cancellationToken);
        // The outbox keeps messages per team; a map nobody uses yet is filed under the first team the bot serves.
        long? teamId = all.Where(t => map.IsUsedBy(t.MapId)).Concat(all).Select(t => t.Id).Cast<long?>().FirstOrDefault();
        var admins = await recipients.ListAdminsAsync(cancellationToken);
        var routes = admins.SelectMany(NudgeTargets.DirectRoutes).Distinct().ToList();
        if (teamId is not { } team || routes.Count == 0)
        {
            LogNoAdminReachable(logger, refusal.File, admins.Count);
            return;
        }

        var now = time.GetUtcNow();
        var payload = DigestPayload.Serialize(new BotAnswer(Text(refusal)));
        // Every save of the same broken file (and every host watching it) would say the same: once a day is enough.
        var since = now.AddDays(-1);
        var queued = (await outbox.ListMessagesAsync(team, cancellationToken))
            .Where(m => m.Kind == NudgeKind.MapNotice && m.CreatedAt >= since && m.PayloadJson == payload)
            .Select(m => m.Conversation)
            .ToHashSet();
        var date = DateOnly.FromDateTime(now.UtcDateTime);
        List<NewOutboxMessage> messages =
        [
            .. routes.Where(r => !queued.Contains(r)).Select(r => new NewOutboxMessage(team, date, r, payload, NudgeKind.MapNotice)),
        ];
        if (messages.Count > 0)
        {
            await outbox.EnqueueAsync(messages, now, cancellationToken);
            LogAdminsTold(logger, refusal.File, messages.Count);
        }
    }

    private static async Task<IReadOnlyList<long>> TeamsUsingAsync(AsyncServiceScope scope, MapRef map, CancellationToken cancellationToken)
    {
        if (scope.ServiceProvider.GetService<IDirectoryStore>() is not { } directory)
        {
            return [];
        }

        var teams = await directory.ListTeamsAsync(cancellationToken);
        return [.. teams.Where(t => map.IsUsedBy(t.MapId)).Select(t => t.Id)];
    }

    /// <summary>Plain text that stands on its own in a one-to-one chat: file, line, reason, deals, and the map kept.</summary>
    public static string Text(MapRefusal refusal)
    {
        var kept = $"{refusal.Kept.Name} version {refusal.Kept.Version} stays in force.";
        if (refusal.Stranded.Count > 0)
        {
            var named = string.Join(", ", refusal.Stranded.Take(MaxNamedDeals));
            var more = refusal.Stranded.Count > MaxNamedDeals ? $" and {refusal.Stranded.Count - MaxNamedDeals} more" : string.Empty;
            return $"The process map change in {refusal.File} was refused: {refusal.Stranded.Count} open deal(s) sit in stages it no longer has: " +
                   $"{named}{more}. {kept} Keep those stages, move the deals first, or list the old id under 'replaces' on the stage that takes them over.";
        }

        var errors = refusal.Errors.Take(MaxListedErrors).Select(e => $"line {e.Line}, column {e.Column}: {e.Message}");
        var moreErrors = refusal.Errors.Count > MaxListedErrors ? $"; and {refusal.Errors.Count - MaxListedErrors} more (run map lint {refusal.File})" : string.Empty;
        return $"The process map change in {refusal.File} was refused, it has {refusal.Errors.Count} error(s): {string.Join("; ", errors)}{moreErrors}. {kept}";
    }

    [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "Map change moved deal {Deal} from {From} to {To} (map version {Version}, {Carried} confirmations carried over)")]
    private static partial void LogMoved(ILogger logger, string deal, string from, string to, int version, int carried);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Information, Message = "Map change completed the exit checklist of deal {Deal}: advanced from {From} to {To} (map version {Version})")]
    private static partial void LogAdvanced(ILogger logger, string deal, string from, string to, int version);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = "Refused map change in {File} told to the admins ({Messages} direct messages queued)")]
    private static partial void LogAdminsTold(ILogger logger, string file, int messages);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Warning, Message = "Refused map change in {File} not told in chat: none of the {Admins} admins can be messaged (no Slack or Teams id), or no team exists")]
    private static partial void LogNoAdminReachable(ILogger logger, string file, int admins);
}
