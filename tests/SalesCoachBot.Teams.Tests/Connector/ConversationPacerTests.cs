using System.Diagnostics;
using SalesCoachBot.Teams.Connector;

namespace SalesCoachBot.Teams.Tests.Connector;

/// <summary>
/// The pacer's windows run on the system clock (the framework's rate limiters take no <see cref="TimeProvider"/>), so
/// these tests wait for real: only for what must be waited, and they assert lower bounds, which a slow machine cannot break.
/// </summary>
public sealed class ConversationPacerTests : IDisposable
{
    private readonly ConversationPacer pacer = new();

    public void Dispose() => pacer.Dispose();

    [Fact]
    public async Task WaitTurn_BurstOfEight_SevenGoAtOnceTheEighthAfterAFullSecond()
    {
        var clock = Stopwatch.StartNew();

        var turns = Enumerable.Range(0, 8).Select(_ => pacer.WaitTurnAsync("a:1", CancellationToken.None).AsTask()).ToArray();

        Assert.All(turns[..7], t => Assert.True(t.IsCompletedSuccessfully));
        Assert.False(turns[7].IsCompleted);
        await turns[7].WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), $"the eighth went after {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void WaitTurn_OtherConversation_IsNotHeldUp()
    {
        for (var i = 0; i < 10; i++)
        {
            _ = pacer.WaitTurnAsync("a:busy", CancellationToken.None);
        }

        Assert.True(pacer.WaitTurnAsync("a:quiet", CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task WaitTurn_MoreConversationsThanTheOldSweepThreshold_EachFirstMessageGoesAtOnceAndPacingStaysPerConversation()
    {
        // 12,000 conversations (the bench's rotation): the old pacer scanned its whole table per message past 10,000.
        for (var i = 0; i < 12_000; i++)
        {
            Assert.True(pacer.WaitTurnAsync($"a:{i}", CancellationToken.None).IsCompletedSuccessfully, $"conversation {i} waited");
        }

        // A burst right after, in one go (however slow the loop above was).
        for (var i = 0; i < 7; i++)
        {
            Assert.True(pacer.WaitTurnAsync("a:busy", CancellationToken.None).IsCompletedSuccessfully);
        }

        var eighth = pacer.WaitTurnAsync("a:busy", CancellationToken.None).AsTask();
        Assert.False(eighth.IsCompleted);
        Assert.True(pacer.WaitTurnAsync("a:11999", CancellationToken.None).IsCompletedSuccessfully);
        await eighth.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task WaitTurn_Cancelled_StopsWaiting()
    {
        for (var i = 0; i < 7; i++)
        {
            await pacer.WaitTurnAsync("a:1", CancellationToken.None);
        }

        using var cancel = new CancellationTokenSource();
        var eighth = pacer.WaitTurnAsync("a:1", cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => eighth);
    }

    [Fact]
    public void WindowOptions_EveryTeamsLimit_CountsEachMessageForAtLeastTheWholeWindow()
    {
        foreach (var (count, window) in ConversationPacer.Limits)
        {
            var options = ConversationPacer.WindowOptions(count, window);
            var segment = options.Window / options.SegmentsPerWindow;

            Assert.Equal(count, options.PermitLimit);
            // A message sent at the very end of a segment is counted until that segment leaves the window.
            Assert.True(segment * (options.SegmentsPerWindow - 1) >= window, $"{count} in {window}: counted for {segment * (options.SegmentsPerWindow - 1)}");
            Assert.True(options.Window - window < window / 10, $"{count} in {window}: a window of {options.Window} is needlessly long");
        }

        Assert.Equal([(7, TimeSpan.FromSeconds(1)), (8, TimeSpan.FromSeconds(2)), (60, TimeSpan.FromSeconds(30))], ConversationPacer.Limits);
    }
}
