using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Host.Tests.Cli;

/// <summary>
/// "next step for DEAL: TEXT DATE" through <c>ask</c>, with the real Core and Data over SQLite seeded with the demo data
/// (Initech is in EMEA, Europe/Berlin). The clock is Friday 27 November 2026, 09:00 UTC.
/// </summary>
public sealed class NextStepAskTests : IAsyncLifetime
{
    private DemoAskHost _host = null!;

    public async Task InitializeAsync() => _host = await DemoAskHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(int Exit, string Out)> AskAsync(params string[] args)
    {
        var (exit, stdout, _) = await _host.AskAsync(args);
        return (exit, stdout);
    }

    private async Task<(string? Text, DateTimeOffset? At)> StoredAsync(string externalId)
    {
        await using var db = _host.Services.GetRequiredService<SalesCoachDbContextFactory>().CreateDbContext();
        var deal = await db.Deals.AsNoTracking().SingleAsync(d => d.ExternalId == externalId);
        return (deal.NextStep, deal.NextStepAt);
    }

    [Fact]
    public async Task Ask_NextStepWithWeekday_StoredInTheTeamsZoneAndShownOnTheCard()
    {
        var (exit, said) = await AskAsync("next step for Initech: demo with their CFO on Monday", "--as", "dana@example.com");

        Assert.Equal(0, exit);
        Assert.Contains("Next step for Initech: demo with their CFO — Mon 30 Nov 2026.", said, StringComparison.Ordinal);
        Assert.Equal(("demo with their CFO", new DateTimeOffset(2026, 11, 30, 23, 59, 0, TimeSpan.FromHours(1))), await StoredAsync("1002"));

        var (_, card) = await AskAsync("what's next for initech", "--as", "dana@example.com", "--json");
        using var json = JsonDocument.Parse(card);
        var facts = json.RootElement.GetProperty("card").GetProperty("facts").EnumerateArray()
            .ToDictionary(f => f.GetProperty("label").GetString()!, f => f.GetProperty("value").GetString());
        Assert.Equal("demo with their CFO — Mon 30 Nov 2026", facts["Next step"]);
        var forms = json.RootElement.GetProperty("card").GetProperty("forms").EnumerateArray().Select(f => f.GetProperty("label").GetString());
        Assert.Equal(["Set next step", "Add note"], forms);
    }

    [Fact]
    public async Task Ask_NextStepByIdWithIsoDateFirst_Stored()
    {
        var (exit, said) = await AskAsync("set next step for #1002 to 2026-12-10 send pricing", "--as", "dana@example.com");

        Assert.Equal(0, exit);
        Assert.Contains("send pricing — Thu 10 Dec 2026", said, StringComparison.Ordinal);
        Assert.Equal(("send pricing", new DateTimeOffset(2026, 12, 10, 23, 59, 0, TimeSpan.FromHours(1))), await StoredAsync("1002"));
    }

    [Theory]
    [InlineData("next step for Initech: call on 2026-11-01", "has passed")]
    [InlineData("next step for Initech: call on 31/11", "31/11")]
    public async Task Ask_NextStepWithBadDate_RefusedAndNothingStored(string text, string reason)
    {
        var before = await StoredAsync("1002");

        var (_, said) = await AskAsync(text, "--as", "dana@example.com");

        Assert.Contains(reason, said, StringComparison.Ordinal);
        Assert.Contains("Nothing was stored", said, StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync("1002"));
    }
}
