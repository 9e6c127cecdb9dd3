using System.Text;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>
/// "show the map" / "map for EMEA": the process map as a flowchart picture with live numbers (<see cref="MapPicture"/>),
/// the same figures as text for screen readers and channels without pictures. Whose deals: as for "pipeline".
/// </summary>
public sealed class ShowMapUseCase(MapChartBuilder pictures, PipelineAccess access, IChartPublisher charts)
    : ICommandHandler<ShowMapCommand>
{
    public async Task<BotAnswer> HandleAsync(ShowMapCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var resolved = await access.ResolveAsync(
            context.Person, command.TeamName, context.Say.Pipeline("Example.Map"), ForTeam(context.Say), context.Say, cancellationToken);
        if (resolved is AudienceResult.Refused refused)
        {
            return refused.Answer;
        }

        var audience = ((AudienceResult.Allowed)resolved).Audience;

        // The map of the teams asked about (each team may run its own); several maps are drawn one team at a time.
        var placed = audience.MapIn(context.Maps, ForTeam(context.Say), context.Say);
        if (placed is not AudienceMap.One { Map: var map })
        {
            return ((AudienceMap.Several)placed).Answer;
        }

        var chart = await pictures.BuildAsync(map, audience.Scope, audience.Label, context.Now, context.Say, cancellationToken);
        var image = await charts.PublishAsync(chart, cancellationToken);
        return Render(chart, map.Stages.Count, image, context.Say);
    }

    internal static BotAnswer Render(MapChart chart, int stageCount, CardImage? image, Phrases? say = null)
    {
        say ??= Phrases.English;
        var lines = chart.Stages.Select((s, i) =>
        {
            var line = new StringBuilder(say.Charts(s.Won ? "Line.Won" : "Line", i + 1, s.Name, s.OwnerName ?? s.Owner, s.OpenLine));
            if (s.HealthLine is { } health)
            {
                line.Append(" · ").Append(health);
            }

            if (chart.Arrows.FirstOrDefault(a => a.From == s.Id && !a.Branch) is { } next)
            {
                var to = chart.Stages.FirstOrDefault(t => t.Id == next.To)?.Name ?? next.To;
                line.Append(" · ").Append(say.Charts("Line.Next", to)).Append(next.Label is { } rate ? $" {rate}" : string.Empty);
            }

            foreach (var branch in s.Branches)
            {
                line.Append(" · ").Append(branch);
            }

            foreach (var back in chart.Arrows.Where(a => a.From == s.Id && a.Branch))
            {
                line.Append(" · ").Append(say.Charts("Line.Back", back.Label, chart.Stages.FirstOrDefault(t => t.Id == back.To)?.Name ?? back.To));
            }

            return line.ToString();
        }).ToList();
        var outcomes = chart.Outcomes.Select(o => $"{o.Name}: {o.Detail}").ToList();

        var text = new StringBuilder().AppendLine($"{chart.Title} — {chart.Subtitle}");
        lines.ForEach(l => text.AppendLine(l));
        outcomes.ForEach(l => text.AppendLine(l));

        return new BotAnswer(text.ToString().TrimEnd(), new Card
        {
            Kind = CardKind.Pipeline,
            Title = chart.Title,
            Subtitle = chart.Subtitle,
            Body = image is null ? [] : [say.Count(Phrases.Area.Charts, "Body", stageCount)],
            Image = image,
            Sections = [new(say.Charts("Section.Stages"), [.. lines.Select(l => new CardLine(l))]), .. outcomes.Count > 0 ? new[] { new CardSection(say.Charts("Section.Outcomes"), [.. outcomes.Select(l => new CardLine(l))]) } : []],
        });
    }

    /// <summary>"show the map for emea", in the reader's language.</summary>
    private static Func<string, string> ForTeam(Phrases say) => team => say.Pipeline("Example.Map.Team", team);
}
