using System.Text.Json.Nodes;
using SalesCoachBot.Host.Cli;

namespace SalesCoachBot.Host.Tests.Cli;

/// <summary>
/// Issue 17, points 3 and 4, through <c>ask</c>: a person whose people.csv says <c>language: ar</c> is answered in
/// Arabic, with the Latin names isolated; the card JSON says so and both renderers lay it out right to left.
/// </summary>
public sealed class AskInArabicTests : IAsyncLifetime
{
    private DemoAskHost host = null!;

    public async Task InitializeAsync() => host = await DemoAskHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private async Task ImportPeopleAsync(string csv)
    {
        var file = Path.Combine(host.Folder, "people.csv");
        await File.WriteAllTextAsync(file, csv);
        var stdout = new StringWriter();
        var exit = await CliVerbs.RunAsync(host.Services, "import", ["people", file], new CliContext(stdout, new StringWriter()), CancellationToken.None);
        Assert.Equal(0, exit);
        Assert.Contains("rejected 0", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_PersonWithLanguageAr_ArabicChecklistWithIsolatedNames()
    {
        await ImportPeopleAsync("email,name,team,role,language\ndana@example.com,Dana Demo,EMEA,rep,ar\n");

        var (exit, output, _) = await host.AskAsync("what's next for Initech", "--as", "dana@example.com");

        Assert.Equal(0, exit);
        Assert.Contains("قائمة الخروج من المرحلة:", output, StringComparison.Ordinal);
        Assert.Contains("\u2068Initech\u2069 — ", output, StringComparison.Ordinal);
        Assert.Contains("\u2068#1002\u2069", output, StringComparison.Ordinal);
        Assert.Contains("\u206827,500 EUR\u2069", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exit checklist", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskJson_PersonWithLanguageAr_CardMarkedArabic()
    {
        await ImportPeopleAsync("email,name,team,role,language\ndana@example.com,Dana Demo,EMEA,rep,ar\n");

        var (_, output, _) = await host.AskAsync("what's next for Initech", "--as", "dana@example.com", "--json");

        var card = JsonNode.Parse(output)!["card"]!;
        Assert.Equal("ar", (string?)card["language"]);
        Assert.Equal("تأكيد", (string?)card["checklist"]!["confirm"]!["label"]);
    }

    [Fact]
    public async Task Ask_LanguageEnButWritesArabic_AnsweredInArabic()
    {
        await ImportPeopleAsync("email,name,team,role,language\ndana@example.com,Dana Demo,EMEA,rep,en\n");

        var (exit, output, _) = await host.AskAsync("ما التالي لصفقة Initech", "--as", "dana@example.com");

        Assert.Equal(0, exit);
        Assert.Contains("قائمة الخروج من المرحلة:", output, StringComparison.Ordinal);
        Assert.StartsWith("\u2068Initech\u2069", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_NoLanguageAnywhere_EnglishAsBefore()
    {
        var (_, output, _) = await host.AskAsync("what's next for Initech", "--as", "dana@example.com");

        Assert.Contains("Exit checklist:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u2068", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportPeople_UnknownLanguage_RowRejectedNamingTheLanguages()
    {
        var file = Path.Combine(host.Folder, "people.csv");
        await File.WriteAllTextAsync(file, "email,name,team,role,language\ndana@example.com,Dana Demo,EMEA,rep,fr\n");
        var stdout = new StringWriter();

        var exit = await CliVerbs.RunAsync(host.Services, "import", ["people", file], new CliContext(stdout, new StringWriter()), CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("language 'fr' is not one of: en, ar", stdout.ToString(), StringComparison.Ordinal);
    }
}
