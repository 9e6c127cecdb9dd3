using System.Text;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
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
        var resolved = await access.ResolveAsync(context.Person, command.TeamName, "show the map", cancellationToken);
        if (resolved is AudienceResult.Refused refused)
        {
            return refused.Answer;
        }

        var audience = ((AudienceResult.Allowed)resolved).Audience;

        // The map of the teams asked about (each team may run its own); several maps are drawn one team at a time.
        if (audience.MapIn(context.Maps, "map for") is not AudienceMap.One { Map: var map })
        {
            return ((AudienceMap.Several)audience.MapIn(context.Maps, "map for")).Answer;
        }

        var chart = await pictures.BuildAsync(map, audience.Scope, audience.Label, context.Now, cancellationToken);
        var image = await charts.PublishAsync(chart, cancellationToken);
        return Render(chart, map.Stages.Count, image);
    }

    internal static BotAnswer Render(MapChart chart, int stageCount, CardImage? image)
    {
        var lines = chart.Stages.Select((s, i) =>
        {
            var line = new StringBuilder($"{i + 1}. {s.Name} ({s.Owner}{(s.Won ? ", won" : string.Empty)}): {s.OpenLine}");
            if (s.HealthLine is { } health)
            {
                line.Append(" · ").Append(health);
            }

            if (chart.Arrows.FirstOrDefault(a => a.From == s.Id && !a.Branch) is { } next)
            {
                var to = chart.Stages.FirstOrDefault(t => t.Id == next.To)?.Name ?? next.To;
                line.Append(" · → ").Append(to).Append(next.Label is { } rate ? $" {rate}" : string.Empty);
            }

            foreach (var branch in s.Branches)
            {
                line.Append(" · ").Append(branch);
            }

            foreach (var back in chart.Arrows.Where(a => a.From == s.Id && a.Branch))
            {
                line.Append(" · ").Append(back.Label).Append(" → ").Append(chart.Stages.FirstOrDefault(t => t.Id == back.To)?.Name ?? back.To);
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
            Body = image is null ? [] : [$"{stageCount} stages; the numbers are in the picture and under \"Stages\"."],
            Image = image,
            Sections = [new("Stages", [.. lines.Select(l => new CardLine(l))]), .. outcomes.Count > 0 ? new[] { new CardSection("Outcomes", [.. outcomes.Select(l => new CardLine(l))]) } : []],
        });
    }
}
