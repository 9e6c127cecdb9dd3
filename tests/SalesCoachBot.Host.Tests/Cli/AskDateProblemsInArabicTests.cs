using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core.Abstractions;

namespace SalesCoachBot.Host.Tests.Cli;

/// <summary>
/// Issue 17 point 3, the date readers' refusals: why a snooze's end or a next step's date could not be read is said in
/// the reply's language (resources Dates.* and SnoozeDates.*), through the <c>ask</c> verb over the real Core and Data.
/// </summary>
public sealed class AskDateProblemsInArabicTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private DemoAskHost _host = null!;

    public async Task InitializeAsync() => _host = await DemoAskHost.StartAsync(_clock);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> AskAsync(string text)
    {
        var (_, stdout, _) = await _host.AskAsync([text, "--as", "dana@example.com"]);
        return stdout;
    }

    private async Task<DateTimeOffset?> SnoozedUntilAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IDealStore>().FindByExternalIdAsync("1010", CancellationToken.None))!.SnoozedUntil;
    }

    [Fact]
    public async Task Ask_ArabicSnoozeUntilAPastDay_RefusedInArabicNothingSnoozed()
    {
        var answer = await AskAsync("أجّل Tailwind لحد 2026-11-20");

        Assert.Contains("\u20682026-11-20\u2069 ليس في المستقبل.", answer, StringComparison.Ordinal);
        Assert.Contains("لم يُؤجَّل شيء", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("is not in the future", answer, StringComparison.Ordinal);
        Assert.Null(await SnoozedUntilAsync());
    }

    [Fact]
    public async Task Ask_EnglishSnoozeUntilAPastDay_RefusedInEnglish()
    {
        var answer = await AskAsync("snooze Tailwind until 2026-11-20");

        Assert.Contains("2026-11-20 is not in the future. Nothing was snoozed.", answer, StringComparison.Ordinal);
        Assert.Null(await SnoozedUntilAsync());
    }

    [Fact]
    public async Task Ask_EnglishNextStepOnNoSuchDay_RefusedNamingTheDate()
    {
        var answer = await AskAsync("next step for Tailwind: send pricing on 2026-02-30");

        Assert.Contains("\"2026-02-30\" is not a date: there is no such day.", answer, StringComparison.Ordinal);
        Assert.Contains("Nothing was stored.", answer, StringComparison.Ordinal);
    }
}
