using System.Text;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Crm;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>
/// "what moved this week", "stage changes this month", «وش تحرك هالأسبوع»: every stage change of the scope's deals in a
/// period, newest first, each with its deal, the stages it left and entered (in its team's map's words), how it moved, the
/// day in its team's zone and its owner; a header counts them forward, back, won and lost. Whose deals follows the
/// pipeline's rule (<see cref="PipelineAccess"/>), as <see cref="ClosedDealsUseCase"/> does; "my moves" is the person's own.
/// No period said means the last 7 days; a said one ("this week", "last month") is read as the won and lost lists read it.
/// </summary>
internal sealed class StageMovesUseCase(IPipelineStore store, PipelineAccess access, TeamRulesProvider teamRules) : ICommandHandler<StageMovesCommand>
{
    /// <summary>The default period: a week back from now.</summary>
    internal const int DefaultDays = 7;

    /// <summary>
    /// Lines read to count the header's kinds (forward and back need each line's map). A year of a large team may hold more:
    /// the total is then still exact, and the header says over how many the kinds were counted.
    /// </summary>
    internal const int CountedChanges = 2_000;

    public async Task<BotAnswer> HandleAsync(StageMovesCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var say = context.Say;
        PipelineAudience audience;
        if (command.Mine)
        {
            audience = new PipelineAudience(new PipelineScope(null, context.Person.Id), say.Pipeline("Audience.YourDeals"), []);
        }
        else
        {
            var resolved = await access.ResolveAsync(context.Person, command.TeamName, say.Pipeline("Example.Moves"), team => say.Pipeline("Example.Moves.Team", team), say, cancellationToken);
            if (resolved is AudienceResult.Refused refused)
            {
                return refused.Answer;
            }

            audience = ((AudienceResult.Allowed)resolved).Audience;
        }

        var rules = await teamRules.GetAsync(cancellationToken);
        // A calendar period starts at midnight where the team works, a week on its first workday: the audience's first team,
        // else the person's own. Teams with other zones or weeks get that team's days too, as for a month: one list has one
        // period, and its header can name only one set of days.
        var zoneTeam = audience.Teams.Count > 0 ? audience.Teams.Min(t => t.Id) : context.Person.TeamIds.DefaultIfEmpty(0).Min();
        AnalysisWindow window;
        string period;
        var week = false;
        if (command.Period is { } asked)
        {
            var calendar = asked.Resolve(context.Now, rules.Zone(zoneTeam), rules.Workdays(zoneTeam).First);
            if (!calendar.HasBegun)
            {
                return ReportPeriods.NotBegunRefusal(calendar, say, "Moves.Window");
            }

            window = calendar.Window;
            period = calendar.Label(say);
            week = calendar.IsWeek;
        }
        else
        {
            var days = command.WindowDays ?? DefaultDays;
            if (ReportPeriods.DaysRefusal(days, say, say.Pipeline("Example.Moves.Window"), say.Pipeline("Example.Moves.LongWindow")) is { } badWindow)
            {
                return badWindow;
            }

            window = AnalysisWindow.LastDays(days, context.Now);
            period = PipelineFormat.Window(days, say);
        }

        var changes = await store.ListStageChangesAsync(audience.Scope, window.From, window.To, CountedChanges, cancellationToken);
        return Render(changes, audience.Label, withOwners: !audience.IsOwnDeals, period, rules.Zone, context.MapOfTeam, say, week);
    }

    /// <summary>
    /// The list as answered: the header counts <paramref name="changes"/> by what they did on each deal's own map
    /// (<paramref name="mapOf"/>, by the team's map id); the newest <see cref="ListLimits.Deals"/> are listed, each day in its
    /// team's zone (<paramref name="zoneOf"/>). A <paramref name="week"/>'s period is said without "in" ("… last week (Mon 23 – Sun 29 Nov)").
    /// </summary>
    internal static BotAnswer Render(
        StageChangeList changes, string audience, bool withOwners, string period, Func<long, TimeZoneInfo> zoneOf, Func<string?, ProcessMap> mapOf, Phrases say,
        bool week = false)
    {
        var title = say.Pipeline("Moves.Title", audience);
        if (changes.Total == 0)
        {
            var none = say.Pipeline(week ? "Moves.None.Week" : "Moves.None", audience, period, say.Pipeline("Example.Moves.LongWindow"));
            return new BotAnswer(none, new Card { Kind = CardKind.DealList, Title = title, Subtitle = period, Body = [none] });
        }

        var kinds = changes.Lines.Select(line => (Line: line, Move: Classify(line, mapOf(line.TeamMapId)))).ToList();
        // "8 forward, 2 back, 1 won, 1 lost": only the kinds that happened, always in this order.
        var parts = Enum.GetValues<MoveKind>()
            .Select(kind => (Kind: kind, Count: kinds.Count(k => k.Move == kind)))
            .Where(part => part.Count > 0)
            .Select(part => say.Pipeline("Moves.Part." + part.Kind, part.Count));
        var header = say.Pipeline("Moves.Header", say.Count(Phrases.Area.Pipeline, "Moves.Count", changes.Total), audience, period, string.Join(say.Pipeline("Moves.PartSeparator"), parts));
        var counted = changes.Total > changes.Lines.Count ? say.Pipeline("Moves.Counted", changes.Lines.Count) : null;

        var lines = kinds.Take(ListLimits.Deals).Select(k => DealCards.ListLine(
            Line(k.Line, k.Move, mapOf(k.Line.TeamMapId), zoneOf(k.Line.TeamId), say), k.Line.Id, withOwners ? k.Line.OwnerName : null, say)).ToList();
        var more = changes.Total > ListLimits.Deals ? say.Pipeline("Closed.More", changes.Total - ListLimits.Deals) : null;

        var text = new StringBuilder().AppendLine(header);
        if (counted is not null)
        {
            text.AppendLine(counted);
        }

        lines.ForEach(l => text.Append("- ").AppendLine(l.Text));
        if (more is not null)
        {
            text.AppendLine(more);
        }

        return new BotAnswer(text.ToString().TrimEnd(), new Card
        {
            Kind = CardKind.DealList,
            Title = title,
            Subtitle = period,
            Body = counted is null ? [header] : [header, counted],
            Sections = [new CardSection(say.Pipeline("Closed.Section"), lines)],
            Note = more,
        });
    }

    /// <summary>What a change did to its deal, on the deal's own map: a loss or a win before any direction.</summary>
    internal static MoveKind Classify(StageChangeLine line, ProcessMap map)
    {
        switch (line.Kind)
        {
            case StageChangeKind.ClosedInCrm:
                return MoveKind.Lost;
            case StageChangeKind.Closed:
                // A close into nurture and a loss are both Closed rows: the row says which (its outcome, or an older import's
                // reason); only a chat close stored before rows recorded it is told by the deal's status now. A win is one only
                // when an import closed the deal as won (chat wins by moving it to the won stage).
                return (line.Outcome ?? line.Status) switch
                {
                    DealStatus.Nurture => MoveKind.Nurture,
                    DealStatus.Won => MoveKind.Won,
                    _ => MoveKind.Lost,
                };
            case StageChangeKind.Reopened:
                return MoveKind.Reopened;
            case StageChangeKind.MovedInCrm when CrmReasons.IsReopened(line.Reason):
                return MoveKind.Reopened;
        }

        // A row written under an id the map has since renamed or merged away counts as the stage that replaces it.
        var to = map.ResolveStage(new StageId(line.StageId));
        if (to is not null && to.Id == map.Won)
        {
            return MoveKind.Won;
        }

        var from = line.PreviousStageId is { } previous ? map.ResolveStage(new StageId(previous)) : null;
        if (to is null || from is null)
        {
            return MoveKind.Other;
        }

        var (was, now) = (map.PositionOf(from.Id), map.PositionOf(to.Id));
        return was < 0 || now < 0 || was == now ? MoveKind.Other : now > was ? MoveKind.Forward : MoveKind.Back;
    }

    /// <summary>"Initech (#1002) · Demo → Proposal · advanced by its checklist · Tue 24 Nov 2026".</summary>
    private static string Line(StageChangeLine line, MoveKind move, ProcessMap map, TimeZoneInfo zone, Phrases say)
    {
        string Name(string id) => map.ResolveStage(new StageId(id)) is { } stage ? MapWording.Name(stage, say.Language) : id;
        var to = Name(line.StageId);
        // A close or a reopening leaves the deal where it was: it is said at that stage.
        var where = move is MoveKind.Lost or MoveKind.Nurture or MoveKind.Reopened || line.PreviousStageId is null
            ? say.Pipeline(move is MoveKind.Lost or MoveKind.Nurture or MoveKind.Reopened ? "Moves.At" : "Moves.To", to)
            : say.Pipeline("Moves.FromTo", Name(line.PreviousStageId), to);
        var how = move switch
        {
            MoveKind.Lost => say.Pipeline("Moves.How.Lost"),
            MoveKind.Nurture => say.Pipeline("Moves.How.Nurture"),
            MoveKind.Reopened => say.Pipeline("Moves.How.Reopened"),
            MoveKind.Won => say.Pipeline("Moves.How.Won", How(line.Kind, say)),
            _ => How(line.Kind, say),
        };
        return say.Pipeline("Moves.Line", line.Name, "#" + line.ExternalId, where, how, say.Language.DayInWords(line.EnteredAt, zone));
    }

    private static string How(StageChangeKind kind, Phrases say) => kind switch
    {
        StageChangeKind.Advanced => say.Pipeline("Moves.How.Advanced"),
        StageChangeKind.Override => say.Pipeline("Moves.How.Override"),
        StageChangeKind.MovedInCrm => say.Pipeline("Moves.How.MovedInCrm"),
        // Only an import records a win as a Closed row ("won, imported").
        StageChangeKind.Imported or StageChangeKind.Closed => say.Pipeline("Moves.How.Imported"),
        _ => say.Pipeline("Moves.How.Moved"),
    };
}

/// <summary>What a stage change did to its deal, in the order the moves list's header counts them.</summary>
internal enum MoveKind
{
    Forward,
    Back,
    Won,
    Lost,
    Nurture,
    Reopened,
    Other,
}
