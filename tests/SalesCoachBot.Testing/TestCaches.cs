using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Caching;

namespace SalesCoachBot.Testing;

/// <summary>The shared cache as the host registers it, on <paramref name="time"/>, for tests that build a store by hand.</summary>
public static class TestCaches
{
    public static SharedCache Create(TimeProvider time, Action<CacheOptions>? configure = null) => Services(time, configure).GetRequiredService<SharedCache>();

    public static ServiceProvider Services(TimeProvider time, Action<CacheOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddLogging();
        services.AddSalesCoachCaching();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return services.BuildServiceProvider();
    }

    public static IOptions<CacheOptions> Options(Action<CacheOptions>? configure = null)
    {
        var options = new CacheOptions();
        configure?.Invoke(options);
        return Microsoft.Extensions.Options.Options.Create(options);
    }
}
