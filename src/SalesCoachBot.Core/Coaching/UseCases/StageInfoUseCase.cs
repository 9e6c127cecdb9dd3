using System.Text;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>"what happens in discovery?", "explain the SQL stage": the stage's page of the process map.</summary>
internal sealed class StageInfoUseCase(IDirectoryStore directory) : ICommandHandler<StageInfoCommand>
{
    public async Task<BotAnswer> HandleAsync(StageInfoCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var map = await MapAsync(context, cancellationToken);
        return Handle(command.StageText, Matching.MatchStage(map, command.StageText), map, context.MapLanguage, context.Say);
    }

    /// <summary>The page of the stage the words name (or the choice between several); null when they name none of the map's.</summary>
    public async Task<BotAnswer?> AnswerIfStageAsync(string stageText, TurnContext context, CancellationToken cancellationToken)
    {
        var map = await MapAsync(context, cancellationToken);
        var match = Matching.MatchStage(map, stageText);
        return match is StageMatch.Found or StageMatch.Ambiguous || OutcomeOf(stageText) is not null
            ? Handle(stageText, match, map, context.MapLanguage, context.Say)
            : null;
    }

    // The stages a person asks about are those of their team's map.
    private async Task<ProcessMap> MapAsync(TurnContext context, CancellationToken cancellationToken) =>
        context.Maps.All.Count > 1
            ? context.MapOfPerson(await directory.ListTeamsAsync(cancellationToken))
            : context.Map;

    private static BotAnswer Handle(string stageText, StageMatch match, ProcessMap map, string? language, Phrases say)
    {
        switch (match)
        {
            case StageMatch.Found found:
                return Describe(found.Stage, map, language, say);
            case StageMatch.Ambiguous several:
                return new BotAnswer(
                    say.Lists("Stage.Ambiguous", stageText, string.Join(say.Lists("Stage.Or"), several.Candidates.Select(s => say.Language.Isolate(s.NameFor(language))))),
                    new Card
                    {
                        Kind = CardKind.ChooseDeal,
                        Title = say.Lists("Stage.Which"),
                        Choices = [.. several.Candidates.Select(s => new CardChoice(s.NameFor(language), s.EntryFor(language), new CardAction(s.NameFor(language), new RunCommandPayload($"explain {s.Id}"))))],
                    });
            default:
                // "explain nurture", «اشرح مرحلة الرعاية»: every stage page names these outcomes, so they have a page too.
                return OutcomeOf(stageText) is { } outcome ? DescribeOutcome(outcome, map, language, say) : UnknownStage(stageText, map, language, say);
        }
    }

    /// <summary>"I don't know a stage called …": the map's stages, in order, named in <paramref name="language"/>.</summary>
    internal static BotAnswer UnknownStage(string stageText, ProcessMap map, string? language, Phrases say)
    {
        var stages = CoachingWording.List(map.OrderedStages().Select(s => s.NameFor(language)), say);
        // «صفقاتي في مرحلة الخسارة» reaches here as the parser's "lost": named in the reply's language, and said to be an outcome.
        return OutcomeOf(stageText) is { } outcome
            ? Errors.Answer(say.Errors("UnknownStage.Title"), say.Errors("UnknownStage.Outcome", say.Lists(outcome.IsNurture ? "Stage.To.Nurture" : "Stage.To.Lost"), stages))
            : Errors.Answer(say.Errors("UnknownStage.Title"), say.Errors("UnknownStage", stageText, stages));
    }

    private static BotAnswer Describe(Stage stage, ProcessMap map, string? language, Phrases say)
    {
        var facts = new List<CardFact>
        {
            new(say.Lists("Stage.Owner"), MapWording.Owner(stage, say)),
            new(say.Lists("Stage.StallsAfter"), say.Count(Phrases.Area.Lists, "Stage.StallsAfterDays", stage.StallAfterDays)),
        };
        if (map.NextOf(stage) is { } next)
        {
            facts.Add(new(say.Lists("Stage.Next"), next.NameFor(language)));
        }

        foreach (var branch in stage.Branches)
        {
            var to = branch.To.IsReserved ? say.Lists(branch.To.IsNurture ? "Stage.To.Nurture" : "Stage.To.Lost")
                : map.FindStage(branch.To.AsStage)?.NameFor(language) ?? branch.To.Value;
            facts.Add(new(say.Lists("Stage.If", branch.WhenFor(language).Replace('-', ' ')), to));
        }

        var body = new List<string>();
        // The won stage looks like any other on its page; say that reaching it is a win (its checklist is what closes).
        if (stage.Id == map.Won)
        {
            body.Add(say.Lists("Stage.IsWon"));
        }

        if (stage.EntryFor(language) is { } entry)
        {
            body.Add(say.Lists("Stage.Entry", entry));
        }

        if (stage.ActivitiesFor(language) is { } activities)
        {
            body.Add(say.Lists("Stage.Activities", activities));
        }

        if (stage.Substages.Count > 0)
        {
            body.Add(say.Lists("Stage.Substages", string.Join(say.Nudges("ListSeparator"), stage.Substages.Select(s => say.Language.Isolate(s.NameFor(language))))));
        }

        var checklist = stage.Checklist.Select(i => new CardLine(say.Lists(i.Required ? "Stage.Item" : "Stage.ItemOptional", i.TextFor(language), i.Id.Value))).ToList();
        var card = new Card
        {
            Kind = CardKind.StageInfo,
            Title = say.Lists("Stage.Title", stage.NameFor(language), stage.Id.Value),
            Body = body,
            Facts = facts,
            Sections = [new CardSection(say.Lists("Stage.Checklist"), checklist)],
        };

        var text = new StringBuilder().AppendLine(card.Title);
        foreach (var paragraph in body)
        {
            text.AppendLine(paragraph);
        }

        foreach (var fact in facts)
        {
            text.AppendLine(say.Cards("FactLine", fact.Label, fact.Value));
        }

        text.AppendLine(say.Lists("Stage.ChecklistHeading"));
        foreach (var line in checklist)
        {
            text.Append("- ").AppendLine(line.Text);
        }

        return new BotAnswer(text.ToString().TrimEnd(), card);
    }

    /// <summary>
    /// The outcome the words name: the map's reserved targets, as the parser leaves them ("nurture", "lost"; the language
    /// file turns «الرعاية», «الخسارة» into them). Null for anything else.
    /// </summary>
    internal static BranchTarget? OutcomeOf(string stageText)
    {
        var words = stageText.Trim().ToLowerInvariant();
        return words == BranchTarget.Nurture.Value ? BranchTarget.Nurture
            : words == BranchTarget.Lost.Value ? BranchTarget.Lost
            : null;
    }

    /// <summary>
    /// The page of nurture or lost: which stages' branches send a deal there (a stage before the won one with no "buyer
    /// says no" branch sends it to nurture), when a nurtured deal is re-engaged or which lost reasons the map has, and how to bring one back.
    /// </summary>
    private static BotAnswer DescribeOutcome(BranchTarget outcome, ProcessMap map, string? language, Phrases say)
    {
        var nurture = outcome.IsNurture;
        // One line per branch word, its stages in map order: "If buyer says no: from Discovery, Demo and Go live".
        var from = new List<(string When, List<string> Stages)>();
        void Add(string when, string stage)
        {
            var line = from.FindIndex(l => l.When == when);
            if (line < 0)
            {
                from.Add((when, [stage]));
            }
            else
            {
                from[line].Stages.Add(stage);
            }
        }

        // A deal at or past the won stage is won: no buyer says no there, so the nurture default does not reach it.
        var won = map.PositionOf(map.Won);
        foreach (var stage in map.OrderedStages())
        {
            var saidNo = won >= 0 && map.PositionOf(stage.Id) >= won;
            foreach (var branch in stage.Branches)
            {
                saidNo |= branch.IsBuyerSaysNo;
                if (branch.To == outcome)
                {
                    Add(branch.WhenFor(language).Replace('-', ' '), stage.NameFor(language));
                }
            }

            if (!saidNo && nurture)
            {
                Add(say.Lists("Outcome.BuyerSaysNo"), stage.NameFor(language));
            }
        }

        var lines = from.Select(l => new CardLine(say.Lists("Outcome.FromLine", l.When, CoachingWording.List(l.Stages, say)))).ToList();
        var body = new List<string> { say.Lists(nurture ? "Outcome.Nurture.What" : "Outcome.Lost.What") };
        var facts = new List<CardFact>();
        if (nurture)
        {
            body.Add(say.Lists("Outcome.Nurture.Reengage", say.Count(Phrases.Area.Lists, "Stage.StallsAfterDays", map.Outcomes.NurtureReengageAfterDays)));
        }
        else if (map.Outcomes.LostReasons.Count > 0)
        {
            facts.Add(new(say.Lists("Outcome.LostReasons"), CoachingWording.List(map.Outcomes.LostReasons.Select(r => MapWording.LostReason(r, say, map)), say)));
        }

        var reopen = say.Coaching("Help.Cmd.Reopen");
        body.Add(say.Lists("Outcome.Reopen", say.Language.IsRightToLeft ? Bidi.IsolateLatinRuns(reopen) : reopen));
        var card = new Card
        {
            Kind = CardKind.StageInfo,
            Title = say.Lists(nurture ? "Outcome.Nurture.Title" : "Outcome.Lost.Title"),
            Body = body,
            Facts = facts,
            Sections = lines.Count > 0 ? [new CardSection(say.Lists("Outcome.From"), lines)] : [],
        };

        var text = new StringBuilder().AppendLine(card.Title);
        foreach (var paragraph in body)
        {
            text.AppendLine(paragraph);
        }

        foreach (var fact in facts)
        {
            text.AppendLine(say.Cards("FactLine", fact.Label, fact.Value));
        }

        if (lines.Count > 0)
        {
            text.AppendLine(say.Lists("Outcome.FromHeading"));
            foreach (var line in lines)
            {
                text.Append("- ").AppendLine(line.Text);
            }
        }

        return new BotAnswer(text.ToString().TrimEnd(), card);
    }
}
