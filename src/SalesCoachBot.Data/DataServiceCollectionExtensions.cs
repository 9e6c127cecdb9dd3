using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Data.Hosts;
using SalesCoachBot.Data.Crm;
using SalesCoachBot.Data.Imports;
using SalesCoachBot.Data.Infrastructure;
using SalesCoachBot.Data.Nudges;
using SalesCoachBot.Data.Stores;
using SalesCoachBot.Data.Stores.Caching;

namespace SalesCoachBot.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the DbContext for the configured provider, the stores, importers and the initializer.</summary>
    public static IServiceCollection AddSalesCoachData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);

        // Read lazily so configuration added after registration (tests, --demo) is honoured.
        services.AddOptions<DatabaseOptions>()
            .Configure(o =>
            {
                o.Provider = configuration["Database:Provider"];
                o.ConnectionString = configuration.GetConnectionString("SalesCoach");
                o.SeedDemo = environment.IsDevelopment() || configuration.GetValue<bool>("Demo:Seed");
                o.CrmPushes = configuration["Crm:Provider"] is { } crm && !string.IsNullOrWhiteSpace(crm) && !crm.Trim().Equals("none", StringComparison.OrdinalIgnoreCase);
                o.ResolveSqliteDataSource(environment.ContentRootPath);
            })
            .Validate(
                o => !o.TryGetProvider(out var p) || p != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "ConnectionStrings:SalesCoach is required when Database:Provider is 'Postgres'.")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DatabaseOptions>, DatabaseProviderValidator>());

        services.AddSalesCoachDataCore(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value);
        services.AddCacheNotifications();
        return services;
    }

    /// <summary>
    /// On PostgreSQL, cache invalidations reach every host sharing the database (LISTEN/NOTIFY, ADR 0016); on SQLite
    /// (one host) they stay in the process.
    /// </summary>
    public static IServiceCollection AddCacheNotifications(this IServiceCollection services)
    {
        services.TryAddSingleton<CacheNotificationOrigin>();
        services.TryAddSingleton<PostgresCacheListener>();
        services.Replace(ServiceDescriptor.Singleton<ICacheInvalidation>(sp =>
            sp.GetRequiredService<SalesCoachDbContextFactory>().Provider == DatabaseProvider.Postgres
                ? ActivatorUtilities.CreateInstance<PostgresCacheInvalidation>(sp)
                : sp.GetRequiredService<SharedCache>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<SalesCoachDbContextFactory>().Provider == DatabaseProvider.Postgres
            ? sp.GetRequiredService<PostgresCacheListener>()
            : NoHostedService.Instance);
        return services;
    }

    private sealed class NoHostedService : IHostedService
    {
        public static readonly NoHostedService Instance = new();

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>The same registrations from explicit options (tests, benchmarks).</summary>
    public static IServiceCollection AddSalesCoachDataCore(this IServiceCollection services, Func<IServiceProvider, DatabaseOptions> options)
    {
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SalesCoachDbContextFactory(options(sp), sp.GetService<ILoggerFactory>()));
        services.AddScoped(sp => sp.GetRequiredService<SalesCoachDbContextFactory>().CreateDbContext());
        services.AddScoped<DbContextLease>();
        services.AddSalesCoachCaching();
        services.AddSingleton<PipelineFactsCache>();
        services.AddSingleton<SqliteWriteGate>();
        services.AddDatabaseResilience();
        services.AddScoped<DirectoryStore>();
        services.AddScoped<DealStore>();
        services.AddScoped<IDirectoryStore, CachingDirectoryStore>();
        services.AddScoped<IDealStore, CachingDealStore>();
        services.AddScoped<IConversationStore, ConversationStore>();
        services.AddScoped<IDealJournal, DealJournal>();
        services.AddScoped<IDealCreationStore, DealCreationStore>();
        services.AddScoped<SalesCoachBot.Core.Pipeline.IPipelineStore, PipelineStore>();
        services.AddScoped<CsvImportService>();
        services.AddNudgeData();
        services.AddSingleton<IDeliveryClaims, DeliveryClaimStore>();
        services.AddSingleton<IChannelInstallationRecords, ChannelInstallationRecords>();
        services.AddSingleton<ChartImageStore>();
        services.AddSingleton<SalesCoachBot.Core.Pipeline.IChartStore>(sp => sp.GetRequiredService<ChartImageStore>());
        services.AddCrmData();
        services.TryAddSingleton<IDatabaseOutages, DatabaseOutageLog>();
        services.AddSingleton(sp => new DatabaseInitializer(
            sp.GetRequiredService<SalesCoachDbContextFactory>(),
            options(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DatabaseInitializer>>(),
            sp.GetRequiredService<IDatabaseOutages>()));
        return services;
    }
}
