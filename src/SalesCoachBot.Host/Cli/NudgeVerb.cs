using System.Globalization;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Nudges;

namespace SalesCoachBot.Host.Cli;

/// <summary>
/// <c>nudge [--team NAME] [--dry-run] [--force]</c>: the stalled-deal digest now. <c>--dry-run</c> writes and
/// sends nothing and prints, per team, its targets (or "no channel bound") and one line per stalled deal with
/// its days stuck and the reason, in the team's language (the words its channel's digest would use). A real run claims the team's local day (once a day unless <c>--force</c>),
/// queues the digest in the outbox and sends it; what cannot be sent yet stays queued for the host's retries.
/// </summary>
/// <remarks>The nudge services are optional: a host without <c>AddNudges</c> answers that nudges are not set up.</remarks>
internal sealed class NudgeVerb(
    IDirectoryStore directory, NudgeRunner? runner = null, OutboxDispatcher? dispatcher = null, INudgeOutbox? outbox = null) : ICliVerb
{
    public const string Usage = "nudge [--team NAME] [--dry-run] [--force]";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken)
    {
        var parsed = CliArgs.Parse(args, "--dry-run", "--force");
        if (parsed.Positional.Count > 0
            || parsed.OptionNames.Any(o => o is not ("--team" or "--dry-run" or "--force"))
            || (parsed.Has("--team") && string.IsNullOrWhiteSpace(parsed.Get("--team")))
            || (parsed.Has("--dry-run") && parsed.Has("--force")))
        {
            await context.Error.WriteLineAsync($"usage: {Usage}");
            return ExitCodes.Usage;
        }

        if (runner is null || dispatcher is null || outbox is null)
        {
            await context.Error.WriteLineAsync("nudges are not set up in this host (AddNudges is not registered)");
            return ExitCodes.Failed;
        }

        IReadOnlyList<SalesTeam> teams;
        if (parsed.Get("--team") is { } name)
        {
            if (await directory.FindTeamByNameAsync(name, cancellationToken) is not { } team)
            {
                await context.Out.WriteLineAsync($"no team called \"{name}\"");
                return ExitCodes.Failed;
            }

            teams = [team];
        }
        else
        {
            teams = await directory.ListTeamsAsync(cancellationToken);
        }

        return parsed.Has("--dry-run")
            ? await DryRunAsync(runner, teams, context, cancellationToken)
            : await RunAsync(runner, dispatcher, outbox, teams, parsed.Has("--force"), context, cancellationToken);
    }

    // An operator's first dry run shows every team unbound: say how a channel gets bound, not only that none is.
    private static string NoChannel(SalesTeam team) =>
        $"no channel bound (a manager of the team binds one by saying \"use this channel for {team.Name} nudges\" in it)";

    // Every line of a team's dry run in the team's language, as its channel's digest would be: an admin proofs the
    // Arabic digest before it goes out.
    private static async Task<int> DryRunAsync(NudgeRunner runner, IReadOnlyList<SalesTeam> teams, CliContext context, CancellationToken cancellationToken)
    {
        var exit = ExitCodes.Done;
        foreach (var plan in await runner.PlanAsync(teams, cancellationToken))
        {
            var say = runner.DigestPhrases(plan.Team);
            var name = say.Language.Isolate(plan.Team.Name);
            var targets = plan.Targets.Count == 0
                ? say.Nudges("DryRun.NoChannel", name)
                : string.Join(", ", plan.Targets.Select(t => say.Language.Isolate(t.ToString())));
            await context.Out.WriteLineAsync(say.Nudges("DryRun.Team", name, Schedule(plan.Team, say), targets));
            if (plan.Problem is not null)
            {
                // The only problem a plan has: a time zone the host does not know, so the team has no local day.
                await context.Out.WriteLineAsync("  " + say.Nudges("DryRun.UnknownTimeZone", say.Language.Isolate(plan.Team.TimeZoneId)));
                exit = ExitCodes.Failed;
            }

            if (plan.Deals.Count == 0)
            {
                await context.Out.WriteLineAsync("  " + say.Nudges("DryRun.NoStalledDeals"));
            }

            foreach (var deal in plan.Deals)
            {
                await context.Out.WriteLineAsync($"  {DigestBuilder.PlanLine(deal, say)}");
            }
        }

        return exit;
    }

    private static async Task<int> RunAsync(
        NudgeRunner runner, OutboxDispatcher dispatcher, INudgeOutbox outbox, IReadOnlyList<SalesTeam> teams, bool force, CliContext context,
        CancellationToken cancellationToken)
    {
        var outcomes = await runner.RunNowAsync(teams, force, cancellationToken);
        if (outcomes.Any(o => o.Status is TeamNudgeStatus.Queued or TeamNudgeStatus.NoChannelBound || o.DirectMessages > 0 || o.ReengageMessages > 0))
        {
            await dispatcher.DispatchDueAsync(cancellationToken);
        }

        var exit = ExitCodes.Done;
        foreach (var (outcome, team) in outcomes.Join(teams, o => o.TeamName, t => t.Name, (o, t) => (o, t)))
        {
            var date = outcome.LocalDate is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "-";
            switch (outcome.Status)
            {
                case TeamNudgeStatus.UnknownTimeZone:
                    await context.Out.WriteLineAsync($"{team.Name}: unknown time zone '{team.TimeZoneId}'; no digest");
                    exit = ExitCodes.Failed;
                    continue;
                case TeamNudgeStatus.AlreadyClaimed:
                    await context.Out.WriteLineAsync($"{team.Name} {date}: already sent today (--force sends it again)");
                    continue;
                case TeamNudgeStatus.NoChannelBound:
                    // No digest, but owners' messages and the managers' notice may have gone out: listed below.
                    await context.Out.WriteLineAsync($"{team.Name} {date}: {outcome.StalledDeals} stalled deals, {NoChannel(team)}");
                    break;
                case TeamNudgeStatus.NothingStalled when outcome.ReengageMessages == 0:
                    await context.Out.WriteLineAsync($"{team.Name} {date}: no stalled deals, nothing sent");
                    continue;
                case TeamNudgeStatus.NothingStalled:
                    // No digest, but owners of deals due to re-engage were messaged: listed below.
                    await context.Out.WriteLineAsync($"{team.Name} {date}: no stalled deals, {outcome.ReengageDue} due to re-engage");
                    break;
            }

            if (outcome.Status == TeamNudgeStatus.Queued)
            {
                var due = outcome.ReengageDue > 0 ? $", {outcome.ReengageDue} due to re-engage" : string.Empty;
                await context.Out.WriteLineAsync($"{team.Name} {date}: {outcome.StalledDeals} stalled deals{due}");
            }

            var messages = (await outbox.ListMessagesAsync(team.Id, cancellationToken)).Where(m => m.LocalDate == outcome.LocalDate);
            foreach (var message in messages)
            {
                var state = message.Status switch
                {
                    OutboxStatus.Sent => "sent",
                    OutboxStatus.Failed => $"FAILED: {message.LastError}",
                    _ => string.Create(CultureInfo.InvariantCulture, $"queued, next attempt {message.NextAttemptAt:yyyy-MM-dd HH:mm:ss}Z{(message.LastError is { } e ? $" ({e})" : string.Empty)}"),
                };
                exit = message.Status == OutboxStatus.Failed && message.Kind == NudgeKind.Digest ? ExitCodes.Failed : exit;
                var kind = message.Kind switch
                {
                    NudgeKind.OwnerDigest => " (owner's deals)",
                    NudgeKind.ManagerNotice => " (managers' notice)",
                    NudgeKind.CloseProposal => " (proposal to close a deal)",
                    NudgeKind.MapNotice => " (refused map change, to the admins)",
                    NudgeKind.DigestUpdate => " (digest updated after a snooze)",
                    NudgeKind.Reengage => " (deal due to re-engage)",
                    NudgeKind.CrmNotice => " (CRM notice)",
                    NudgeKind.MapAdvance => " (deal advanced by a map change, to its owner)",
                    _ => string.Empty,
                };
                await context.Out.WriteLineAsync($"  {message.Conversation}{kind}: {state}");
            }
        }

        return exit;
    }

    private static string Schedule(SalesTeam team, Phrases say)
    {
        var zone = say.Language.Isolate(team.TimeZoneId);
        var time = say.Language.Isolate(team.NudgeTime.ToString("HH:mm", CultureInfo.InvariantCulture));
        return team.WeekdaysOnly
            ? say.Nudges("DryRun.Schedule", zone, time, say.Language.Isolate(team.Workdays.ToString()))
            : say.Nudges("DryRun.Schedule.Daily", zone, time);
    }
}
