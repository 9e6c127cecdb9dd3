namespace SalesCoachBot.Data.Infrastructure;

/// <summary>
/// SQLite lets one connection write at a time; the others wait in SQLite's busy handler, which sleeps
/// in steps of up to 100 ms. Deal changes from this process queue here instead, first come first
/// served, so a burst of confirmations costs each one the writes ahead of it, not a sleep.
/// Other processes (a CLI import) still meet the busy handler.
/// </summary>
internal sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
