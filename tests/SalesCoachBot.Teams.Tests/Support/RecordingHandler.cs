using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace SalesCoachBot.Teams.Tests.Support;

/// <summary>One HTTP call the bot made to a connector.</summary>
internal sealed record ConnectorCall(HttpMethod Method, Uri Url, string? Authorization, JsonNode? Body)
{
    public string Path => Url.AbsolutePath;
}

/// <summary>
/// The network boundary of the tests: serves the signing authority's metadata and JWKS and
/// plays the Bot Connector, recording every call. Scripted responses are used in order, then 201.
/// </summary>
internal sealed class RecordingHandler(SigningAuthority? authority = null) : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpResponseMessage>> scripted = new();
    private int nextId;

    public ConcurrentQueue<ConnectorCall> Calls { get; } = new();

    public void Then(HttpStatusCode status, string? body = null, TimeSpan? retryAfter = null) => scripted.Enqueue(() =>
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body ?? string.Empty, Encoding.UTF8, "application/json") };
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delay);
        }

        return response;
    });

    /// <summary>The next call fails with <paramref name="exception"/> (a timeout is a <see cref="TaskCanceledException"/>).</summary>
    public void ThenThrow(Exception exception) => scripted.Enqueue(() => throw exception);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.ToString();
        if (authority is not null && url == SigningAuthority.MetadataUrl)
        {
            return Json(authority.MetadataJson());
        }

        if (authority is not null && url == SigningAuthority.JwksUrl)
        {
            return Json(authority.JwksJson());
        }

        var text = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Calls.Enqueue(new ConnectorCall(request.Method, request.RequestUri, request.Headers.Authorization?.ToString(), string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text)));
        if (scripted.TryDequeue(out var next))
        {
            return next();
        }

        var id = Interlocked.Increment(ref nextId);
        return new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent($"{{\"id\":\"bot-{id}\"}}", Encoding.UTF8, "application/json") };
    }

    private static HttpResponseMessage Json(string json) =>
        new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
