using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SalesCoachBot.Core.Crm;
using SalesCoachBot.Crm;

namespace SalesCoachBot.Host.Tests.Crm;

/// <summary>
/// Pushes sent by hand in a whole-host test. The host's own <see cref="CrmWorker"/> sends due pushes every 5 s too, and on
/// a loaded machine its round can fall anywhere in a test: holding a row's lease when the test dispatches (the test's
/// round sends nothing and the CRM still has the old stage), or sending a move before a sync the test runs first.
/// </summary>
internal static class CrmPushes
{
    /// <summary>Stops the worker (waiting for a push it has under way), so only the test sends and pulls from now on.</summary>
    public static async Task StopWorkerAsync(IServiceProvider services)
    {
        foreach (var worker in services.GetServices<IHostedService>().OfType<CrmWorker>())
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Every due push sent now: what the worker had under way has landed, the rest the dispatcher sends here.</summary>
    public static async Task<int> SendDueAsync(IServiceProvider services)
    {
        await StopWorkerAsync(services);
        return await services.GetRequiredService<CrmPushDispatcher>().DispatchDueAsync(CancellationToken.None);
    }
}
