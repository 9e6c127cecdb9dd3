using System.Collections.Concurrent;
using System.Text;
using SalesCoachBot.Core.Pipeline;

namespace SalesCoachBot.Host.Charts;

/// <summary>Picks the renderer for a chart's kind.</summary>
internal sealed class ChartRenderer(BarChartRenderer bars, FunnelChartRenderer funnels, MapChartRenderer maps)
{
    /// <summary>Funnel pictures kept; past this the memo starts over (a few teams' funnels, ~10 KB each).</summary>
    internal const int MaxRememberedFunnels = 64;

    // A funnel's PNG is a pure function of what the chart says (ADR 0026): the same figures asked again — the usual case
    // between two writes — reuse the bytes instead of encoding ~55 ms of CPU at zlib level 9 again. Keyed by every field
    // the renderer draws, so a changed count, amount, rate, label or language is a different picture.
    private readonly ConcurrentDictionary<string, byte[]> _funnels = new(StringComparer.Ordinal);

    public byte[] RenderPng(Chart chart) => chart switch
    {
        BarChart bar => bars.RenderPng(bar),
        FunnelChart funnel => Funnel(funnel),
        MapChart map => maps.RenderPng(map),
        _ => throw new ArgumentOutOfRangeException(nameof(chart), chart.GetType().Name, "No renderer for this chart."),
    };

    private byte[] Funnel(FunnelChart chart)
    {
        var key = Key(chart);
        if (!_funnels.TryGetValue(key, out var png))
        {
            png = funnels.RenderPng(chart);
            if (_funnels.Count >= MaxRememberedFunnels)
            {
                _funnels.Clear();
            }

            _funnels[key] = png;
        }

        return (byte[])png.Clone(); // callers own their copy
    }

    internal static string Key(FunnelChart chart)
    {
        var key = new StringBuilder().Append(chart.Language.Code).Append('\u001f').Append(chart.Language.ArabicDigits)
            .Append('\u001f').Append(chart.Title).Append('\u001f').Append(chart.Subtitle);
        foreach (var step in chart.Steps)
        {
            key.Append('\u001e').Append(step.Label).Append('\u001f').Append(step.Count).Append('\u001f')
                .Append(step.AmountLabel).Append('\u001f').Append(step.ConversionLabel is null ? "\u0000" : step.ConversionLabel);
        }

        return key.ToString();
    }
}
