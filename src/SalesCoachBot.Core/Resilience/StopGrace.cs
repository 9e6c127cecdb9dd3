namespace SalesCoachBot.Core.Resilience;

/// <summary>
/// A token for a call that should not be cut off the moment the host starts stopping: a message already on its way to
/// a platform that offers no idempotency key. Cutting it off could leave a message the platform took but we never
/// marked sent, so another host would send it again. It is cancelled <c>grace</c> after the host's stopping token
/// fires, so a stuck call still cannot hold the shutdown past that.
/// </summary>
public sealed class StopGrace : IDisposable
{
    /// <summary>
    /// How long a call already under way may finish once the host is stopping: well inside the host's 30 s shutdown
    /// timeout. Only a call still running after it is cut off (and its message may then go out twice).
    /// </summary>
    public static readonly TimeSpan InFlightCall = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _source;
    private readonly CancellationTokenRegistration _registration;

    public StopGrace(CancellationToken stopping, TimeSpan grace, TimeProvider time)
    {
        _source = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _registration = stopping.Register(() => _source.CancelAfter(grace));
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        // The registration first: its callback may not touch the source once that is disposed.
        _registration.Dispose();
        _source.Dispose();
    }
}
