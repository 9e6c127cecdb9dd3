using System.Diagnostics;
using Microsoft.Extensions.Options;
using SalesCoachBot.Slack.WebApi;

namespace SalesCoachBot.Slack.Tests;

/// <summary>
/// The pacer's buckets run on the system clock (the framework's rate limiters take no <see cref="TimeProvider"/>), so
/// these tests wait for real, with a short interval, and assert lower bounds or wait on the bucket itself.
/// </summary>
public sealed class ChannelPacerTests : IDisposable
{
    // Long enough that no stall between two statements of a test lets a token come back unseen.
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly ChannelPacer pacer = new(Options.Create(new SlackOptions { ChannelMessageInterval = Interval }));

    public void Dispose() => pacer.Dispose();

    [Fact]
    public async Task WaitTurn_SecondMessageIntoOneChannel_WaitsOneIntervalWhileAnotherChannelGoesAtOnce()
    {
        var clock = Stopwatch.StartNew();

        var first = pacer.WaitTurnAsync("T1:C1", default).AsTask();
        var second = pacer.WaitTurnAsync("T1:C1", default).AsTask();
        var other = pacer.WaitTurnAsync("T1:C2", default).AsTask();

        Assert.True(first.IsCompletedSuccessfully);
        Assert.True(other.IsCompletedSuccessfully);
        Assert.False(second.IsCompleted);
        await second.WaitAsync(TimeSpan.FromSeconds(30));
        // The bucket's own clock ticks in milliseconds; allow for that rounding.
        Assert.True(clock.Elapsed >= Interval - TimeSpan.FromMilliseconds(20), $"the second went after {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task WaitTurn_AfterTheChannelWasQuiet_GoesAtOnce()
    {
        await pacer.WaitTurnAsync("T1:C1", default);

        var clock = Stopwatch.StartNew();
        while (pacer.Available("T1:C1") == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the token never came back");
            await Task.Delay(10);
        }

        Assert.True(pacer.WaitTurnAsync("T1:C1", default).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task WaitTurn_MoreThanTenThousandChannels_EachFirstMessageGoesAtOnceAndPacingStaysPerChannel()
    {
        // An interval no slow machine outlasts, so only pacing can hold a message back. The old pacer scanned its
        // whole table on every message once it knew more than 10,000 channels.
        using var hourly = new ChannelPacer(Options.Create(new SlackOptions { ChannelMessageInterval = TimeSpan.FromHours(1) }));
        for (var i = 0; i < 12_000; i++)
        {
            Assert.True(hourly.WaitTurnAsync($"T1:C{i}", default).IsCompletedSuccessfully, $"channel {i} waited");
        }

        using var cancel = new CancellationTokenSource();
        var second = hourly.WaitTurnAsync("T1:C0", cancel.Token).AsTask();
        Assert.False(second.IsCompleted);
        Assert.True(hourly.WaitTurnAsync("T1:C12000", default).IsCompletedSuccessfully);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
    }

    [Fact]
    public void WaitTurn_NoInterval_NeverWaits()
    {
        using var unpaced = new ChannelPacer(Options.Create(new SlackOptions { ChannelMessageInterval = TimeSpan.Zero }));

        Assert.All(Enumerable.Range(0, 20), _ => Assert.True(unpaced.WaitTurnAsync("T1:C1", default).IsCompletedSuccessfully));
    }
}
