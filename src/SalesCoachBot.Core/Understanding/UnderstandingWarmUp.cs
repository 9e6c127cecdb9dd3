using Microsoft.Extensions.Hosting;

namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// Reads the language files and builds the recognisers in the background as the host starts, so neither the start
/// nor the first message waits for them (ADR 0015: a few hundred milliseconds of CPU, once).
/// </summary>
internal sealed class UnderstandingWarmUp : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(() => CommandParser.Recognisers.Count, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
