using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Testing;

/// <summary>"lost deals" as EMEA's manager sees it, built by the use case's own renderer, for both channels' goldens.</summary>
public static class ClosedDealSamples
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    public static BotAnswer Lost(Phrases say)
    {
        ClosedDealLine Deal(long id, string name, decimal? amount, string? currency, double daysAgo, string? reason, string owner) =>
            new(new DealId(id), id.ToString(System.Globalization.CultureInfo.InvariantCulture), name, amount, currency, Now.AddDays(-daysAgo), reason, 1, owner, "EMEA", null);

        IReadOnlyList<ClosedDealLine> deals =
        [
            Deal(1017, "Pied Piper", 19_000m, "USD", 1.5, "price", "Riley Rep"),
            Deal(1021, "Acme & Sons <EU>", 42_500m, "EUR", 6, "timing", "Dana Demo"),
            Deal(1024, "Lamna Healthcare", null, null, 20, "price", "Dana Demo"),
            Deal(1025, "Wonka", 8_000m, "EUR", 33, null, "Riley Rep"),
        ];
        var riyadh = TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh");
        var period = say.Language.IsRightToLeft ? "الربع 4 من 2026 حتى الآن" : "Q4 2026 so far";
        return ClosedDealsUseCase.Render(deals, lost: true, "EMEA", withOwners: true, period, _ => riyadh, _ => ProcessMapLoader.Default, say);
    }
}
