using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Nudges;

public enum TeamNudgeStatus
{
    /// <summary>Claimed today and the digest was written to the outbox for every bound conversation.</summary>
    Queued,

    /// <summary>Claimed today; no deal is stalled, so nothing is sent.</summary>
    NothingStalled,

    /// <summary>Claimed today; no conversation is bound, so nothing is sent (logged).</summary>
    NoChannelBound,

    /// <summary>Another run (or another host) claimed this team's day first.</summary>
    AlreadyClaimed,

    /// <summary>The team's time zone is unknown; skipped (logged), other teams unaffected.</summary>
    UnknownTimeZone,
}

/// <summary>What a run did for one team.</summary>
public sealed record TeamNudgeOutcome(string TeamName, DateOnly? LocalDate, TeamNudgeStatus Status, int StalledDeals, IReadOnlyList<ConversationKey> Targets)
{
    /// <summary>Owners' direct messages queued with the digest (<c>Nudges:DirectMessageOwners</c>).</summary>
    public int DirectMessages { get; init; }

    /// <summary>Nurtured deals of the team whose re-engage date has arrived (listed in the digest).</summary>
    public int ReengageDue { get; init; }

    /// <summary>Owners' direct messages about those deals queued by this run (once per deal and re-engage date).</summary>
    public int ReengageMessages { get; init; }
}

/// <summary>A team's digest as it would be sent now, for <c>nudge --dry-run</c>.</summary>
public sealed record TeamNudgePlan(SalesTeam Team, string? Problem, DateOnly? LocalDate, IReadOnlyList<ConversationKey> Targets, IReadOnlyList<DigestDeal> Deals);

/// <summary>
/// Decides which teams get a digest, computes it, and claims the team's local day while writing the digest
/// to the outbox in the same transaction. Sending is the <see cref="OutboxDispatcher"/>'s job.
/// </summary>
public sealed class NudgeRunner(
    IDirectoryStore directory,
    IStallCandidates candidates,
    INudgeTargetStore targets,
    INudgeOutbox outbox,
    IProcessMapSource maps,
    INudgeRecipients recipients,
    ManagerNotifier notifier,
    TimeProvider time,
    IOptions<NudgeOptions> options,
    NudgeProblems problems,
    ILogger<NudgeRunner> logger,
    IReengageStore? reengage = null,
    LanguageChoice? languages = null,
    ReplyTexts? texts = null)
{
    private readonly LanguageChoice _languages = languages ?? new LanguageChoice(Microsoft.Extensions.Options.Options.Create(new LanguageOptions()));
    private readonly ReplyTexts _texts = texts ?? ReplyTexts.Shared;

    /// <summary>A team's channel digest is in the team's language; a person's message in theirs, else the team's.</summary>
    private Phrases SayTo(SalesTeam team, NudgeRecipient? person = null) =>
        _texts.In(person is null ? _languages.ForTeam(team.Language) : _languages.For(person.Language, null, [team.Language]));

    /// <summary>The words of a team's channel digest (its language), for a dry run that shows what the channel would get.</summary>
    public Phrases DigestPhrases(SalesTeam team) => SayTo(team);

    /// <summary>The scheduler's run: every team whose local nudge time has passed today and whose day is unclaimed.</summary>
    public async Task<IReadOnlyList<TeamNudgeOutcome>> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = new List<(SalesTeam Team, DateOnly Date)>();
        var outcomes = new List<TeamNudgeOutcome>();
        foreach (var team in await directory.ListTeamsAsync(cancellationToken))
        {
            if (Schedule(team) is not { } schedule)
            {
                outcomes.Add(new(team.Name, null, TeamNudgeStatus.UnknownTimeZone, 0, []));

                // The team has no local day; the managers' notice counts the UTC one. Asked once a day per process,
                // the notice's own claim keeps it to one across hosts.
                if (problems.FirstToday($"notice-zone:{team.Id}", now))
                {
                    await notifier.NotifyAsync(team.Id, DateOnly.FromDateTime(now.UtcDateTime), new DigestProblem.UnknownTimeZone(team.TimeZoneId), cancellationToken);
                }

                continue;
            }

            if (schedule.DueDate(now) is { } date && !await outbox.IsClaimedAsync(team.Id, date, cancellationToken))
            {
                due.Add((team, date));
            }
        }

        if (due.Count > 0)
        {
            outcomes.AddRange(await ClaimAsync(due, now, force: false, cancellationToken));
        }

        return outcomes;
    }

    /// <summary>The <c>nudge</c> verb: the digest now, whatever the time of day; once a day unless forced.</summary>
    public async Task<IReadOnlyList<TeamNudgeOutcome>> RunNowAsync(IReadOnlyList<SalesTeam> teams, bool force, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var chosen = new List<(SalesTeam Team, DateOnly Date)>();
        var outcomes = new List<TeamNudgeOutcome>();
        foreach (var team in teams)
        {
            if (Schedule(team) is { } schedule)
            {
                chosen.Add((team, schedule.LocalDate(now)));
            }
            else
            {
                outcomes.Add(new(team.Name, null, TeamNudgeStatus.UnknownTimeZone, 0, []));
            }
        }

        outcomes.AddRange(await ClaimAsync(chosen, now, force, cancellationToken));
        return outcomes;
    }

    /// <summary>What would be sent now, writing nothing.</summary>
    public async Task<IReadOnlyList<TeamNudgePlan>> PlanAsync(IReadOnlyList<SalesTeam> teams, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var bound = await TargetsByTeamAsync(cancellationToken);
        var stalled = await StalledByTeamAsync(teams, now, cancellationToken);
        return teams
            .Select(team => Schedule(team) is { } schedule
                ? new TeamNudgePlan(team, null, schedule.LocalDate(now), bound.GetValueOrDefault(team.Id, []), stalled.GetValueOrDefault(team.Id, []))
                : new TeamNudgePlan(team, $"unknown time zone '{team.TimeZoneId}'", null, bound.GetValueOrDefault(team.Id, []), stalled.GetValueOrDefault(team.Id, [])))
            .ToList();
    }

    /// <summary>The team's schedule, or null (logged) when its zone is unknown.</summary>
    public NudgeSchedule? Schedule(SalesTeam team)
    {
        // Teams that set no zone use the configured defaults (Nudges:DefaultTimeZone, Nudges:DefaultTime).
        var settings = options.Value;
        var useDefaults = string.IsNullOrWhiteSpace(team.TimeZoneId);
        var zoneId = useDefaults ? settings.DefaultTimeZone : team.TimeZoneId;
        if (!NudgeSchedule.TryFindZone(zoneId, out var zone))
        {
            // The scheduler asks every poll; say it once a day, not twice a minute.
            if (problems.FirstToday($"zone:{team.Id}:{zoneId}", time.GetUtcNow()))
            {
                NudgeLog.UnknownTimeZone(logger, team.Name, zoneId);
            }

            return null;
        }

        var at = useDefaults && settings.TryGetDefaultTime(out var defaultTime) ? defaultTime : team.NudgeTime;
        return new NudgeSchedule(zone, at, team.WeekdaysOnly, team.Workdays);
    }

    private async Task<List<TeamNudgeOutcome>> ClaimAsync(
        IReadOnlyList<(SalesTeam Team, DateOnly Date)> teams, DateTimeOffset now, bool force, CancellationToken cancellationToken)
    {
        var bound = await TargetsByTeamAsync(cancellationToken);
        var stalled = await StalledByTeamAsync([.. teams.Select(t => t.Team)], now, cancellationToken);
        var due = await ReengageDueByTeamAsync([.. teams.Select(t => t.Team)], now, cancellationToken);
        var settings = options.Value;
        var maxDeals = settings.MaxDigestDeals;
        var outcomes = new List<TeamNudgeOutcome>();
        foreach (var (team, date) in teams)
        {
            var teamTargets = bound.GetValueOrDefault(team.Id, []);
            var teamDeals = stalled.GetValueOrDefault(team.Id, []);
            var schedule = Schedule(team)!;

            // Due on the re-engage date itself, whatever its time of day: the team's local day decides.
            var teamDue = due.GetValueOrDefault(team.Id, []).Where(v => schedule.LocalDate(v.Deal.ReengageAt!.Value) <= date).ToList();
            var reengageLines = ReengageNudges.DigestLines(teamDue, maps.Maps.For(team.MapId), schedule);

            // Deals due to re-engage alone are worth a digest in a bound channel; without one, their owners' messages tell them.
            var status = teamDeals.Count == 0 && (reengageLines.Count == 0 || teamTargets.Count == 0) ? TeamNudgeStatus.NothingStalled
                : teamTargets.Count == 0 ? TeamNudgeStatus.NoChannelBound
                : TeamNudgeStatus.Queued;
            var messages = new List<NewOutboxMessage>();
            if (status == TeamNudgeStatus.Queued)
            {
                var digest = new TeamDigest(team.Id, team.Name, date, teamDeals) { Reengage = reengageLines };
                var payload = DigestPayload.Serialize(DigestBuilder.Render(digest, maxDeals, SayTo(team)));
                messages.AddRange(teamTargets.Select(t => new NewOutboxMessage(team.Id, date, t, payload)));
            }

            // Owners' direct messages ride on the same claim and transaction, so they are as once-a-day as the digest.
            var owners = settings.DirectMessageOwners && teamDeals.Count > 0
                ? await OwnerMessagesAsync(team, date, teamDeals, cancellationToken)
                : null;
            messages.AddRange(owners?.Messages ?? []);

            if (!await outbox.ClaimAndEnqueueAsync(team.Id, date, now, messages, force, cancellationToken))
            {
                NudgeLog.AlreadyClaimed(logger, team.Name, date);
                outcomes.Add(new(team.Name, date, TeamNudgeStatus.AlreadyClaimed, teamDeals.Count, teamTargets));
                continue;
            }

            switch (status)
            {
                case TeamNudgeStatus.NoChannelBound when bound.Count == 0:
                    // A fresh install (the demo's first run): nobody could have bound a channel yet, so no warning;
                    // say once per process, as information, how to bind one.
                    if (problems.FirstEver("no-channel-bound-anywhere"))
                    {
                        NudgeLog.NoChannelBoundYet(logger, team.Name);
                    }

                    await notifier.NotifyAsync(team.Id, date, new DigestProblem.NoChannelBound(teamDeals.Count), cancellationToken);
                    break;
                case TeamNudgeStatus.NoChannelBound:
                    NudgeLog.NoChannelBound(logger, team.Name, date, teamDeals.Count);
                    await notifier.NotifyAsync(team.Id, date, new DigestProblem.NoChannelBound(teamDeals.Count), cancellationToken);
                    break;
                case TeamNudgeStatus.NothingStalled:
                    NudgeLog.NothingStalled(logger, team.Name, date);
                    break;
                default:
                    NudgeLog.DigestQueued(logger, team.Name, date, teamDeals.Count, teamTargets.Count);
                    break;
            }

            if (owners is not null)
            {
                NudgeLog.OwnerDigestsQueued(logger, team.Name, date, owners.Messages.Count, owners.Owners, owners.Unreachable);
            }

            // Each owner's message about a deal that comes back is claimed per deal and re-engage date, so it goes out
            // once whichever run, host or forced digest gets here first.
            var reengageMessages = await ReengageMessagesAsync(team, date, schedule, teamDue, now, cancellationToken);
            outcomes.Add(new(team.Name, date, status, teamDeals.Count, teamTargets)
            {
                DirectMessages = owners?.Messages.Count ?? 0,
                ReengageDue = reengageLines.Count,
                ReengageMessages = reengageMessages,
            });
        }

        return outcomes;
    }

    private async Task<Dictionary<long, IReadOnlyList<DealView>>> ReengageDueByTeamAsync(
        IReadOnlyList<SalesTeam> teams, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (reengage is null || teams.Count == 0)
        {
            return [];
        }

        var all = (await directory.ListTeamsAsync(cancellationToken)).All(t => teams.Any(x => x.Id == t.Id));
        // A day ahead: every zone's local date is at most a day past UTC; each team keeps those of its own day.
        var due = await reengage.ListDueAsync(all ? null : [.. teams.Select(t => t.Id)], now.AddDays(1), cancellationToken);
        return due
            .GroupBy(v => v.Deal.TeamId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<DealView>)[.. g]);
    }

    /// <summary>Queues the owner's direct message (the deal's card) for every due deal not yet told; returns how many were queued.</summary>
    private async Task<int> ReengageMessagesAsync(
        SalesTeam team, DateOnly date, NudgeSchedule schedule, IReadOnlyList<DealView> due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (reengage is null || due.Count == 0)
        {
            return 0;
        }

        var map = maps.Maps.For(team.MapId);
        var rules = new Coaching.SalesTeamRules(await directory.ListTeamsAsync(cancellationToken), team.IdleAfterDays);
        var people = (await recipients.ListPeopleAsync([.. due.Select(v => v.Deal.OwnerId).Distinct()], cancellationToken)).ToDictionary(p => p.PersonId);
        var queued = 0;
        foreach (var view in due)
        {
            var routes = people.TryGetValue(view.Deal.OwnerId, out var owner) ? NudgeTargets.DirectRoutes(owner) : [];
            if (routes.Count == 0)
            {
                NudgeLog.ReengageOwnerUnreachable(logger, team.Name, view.Deal.ExternalId);
                continue;
            }

            var reengageOn = schedule.LocalDate(view.Deal.ReengageAt!.Value);
            var payload = DigestPayload.Serialize(ReengageNudges.OwnerMessage(view, map, rules, reengageOn, now, SayTo(team, owner)));
            var messages = routes.Select(route => new NewOutboxMessage(team.Id, date, route, payload, NudgeKind.Reengage)).ToList();
            if (await reengage.ClaimAndEnqueueAsync(view.Id, reengageOn, now, messages, cancellationToken))
            {
                queued += messages.Count;
                NudgeLog.ReengageQueued(logger, team.Name, view.Deal.ExternalId, reengageOn, messages.Count);
            }
        }

        return queued;
    }

    private sealed record OwnerMessages(IReadOnlyList<NewOutboxMessage> Messages, int Owners, int Unreachable);

    /// <summary>One direct message per owner (every route they are known on) with just their stalled deals.</summary>
    private async Task<OwnerMessages> OwnerMessagesAsync(SalesTeam team, DateOnly date, IReadOnlyList<DigestDeal> deals, CancellationToken cancellationToken)
    {
        var byOwner = deals.GroupBy(d => d.OwnerId).ToList();
        var people = (await recipients.ListPeopleAsync([.. byOwner.Select(g => g.Key)], cancellationToken)).ToDictionary(p => p.PersonId);
        var messages = new List<NewOutboxMessage>();
        var unreachable = 0;
        foreach (var owned in byOwner)
        {
            var routes = people.TryGetValue(owned.Key, out var person) ? NudgeTargets.DirectRoutes(person) : [];
            if (routes.Count == 0)
            {
                unreachable++;
                continue;
            }

            var answer = DigestBuilder.Render(new TeamDigest(team.Id, team.Name, date, [.. owned], person!.Name), options.Value.MaxDigestDeals, SayTo(team, person));
            var payload = DigestPayload.Serialize(answer);
            messages.AddRange(routes.Select(route => new NewOutboxMessage(team.Id, date, route, payload, NudgeKind.OwnerDigest)));
        }

        return new OwnerMessages(messages, byOwner.Count, unreachable);
    }

    private async Task<Dictionary<long, IReadOnlyList<ConversationKey>>> TargetsByTeamAsync(CancellationToken cancellationToken) =>
        (await targets.ListAsync(null, cancellationToken))
            .Where(t => t.Channel is not null)
            .GroupBy(t => t.TeamId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ConversationKey>)[.. g.Select(t => t.Conversation).OrderBy(k => k.ToString(), StringComparer.Ordinal)]);

    private async Task<Dictionary<long, IReadOnlyList<DigestDeal>>> StalledByTeamAsync(
        IReadOnlyList<SalesTeam> teams, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (teams.Count == 0)
        {
            return [];
        }

        var set = maps.Maps;
        var byId = teams.ToDictionary(t => t.Id);

        // One query for every team asked about, narrowed in the database to deals that can be stalled (the
        // shortest stage and idle limits), so most fresh deals are never loaded. When the teams are all of them
        // (nudge, dry runs, the first poll after a restart) no team filter: an id list costs a parameter per team.
        var all = (await directory.ListTeamsAsync(cancellationToken)).All(t => byId.ContainsKey(t.Id));
        // The shortest stall limit of any map the teams use: each team's deals are judged by its own map below.
        var stageLimits = teams.Select(t => set.For(t.MapId)).Distinct().SelectMany(m => m.Stages).Select(s => s.StallAfterDays).Where(d => d > 0).DefaultIfEmpty(0).Min();
        var idleLimits = teams.Select(t => t.IdleAfterDays).Where(d => d > 0).DefaultIfEmpty(0).Min();
        var enteredBefore = stageLimits > 0 ? now.AddDays(-stageLimits) : DateTimeOffset.MinValue;
        var activeBefore = idleLimits > 0 ? now.AddDays(-idleLimits) : DateTimeOffset.MinValue;
        var open = await candidates.ListAsync(all ? null : [.. byId.Keys], enteredBefore, activeBefore, now, cancellationToken);
        return open
            .Where(v => byId.ContainsKey(v.Deal.TeamId))
            .GroupBy(v => v.Deal.TeamId)
            .ToDictionary(
                g => g.Key,
                g => DigestBuilder.StalledDeals(g, set.For(byId[g.Key].MapId), byId[g.Key].IdleAfterDays, now, NudgeSchedule.TryFindZone(byId[g.Key].TimeZoneId, out var zone) ? zone : null));
    }
}
