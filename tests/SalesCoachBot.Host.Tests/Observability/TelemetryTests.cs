using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OpenTelemetry.Trace;
using SalesCoachBot.Host.Tests.Security;

namespace SalesCoachBot.Host.Tests.Observability;

/// <summary>Issue 19, point 3: OTLP export only when the standard <c>OTEL_*</c> variables ask for it.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Host_NoOtlpEndpoint_NoTracerRegistered()
    {
        await using var host = await TrustHost.StartAsync("Production", new Dictionary<string, string>());

        Assert.Null(host.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task Host_OtlpEndpointSet_ExportsRequestTracesAndTheBotsMeters()
    {
        // A stand-in OTLP/HTTP collector on loopback that keeps what it is sent, per path.
        var received = new ConcurrentDictionary<string, ConcurrentQueue<byte[]>>(StringComparer.Ordinal);
        var collectorBuilder = WebApplication.CreateSlimBuilder();
        collectorBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var collector = collectorBuilder.Build();
        collector.MapPost("/{**path}", async (HttpContext context, string path) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.GetOrAdd("/" + path, _ => new()).Enqueue(body.ToArray());
            return Results.Ok();
        });
        await collector.StartAsync();
        var endpoint = collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        await using var host = await TrustHost.StartAsync("Production", new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            ["Slack:SigningSecret"] = TrustHost.SigningSecret,
            ["Slack:BotToken"] = "xoxb-host-token",
            ["Slack:AllowedTeamIds:0"] = "T0DEMO",
        });
        var answer = await host.PostSignedFormAsync("/slack/commands", new Dictionary<string, string>
        {
            ["command"] = "/coach",
            ["text"] = "help",
            ["user_id"] = "U0DEMO",
            ["team_id"] = "T0DEMO",
            ["channel_id"] = "C0SALES",
            ["response_url"] = "https://hooks.slack.com/commands/T0/1/abc",
            ["trigger_id"] = "1.2.3",
        });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);

        static bool Has(ConcurrentDictionary<string, ConcurrentQueue<byte[]>> got, string path, string text) =>
            got.TryGetValue(path, out var bodies) && bodies.Any(b => Encoding.UTF8.GetString(b).Contains(text, StringComparison.Ordinal));

        // Waits for the evidence, not for a stretch of time.
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // The request-duration metric is recorded when the response ends, so it can arrive an export after the turn's.
        bool AllArrived() =>
            Has(received, "/v1/traces", "/slack/commands")
            && Has(received, "/v1/metrics", "salescoach.turns")
            && Has(received, "/v1/metrics", "http.server.request.duration");
        while (!AllArrived() && !patience.IsCancellationRequested)
        {
            await Task.Delay(50, CancellationToken.None);
        }

        Assert.True(Has(received, "/v1/traces", "/slack/commands"), "no trace of the request: " + string.Join(", ", received.Keys));
        Assert.True(Has(received, "/v1/metrics", "salescoach.turns"), "no salescoach.turns metric");
        Assert.True(Has(received, "/v1/metrics", "http.server.request.duration"), "no http.server.request.duration metric");
        await collector.StopAsync();
    }
}
