using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Tests.ProcessMaps;

/// <summary>
/// A map file may leave out <c>name</c> (a warning, not an error). Replies then call it what the reader's language calls a
/// process map, from the resources; the logs and <c>map</c> tools keep the English "Process map" they always printed.
/// </summary>
public sealed class UnnamedMapTests
{
    private static readonly Phrases Arabic = ReplyTexts.Shared.In(ReplyLanguage.Arabic);

    private static readonly ProcessMap Unnamed =
        ProcessMapLoader.Parse(TestMaps.Small.Replace("name: Small SaaS\n", string.Empty, StringComparison.Ordinal)).Map!;

    private static MapRefusal Refusal(ProcessMap kept) =>
        new("m.yaml", kept, ProcessMapReloadOutcome.Invalid, [MapDiagnostic.Error(3, 1, "Map.NoStages")], []);

    [Fact]
    public void Parse_NoName_EnglishStandInForLogsAndTools()
    {
        Assert.False(Unnamed.IsNamed);
        Assert.Equal("Process map", Unnamed.Name);
        Assert.True(ProcessMapLoader.Parse(TestMaps.Small).Map!.IsNamed);
    }

    [Fact]
    public void RefusalNotice_ArabicAdmin_UnnamedKeptMapInArabic()
    {
        var text = ProcessMapEvents.Text(Refusal(Unnamed), Arabic);

        Assert.EndsWith("تبقى خريطة المراحل، النسخة 2، سارية.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Process map", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusalNotice_EnglishAdmin_UnnamedKeptMapAsBefore()
    {
        Assert.EndsWith("Process map version 2 stays in force.", ProcessMapEvents.Text(Refusal(Unnamed)), StringComparison.Ordinal);
    }

    [Fact]
    public void RefusalNotice_NamedKeptMap_NameAsWritten()
    {
        var kept = ProcessMapLoader.Parse(TestMaps.Small).Map!;

        Assert.Contains("Small SaaS", ProcessMapEvents.Text(Refusal(kept), Arabic), StringComparison.Ordinal);
    }

    [Fact]
    public void MapPicture_ArabicReader_UnnamedMapTitledInArabic()
    {
        var chart = MapChartBuilder.Empty(Unnamed, DateTimeOffset.Parse("2026-12-05T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture), Arabic);

        Assert.StartsWith("خريطة المراحل", chart.Title, StringComparison.Ordinal);
        Assert.Equal("Process map · version 2", MapChartBuilder.Empty(Unnamed, DateTimeOffset.UnixEpoch).Title);
    }
}
