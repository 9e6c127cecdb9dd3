using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Internal;

namespace SalesCoachBot.Core.Caching;

public static class CachingServiceCollectionExtensions
{
    /// <summary>
    /// Longest cache key: a Teams bearer token is its own key (about 1.2 KB); HybridCache's default is 1,024
    /// characters. Longer tokens are checked in full every time.
    /// </summary>
    public const int MaxKeyLength = 8 * 1024;

    /// <summary>
    /// The shared cache (<see cref="HybridCache"/> over the process's <see cref="IMemoryCache"/>, whose clock is the
    /// registered <see cref="TimeProvider"/>), <see cref="SharedCache"/>, <see cref="ICacheInvalidation"/> and
    /// <see cref="CacheOptions"/>, bound from <paramref name="configuration"/> when given. Safe to call from every
    /// layer: the cache is registered once.
    /// </summary>
    public static IServiceCollection AddSalesCoachCaching(this IServiceCollection services, IConfiguration? configuration = null)
    {
        if (configuration is not null)
        {
            services.AddOptions<CacheOptions>().Configure(o =>
            {
                configuration.GetSection(CacheOptions.Section).Bind(o);
                if (configuration[$"{CacheOptions.Section}:{nameof(CacheOptions.ReadLifetime)}"] is null
                    && configuration.GetValue<TimeSpan?>("Database:ReadCacheLifetime") is { } older)
                {
                    o.ReadLifetime = older;
                }
            });
        }

        if (services.Any(d => d.ServiceType == typeof(SharedCache)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CacheOptions>()
            .Validate(o => o.Problem() is null, "Cache:* options are out of range; see docs/data.md.")
            .ValidateOnStart();

        // Expiry follows the registered TimeProvider (tests move it with FakeTimeProvider): MemoryCache reads
        // its own ISystemClock, HybridCache the TimeProvider for tag invalidation.
        services.AddOptions<MemoryCacheOptions>().Configure<TimeProvider>((o, time) => o.Clock = new TimeProviderClock(time));
        services.AddHybridCache(o =>
            {
                o.MaximumKeyLength = MaxKeyLength;
                o.DefaultEntryOptions = new HybridCacheEntryOptions { Flags = SharedCache.InProcess };
            })
            .AddSerializerFactory<InProcessSerializerFactory>();
        services.AddSingleton<SharedCache>();
        services.TryAddSingleton<ICacheInvalidation>(sp => sp.GetRequiredService<SharedCache>());
        return services;
    }

    private sealed class TimeProviderClock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }

    /// <summary>
    /// HybridCache serialises every new value once, even with no distributed cache, to learn its size. The cache's
    /// entries never leave the process, so nothing is written; should a distributed cache be added, a region that may
    /// go there gets a real serializer (a Teams token never may).
    /// </summary>
    private sealed class InProcessSerializerFactory : IHybridCacheSerializerFactory
    {
        public bool TryCreateSerializer<T>([NotNullWhen(true)] out IHybridCacheSerializer<T>? serializer)
        {
            serializer = typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(SharedCache.Held<>) ? new InProcessOnly<T>() : null;
            return serializer is not null;
        }

        private sealed class InProcessOnly<T> : IHybridCacheSerializer<T>
        {
            public void Serialize(T value, IBufferWriter<byte> target)
            {
            }

            public T Deserialize(ReadOnlySequence<byte> source) =>
                throw new NotSupportedException("Cache entries of this application stay in the process that made them.");
        }
    }
}
