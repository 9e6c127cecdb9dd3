using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Teams.Connector;

namespace SalesCoachBot.Teams.Tests.Connector;

public sealed class ConversationPacerTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Reserve_BurstOfEight_SevenGoNowTheEighthWaitsOneSecond()
    {
        var pacer = new ConversationPacer(time);
        var now = time.GetUtcNow();

        var waits = Enumerable.Range(0, 8).Select(_ => pacer.Reserve("a:1", now)).ToArray();

        Assert.All(waits[..7], w => Assert.Equal(TimeSpan.Zero, w));
        Assert.Equal(TimeSpan.FromSeconds(1), waits[7]);
    }

    [Fact]
    public void Reserve_SixtyOneMessages_StayWithinEveryWindow()
    {
        var pacer = new ConversationPacer(time);
        var now = time.GetUtcNow();

        var slots = Enumerable.Range(0, 61).Select(_ => now + pacer.Reserve("a:1", now)).ToArray();

        foreach (var (count, window) in ConversationPacer.Limits)
        {
            for (var i = count; i < slots.Length; i++)
            {
                Assert.True(slots[i] - slots[i - count] >= window, $"{count} in {window} broken at {i}");
            }
        }

        Assert.True(slots[60] - slots[0] >= TimeSpan.FromSeconds(30));
        Assert.Equal(slots.OrderBy(s => s), slots);
    }

    [Fact]
    public void Reserve_OtherConversation_IsNotHeldUp()
    {
        var pacer = new ConversationPacer(time);
        var now = time.GetUtcNow();
        for (var i = 0; i < 10; i++)
        {
            pacer.Reserve("a:busy", now);
        }

        Assert.Equal(TimeSpan.Zero, pacer.Reserve("a:quiet", now));
    }

    [Fact]
    public void Reserve_MoreActiveConversationsThanTheSweepThreshold_SweepsOncePerWindowAndForgetsQuietOnes()
    {
        var pacer = new ConversationPacer(time);
        var start = time.GetUtcNow();
        for (var i = 0; i <= ConversationPacer.TrackedBeforeSweep + 2_000; i++)
        {
            pacer.Reserve($"a:{i}", start + TimeSpan.FromMilliseconds(i));
        }

        // All of them spoke within 30 s: one sweep found nothing to forget, and no message paid for another.
        Assert.Equal(1, pacer.Sweeps);
        Assert.Equal(ConversationPacer.TrackedBeforeSweep + 2_001, pacer.Tracked);

        // A window after that sweep (at the 10,001st conversation), the next message sweeps again; the others
        // have been quiet for 30 s, so only the new one stays.
        pacer.Reserve("a:new", start + TimeSpan.FromSeconds(45));
        Assert.Equal(2, pacer.Sweeps);
        Assert.Equal(1, pacer.Tracked);
    }

    [Fact]
    public async Task WaitTurn_EighthMessage_CompletesWhenTimeMovesOn()
    {
        var pacer = new ConversationPacer(time);
        for (var i = 0; i < 7; i++)
        {
            await pacer.WaitTurnAsync("a:1", CancellationToken.None);
        }

        var eighth = pacer.WaitTurnAsync("a:1", CancellationToken.None);
        Assert.False(eighth.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(1), await eighth);
    }
}
