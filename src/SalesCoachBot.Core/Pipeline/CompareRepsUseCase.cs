using System.Text;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>
/// "compare Dana and Riley", «قارن بين Dana و Riley»: each person's own pipeline (<see cref="PipelineReport"/>, the same
/// analytics and window as "pipeline") side by side, a column each on the card. Admins compare anyone in any team, managers the
/// people of their teams (counting only those teams' deals); reps get the managers-only answer the team figures give.
/// A name is found by <see cref="PersonResolver"/>, as "what did Dana do" finds it.
/// </summary>
internal sealed class CompareRepsUseCase(IPipelineStore store, PersonResolver resolver, TeamRulesProvider teamRules)
    : ICommandHandler<CompareRepsCommand>
{
    public async Task<BotAnswer> HandleAsync(CompareRepsCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var say = context.Say;
        var asker = context.Person;
        if (!asker.IsAdmin && !asker.IsManager)
        {
            return Errors.Answer(say.Pipeline("Audience.ManagersOnly.Title"), say.Pipeline("Audience.ManagersOnly", say.Pipeline("Example.Pipeline")));
        }

        var days = command.WindowDays ?? PipelineUseCase.DefaultWindowDays;
        if (command.Period is null && ReportPeriods.DaysRefusal(days, say, say.Pipeline("Example.Compare"), say.Pipeline("Example.Pipeline.LongWindow")) is { } badWindow)
        {
            return badWindow;
        }

        var seen = await resolver.VisibleToAsync(asker, cancellationToken);
        var visible = seen.Teams;
        var people = new List<Compared>();
        foreach (var typed in new[] { command.First, command.Second })
        {
            if (typed is null)
            {
                people.Add(new Compared(asker.Id, asker.Name, [.. visible.Where(t => asker.TeamIds.Contains(t.Id))], Me: true));
                continue;
            }

            switch (seen.Find(typed, say))
            {
                case PersonLookup.Answered answered:
                    return answered.Answer;
                case PersonLookup.Found found:
                    people.Add(new Compared(found.Id, found.Name, [.. visible.Where(t => found.TeamIds.Contains(t.Id))], Me: false));
                    break;
            }
        }

        if (people[0].Id == people[1].Id)
        {
            return Errors.Answer(say.Pipeline("Compare.Same.Title"), say.Pipeline("Compare.Same", say.Language.Isolate(people[0].Name), say.Pipeline("Example.Compare")));
        }

        // One map for both: stages, won and cycles are the map's, and two processes' figures do not compare.
        var teams = people.SelectMany(p => p.Teams).DistinctBy(t => t.Id).ToList();
        var both = new PipelineAudience(new PipelineScope(null, null), say.Pipeline("Compare.Both", Name(people[0], say), Name(people[1], say)), teams);
        if (both.MapIn(context.Maps, PipelineUseCase.ForTeamOnly(say), say) is not AudienceMap.One { Map: var map })
        {
            return ((AudienceMap.Several)both.MapIn(context.Maps, PipelineUseCase.ForTeamOnly(say), say)).Answer;
        }

        var rules = await teamRules.GetAsync(cancellationToken);
        // A calendar period is counted in the first team's zone and week, as the pipeline counts one over several teams.
        var first = teams.Count > 0 ? teams.Min(t => t.Id) : (long?)null;
        var zone = first is { } zoneTeam ? rules.Zone(zoneTeam) : TimeZoneInfo.Utc;
        var calendar = command.Period?.Resolve(context.Now, zone, first is { } weekTeam ? rules.Workdays(weekTeam).First : DayOfWeek.Monday);
        if (calendar is { HasBegun: false })
        {
            return ReportPeriods.NotBegunRefusal(calendar, say, "Window");
        }

        var window = calendar?.Window ?? AnalysisWindow.LastDays(days, context.Now);
        var since = window.From < window.To.AddDays(-14) ? window.From : window.To.AddDays(-14);
        var reports = new List<PipelineReport>();
        foreach (var person in people)
        {
            // A manager counts only their teams' deals: a rep's deals elsewhere are not theirs to see.
            var scope = new PipelineScope(asker.IsAdmin ? null : [.. visible.Select(t => t.Id)], person.Id);
            var data = await store.LoadAsync(scope, since, context.Now, cancellationToken);
            reports.Add(calendar is null
                ? PipelineReport.Build(map, data, days, context.Now, rules.IdleAfterDays)
                : PipelineReport.Build(map, data, calendar, context.Now, rules.IdleAfterDays));
        }

        // "compare me and Sam" from someone who owns no deals in the window: nothing of theirs to set beside Sam's.
        if (people.Where((p, i) => p.Me && reports[i] is { OpenDeals: 0, WinLoss: { Won: 0, Lost: 0 } }).Any())
        {
            return Errors.Answer(say.Pipeline("Compare.NoOwnDeals.Title"), say.Pipeline("Compare.NoOwnDeals", say.Pipeline("Example.Compare")));
        }

        return Render(people, reports, say);
    }

    private static string Name(Compared person, Phrases say) => say.Language.Isolate(person.Name);

    /// <summary>
    /// Both people's figures side by side: on the card a column each (the person's name over their figures), in the text a
    /// line per figure with both values. The pipeline's thin-data rule is said per person.
    /// </summary>
    internal static BotAnswer Render(IReadOnlyList<Compared> people, IReadOnlyList<PipelineReport> reports, Phrases say)
    {
        var (a, b) = (Name(people[0], say), Name(people[1], say));
        (string Label, Func<PipelineReport, string> Value)[] figures =
        [
            // "no deals", not "no deals, no amounts".
            (say.Pipeline("Fact.Open"), r => r.OpenDeals == 0 ? PipelineFormat.DealsOrNone(0, say)
                : say.Pipeline("Compare.Open.Value", PipelineFormat.DealsOrNone(r.OpenDeals, say), PipelineFormat.Amounts(r.OpenTotal, say))),
            (say.Pipeline("Fact.Stalled"), r => PipelineFormat.StalledOfOpen(r.OpenDeals, r.Stalled, say)),
            (say.Pipeline("Compare.WonLost"), r => say.Pipeline("Compare.WonLost.Value", PipelineFormat.WonCount(r.WinLoss.Won, say), PipelineFormat.LostCount(r.WinLoss.Lost, say))),
            (say.Pipeline("Fact.WinRate"), r => r.WinLoss.Won + r.WinLoss.Lost > 0 ? PipelineFormat.Percent(r.WinLoss.WinRate, say) : say.Pipeline("Compare.NoneClosed")),
            (say.Pipeline("Fact.MedianCycle"), r => r.MedianCycleDays is { } cycle
                ? say.Pipeline("Fact.MedianCycle.Value", PipelineFormat.Days(cycle, say), PipelineFormat.CycleDeals(r.Cycles.Count, say))
                : say.Pipeline("Compare.NoCycle")),
        ];
        var columns = people.Select((person, i) => new CardColumn(Name(person, say), [.. figures.Select(f => new CardFact(f.Label, f.Value(reports[i])))])).ToList();

        // "Tom won fewer than 5 deals …", "Rita and Tom each won fewer …": the two named as a pair, not a list.
        var window = reports[0].WindowInSentence(say);
        var thin = people.Where((_, i) => reports[i].WinLoss.Won < PipelineAnalytics.MinWonDealsToTrust).Select(p => Name(p, say)).ToList();
        var note = thin switch
        {
            [] => null,
            [var one] => say.Pipeline("Compare.Thin", one, PipelineAnalytics.MinWonDealsToTrust, window),
            _ => say.Pipeline("Compare.Thin.Both", a, b, PipelineAnalytics.MinWonDealsToTrust, window),
        };

        var title = say.Pipeline("Compare.Title", a, b);
        var text = new StringBuilder().AppendLine(say.Pipeline("Compare.Header", a, b, reports[0].WindowHeading(say)));
        if (note is not null)
        {
            text.AppendLine(note);
        }

        foreach (var (label, value) in figures)
        {
            text.AppendLine(say.Cards("FactLine", label, say.Pipeline("Compare.Pair", a, value(reports[0]), b, value(reports[1]))));
        }

        return new BotAnswer(text.ToString().TrimEnd(), new Card
        {
            Kind = CardKind.Pipeline,
            Title = title,
            Subtitle = say.Pipeline("Subtitle", reports[0].WindowText(say)),
            Note = note,
            Columns = columns,
        });
    }

    /// <summary>One of the two people: the teams of theirs the asker may see, and whether they are the asker.</summary>
    internal sealed record Compared(long Id, string Name, IReadOnlyList<SalesTeam> Teams, bool Me);
}
