using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Slack.Inbound;

namespace SalesCoachBot.Slack.Tests;

public sealed class SlackEventDeduplicatorTests
{
    private static WindowedEventDeduplicator Create(FakeTimeProvider time, string? file = null) =>
        new(time, Options.Create(new SlackOptions { EventDedupeWindow = TimeSpan.FromHours(1), EventDedupeFile = file }));

    [Fact]
    public void TryBegin_SameIdWithinWindow_OnlyFirstPasses()
    {
        var time = new FakeTimeProvider();
        var dedupe = Create(time);

        Assert.True(dedupe.TryBegin("Ev1"));
        time.Advance(TimeSpan.FromMinutes(59));
        Assert.False(dedupe.TryBegin("Ev1"));
        Assert.True(dedupe.TryBegin("Ev2"));
    }

    [Fact]
    public void TryBegin_AfterWindow_PassesAgain()
    {
        var time = new FakeTimeProvider();
        var dedupe = Create(time);
        dedupe.TryBegin("Ev1");

        time.Advance(TimeSpan.FromMinutes(61));

        Assert.True(dedupe.TryBegin("Ev1"));
    }

    [Fact]
    public void TryBegin_WithFile_RetryAfterRestartStillRecognised()
    {
        var file = Path.Combine(Path.GetTempPath(), $"slack-dedupe-{Guid.NewGuid():N}.txt");
        try
        {
            var time = new FakeTimeProvider();
            Assert.True(Create(time, file).TryBegin("Ev1"));

            var afterRestart = Create(time, file);

            Assert.False(afterRestart.TryBegin("Ev1"));
            Assert.True(afterRestart.TryBegin("Ev2"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
