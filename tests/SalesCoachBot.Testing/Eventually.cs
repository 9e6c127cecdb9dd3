using Xunit;

namespace SalesCoachBot.Testing;

/// <summary>
/// Waits for positive evidence (a call arrived, a queue drained), never for a stretch of time: a test that asserts
/// "nothing happened" first waits here for the work that could have done it to be finished.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Returns as soon as <paramref name="condition"/> holds; fails naming <paramref name="what"/> when it does not within the timeout.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        using var expired = new CancellationTokenSource(limit);
        try
        {
            while (!condition())
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), expired.Token);
            }
        }
        catch (OperationCanceledException) when (expired.IsCancellationRequested)
        {
            if (!condition())
            {
                Assert.Fail($"Gave up after {limit.TotalSeconds:0.#} s waiting for {what}.");
            }
        }
    }
}
