using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Host.Tests.Cli;

/// <summary>
/// Issue 15, points 4 and 6, through the <c>ask</c> verb over the real Core and Data (SQLite, demo data, the shipped
/// map): every branch of the map by its words, the reason asked before a no closes, reopening, snoozes.
/// </summary>
public sealed class AskBranchesTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private DemoAskHost _host = null!;

    public async Task InitializeAsync() => _host = await DemoAskHost.StartAsync(_clock);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> AskAsync(string text, string email = "dana@example.com")
    {
        var (_, stdout, _) = await _host.AskAsync([text, "--as", email]);
        return stdout;
    }

    private async Task<DealView> DealAsync(string externalId)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IDealStore>().FindByExternalIdAsync(externalId, CancellationToken.None))!;
    }

    [Fact]
    public async Task Ask_DealIsNotAFit_FollowsTheStagesBranchToLost()
    {
        // Duff Brewery (#1021, Sam's) is a marketing qualified lead; the map sends "not-a-fit" there to lost.
        var answer = await AskAsync("Duff Brewery is not a fit", "sam@example.com");

        var deal = (await DealAsync("1021")).Deal;
        Assert.Equal((DealStatus.Lost, "not-a-fit"), (deal.Status, deal.LostReason));
        Assert.Contains("reopen #1021", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_NotNowAndDisqualified_FollowTheirBranches()
    {
        await AskAsync("Globex renewal is not now");
        await AskAsync("Tailwind is disqualified");

        Assert.Equal(DealStatus.Nurture, (await DealAsync("1003")).Deal.Status);
        Assert.Equal((DealStatus.Lost, "disqualified"), ((await DealAsync("1010")).Deal.Status, (await DealAsync("1010")).Deal.LostReason));
    }

    [Fact]
    public async Task Ask_UnknownBranch_NamesTheBranchesAndChangesNothing()
    {
        var before = (await DealAsync("1003")).Deal.StageVersion;

        var answer = await AskAsync("Globex renewal is not on the shortlist");

        Assert.Contains("Proposal / quote has no branch for \"not on the shortlist\"", answer, StringComparison.Ordinal);
        Assert.Contains("\"buyer says no\" → lost; \"not now\" → nurture", answer, StringComparison.Ordinal);
        var deal = (await DealAsync("1003")).Deal;
        Assert.Equal((DealStatus.Open, before), (deal.Status, deal.StageVersion));
    }

    [Fact]
    public async Task Ask_SaidNo_AsksWhyThenClosesAndTheCloserReopens()
    {
        var asked = await AskAsync("#1003 said no");
        Assert.Contains("Why did Globex renewal say no?", asked, StringComparison.Ordinal);
        Assert.Equal(DealStatus.Open, (await DealAsync("1003")).Deal.Status);

        await AskAsync("#1003 said no because competitor");
        var closed = (await DealAsync("1003")).Deal;
        Assert.Equal((DealStatus.Lost, "competitor"), (closed.Status, closed.LostReason));

        _clock.Advance(TimeSpan.FromMinutes(5));
        await AskAsync("reopen #1003");
        var reopened = (await DealAsync("1003")).Deal;
        Assert.Equal((DealStatus.Open, "proposal", null), (reopened.Status, reopened.StageId.Value, reopened.LostReason));
    }

    [Fact]
    public async Task Ask_Snooze_RecordedUntilTheDayWithReasonAndUnsnoozed()
    {
        var answer = await AskAsync("snooze #1010 until Monday because the buyer is on leave");

        Assert.Contains("Snoozed Tailwind Traders until Mon 30 Nov 2026 (the buyer is on leave)", answer, StringComparison.Ordinal);
        // EMEA's day: Monday starts at midnight in Berlin.
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.FromHours(1)), (await DealAsync("1010")).SnoozedUntil);

        await AskAsync("unsnooze tailwind");
        Assert.Null((await DealAsync("1010")).SnoozedUntil);
    }

    [Theory]
    [InlineData("snooze #1010 45 days", "dana@example.com", "at most 30 days")]
    [InlineData("snooze #1010 3 days", "sam@example.com", "Only Dana Demo (the owner) or a manager of EMEA")]
    public async Task Ask_SnoozeRefused_NothingStored(string text, string email, string expected)
    {
        var answer = await AskAsync(text, email);

        Assert.Contains(expected, answer, StringComparison.Ordinal);
        Assert.Null((await DealAsync("1010")).SnoozedUntil);
    }
}
