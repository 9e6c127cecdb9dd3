using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Slack.WebApi;

namespace SalesCoachBot.Slack.Tests;

public sealed class ChannelPacerTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    private ChannelPacer Pacer() => new(time, Options.Create(new SlackOptions { ChannelMessageInterval = TimeSpan.FromSeconds(1) }));

    [Fact]
    public async Task WaitTurn_SecondMessageIntoOneChannel_WaitsOneIntervalWhileAnotherChannelGoesAtOnce()
    {
        var pacer = Pacer();

        var first = pacer.WaitTurnAsync("C1", default).AsTask();
        var second = pacer.WaitTurnAsync("C1", default).AsTask();
        var other = pacer.WaitTurnAsync("C2", default).AsTask();

        Assert.True(first.IsCompletedSuccessfully);
        Assert.True(other.IsCompletedSuccessfully);
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await second.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WaitTurn_AfterTheChannelWasQuiet_GoesAtOnce()
    {
        var pacer = Pacer();
        await pacer.WaitTurnAsync("C1", default);

        time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(pacer.WaitTurnAsync("C1", default).IsCompletedSuccessfully);
    }
}
