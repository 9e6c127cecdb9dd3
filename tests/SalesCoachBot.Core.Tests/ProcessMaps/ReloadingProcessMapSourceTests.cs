using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Tests.ProcessMaps;

public sealed class ReloadingProcessMapSourceTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly FakeOccupancy _deals = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>The next map the source puts in force, as announced through <see cref="ReloadingProcessMapSource.Changed"/>.</summary>
    private static Task<ProcessMap> NextAnnounced(ReloadingProcessMapSource source)
    {
        var changed = new TaskCompletionSource<ProcessMap>(TaskCreationOptions.RunContinuationsAsynchronously);
        source.Changed += map => changed.TrySetResult(map);
        return changed.Task;
    }

    private ReloadingProcessMapSource Source(string? path, bool watch = false) =>
        new(new ProcessMapOptions { Path = path, Watch = watch }, _deals, TimeProvider.System, NullLogger<ReloadingProcessMapSource>.Instance);

    [Fact]
    public void Current_NoPathConfigured_IsTheShippedMap()
    {
        using var source = Source(null);

        Assert.Equal(14, source.Current.Stages.Count);
        Assert.Equal("default-map.yaml", source.DisplayName);
    }

    [Fact]
    public void Constructor_InvalidFile_ThrowsNamingFileLineAndReason()
    {
        var path = TestMaps.Write(_dir.Path, TestMaps.Small.Replace("won: signed", "won: closed-won", StringComparison.Ordinal));

        var ex = Assert.Throws<ProcessMapInvalidException>(() => Source(path));

        Assert.Contains($"{path}:4:6: error: won 'closed-won' is not a stage", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReloadAsync_ValidChange_PutsTheNewMapInForce()
    {
        var path = TestMaps.Write(_dir.Path, TestMaps.Small);
        using var source = Source(path);
        ProcessMap? announced = null;
        source.Changed += m => announced = m;

        File.WriteAllText(path, TestMaps.Small.Replace("version: 2", "version: 3", StringComparison.Ordinal));
        var result = await source.ReloadAsync(CancellationToken.None);

        Assert.Equal(ProcessMapReloadOutcome.Applied, result.Outcome);
        Assert.Equal(3, source.Current.Version);
        Assert.Same(source.Current, announced);
    }

    [Fact]
    public async Task ReloadAsync_InvalidChange_KeepsTheLastGoodMap()
    {
        var path = TestMaps.Write(_dir.Path, TestMaps.Small);
        using var source = Source(path);
        var before = source.Current;

        File.WriteAllText(path, TestMaps.Small.Replace("next: signed", "next: sigend", StringComparison.Ordinal).Replace("version: 2", "version: 3", StringComparison.Ordinal));
        var result = await source.ReloadAsync(CancellationToken.None);

        Assert.Equal(ProcessMapReloadOutcome.Invalid, result.Outcome);
        Assert.Contains(result.Diagnostics, d => d.IsError && d.Message.Contains("unknown stage 'sigend'", StringComparison.Ordinal));
        Assert.Same(before, source.Current);
    }

    [Fact]
    public async Task ReloadAsync_RemovedStageStillHoldingDeals_IsRefusedNamingThem()
    {
        var path = TestMaps.Write(_dir.Path, TestMaps.Small);
        using var source = Source(path);
        _deals.Add("1042", "Acme renewal", "demo");
        _deals.Add("7", "Initech", "qualify");

        File.WriteAllText(path, WithoutDemo(replaces: null));
        var result = await source.ReloadAsync(CancellationToken.None);

        Assert.Equal(ProcessMapReloadOutcome.Stranded, result.Outcome);
        var stranded = Assert.Single(result.Stranded);
        Assert.Equal("1042 \"Acme renewal\" in demo", stranded.ToString());
        Assert.Contains("1042 \"Acme renewal\" in demo", ReloadingProcessMapSource.DescribeStranded(result.Stranded), StringComparison.Ordinal);
        Assert.NotNull(source.Current.FindStage(new StageId("demo")));
    }

    [Fact]
    public async Task ReloadAsync_RemovedStageListedUnderReplaces_IsApplied()
    {
        var path = TestMaps.Write(_dir.Path, TestMaps.Small);
        using var source = Source(path);
        _deals.Add("1042", "Acme renewal", "demo");

        File.WriteAllText(path, WithoutDemo(replaces: "demo"));
        var result = await source.ReloadAsync(CancellationToken.None);

        Assert.Equal(ProcessMapReloadOutcome.Applied, result.Outcome);
        Assert.Equal(new StageId("signed"), source.Current.ResolveStage(new StageId("demo"))!.Id);
    }

    [Fact]
    public async Task ReloadAsync_DealCheckFails_KeepsTheLastGoodMap()
    {
        var path = TestMaps.Write(_dir.Path, TestMaps.Small);
        using var source = Source(path);
        var before = source.Current;
        _deals.Fail = true;

        File.WriteAllText(path, WithoutDemo(replaces: null));
        var result = await source.ReloadAsync(CancellationToken.None);

        Assert.Equal(ProcessMapReloadOutcome.CheckFailed, result.Outcome);
        Assert.Same(before, source.Current);
    }

    [Fact]
    public async Task ReloadAsync_FileUnchanged_ReportsUnchanged()
    {
        var path = TestMaps.Write(_dir.Path, TestMaps.Small);
        using var source = Source(path);

        var result = await source.ReloadAsync(CancellationToken.None);

        Assert.Equal(ProcessMapReloadOutcome.Unchanged, result.Outcome);
    }

    [Fact]
    public async Task Watch_FileSavedWithANewVersion_IsReloadedWithoutACall()
    {
        var path = TestMaps.Write(_dir.Path, TestMaps.Small);
        using var source = Source(path, watch: true);
        var changed = NextAnnounced(source);

        File.WriteAllText(path, TestMaps.Small.Replace("version: 2", "version: 9", StringComparison.Ordinal));
        var announced = await changed.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(9, announced.Version);
        Assert.Same(announced, source.Current);
    }

    [Fact]
    public async Task Watch_EditorSavesByRenamingATempFileOverTheMap_IsReloaded()
    {
        var path = TestMaps.Write(_dir.Path, TestMaps.Small);
        using var source = Source(path, watch: true);
        var changed = NextAnnounced(source);

        // Another file in the folder changing (a database beside the map) is not a reason to read the map.
        File.WriteAllText(Path.Combine(_dir.Path, "salescoach.db"), "pages");
        var temp = Path.Combine(_dir.Path, ".map.yaml.swp");
        File.WriteAllText(temp, TestMaps.Small.Replace("version: 2", "version: 7", StringComparison.Ordinal));
        File.Move(temp, path, overwrite: true);
        var announced = await changed.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(7, announced.Version);
        Assert.Equal(ProcessMapReloadOutcome.Applied, source.LastReload?.Outcome);
    }

    [Fact]
    public async Task StartupCheck_OpenDealInAStageTheMapLacks_RefusesToStartNamingTheDeal()
    {
        var path = TestMaps.Write(_dir.Path, TestMaps.Small);
        var deals = new Mock<IDealStore>();
        deals.Setup(d => d.ListOpenAsync(null, It.IsAny<CancellationToken>()))
            .ReturnsAsync([DealIn("1042", "Acme", "negotiation"), DealIn("9", "Globex", "demo")]);
        using var provider = Services(path, s => s.AddSingleton(deals.Object));

        var startup = provider.GetServices<IHostedService>().Single(h => h.GetType().Name == "ProcessMapStartupCheck");
        var ex = await Assert.ThrowsAsync<ProcessMapInvalidException>(() => startup.StartAsync(CancellationToken.None));

        Assert.Contains("1042 \"Acme\" in negotiation", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Globex", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddProcessMaps_ConfiguredPath_ServesThatMapAndStartsWithoutADealStore()
    {
        var path = TestMaps.Write(_dir.Path, TestMaps.Small);
        using var provider = Services(path, _ => { });

        await provider.GetServices<IHostedService>().Single(h => h.GetType().Name == "ProcessMapStartupCheck").StartAsync(CancellationToken.None);

        Assert.Equal("Small SaaS", provider.GetRequiredService<IProcessMapSource>().Current.Name);
    }

    private static ServiceProvider Services(string path, Action<IServiceCollection> more)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ProcessMap:Path"] = path, ["ProcessMap:Watch"] = "false" })
            .Build();
        var services = new ServiceCollection().AddLogging();
        more(services);
        services.AddProcessMaps(configuration);
        return services.BuildServiceProvider();
    }

    private static DealView DealIn(string externalId, string name, string stage) =>
        new(new Deal { ExternalId = externalId, Name = name, StageId = new StageId(stage) }, "Rep", "rep@example.com", "EMEA", null, []);

    // The small map with the demo stage removed: qualify goes straight to signed.
    private static string WithoutDemo(string? replaces)
    {
        var start = TestMaps.Small.IndexOf("  - id: demo", StringComparison.Ordinal);
        var end = TestMaps.Small.IndexOf("  - id: signed", StringComparison.Ordinal);
        var yaml = TestMaps.Small.Remove(start, end - start).Replace("next: demo", "next: signed", StringComparison.Ordinal)
            .Replace("version: 2", "version: 3", StringComparison.Ordinal);
        return replaces is null
            ? yaml
            : yaml.Replace("    name: Signed\n", $"    name: Signed\n    replaces: [{replaces}]\n", StringComparison.Ordinal);
    }

    private sealed class FakeOccupancy : IStageOccupancy
    {
        private readonly List<StageOccupant> _deals = [];

        public bool Fail { get; set; }

        public void Add(string externalId, string name, string stage) => _deals.Add(new(externalId, name, new StageId(stage)));

        public Task<IReadOnlyList<StageOccupant>> FindDealsOutsideAsync(MapRef map, IReadOnlySet<string> knownStages, CancellationToken cancellationToken) =>
            Fail
                ? throw new InvalidOperationException("database unreachable")
                : Task.FromResult<IReadOnlyList<StageOccupant>>([.. _deals.Where(d => !knownStages.Contains(d.Stage.Value))]);
    }
}
