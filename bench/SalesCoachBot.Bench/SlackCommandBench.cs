using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Host;
using SalesCoachBot.Slack.Inbound;
using SalesCoachBot.Slack.Verification;

namespace SalesCoachBot.Bench;

/// <summary>
/// <c>slack-coach</c>: the channel bench's signed <c>/coach next Globex renewal</c> (bench/channels/slash-body.txt)
/// answered by the host's own Slack endpoint in this process, without Kestrel or a socket: the form, the turn (the
/// recogniser, the deal, the checklist card), Block Kit and the ack's JSON. The host is composed as it starts (demo data,
/// SQLite); the signature check is left out (SlackEdgeBenchmarks times it). Prints CPU and bytes allocated per request
/// for several rounds: the part of a <c>/coach</c> request that is ours, steadier than a load test on a shared machine.
/// </summary>
internal static class SlackCommandBench
{
    public static async Task<int> RunAsync(int requests, int rounds)
    {
        var folder = Directory.CreateTempSubdirectory("scb-slack-coach-");
        try
        {
            var app = HostComposition.CreateBuilder(
            [
                "--environment", "Production",
                "--Demo:Seed", "true",
                "--ConnectionStrings:SalesCoach", "Data Source=" + Path.Combine(folder.FullName, "bench.db"),
                "--Slack:SigningSecret", "bench-signing-secret-0123456789abcdef",
                "--Slack:AllowedTeamIds:0", "T0BENCH01",
                "--Logging:LogLevel:Default", "Warning",
            ]).Build();
            HostComposition.MapEndpoints(app);
            await HostComposition.InitializeAsync(app);
            await using var disposeApp = app;
            var endpoints = app.Services.GetRequiredService<SlackEndpoints>();
            // The channel bench's own body file (copied beside this assembly), so both send the same bytes.
            var body = Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "slash-body.txt")).TrimEnd('\n'));

            var first = new MemoryStream();
            await RequestAsync(app.Services, endpoints, body, first);
            using var ack = System.Text.Json.JsonDocument.Parse(first.ToArray());
            Console.WriteLine($"== Slack /coach in this process ({Machine.Load()}; {requests:N0} requests a round)");
            Console.WriteLine($"   ack: {first.Length:N0} bytes, text \"{ack.RootElement.GetProperty("text").GetString()}\"");
            for (var round = 0; round < rounds; round++)
            {
                var cpu = Machine.Cpu();
                var bytes = GC.GetTotalAllocatedBytes(precise: true);
                var wall = Stopwatch.StartNew();
                for (var i = 0; i < requests; i++)
                {
                    await RequestAsync(app.Services, endpoints, body, Stream.Null);
                }

                var usedCpu = Machine.Cpu() - cpu;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"   round {round + 1}: {usedCpu.TotalMicroseconds / requests,6:F1} us CPU/request, {wall.Elapsed.TotalMicroseconds / requests,6:F1} us wall, {(GC.GetTotalAllocatedBytes(precise: true) - bytes) / requests,7:N0} B allocated/request{(round < 4 ? " (warm-up)" : "")}"));
            }

            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task RequestAsync(IServiceProvider services, SlackEndpoints endpoints, byte[] body, Stream response)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Method = "POST";
        http.Request.Path = "/slack/commands";
        http.Request.ContentType = "application/x-www-form-urlencoded";
        http.Features.Set(new SlackRequestBody(body));
        http.Response.Body = response;
        var result = await endpoints.HandleCommandAsync(http);
        await result.ExecuteAsync(http);
    }
}
