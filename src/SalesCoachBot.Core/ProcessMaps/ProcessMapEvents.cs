using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
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
    INudgeRecipients? recipients = null,
    LanguageChoice? languages = null,
    ReplyTexts? texts = null) : IProcessMapEvents
{
    private const int MaxNamedDeals = 20;
    private const int MaxListedErrors = 10;

    private readonly LanguageChoice _languages = languages ?? new LanguageChoice(Options.Create(new LanguageOptions()));
    private readonly ReplyTexts _texts = texts ?? ReplyTexts.Shared;

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
        var advanced = new List<MovedDeal>();
        foreach (var view in ready.Where(v => MapChange.ReadyToAdvance(v, previous, current) is not null))
        {
            var outcome = await deals.ChangeDealAsync(
                view.Id, state => MapChange.DecideReady(state, previous, current, time.GetUtcNow()), cancellationToken);
            if (outcome?.Moved is { } deal)
            {
                advanced.Add(deal);
                LogAdvanced(logger, deal.ExternalId, deal.From.Value, deal.To.Value, current.Version);
            }
        }

        // Only the host whose change moved the deal gets here for it, so each owner hears once.
        await TellOwnersAsync(scope, deals, advanced, previous, current, cancellationToken);
        moved.AddRange(advanced);
        return moved;
    }

    /// <summary>
    /// Tells each advanced deal's owner by direct message, in their language, with the deal's card at its new stage:
    /// the deal moved without anyone confirming anything, so its owner should not find out from the digest.
    /// </summary>
    private async Task TellOwnersAsync(
        AsyncServiceScope scope, IDealStore deals, IReadOnlyList<MovedDeal> advanced, ProcessMap? previous, ProcessMap current, CancellationToken cancellationToken)
    {
        if (advanced.Count == 0 || outbox is null || recipients is null || scope.ServiceProvider.GetService<IDirectoryStore>() is not { } directory)
        {
            return;
        }

        var coaching = scope.ServiceProvider.GetService<IOptions<Coaching.CoachingOptions>>()?.Value ?? new Coaching.CoachingOptions();
        var rules = new Coaching.SalesTeamRules(await directory.ListTeamsAsync(cancellationToken), coaching.DefaultIdleDays, coaching.DefaultTimeZone);
        var now = time.GetUtcNow();
        var messages = new List<NewOutboxMessage>();
        foreach (var moved in advanced)
        {
            if (await deals.GetAsync(moved.Id, cancellationToken) is not { } view)
            {
                continue;
            }

            var owner = (await recipients.ListPeopleAsync([view.Deal.OwnerId], cancellationToken)).FirstOrDefault();
            var routes = owner is null ? [] : NudgeTargets.DirectRoutes(owner);
            if (routes.Count == 0)
            {
                LogOwnerUnreachable(logger, moved.ExternalId);
                continue;
            }

            var say = _texts.In(_languages.For(owner!.Language, null, [rules.Find(view.Deal.TeamId)?.Language]));
            string Stage(StageId id) => (previous?.FindStage(id) ?? current.ResolveStage(id)) is { } stage ? MapWording.Name(stage, say.Language) : id.Value;
            var note = say.Nudges("MapAdvance.Note", say.Nudges("DealRef", view.Deal.Name, "#" + view.Deal.ExternalId), Stage(moved.From), Stage(moved.To));
            var card = Coaching.CoachBot.InLanguage(Coaching.DealCards.Checklist(view, current, rules, now, note, notes: null, say), say.Language);
            var payload = DigestPayload.Serialize(card);
            messages.AddRange(routes.Select(route => new NewOutboxMessage(view.Deal.TeamId, DateOnly.FromDateTime(now.UtcDateTime), route, payload, NudgeKind.MapAdvance)));
        }

        if (messages.Count > 0)
        {
            await outbox.EnqueueAsync(messages, now, cancellationToken);
            LogOwnersTold(logger, advanced.Count, messages.Count);
        }
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
        // Every save of the same broken file (and every host watching it) would say the same: once a day is enough.
        var since = now.AddDays(-1);
        var queued = (await outbox.ListMessagesAsync(team, cancellationToken))
            .Where(m => m.Kind == NudgeKind.MapNotice && m.CreatedAt >= since)
            .Select(m => (m.Conversation, m.PayloadJson))
            .ToHashSet();
        var date = DateOnly.FromDateTime(now.UtcDateTime);
        var messages = new List<NewOutboxMessage>();
        foreach (var admin in admins)
        {
            // Each admin in their own language (people.csv), else the default: a refusal is about no team in particular.
            var payload = DigestPayload.Serialize(new BotAnswer(Text(refusal, _texts.In(_languages.For(admin.Language, null, [])))));
            messages.AddRange(NudgeTargets.DirectRoutes(admin)
                .Where(r => !queued.Contains((r, payload)) && !messages.Any(m => m.Conversation == r))
                .Select(r => new NewOutboxMessage(team, date, r, payload, NudgeKind.MapNotice)));
        }

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

    /// <summary>
    /// Plain text that stands on its own in a one-to-one chat: file, line, reason, deals, and the map kept, all in the
    /// admin's language; what the map itself says (ids, names, YAML keys) is quoted as written.
    /// </summary>
    public static string Text(MapRefusal refusal, Phrases? say = null)
    {
        say ??= Phrases.English;
        var kept = say.Nudges("MapRefused.Kept", MapWording.MapName(refusal.Kept, say), refusal.Kept.Version);
        var separator = say.Nudges("ListSeparator");
        if (refusal.Stranded.Count > 0)
        {
            var named = string.Join(separator, refusal.Stranded.Take(MaxNamedDeals).Select(d => d.ToString()));
            var more = refusal.Stranded.Count > MaxNamedDeals ? say.Nudges("MapRefused.MoreDeals", refusal.Stranded.Count - MaxNamedDeals) : string.Empty;
            return say.Count(Phrases.Area.Nudges, "MapRefused.Stranded", refusal.Stranded.Count, refusal.File, named + more, kept);
        }

        var errors = refusal.Errors.Take(MaxListedErrors).Select(e => say.Nudges("MapRefused.Error", e.Line, e.Column, e.Text.In(say)));
        var moreErrors = refusal.Errors.Count > MaxListedErrors ? say.Nudges("MapRefused.MoreErrors", refusal.Errors.Count - MaxListedErrors, refusal.File) : string.Empty;
        return say.Count(Phrases.Area.Nudges, "MapRefused.Errors", refusal.Errors.Count, refusal.File, string.Join(say.Nudges("MapRefused.ErrorSeparator"), errors) + moreErrors, kept);
    }

    [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "Map change moved deal {Deal} from {From} to {To} (map version {Version}, {Carried} confirmations carried over)")]
    private static partial void LogMoved(ILogger logger, string deal, string from, string to, int version, int carried);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Information, Message = "Map change completed the exit checklist of deal {Deal}: advanced from {From} to {To} (map version {Version})")]
    private static partial void LogAdvanced(ILogger logger, string deal, string from, string to, int version);

    [LoggerMessage(EventId = 1114, Level = LogLevel.Information, Message = "Map change advanced {Deals} deal(s): their owners told ({Messages} direct messages queued)")]
    private static partial void LogOwnersTold(ILogger logger, int deals, int messages);

    [LoggerMessage(EventId = 1115, Level = LogLevel.Warning, Message = "Map change advanced deal {Deal}, but its owner cannot be messaged (no Slack or Teams id)")]
    private static partial void LogOwnerUnreachable(ILogger logger, string deal);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = "Refused map change in {File} told to the admins ({Messages} direct messages queued)")]
    private static partial void LogAdminsTold(ILogger logger, string file, int messages);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Warning, Message = "Refused map change in {File} not told in chat: none of the {Admins} admins can be messaged (no Slack or Teams id), or no team exists")]
    private static partial void LogNoAdminReachable(ILogger logger, string file, int admins);
}
