using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Understanding;
using static SalesCoachBot.Core.Tests.Understanding.UnderstandingTestData;

namespace SalesCoachBot.Core.Tests.Understanding;

public sealed class DealResolverTests
{
    private readonly DealResolver _resolver = new();

    private DealResolution Resolve(string name, IReadOnlyList<DealNameEntry>? deals = null) =>
        _resolver.Resolve(new NameReference(name), deals ?? Deals);

    [Fact]
    public void Resolve_SharedFirstWord_IsAmbiguousWithBoth()
    {
        var ambiguous = Assert.IsType<DealResolution.Ambiguous>(Resolve("acme"));

        Assert.Equal(["1001", "1011"], ambiguous.Candidates.Select(c => c.ExternalId).Order());
    }

    [Fact]
    public void Resolve_ExactName_WinsOverLongerNameWithSameWords()
    {
        var found = Assert.IsType<DealResolution.Found>(Resolve("ACME corp."));

        Assert.Equal("1001", found.Deal.ExternalId);
    }

    [Theory]
    [InlineData("globex", "1003")]
    [InlineData("glob", "1003")]
    [InlineData("fabrikm", "1005")]
    [InlineData("nortwind", "1004")]
    [InlineData("contoso ltd", "1008")]
    [InlineData("stark ind", "1006")]
    [InlineData("Dunder-Mifflin", "1017")]
    public void Resolve_LooseName_FindsTheDeal(string text, string externalId)
    {
        var found = Assert.IsType<DealResolution.Found>(Resolve(text));

        Assert.Equal(externalId, found.Deal.ExternalId);
    }

    [Theory]
    [InlineData("Ｇｌｏｂｅｘ", "1003")]
    [InlineData("ｇｌｏｂｅｘ", "1003")]
    [InlineData("Ｃｏｎｔｏｓｏ Ｌｔｄ", "1008")]
    public void Resolve_FullWidthLatinName_FoldsToThePlainLetters(string text, string externalId)
    {
        var found = Assert.IsType<DealResolution.Found>(Resolve(text));

        Assert.Equal(externalId, found.Deal.ExternalId);
    }

    [Fact]
    public void Resolve_OpenAndClosedDealWithSameName_PrefersOpen()
    {
        var found = Assert.IsType<DealResolution.Found>(Resolve("initech"));

        Assert.Equal("1002", found.Deal.ExternalId);
    }

    [Fact]
    public void Resolve_OnlyClosedDealsFit_FindsTheClosedDeal()
    {
        var found = Assert.IsType<DealResolution.Found>(Resolve("globex pilot"));

        Assert.Equal("1026", found.Deal.ExternalId);
    }

    [Fact]
    public void Resolve_NothingClose_IsNotFoundWithoutSuggestion()
    {
        Assert.Equal(new DealResolution.NotFound(null), Resolve("zzyzx"));
    }

    [Fact]
    public void Resolve_TwoTyposAway_IsNotFoundWithClosestSuggested()
    {
        var notFound = Assert.IsType<DealResolution.NotFound>(Resolve("hoolyy"));

        Assert.Equal("1012", notFound.Closest?.ExternalId);
    }

    [Fact]
    public void Resolve_ExtraUnknownWord_SuggestsInsteadOfGuessing()
    {
        var notFound = Assert.IsType<DealResolution.NotFound>(Resolve("soylent green"));

        Assert.Equal("1013", notFound.Closest?.ExternalId);
    }

    [Theory]
    [InlineData("1005", "1005")]
    [InlineData("#1005", "1005")]
    public void Resolve_ExternalId_FindsExactly(string id, string expected)
    {
        var found = Assert.IsType<DealResolution.Found>(_resolver.Resolve(new ExternalIdReference(id), Deals));

        Assert.Equal(expected, found.Deal.ExternalId);
    }

    [Fact]
    public void Resolve_UnknownExternalId_IsNotFound()
    {
        Assert.Equal(new DealResolution.NotFound(null), _resolver.Resolve(new ExternalIdReference("9999"), Deals));
    }

    [Fact]
    public void Resolve_LinkedDealReference_IsACallerBug()
    {
        Assert.Throws<ArgumentException>(() => _resolver.Resolve(DealReference.ThisDeal, Deals));
    }

    [Fact]
    public void Resolve_TeamFilter_OnlySeesThatTeamsDeals()
    {
        using var index = new DealNameIndex([Deal(1, "Acme Corp", teamId: 1), Deal(2, "Acme Corp - EU rollout", teamId: 2)]);

        var found = Assert.IsType<DealResolution.Found>(_resolver.Resolve(new NameReference("acme"), index, new DealScope([2])));

        Assert.Equal("2", found.Deal.ExternalId);
    }

    [Theory]
    [InlineData("hooli", 7, true)]
    [InlineData("hooli", 8, false)]
    [InlineData("#2", 7, true)]
    [InlineData("2", 8, false)]
    public void Resolve_DealOfAnotherTeam_FoundOnlyByItsOwner(string typed, long person, bool found)
    {
        // Deal 2 is in team 2 and owned by person 7, who works in team 1 now.
        using var index = new DealNameIndex([Deal(1, "Acme Corp", teamId: 1), Deal(2, "Hooli platform", teamId: 2)]);
        DealReference reference = typed.StartsWith('#') ? new ExternalIdReference(typed[1..]) : new NameReference(typed);

        var resolution = _resolver.Resolve(reference, index, new DealScope([1], person));

        Assert.Equal(found, resolution is DealResolution.Found { Deal.ExternalId: "2" });
    }

    [Fact]
    public void Resolve_ManyFits_ListsAtMostMaxChoices()
    {
        var deals = Enumerable.Range(1, 40).Select(i => Deal(i, $"Acme project {i}")).ToList();

        var ambiguous = Assert.IsType<DealResolution.Ambiguous>(Resolve("acme", deals));

        Assert.Equal(DealResolver.MaxChoices, ambiguous.Candidates.Count);
    }

    [Fact]
    public void Index_UpdateAndRemove_ChangeWhatIsFound()
    {
        using var index = new DealNameIndex(Deals);
        index.AddOrUpdate(Deal(1012, "Hooli XYZ rebrand"));
        index.Remove(new DealId(1005));

        Assert.IsType<DealResolution.Found>(_resolver.Resolve(new NameReference("rebrand"), index));
        Assert.IsType<DealResolution.NotFound>(_resolver.Resolve(new NameReference("fabrikam"), index));
        Assert.Equal(Deals.Count - 1, index.Count);
    }

    [Fact]
    public void Index_ReadsWhileUpdating_StayConsistent()
    {
        using var index = new DealNameIndex(Deals);
        var reference = new NameReference("initech");

        Parallel.Invoke(
            () =>
            {
                for (var i = 0; i < 2_000; i++)
                {
                    index.AddOrUpdate(Deal(5_000 + (i % 50), $"Churn deal {i}"));
                    index.Remove(new DealId(5_000 + ((i + 25) % 50)));
                }
            },
            () =>
            {
                for (var i = 0; i < 2_000; i++)
                {
                    Assert.IsType<DealResolution.Found>(_resolver.Resolve(reference, index));
                }
            });
    }
}
