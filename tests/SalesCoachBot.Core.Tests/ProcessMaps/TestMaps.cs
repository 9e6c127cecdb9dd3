namespace SalesCoachBot.Core.Tests.ProcessMaps;

/// <summary>Small custom maps for tests, as YAML a RevOps person would write.</summary>
internal static class TestMaps
{
    /// <summary>Three stages, a back branch and both reserved outcomes; lints clean.</summary>
    public const string Small = """
        name: Small SaaS
        version: 2
        start: qualify
        won: signed
        stages:
          - id: qualify
            name: Qualify
            owner: sales
            entry: A first call with the buyer is on the calendar.
            activities: Qualify on pain, budget and timeline.
            stallAfterDays: 10
            checklist:
              - { id: pain-written, text: "Buyer's problem written down", required: true }
              - { id: budget-known, text: "Budget range recorded", required: false }
            next: demo
            branches:
              - { when: buyer-says-no, to: nurture }
          - id: demo
            name: Demo
            owner: sales-engineer
            entry: The buyer is qualified and a demo date is agreed.
            activities: Show only what the buyer asked for.
            stallAfterDays: 14
            checklist:
              - { id: demo-held, text: "Demo held with the buyer's team", required: true }
            next: signed
            branches:
              - { when: needs-unclear, to: qualify }
              - { when: buyer-says-no, to: lost }
          - id: signed
            name: Signed
            owner: sales
            entry: Both sides signed the contract.
            activities: Hand over to implementation.
            stallAfterDays: 30
            checklist:
              - { id: contract-stored, text: "Signed contract stored with the deal", required: true }
        outcomes:
          lost: { reasons: [price, timing] }
          nurture: { reengageAfterDays: 60 }
        """;

    public static string Write(string directory, string yaml, string name = "map.yaml")
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, yaml);
        return path;
    }
}

/// <summary>A temp directory removed after the test.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("scb-map-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
