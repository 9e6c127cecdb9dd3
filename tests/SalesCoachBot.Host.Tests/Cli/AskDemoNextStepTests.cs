namespace SalesCoachBot.Host.Tests.Cli;

/// <summary>
/// The demo seed's next steps through <c>ask</c>, over the real Core and Data (SQLite, demo data, the shipped map): booked
/// for a whole day, as a rep books one, so no reply shows the seed's clock time.
/// </summary>
public sealed class AskDemoNextStepTests : IAsyncLifetime
{
    private DemoAskHost _host = null!;

    public async Task InitializeAsync() => _host = await DemoAskHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("stalled", "Next step booked for Mon 30 Nov 2026, but that no longer holds off the stall.")]
    [InlineData("الصفقات المتعثرة", "الخطوة التالية محدّدة يوم الاثنين 30 نوفمبر 2026، لكنها لم تعد تمنع عدّها متعثرة.")]
    public async Task Ask_StalledUmbrella_NextStepReadsAsADayWithoutAClockTime(string text, string reason)
    {
        // Umbrella (#1007, Riley's, New York) has a step 3 days after the seed: it read "Mon 30 Nov 2026, 04:00", the
        // seed's 09:00 UTC carried over.
        var (exit, stdout, _) = await _host.AskAsync([text, "--as", "riley@example.com"]);

        Assert.Equal(0, exit);
        var umbrella = stdout.Split('\n').Single(line => line.Contains("#1007", StringComparison.Ordinal));
        Assert.EndsWith(reason, umbrella.TrimEnd(), StringComparison.Ordinal);
    }
}
