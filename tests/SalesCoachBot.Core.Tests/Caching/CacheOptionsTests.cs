using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Caching;

namespace SalesCoachBot.Core.Tests.Caching;

/// <summary><c>Cache:*</c> bound from configuration, the older read-cache key still honoured, bounds refused.</summary>
public sealed class CacheOptionsTests
{
    private static CacheOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSalesCoachCaching(configuration);
        return services.BuildServiceProvider().GetRequiredService<IOptions<CacheOptions>>().Value;
    }

    [Fact]
    public void Bind_Nothing_GivesTheDocumentedDefaults()
    {
        var options = Bind();

        Assert.Equal(
            (TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10), 32),
            (options.ReadLifetime, options.DealNameIndexMaxAge, options.ConversationReferenceLifetime, options.TeamsTokenLifetime, options.PipelineScopes));
    }

    [Fact]
    public void Bind_OlderReadCacheKey_IsReadUnlessTheNewOneIsSet()
    {
        Assert.Equal(TimeSpan.Zero, Bind(("Database:ReadCacheLifetime", "00:00:00")).ReadLifetime);
        Assert.Equal(TimeSpan.FromSeconds(2), Bind(("Database:ReadCacheLifetime", "00:00:00"), ("Cache:ReadLifetime", "00:00:02")).ReadLifetime);
    }

    [Theory]
    [InlineData("Cache:TeamsTokenLifetime", "00:10:01")]
    [InlineData("Cache:ReadLifetime", "00:10:01")]
    [InlineData("Cache:ReadLifetime", "-00:00:01")]
    [InlineData("Cache:PipelineScopes", "0")]
    public void Bind_OutOfRange_IsRefused(string key, string value) =>
        Assert.Throws<OptionsValidationException>(() => Bind((key, value)));
}
