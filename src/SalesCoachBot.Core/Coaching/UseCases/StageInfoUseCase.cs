using System.Text;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>"what happens in discovery?", "explain the SQL stage": the stage's page of the process map.</summary>
internal sealed class StageInfoUseCase(IDirectoryStore directory) : ICommandHandler<StageInfoCommand>
{
    public async Task<BotAnswer> HandleAsync(StageInfoCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        // The stages a person asks about are those of their team's map.
        var map = context.Maps.All.Count > 1
            ? context.MapOfPerson(await directory.ListTeamsAsync(cancellationToken))
            : context.Map;
        return Handle(command, map, context.MapLanguage);
    }

    private static BotAnswer Handle(StageInfoCommand command, ProcessMap map, string? language)
    {
        switch (Matching.MatchStage(map, command.StageText))
        {
            case StageMatch.Found found:
                return Describe(found.Stage, map, language);
            case StageMatch.Ambiguous several:
                return new BotAnswer(
                    $"\"{command.StageText}\" could be {string.Join(" or ", several.Candidates.Select(s => s.Name))}.",
                    new Card
                    {
                        Kind = CardKind.ChooseDeal,
                        Title = "Which stage?",
                        Choices = [.. several.Candidates.Select(s => new CardChoice(s.Name, s.Entry, new CardAction(s.Name, new RunCommandPayload($"explain {s.Id}"))))],
                    });
            default:
                return Errors.Answer("Unknown stage",
                    $"I don't know a stage called \"{command.StageText}\". The stages are: {string.Join(", ", map.OrderedStages().Select(s => s.Name))}.");
        }
    }

    private static BotAnswer Describe(Stage stage, ProcessMap map, string? language)
    {
        var facts = new List<CardFact> { new("Owner", stage.Owner), new("Stalls after", $"{stage.StallAfterDays} days") };
        if (map.NextOf(stage) is { } next)
        {
            facts.Add(new("Next stage", next.NameFor(language)));
        }

        foreach (var branch in stage.Branches)
        {
            var to = branch.To.IsReserved ? branch.To.Value : map.FindStage(branch.To.AsStage)?.NameFor(language) ?? branch.To.Value;
            facts.Add(new($"If {branch.WhenFor(language).Replace('-', ' ')}", to));
        }

        var body = new List<string>();
        if (stage.EntryFor(language) is { } entry)
        {
            body.Add($"A deal is here when: {entry}");
        }

        if (stage.ActivitiesFor(language) is { } activities)
        {
            body.Add($"What happens: {activities}");
        }

        if (stage.Substages.Count > 0)
        {
            body.Add("Sub-stages: " + string.Join(", ", stage.Substages.Select(s => s.Name)) + ".");
        }

        var checklist = stage.Checklist.Select(i => new CardLine($"{i.TextFor(language)}{(i.Required ? string.Empty : " (optional)")} [{i.Id}]")).ToList();
        var card = new Card
        {
            Kind = CardKind.StageInfo,
            Title = $"{stage.NameFor(language)} ({stage.Id})",
            Body = body,
            Facts = facts,
            Sections = [new CardSection("Exit checklist", checklist)],
        };

        var text = new StringBuilder().AppendLine(card.Title);
        foreach (var paragraph in body)
        {
            text.AppendLine(paragraph);
        }

        foreach (var fact in facts)
        {
            text.Append(fact.Label).Append(": ").AppendLine(fact.Value);
        }

        text.AppendLine("Exit checklist:");
        foreach (var line in checklist)
        {
            text.Append("- ").AppendLine(line.Text);
        }

        return new BotAnswer(text.ToString().TrimEnd(), card);
    }
}
