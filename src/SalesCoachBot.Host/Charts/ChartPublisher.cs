using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Host.Options;

namespace SalesCoachBot.Host.Charts;

/// <summary>
/// Renders a chart and hands the card a way to show it: a <c>/charts/{token}.png</c> link under
/// <c>PublicBaseUrl</c>, or, with no public URL, a data URI when the PNG is small enough for a Teams card
/// (Slack skips data URIs; the text answer stands on its own there).
/// </summary>
internal sealed partial class ChartPublisher(
    ChartRenderer renderer, IChartStore store, IOptions<PublicOptions> options, ILogger<ChartPublisher> logger) : IChartPublisher
{
    /// <summary>Teams caps a card near 28 KB; base64 adds a third, and the card's text needs room too.</summary>
    public const int MaxInlinePngBytes = 18_000;

    public async Task<CardImage?> PublishAsync(Chart chart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var png = renderer.RenderPng(chart);
        if (options.Value.PublicBaseUrl is { } baseUrl)
        {
            var token = await store.AddAsync(png, cancellationToken);
            return new CardImage(ChartUrl(baseUrl, token), chart.AltText);
        }

        if (png.Length <= MaxInlinePngBytes)
        {
            return new CardImage("data:image/png;base64," + Convert.ToBase64String(png), chart.AltText);
        }

        LogTooLargeToInline(png.Length, MaxInlinePngBytes);
        return null;
    }

    internal static string ChartUrl(Uri baseUrl, string token)
    {
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl.AbsoluteUri : baseUrl.AbsoluteUri + "/";
        return $"{root}charts/{token}.png";
    }

    [LoggerMessage(EventId = 8101, Level = LogLevel.Information,
        Message = "Chart of {Bytes} bytes is over the {Limit}-byte inline limit and no PublicBaseUrl is set; the answer goes without a picture")]
    private partial void LogTooLargeToInline(int bytes, int limit);
}
