using SalesCoachBot.Core.Cards;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>A horizontal bar chart: one bar per stage, longest first in the funnel's order.</summary>
public sealed record BarChart(string Title, IReadOnlyList<ChartBar> Bars)
{
    /// <summary>The chart said in words, for screen readers and when images do not load.</summary>
    public string AltText => $"{Title}: " + string.Join(", ", Bars.Select(b => $"{b.Label} {b.ValueLabel}")) + ".";
}

public sealed record ChartBar(string Label, double Value, string ValueLabel);

/// <summary>
/// Turns a chart into an image a card can show: a link under the host's public URL, or an inline data URI when
/// there is no public URL and the picture is small enough. Core knows no drawing library; the host renders.
/// </summary>
public interface IChartPublisher
{
    /// <summary>Null when no picture can be shown; the text answer stands on its own.</summary>
    Task<CardImage?> PublishAsync(BarChart chart, CancellationToken cancellationToken);
}

/// <summary>Used when the host registers no renderer (tests, the command line without a host): no pictures.</summary>
internal sealed class NoChartPublisher : IChartPublisher
{
    public Task<CardImage?> PublishAsync(BarChart chart, CancellationToken cancellationToken) => Task.FromResult<CardImage?>(null);
}
