using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Localization;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>A picture an answer carries: what to draw, channel- and library-neutral. The host renders it.</summary>
public abstract record Chart(string Title)
{
    /// <summary>The language the labels are written in; an Arabic picture is laid out right to left (ADR 0023).</summary>
    public ReplyLanguage Language { get; init; } = ReplyLanguage.English;

    /// <summary>The chart said in words, for screen readers and when images do not load.</summary>
    public abstract string AltText { get; }
}

/// <summary>A horizontal bar chart: one bar per stage, longest first in the funnel's order.</summary>
public sealed record BarChart(string Title, IReadOnlyList<ChartBar> Bars) : Chart(Title)
{
    public override string AltText => $"{Title}: " + string.Join(", ", Bars.Select(b => $"{b.Label} {b.ValueLabel}")) + ".";
}

public sealed record ChartBar(string Label, double Value, string ValueLabel);

/// <summary>
/// The pipeline as a funnel: one band per stage, its width the stage's open deals, with the count, the amount and the
/// conversion from the band above (<see cref="FunnelStep.ConversionLabel"/>, empty when nothing was measured).
/// </summary>
public sealed record FunnelChart(string Title, string Subtitle, IReadOnlyList<FunnelStep> Steps) : Chart(Title)
{
    public override string AltText
    {
        get
        {
            // Said in the chart's language, like its labels.
            var say = ReplyTexts.Shared.In(Language);
            return say.Pipeline("Chart.Alt", Title, string.Join(say.Pipeline("Separator.Strong"), Steps.Select(s =>
                // The counted noun («صفقتان مفتوحتان»), as the map's boxes say it: «2 مفتوحة» was an adjective beside a digit.
                say.Pipeline("Chart.Alt.Step", s.Label, say.Count(Phrases.Area.Charts, "Stage.Open", s.Count)) +
                (s.AmountLabel.Length > 0 ? say.Pipeline("Chart.Alt.Amount", s.AmountLabel) : string.Empty) +
                (s.ConversionLabel is { Length: > 0 } c ? say.Pipeline("Chart.Alt.Conversion", c) : string.Empty))));
        }
    }
}

public sealed record FunnelStep(string Label, int Count, string AmountLabel, string? ConversionLabel);

/// <summary>
/// The process map as a flowchart with live numbers: every stage with its owner, open deals and amount, stalled count
/// and median days in stage; the <c>next</c> arrows labelled with the observed conversion; the branches with where
/// they lead and how many deals took them.
/// </summary>
public sealed record MapChart(
    string Title,
    string Subtitle,
    IReadOnlyList<MapChartStage> Stages,
    IReadOnlyList<MapChartArrow> Arrows,
    IReadOnlyList<MapChartOutcome> Outcomes) : Chart(Title)
{
    public override string AltText =>
        $"{Title}: " + string.Join("; ", Stages.Select(s => $"{s.Name} ({s.OwnerName ?? s.Owner}) {s.OpenLine}")) +
        (Outcomes.Count > 0 ? "; " + string.Join("; ", Outcomes.Select(o => $"{o.Name}: {o.Detail}")) : string.Empty) + ".";
}

/// <summary>One stage box. The lines are written by Core so every channel and the command line say the same.</summary>
public sealed record MapChartStage(string Id, string Name, string Owner, string OpenLine, string? HealthLine, bool Won, bool Start)
{
    /// <summary>Branch outcomes of this stage, e.g. "no → nurture 2", shown under the numbers.</summary>
    public IReadOnlyList<string> Branches { get; init; } = [];

    /// <summary>True when the stage holds stalled deals (drawn in the warning colour).</summary>
    public bool HasStalled { get; init; }

    /// <summary>The owner as shown, in the chart's language; <see cref="Owner"/> stays the map's role (it picks the colour).</summary>
    public string? OwnerName { get; init; }
}

/// <summary>An arrow between two stages: a <c>next</c> (solid, with conversion) or a branch (dashed, with its condition).</summary>
public sealed record MapChartArrow(string From, string To, string? Label, bool Branch);

/// <summary>Nurture or lost: where the "no" branches lead, with how many deals are there.</summary>
public sealed record MapChartOutcome(string Id, string Name, string Detail);

/// <summary>
/// Turns a chart into an image a card can show: a link under the host's public URL, or an inline data URI when
/// there is no public URL and the picture is small enough. Core knows no drawing library; the host renders.
/// </summary>
public interface IChartPublisher
{
    /// <summary>Null when no picture can be shown; the text answer stands on its own.</summary>
    Task<CardImage?> PublishAsync(Chart chart, CancellationToken cancellationToken);
}

/// <summary>Used when the host registers no renderer (tests, the command line without a host): no pictures.</summary>
internal sealed class NoChartPublisher : IChartPublisher
{
    public Task<CardImage?> PublishAsync(Chart chart, CancellationToken cancellationToken) => Task.FromResult<CardImage?>(null);
}

/// <summary>
/// Rendered charts under unguessable tokens, for <c>GET /charts/{token}.png</c>. The host's store is the database, so a
/// card's picture survives a restart and is served by whichever host the request reaches.
/// </summary>
public interface IChartStore
{
    /// <summary>How long a chart is served: long enough for a card scrolled back to next month.</summary>
    static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>Keeps the PNG and returns its token: 32 lower-case hex characters (128 random bits).</summary>
    Task<string> AddAsync(byte[] png, CancellationToken cancellationToken);

    /// <summary>The PNG for a token, or null when the token is unknown or expired.</summary>
    Task<byte[]?> FindAsync(string token, CancellationToken cancellationToken);
}
