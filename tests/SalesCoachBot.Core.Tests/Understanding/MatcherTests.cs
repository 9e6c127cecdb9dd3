using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Understanding;
using static SalesCoachBot.Core.Tests.Understanding.UnderstandingTestData;

namespace SalesCoachBot.Core.Tests.Understanding;

public sealed class StageMatcherTests
{
    private readonly StageMatcher _matcher = new();

    [Theory]
    [InlineData("SQL", "sql")]
    [InlineData("mql", "mql")]
    [InlineData("discovery", "discovery")]
    [InlineData("needs analysis", "discovery")]
    [InlineData("the demo stage", "demo")]
    [InlineData("contract", "contract-signed")]
    [InlineData("go-live", "go-live")]
    [InlineData("go live", "go-live")]
    [InlineData("Go Live", "go-live")]
    [InlineData("quote", "proposal")]
    [InlineData("discovrey", "discovery")]
    [InlineData("implmentation", "implementation")]
    [InlineData("sales qualified lead", "sql")]
    [InlineData("verbal-agreement", "verbal-agreement")]
    public void Match_IdNameInitialsOrTypo_FindsStage(string text, string stageId)
    {
        var found = Assert.IsType<StageMatch.Found>(_matcher.Match(Map, text));

        Assert.Equal(stageId, found.Stage.Id.Value);
    }

    [Theory]
    [InlineData("won")]
    [InlineData("Closed Won")]
    [InlineData("the won stage")]
    [InlineData("مكسوبة")]
    [InlineData("المكسوبة")]
    public void Match_Won_TheStageTheMapCountsAsWon(string text)
    {
        var ours = Assert.IsType<StageMatch.Found>(_matcher.Match(Map, text));
        var another = Assert.IsType<StageMatch.Found>(_matcher.Match(Map with { Won = new StageId("go-live") }, text));

        Assert.Equal((Map.Won.Value, "go-live"), (ours.Stage.Id.Value, another.Stage.Id.Value));
    }

    [Fact]
    public void Match_WordSharedByStages_IsAmbiguous()
    {
        var ambiguous = Assert.IsType<StageMatch.Ambiguous>(_matcher.Match(Map, "customer"));

        Assert.Equal(["existing-customer", "new-customer"], ambiguous.Candidates.Select(s => s.Id.Value).Order());
    }

    [Fact]
    public void Match_Unknown_IsNotFound()
    {
        Assert.IsType<StageMatch.NotFound>(_matcher.Match(Map, "banana"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\U0001F680")]
    public void Match_EmptyOrEmoji_IsNotFoundWithoutClosest(string text)
    {
        Assert.Equal(new StageMatch.NotFound(null), _matcher.Match(Map, text));
    }
}

public sealed class ChecklistItemMatcherTests
{
    private readonly ChecklistItemMatcher _matcher = new();
    private static readonly Stage Discovery = Map.GetStage(new StageId("discovery"));

    [Theory]
    [InlineData("requirements listed", "requirements-listed")]
    [InlineData("demo-booked", "demo-booked")]
    [InlineData("demo booked", "demo-booked")]
    [InlineData("champion", "champion-named")]
    [InlineData("2", "demo-booked")]
    [InlineData("#3", "champion-named")]
    [InlineData("requirments", "requirements-listed")]
    [InlineData("Requirements Listed!", "requirements-listed")]
    public void Match_WordsIdOrPosition_FindsItem(string text, string itemId)
    {
        var found = Assert.IsType<ItemMatch.Found>(_matcher.Match(Discovery, text));

        Assert.Equal(itemId, found.Item.Id.Value);
    }

    [Fact]
    public void Match_WordInSeveralItems_IsAmbiguous()
    {
        var demo = Map.GetStage(new StageId("demo"));
        var stage = demo with { Checklist = [.. demo.Checklist, new ChecklistItem(new ChecklistItemId("demo-recorded"), "demo recorded", false)] };

        Assert.IsType<ItemMatch.Ambiguous>(_matcher.Match(stage, "demo"));
    }

    [Fact]
    public void Match_NotInStage_SuggestsOpenItems()
    {
        var notFound = Assert.IsType<ItemMatch.NotFound>(
            _matcher.Match(Discovery, "contract signed", [new ChecklistItemId("requirements-listed")]));

        Assert.Equal(["demo-booked", "champion-named"], notFound.OpenItems.Select(i => i.Id.Value));
    }

    [Theory]
    [InlineData("9")]
    [InlineData("0")]
    [InlineData("")]
    public void Match_PositionOutOfRangeOrEmpty_IsNotFound(string text)
    {
        Assert.IsType<ItemMatch.NotFound>(_matcher.Match(Discovery, text));
    }
}

/// <summary>A map that writes its stages and items in Arabic too is matched in Arabic words, as an Arabic rep types them.</summary>
public sealed class ArabicMapTextMatchingTests
{
    private static readonly ProcessMap Shipped = ProcessMapLoader.Default;

    [Theory]
    [InlineData("قائمة المتطلبات", "discovery", "requirements-listed")]
    [InlineData("مناصر داخلي", "discovery", "champion-named")]
    [InlineData("موعد العرض", "discovery", "demo-booked")]
    [InlineData("العقد الموقع", "contract-signed", "signed-copy-stored")]
    [InlineData("اجتماع الانطلاق", "contract-signed", "kickoff-held")]
    public void Item_ArabicWordsOfItsText_FindsItem(string text, string stage, string itemId)
    {
        var found = Assert.IsType<ItemMatch.Found>(new ChecklistItemMatcher().Match(Shipped.GetStage(new StageId(stage)), text));

        Assert.Equal(itemId, found.Item.Id.Value);
    }

    [Theory]
    [InlineData("الاستكشاف", "discovery")]
    [InlineData("الموافقة الشفهية", "verbal-agreement")]
    [InlineData("التواصل البيعي", "sales-engagement")]
    public void Stage_ArabicNameInTheMap_FindsStage(string text, string stageId)
    {
        var found = Assert.IsType<StageMatch.Found>(new StageMatcher().Match(Shipped, text));

        Assert.Equal(stageId, found.Stage.Id.Value);
    }

    [Fact]
    public void Stage_ArabicNameNoLanguageFileKnows_FindsIt()
    {
        // No language file knows «التفاوض»: only the map's own Arabic name can.
        var shipped = Shipped.GetStage(new StageId("verbal-agreement"));
        var renamed = shipped with { NameText = LocalizedText.Of("en", new Dictionary<string, string> { ["en"] = "Verbal agreement", ["ar"] = "التفاوض" }) };
        var map = new ProcessMap(Shipped.Name, Shipped.Version, Shipped.Start, Shipped.Won, [.. Shipped.Stages.Select(s => s.Id == shipped.Id ? renamed : s)], Shipped.Outcomes);

        Assert.IsType<StageMatch.NotFound>(new StageMatcher().Match(Shipped, "التفاوض"));
        var found = Assert.IsType<StageMatch.Found>(new StageMatcher().Match(map, "التفاوض"));
        Assert.Equal("verbal-agreement", found.Stage.Id.Value);
    }
}
