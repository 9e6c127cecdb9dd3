using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Coaching;

public sealed class DealNameResolverCacheTests
{
    [Fact]
    public async Task BackgroundRebuild_DatabaseFails_IsLoggedAndTheOldIndexKeepsServing()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        var stores = new InMemoryStores();
        var team = stores.AddTeam("EMEA");
        stores.AddDeal("1002", "Initech", stores.AddPerson("rita@example.com", PersonRole.Rep, team), team, "discovery", time.GetUtcNow());
        var down = new Mock<IDealStore>();
        down.Setup(s => s.ListNamesAsync(It.IsAny<IReadOnlyCollection<long>?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("database down"));
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddFakeLogging())
            .AddSingleton<TimeProvider>(time)
            .AddScoped(_ => down.Object) // what the background rebuild's own scope gets
            .AddSingleton<DealNameResolverCache>()
            .BuildServiceProvider();
        var cache = services.GetRequiredService<DealNameResolverCache>();
        Assert.IsType<DealResolution.Found>(await cache.ResolveAsync(stores, "initech", null, CancellationToken.None));

        time.Advance(DealNameResolverCache.MaxAge + TimeSpan.FromMinutes(1));
        var stillServed = await cache.ResolveAsync(stores, "initech", null, CancellationToken.None);

        Assert.IsType<DealResolution.Found>(stillServed);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var record in services.GetFakeLogCollector().GetLogsAsync(timeout.Token))
        {
            if (record.Id.Id == 1210)
            {
                Assert.Equal(LogLevel.Warning, record.Level);
                Assert.IsType<TimeoutException>(record.Exception);
                return;
            }
        }

        Assert.Fail("The failed rebuild was not logged.");
    }
}
