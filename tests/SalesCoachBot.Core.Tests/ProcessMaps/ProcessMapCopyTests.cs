using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.ProcessMaps;

/// <summary>A map copied with <c>with</c> answers from its own stages, not from the lookups of the map it was copied from.</summary>
public sealed class ProcessMapCopyTests
{
    private static readonly ProcessMap Map = MapBuilder.ThreeStages();

    [Fact]
    public void With_NewStages_FindsTheNewStagesOnly()
    {
        Assert.Equal(["discovery", "demo", "contract-signed"], Map.OrderedStages().Select(s => s.Id.Value));
        var renamed = Map.Stages[1] with { Id = new StageId("product-demo") };
        var discovery = Map.Stages[0] with { Next = renamed.Id };

        var copy = Map with { Stages = [discovery, renamed, Map.Stages[2]] };

        Assert.Same(renamed, copy.FindStage(new StageId("product-demo")));
        Assert.Null(copy.FindStage(new StageId("demo")));
        Assert.Equal(["discovery", "product-demo", "contract-signed"], copy.OrderedStages().Select(s => s.Id.Value));
        Assert.NotNull(Map.FindStage(new StageId("demo")));
        Assert.Equal(["discovery", "demo", "contract-signed"], Map.OrderedStages().Select(s => s.Id.Value));
    }

    [Fact]
    public void With_NewStart_OrdersFromTheNewStart()
    {
        Assert.Equal("discovery", Map.OrderedStages()[0].Id.Value);

        var copy = Map with { Start = new StageId("demo") };

        Assert.Equal(["demo", "contract-signed", "discovery"], copy.OrderedStages().Select(s => s.Id.Value));
        Assert.Equal(["discovery", "demo", "contract-signed"], Map.OrderedStages().Select(s => s.Id.Value));
    }
}
