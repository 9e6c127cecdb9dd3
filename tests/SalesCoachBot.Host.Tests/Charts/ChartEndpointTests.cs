using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Host.Charts;
using SalesCoachBot.Host.Options;

namespace SalesCoachBot.Host.Tests.Charts;

public sealed class ChartEndpointTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private WebApplication? _app;
    private HttpClient? _client;

    private static readonly BarChart Chart = new("Open deals per stage — EMEA", [new("Discovery", 9, "9"), new("Demo", 6, "6")]);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<TimeProvider>(_clock);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new PublicOptions { PublicBaseUrl = new Uri("https://coach.example.com") }));
        builder.Services.AddCharts();
        _app = builder.Build();
        _app.MapCharts();
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private IChartPublisher Publisher => _app!.Services.GetRequiredService<IChartPublisher>();

    [Fact]
    public async Task Publish_WithPublicBaseUrl_LinkServesThePng()
    {
        var image = await Publisher.PublishAsync(Chart, CancellationToken.None);

        Assert.NotNull(image);
        Assert.Matches("^https://coach.example.com/charts/[0-9a-f]{32}\\.png$", image.Url);
        Assert.Equal("Open deals per stage — EMEA: Discovery 9, Demo 6.", image.AltText);
        using var response = await _client!.GetAsync(new Uri(image.Url).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.Private);
        Assert.Equal(TimeSpan.FromDays(1), response.Headers.CacheControl.MaxAge);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(0x89, bytes[0]);
    }

    [Fact]
    public async Task Publish_TwoCharts_DifferentUnguessableTokens()
    {
        var first = await Publisher.PublishAsync(Chart, CancellationToken.None);
        var second = await Publisher.PublishAsync(Chart, CancellationToken.None);

        Assert.NotEqual(first!.Url, second!.Url);
    }

    [Theory]
    [InlineData("/charts/00000000000000000000000000000000.png")]
    [InlineData("/charts/not-a-token.png")]
    [InlineData("/charts/..%2F..%2Fappsettings.json.png")]
    public async Task Get_UnknownOrMalformedToken_NotFound(string path)
    {
        using var response = await _client!.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_AfterThirtyDays_NotFound()
    {
        var image = await Publisher.PublishAsync(Chart, CancellationToken.None);
        var path = new Uri(image!.Url).PathAndQuery;

        _clock.Advance(IChartStore.Lifetime - TimeSpan.FromHours(1));
        using var stillThere = await _client!.GetAsync(path);
        _clock.Advance(TimeSpan.FromHours(1));
        using var gone = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Publish_WithoutPublicBaseUrl_SmallChartInlinedAsDataUri()
    {
        var publisher = new ChartPublisher(new ChartRenderer(new BarChartRenderer(), new FunnelChartRenderer(), new MapChartRenderer()), new MemoryChartStore(_clock), Microsoft.Extensions.Options.Options.Create(new PublicOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ChartPublisher>.Instance);

        var image = await publisher.PublishAsync(Chart, CancellationToken.None);

        Assert.StartsWith("data:image/png;base64,", image!.Url, StringComparison.Ordinal);
        var png = Convert.FromBase64String(image.Url["data:image/png;base64,".Length..]);
        Assert.True(png.Length <= ChartPublisher.MaxInlinePngBytes);
    }

    [Theory]
    [InlineData("https://coach.example.com", "https://coach.example.com/charts/abc.png")]
    [InlineData("https://example.com/bot/", "https://example.com/bot/charts/abc.png")]
    [InlineData("https://example.com/bot", "https://example.com/bot/charts/abc.png")]
    public void ChartUrl_UnderPublicBaseUrl(string baseUrl, string expected)
    {
        Assert.Equal(expected, ChartPublisher.ChartUrl(new Uri(baseUrl), "abc"));
    }

    [Fact]
    public async Task ChartStore_Full_OldestDropped()
    {
        var store = new MemoryChartStore(_clock);
        var first = await store.AddAsync([1], CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < MemoryChartStore.MaxCharts; i++)
        {
            await store.AddAsync([2], CancellationToken.None);
        }

        Assert.Equal(MemoryChartStore.MaxCharts, store.Count);
        Assert.Null(await store.FindAsync(first, CancellationToken.None));
    }
}
