using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Host.Tests.Cli;

/// <summary>Issue 17 point 5 through <c>ask</c>: map text shown in the language the person wrote in (ADR 0021).</summary>
public sealed class AskMapLanguageTests : IAsyncLifetime
{
    private DemoAskHost _host = null!;

    public async Task InitializeAsync() => _host = await DemoAskHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> AskAsync(string text)
    {
        var (exit, stdout, _) = await _host.AskAsync([text, "--as", "dana@example.com", "--conversation", "lang"]);
        Assert.Equal(0, exit);
        return stdout;
    }

    [Fact]
    public async Task Ask_WhatsNextInArabic_ShowsTheArabicStageNameAndChecklistItems()
    {
        var english = await AskAsync("what's next for initech");
        var stage = ProcessMapLoader.Default.Stages.First(s => english.Contains($"— {s.Name}", StringComparison.Ordinal));

        var arabic = await AskAsync("ما التالي لصفقة Initech؟");

        Assert.Contains($"— {stage.NameFor("ar")}", arabic, StringComparison.Ordinal);
        Assert.DoesNotContain($"— {stage.Name}", arabic, StringComparison.Ordinal);
        Assert.All(stage.Checklist, item =>
        {
            Assert.Contains(item.TextFor("ar"), arabic, StringComparison.Ordinal);
            Assert.Contains(item.Text, english, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Ask_ShowTheMapInArabic_StagesCaptionsAndArrowsInArabic()
    {
        var english = await AskAsync("show the map");
        var arabic = await AskAsync("اعرض الخريطة");

        var map = ProcessMapLoader.Default;
        Assert.Contains($"1. {map.Stages[0].Name} (marketing): ", english, StringComparison.Ordinal);
        Assert.Contains($"1. {map.Stages[0].NameFor("ar")} (التسويق): ", arabic, StringComparison.Ordinal);
        Assert.Contains("الإصدار", arabic, StringComparison.Ordinal);
        Assert.Contains("← " + map.Stages[1].NameFor("ar"), arabic, StringComparison.Ordinal);
        Assert.Contains("→ " + map.Stages[1].Name, english, StringComparison.Ordinal);
        Assert.DoesNotContain(" open", arabic, StringComparison.Ordinal);
        Assert.DoesNotContain("median", arabic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_RepAsksForAnotherTeamsMapInArabic_RefusedInArabic()
    {
        var arabic = await AskAsync("خريطة فريق Atlantis");

        Assert.Contains("أرقام الفرق للمديرين ومسؤولي النظام", arabic, StringComparison.Ordinal);
        Assert.DoesNotContain("managers", arabic, StringComparison.OrdinalIgnoreCase);
    }
}
