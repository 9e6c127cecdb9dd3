using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Tests.Fakes;

/// <summary>Builds small process maps in code for tests.</summary>
internal sealed class MapBuilder
{
    private readonly List<Stage> _stages = [];
    private string? _won;

    /// <summary>The small custom map used across the use-case tests: discovery → demo → contract-signed.</summary>
    public static ProcessMap ThreeStages() => new MapBuilder()
        .Stage("discovery", "Discovery", 14, "demo",
            [("requirements-listed", "Requirements list shared with the buyer", true), ("demo-booked", "Demo date agreed with the buyer", true), ("champion-named", "A champion is named", false)],
            saidNo: "nurture")
        .Stage("demo", "Demo", 10, "contract-signed", [("demo-held", "Demo held with the buyer's team", true)], saidNo: "lost")
        .Stage("contract-signed", "Contract signed", 30, null, [("signed-copy-stored", "Signed contract stored with the deal", true)])
        .Build();

    public MapBuilder Stage(string id, string name, int stallAfterDays, string? next, (string Id, string Text, bool Required)[] items, string? saidNo = null,
        (string When, string To)[]? branches = null, string[]? replaces = null)
    {
        _stages.Add(new Stage(
            new StageId(id), name, "sales", $"Entry of {name}.", $"Work of {name}.", stallAfterDays,
            [.. items.Select(i => new ChecklistItem(new ChecklistItemId(i.Id), i.Text, i.Required))],
            next is null ? null : new StageId(next),
            [.. (saidNo is null ? [] : new[] { new Branch(Branch.BuyerSaysNo, new BranchTarget(saidNo)) }),
                .. (branches ?? []).Select(b => new Branch(b.When, new BranchTarget(b.To)))],
            [],
            [.. (replaces ?? []).Select(r => new StageId(r))]));
        return this;
    }

    public MapBuilder Won(string id)
    {
        _won = id;
        return this;
    }

    public ProcessMap Build(int version = 1, IReadOnlyList<string>? kpis = null) =>
        new("Test map", version, _stages[0].Id, new StageId(_won ?? _stages[^1].Id.Value), _stages, MapOutcomes.Default) { Kpis = [.. (kpis ?? []).Select(k => LocalizedText.Plain(k))] };
}
