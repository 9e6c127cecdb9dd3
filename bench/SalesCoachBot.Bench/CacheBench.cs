using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Bench;

/// <summary>
/// <c>cache</c>: what a cache hit costs on the paths every chat turn takes: the sender looked up in the
/// directory and the deal's view read, each through a new DI scope as a turn does. Nanoseconds and bytes
/// allocated per lookup, wall clock and process CPU, best of seven rounds (the machine is shared).
/// </summary>
internal static class CacheBench
{
    private const int Lookups = 200_000;

    public static async Task<int> RunAsync()
    {
        await using var db = await BenchDatabase.CreateAsync("sqlite");
        var data = DataSet.Generate(new DataSize(200, 0), db.Map, db.Time.GetUtcNow());
        try
        {
            Console.WriteLine($"== cache hits, {db.Description} ({Machine.Load()})");
            await db.LoadAsync(data, TextWriter.Null);
            var email = DataSet.RepEmail(0, 0);
            var user = new ChatUser(ChatChannel.Slack, Email: email);
            DealId id;
            await using (var scope = db.Services.CreateAsyncScope())
            {
                id = (await scope.ServiceProvider.GetRequiredService<IDealStore>().FindByExternalIdAsync(DataSet.ExternalId(7), CancellationToken.None))!.Id;
            }

            await ReportAsync("directory: FindPersonAsync (by email), a scope each", db, async sp =>
                await sp.GetRequiredService<IDirectoryStore>().FindPersonAsync(user, CancellationToken.None) is not null);
            await ReportAsync("deal view: IDealStore.GetAsync, a scope each", db, async sp =>
                await sp.GetRequiredService<IDealStore>().GetAsync(id, CancellationToken.None) is not null);
            return 0;
        }
        finally
        {
            data.Delete();
        }
    }

    private static async Task ReportAsync(string name, BenchDatabase db, Func<IServiceProvider, Task<bool>> lookup)
    {
        var best = (Ns: double.MaxValue, CpuNs: double.MaxValue, Bytes: 0L);
        for (var round = 0; round < 7; round++)
        {
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var cpu = Machine.Cpu();
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < Lookups; i++)
            {
                await using var scope = db.Services.CreateAsyncScope();
                if (!await lookup(scope.ServiceProvider))
                {
                    throw new InvalidOperationException($"{name}: not found");
                }
            }

            var ns = Stopwatch.GetElapsedTime(started).TotalNanoseconds / Lookups;
            var cpuNs = (Machine.Cpu() - cpu).TotalNanoseconds / Lookups;
            best = (Math.Min(best.Ns, ns), Math.Min(best.CpuNs, cpuNs), (GC.GetAllocatedBytesForCurrentThread() - bytes) / Lookups);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-56} {best.Ns,7:F0} ns wall  {best.CpuNs,7:F0} ns CPU  {best.Bytes,5} B  per lookup"));
    }
}
