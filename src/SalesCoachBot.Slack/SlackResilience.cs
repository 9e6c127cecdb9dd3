using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using SalesCoachBot.Core.Resilience;
using SalesCoachBot.Slack.SocketMode;
using SalesCoachBot.Slack.WebApi;

namespace SalesCoachBot.Slack;

/// <summary>The Slack channel's retry pipelines; their waits run on the registered <see cref="TimeProvider"/>.</summary>
internal static class SlackResilience
{
    /// <summary>One attempt's limit; the whole call may take longer when Slack asks it to wait.</summary>
    internal static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The Web API method (or <c>response_url</c>) a request calls, for the retry log line.</summary>
    internal static readonly HttpRequestOptionsKey<string> Method = new("salescoach.slack-method");

    /// <summary>
    /// <see cref="ResiliencePipelines.SlackWebApi"/>: a 429 is retried only after its Retry-After, and fails without
    /// one or when Slack asks for more than <see cref="SlackOptions.MaxRetryAfter"/>; 5xx and connection failures
    /// are retried with exponential backoff from <see cref="SlackOptions.RetryBaseDelay"/>; <c>ok:false</c> answers
    /// (HTTP 200) and timeouts are not retried. Up to <see cref="SlackOptions.MaxRetries"/> retries, then the last
    /// answer goes back to <see cref="SlackApiClient"/>, which turns it into Slack's error code.
    /// </summary>
    public static IHttpResiliencePipelineBuilder AddSlackWebApiResilience(this IHttpClientBuilder client) =>
        client.AddResilienceHandler(ResiliencePipelines.SlackWebApi, (pipeline, context) =>
        {
            var settings = context.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value;
            var logger = context.ServiceProvider.GetRequiredService<ILogger<SlackApiClient>>();
            var time = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
            if (settings.MaxRetries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = settings.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = settings.RetryBaseDelay,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                    {
                        { Result: { } response } => ShouldRetry(response, settings.MaxRetryAfter, time),
                        { Exception: HttpRequestException } => true,
                        _ => false,
                    }),
                    OnRetry = args =>
                    {
                        var method = args.Context.GetRequestMessage()?.Options.TryGetValue(Method, out var name) == true ? name : "unknown";
                        SlackLog.ApiRetry(logger, method, args.Outcome.Result is { } response ? (int)response.StatusCode : 0, args.RetryDelay);
                        return ValueTask.CompletedTask;
                    },
                });
            }

            // Inside the retry, so it limits each attempt (HttpClient.Timeout would limit the waits too).
            pipeline.AddTimeout(AttemptTimeout);
        });

    /// <summary>
    /// <see cref="ResiliencePipelines.SlackSocketMode"/>: a run that could not connect, or whose socket died soon after
    /// its hello, is tried again after an exponential backoff with jitter from <see cref="SlackOptions.SocketBackoffBase"/>
    /// up to <see cref="SlackOptions.SocketBackoffMax"/>, for as long as the host runs. A run that ended well starts the
    /// count again.
    /// </summary>
    public static IServiceCollection AddSlackSocketModeResilience(this IServiceCollection services) =>
        services.AddResiliencePipeline<string, SocketRun>(ResiliencePipelines.SlackSocketMode, (pipeline, context) =>
        {
            var settings = context.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value;
            var logger = context.ServiceProvider.GetRequiredService<ILogger<SlackSocketModeService>>();
            pipeline.AddRetry(new RetryStrategyOptions<SocketRun>
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.SocketBackoffBase,
                MaxDelay = settings.SocketBackoffMax,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result == SocketRun.Failed),
                OnRetry = args =>
                {
                    SlackLog.SocketModeRetry(logger, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        });

    /// <summary>5xx, or a 429 whose Retry-After is there and not too long. A longer wait would stall a worker: fail instead.</summary>
    internal static bool ShouldRetry(HttpResponseMessage response, TimeSpan longestWait, TimeProvider time)
    {
        var status = (int)response.StatusCode;
        if (status != (int)HttpStatusCode.TooManyRequests && status < 500)
        {
            return false;
        }

        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        return response.StatusCode == HttpStatusCode.TooManyRequests ? retryAfter <= longestWait : !(retryAfter > longestWait);
    }
}
