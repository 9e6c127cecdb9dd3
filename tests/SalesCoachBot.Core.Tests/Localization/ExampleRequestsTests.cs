using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>
/// The requests a refusal offers as an example ("I don't know a team called X … For example: «خط المبيعات لفريق emea آخر
/// 90 يومًا»") are written in the reader's language, and the bot reads each one as the request it stands for.
/// </summary>
public sealed class ExampleRequestsTests
{
    private static readonly CommandParser Parser = new();

    /// <summary>The request read, whichever language it was written in (the language is compared apart).</summary>
    private static ChatCommand Read(string text) => Parser.Parse(text) with { Language = LanguagePack.English.Code };

    private static Phrases In(string language) => ReplyTexts.Shared.In(language == "ar" ? ReplyLanguage.Arabic : ReplyLanguage.English);

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public void PipelineExamples_ReadAsThePipeline(string language)
    {
        var say = In(language);

        Assert.Equal(new PipelineCommand(null, null), Read(say.Pipeline("Example.Pipeline")));
        Assert.Equal(new PipelineCommand("emea", null), Read(say.Pipeline("Example.Pipeline.Team", "emea")));
        Assert.Equal(new PipelineCommand("emea", 90), Read(say.Pipeline("Example.Pipeline.TeamWindow", "emea")));
        Assert.Equal(new PipelineCommand(null, 180), Read(say.Pipeline("Example.Pipeline.LongWindow")));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public void QuotaExamples_ReadAsTheirRequests(string language)
    {
        var say = In(language);

        var set = Assert.IsType<SetQuotaCommand>(Read(say.Pipeline("Example.SetQuota", "EMEA")));
        Assert.Equal("EMEA", set.TeamName);
        Assert.Equal(new QuotaProgressCommand(), Read(say.Pipeline("Example.QuotaProgress")));
        Assert.Equal("EMEA", Assert.IsType<QuotaProgressCommand>(Read(say.Pipeline("Example.QuotaProgress.Team", "EMEA"))).TeamName);
        Assert.Equal("EMEA", Assert.IsType<ReverseFunnelCommand>(Read(say.Pipeline("Example.QuotaFunnel.Team", "EMEA"))).TeamName);
    }

    [Theory]
    [InlineData("en", "Lost", true)]
    [InlineData("en", "Won", false)]
    [InlineData("ar", "Lost", true)]
    [InlineData("ar", "Won", false)]
    public void WonAndLostExamples_ReadAsTheList(string language, string kind, bool lost)
    {
        var say = In(language);

        var plain = Assert.IsType<ClosedDealsCommand>(Read(say.Pipeline($"Example.{kind}")));
        var forTeam = Assert.IsType<ClosedDealsCommand>(Read(say.Pipeline($"Example.{kind}.TeamLastQuarter", "emea")));
        var window = Assert.IsType<ClosedDealsCommand>(Read(say.Pipeline($"Example.{kind}.Window")));
        var longWindow = Assert.IsType<ClosedDealsCommand>(Read(say.Pipeline($"Example.{kind}.LongWindow")));

        Assert.Equal((lost, null), (plain.Lost, plain.TeamName));
        Assert.Equal((lost, "emea", true), (forTeam.Lost, forTeam.TeamName?.ToLowerInvariant(), forTeam.Period?.Previous));
        Assert.Equal((lost, 90), (window.Lost, window.WindowDays));
        Assert.Equal((lost, 180), (longWindow.Lost, longWindow.WindowDays));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public void MapFunnelAndStalledExamples_ReadAsTheirRequests(string language)
    {
        var say = In(language);

        Assert.Equal(new ShowMapCommand(null), Read(say.Pipeline("Example.Map")));
        Assert.Equal("emea", Assert.IsType<ShowMapCommand>(Read(say.Pipeline("Example.Map.Team", "emea"))).TeamName?.ToLowerInvariant());
        // The funnel examples repeat the amount the person typed.
        var amount = language == "ar" ? "2 مليون" : "2M";
        Assert.Null(Assert.IsType<ReverseFunnelCommand>(Read(say.Pipeline("Example.Funnel", amount))).TeamName);
        Assert.Equal("emea", Assert.IsType<ReverseFunnelCommand>(Read(say.Pipeline("Example.Funnel.Team", amount, "emea"))).TeamName?.ToLowerInvariant());
        Assert.Equal(new StalledCommand(null), Read(say.Lists("Example.Stalled")));
        Assert.Equal("emea", Assert.IsType<StalledCommand>(Read(say.Lists("Example.Stalled.Team", "EMEA"))).TeamName?.ToLowerInvariant());
        Assert.True(Assert.IsType<MyDealsCommand>(Read(say.Lists("Example.MyDeals"))).Mine);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public void BindExample_ReadAsBindingTheChannel(string language)
    {
        var bind = Assert.IsType<UseChannelForNudgesCommand>(Read(In(language).Nudges("Example.Bind", "EMEA")));

        Assert.Equal("emea", bind.TeamName.ToLowerInvariant());
    }
}
