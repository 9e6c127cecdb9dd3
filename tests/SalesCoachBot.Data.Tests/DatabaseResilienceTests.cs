using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly.Registry;
using SalesCoachBot.Core.Resilience;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

/// <summary>
/// The stores' retry pipelines as the data layer registers them: what each runs again, how often, and that they wait
/// on the wall clock (the registered clock here is a fake that never moves).
/// </summary>
public sealed class DatabaseResilienceTests : IDisposable
{
    private static readonly SqliteException Busy = new("database is locked", 5);

    private readonly ServiceProvider services = TestDatabase.BuildServices(
        new DatabaseOptions { Provider = "Sqlite", ConnectionString = "Data Source=unused.db" },
        new FakeTimeProvider(new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero)));

    public void Dispose() => services.Dispose();

    private static DbUpdateException UniqueViolation => new("insert failed", new SqliteException("UNIQUE constraint failed", 19, 2067));

    [Fact]
    public async Task DealChange_BusyConflictAndRacingInsert_RunsAgainUntilItSucceeds()
    {
        Exception[] failures = [Busy, new DbUpdateConcurrencyException("row changed"), UniqueViolation];

        var (attempts, error) = await RunAsync(ResiliencePipelines.DealChange, failures);

        Assert.Null(error);
        Assert.Equal(4, attempts);
    }

    [Fact]
    public async Task DealChange_ConflictEveryTime_GivesUpAfterSixAttempts()
    {
        var (attempts, error) = await RunAsync(ResiliencePipelines.DealChange, Enumerable.Repeat<Exception>(new DbUpdateConcurrencyException("row changed"), 10));

        Assert.IsType<DbUpdateConcurrencyException>(error);
        Assert.Equal(6, attempts);
    }

    [Fact]
    public async Task DealChange_AnyOtherError_IsNotRetried()
    {
        var (attempts, error) = await RunAsync(ResiliencePipelines.DealChange, [new InvalidOperationException("bug")]);

        Assert.IsType<InvalidOperationException>(error);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task NudgeOutbox_BusyEveryTime_GivesUpAfterEightAttempts()
    {
        var (attempts, error) = await RunAsync(ResiliencePipelines.NudgeOutbox, Enumerable.Repeat<Exception>(Busy, 10));

        Assert.Same(Busy, error);
        Assert.Equal(8, attempts);
    }

    [Fact]
    public async Task NudgeOutbox_ForcedClaimThatRacedAnother_RunsAgain()
    {
        var (attempts, error) = await RunAsync(ResiliencePipelines.NudgeOutbox, [UniqueViolation]);

        Assert.Null(error);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task ConversationReferences_RacingInsert_SavedAgainAtMostThreeTimes()
    {
        var (attempts, error) = await RunAsync(ResiliencePipelines.ConversationReferences, Enumerable.Repeat<Exception>(UniqueViolation, 10));

        Assert.IsType<DbUpdateException>(error);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task ConversationReferences_BusyDatabase_IsNotRetried()
    {
        var (attempts, error) = await RunAsync(ResiliencePipelines.ConversationReferences, [Busy]);

        Assert.Same(Busy, error);
        Assert.Equal(1, attempts);
    }

    /// <summary>Runs a unit of work that throws <paramref name="failures"/> one per attempt, then succeeds.</summary>
    private async Task<(int Attempts, Exception? Error)> RunAsync(string pipelineName, IEnumerable<Exception> failures)
    {
        var pipeline = services.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(pipelineName);
        using var next = failures.GetEnumerator();
        var attempts = 0;
        try
        {
            // Bounded, so a retry that waited on the fake clock would fail the test rather than hang it.
            await pipeline.ExecuteAsync(_ =>
            {
                attempts++;
                return next.MoveNext() ? throw next.Current : ValueTask.CompletedTask;
            }).AsTask().WaitAsync(TimeSpan.FromSeconds(60));
            return (attempts, null);
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            return (attempts, e);
        }
    }
}
