using System.Xml.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Host.Cli;

namespace SalesCoachBot.Host.Tests.Cli;

/// <summary>The <c>map</c> verb as the command line runs it: arguments in, stdout / stderr / exit code out.</summary>
public sealed class MapVerbTests : IDisposable
{
    private const string SmallMap = """
        name: Small SaaS
        version: 2
        start: qualify
        stages:
          - id: qualify
            name: Qualify
            owner: sales
            entry: A first call with the buyer is on the calendar.
            activities: Qualify on pain, budget and timeline.
            stallAfterDays: 10
            checklist:
              - { id: pain-written, text: "Buyer's problem written down", required: true }
            next: signed
            branches:
              - { when: buyer-says-no, to: nurture }
          - id: signed
            name: Signed
            owner: sales
            entry: Both sides signed the contract.
            activities: Hand over to implementation.
            stallAfterDays: 30
            checklist:
              - { id: contract-stored, text: "Signed contract stored with the deal", required: true }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("scb-mapverb-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string yaml, string name = "map.yaml")
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    private Task<int> Run(IServiceProvider services, params string[] args) =>
        CliVerbs.RunAsync(services, "map", args, new CliContext(_out, _err), CancellationToken.None);

    private Task<int> Run(params string[] args) => Run(Services(), args);

    private static ServiceProvider Services(Action<IServiceCollection>? more = null, string? mapPath = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ProcessMap:Path"] = mapPath, ["ProcessMap:Watch"] = "false" })
            .Build();
        var services = new ServiceCollection().AddLogging();
        more?.Invoke(services);
        services.AddProcessMaps(configuration);
        services.AddCliVerbs();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Lint_CleanMap_PrintsNothingToStdoutAndExitsZero()
    {
        var path = Write(SmallMap);

        var code = await Run("lint", path);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, _out.ToString());
        Assert.Contains("ok (2 stages)", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_MapWithErrorsAndWarnings_PrintsCompilerStyleLinesAndExitsOne()
    {
        var path = Write(SmallMap
            .Replace("next: signed", "next: sgned", StringComparison.Ordinal)
            .Replace("\"Signed contract stored with the deal\"", "\"Follow up\"", StringComparison.Ordinal));

        var code = await Run("lint", path);

        Assert.Equal(1, code);
        var lines = _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                $"{path}:13:11: error: 'next' of stage 'qualify' names unknown stage 'sgned' (did you mean 'signed'?)",
                $"{path}:23:38: warning: checklist item 'contract-stored' is vague or not actionable (\"follow up\"): name a result someone can confirm, e.g. \"Pricing call booked with the CFO\"",
            ],
            lines);
        Assert.Contains("1 error, 1 warning", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_WarningsOnly_ExitsZero()
    {
        var path = Write(SmallMap.Replace("    entry: Both sides signed the contract.\n", string.Empty, StringComparison.Ordinal));

        var code = await Run("lint", path);

        Assert.Equal(0, code);
        Assert.Contains(": warning: stage 'signed' has no 'entry' definition", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_ShippedDefaultMapFile_HasOnlyTheJustifiedStageCountWarning()
    {
        var path = Write(ProcessMapLoader.DefaultYaml);

        Assert.Equal(0, await Run("lint", path));
        Assert.Equal(
            $"{path}:22:3: warning: the map has 14 stages: keep 12 or fewer, merge steps nobody tracks separately or start the map later (start: sales-engagement)",
            _out.ToString().Trim());
    }

    [Theory]
    [InlineData("lint")]
    [InlineData("lint", "a.yaml", "b.yaml")]
    [InlineData("draw")]
    [InlineData("show", "--format", "png")]
    [InlineData("show", "--colour", "red")]
    public async Task Run_BadArguments_IsAUsageErrorWithExitTwo(params string[] args)
    {
        Assert.Equal(2, await Run(args));
        Assert.Contains("usage: map lint FILE", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_LanguageWithoutPng_SaysHowToGetTheArabicPicture()
    {
        // An admin's first try at the Arabic map: the refusal gives the whole option set that works and why the others don't.
        Assert.Equal(2, await Run("show", "--language", "ar"));

        Assert.StartsWith(
            "--language goes with --format png -o FILE: mermaid and svg are written in the map's own language",
            _err.ToString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_FileAsMermaid_DrawsTheFlowchartWithoutCountsWhenNoDatabase()
    {
        var path = Write(SmallMap);

        var code = await Run("show", path);

        Assert.Equal(0, code);
        var text = _out.ToString();
        Assert.StartsWith("%% Small SaaS (version 2)", text, StringComparison.Ordinal);
        Assert.Contains("s_qualify --> s_signed", text, StringComparison.Ordinal);
        Assert.Contains("s_qualify -. \"buyer-says-no\" .-> s_nurture", text, StringComparison.Ordinal);
        Assert.DoesNotContain("open deal", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_NoFile_DrawsTheConfiguredMap()
    {
        var path = Write(SmallMap);

        var code = await Run(Services(mapPath: path), "show");

        Assert.Equal(0, code);
        Assert.Contains("Small SaaS", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_NoFileNoConfiguration_DrawsTheShippedMap()
    {
        Assert.Equal(0, await Run("show"));
        Assert.Contains("s_brand_awareness --> s_brand_engagement", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_WithDealStoreAndTeam_ShowsThatTeamsOpenDealsPerStage()
    {
        var deals = new Mock<IDealStore>();
        deals.Setup(d => d.CountOpenByStageAsync(7, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, int> { ["qualify"] = 3 });
        var directory = new Mock<IDirectoryStore>();
        directory.Setup(d => d.FindTeamByNameAsync("emea", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SalesTeam { Id = 7, Name = "EMEA" });
        using var services = Services(s => s.AddSingleton(deals.Object).AddSingleton(directory.Object));
        var path = Write(SmallMap);

        var code = await Run(services, "show", path, "--team", "emea");

        Assert.Equal(0, code);
        Assert.Contains("<br/>3 open deals\"]", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("<br/>0 open deals\"]", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_UnknownTeam_ExitsOneNamingIt()
    {
        var directory = new Mock<IDirectoryStore>();
        using var services = Services(s => s.AddSingleton(Mock.Of<IDealStore>()).AddSingleton(directory.Object));

        var code = await Run(services, "show", "--team", "Atlantis");

        Assert.Equal(1, code);
        Assert.Contains("no sales team named 'Atlantis'", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_SvgToFile_WritesAWellFormedSvg()
    {
        var path = Write(SmallMap);
        var output = Path.Combine(_dir, "map.svg");

        var code = await Run("show", path, "--format", "svg", "-o", output);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, _out.ToString());
        var svg = XDocument.Load(output);
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Contains(svg.Descendants(), e => e.Value == "Qualify");
    }

    [Fact]
    public async Task Show_PngToFile_WritesTheSamePictureAsChat()
    {
        var output = Path.Combine(_dir, "map.png");
        using var services = Services(s => s.AddSingleton<Host.Charts.ChartRenderer>().AddSingleton<Host.Charts.BarChartRenderer>()
            .AddSingleton<Host.Charts.FunnelChartRenderer>().AddSingleton<Host.Charts.MapChartRenderer>());

        var code = await Run(services, "show", "--format", "png", "-o", output);

        Assert.Equal(0, code);
        using var bitmap = SkiaSharp.SKBitmap.Decode(output);
        Assert.Equal((1212, 1114), (bitmap.Width, bitmap.Height));
        Assert.Contains("map show: wrote", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_InvalidFile_PrintsErrorsToStderrAndExitsOne()
    {
        var path = Write("name: broken\nstages: []\n");

        var code = await Run("show", path);

        Assert.Equal(1, code);
        Assert.Contains($"{path}:2:9: error: the map has no stages", _err.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, _out.ToString());
    }

    [Fact]
    public void NeedsDatabase_OnlyForShowWithCounts()
    {
        Assert.False(MapVerb.NeedsDatabase(["lint", "x.yaml"]));
        Assert.True(MapVerb.NeedsDatabase(["show"]));
        Assert.False(MapVerb.NeedsDatabase(["show", "--no-counts"]));
    }

    private static DealView Open(string externalId, string name, string stage) =>
        new(new Deal { ExternalId = externalId, Name = name, StageId = new StageId(stage), TeamId = 7 }, "Rita", "rita@example.com", "EMEA", null, []);

    private static ServiceProvider WithDeals(params DealView[] open)
    {
        var deals = new Mock<IDealStore>();
        deals.Setup(d => d.ListOpenAsync(It.Is<IReadOnlyCollection<long>>(ids => ids.SequenceEqual(new long[] { 7 })), It.IsAny<CancellationToken>()))
            .ReturnsAsync(open);
        deals.Setup(d => d.ListNamesAsync(It.IsAny<IReadOnlyCollection<long>>(), It.IsAny<CancellationToken>())).ReturnsAsync([]); // no nurtured deals
        var directory = new Mock<IDirectoryStore>();
        directory.Setup(d => d.ListTeamsAsync(It.IsAny<CancellationToken>())).ReturnsAsync([new SalesTeam { Id = 7, Name = "EMEA" }]);
        return Services(s => s.AddSingleton(deals.Object).AddSingleton(directory.Object));
    }

    [Fact]
    public async Task Diff_StageReplaced_NamesTheChangeAndTheDealsThatWouldMove()
    {
        var before = Write(SmallMap, "live.yaml");
        var after = Write(SmallMap.Replace("version: 2", "version: 3", StringComparison.Ordinal)
            .Replace("start: qualify", "start: discovery", StringComparison.Ordinal)
            .Replace("  - id: qualify\n    name: Qualify\n", "  - id: discovery\n    name: Discovery\n    replaces: [qualify]\n", StringComparison.Ordinal), "next.yaml");
        using var services = WithDeals(Open("1042", "Acme renewal", "qualify"), Open("1043", "Globex", "signed"));

        var code = await Run(services, "diff", before, after);

        Assert.Equal(0, code);
        Assert.Equal(
            [
                "Small SaaS v2 → Small SaaS v3",
                "~ stage qualify replaced by discovery (Discovery): its deals move there",
                "2 open deals of map 'default' (1 team): 1 would move, 0 would be stranded",
                "  move 1042 \"Acme renewal\" qualify → discovery",
            ],
            _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Diff_StageRemovedWithDeals_ExitsOneNamingTheStrandedDeals()
    {
        var before = Write(SmallMap, "live.yaml");
        var after = Write(SmallMap.Replace("start: qualify", "start: discovery", StringComparison.Ordinal)
            .Replace("  - id: qualify\n    name: Qualify\n", "  - id: discovery\n    name: Discovery\n", StringComparison.Ordinal), "next.yaml");
        using var services = WithDeals(Open("1042", "Acme renewal", "qualify"));

        var code = await Run(services, "diff", before, after);

        Assert.Equal(1, code);
        var lines = _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("- stage qualify (Qualify) removed, nothing replaces it: deals in it would be stranded", lines);
        Assert.Contains("+ stage discovery (Discovery) added", lines);
        Assert.Contains("  stranded 1042 \"Acme renewal\" in qualify: the change would be refused", lines);
    }
}
