using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data.Tests.Infrastructure;

/// <summary>
/// A relative SQLite <c>Data Source</c> names a file under the host's content root (<c>--contentRoot</c>), where its
/// <c>appsettings.json</c> is read, whatever folder the process was started from.
/// </summary>
public sealed class SqliteDataSourceTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "srv", "coach");

    private static string ConnectionStringBound(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSalesCoachData(configuration, new Environment(Root));
        using var provider = services.BuildServiceProvider();
        Assert.Equal(provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.GetConnectionString(), provider.GetRequiredService<SalesCoachDbContextFactory>().ConnectionString);
        return provider.GetRequiredService<SalesCoachDbContextFactory>().ConnectionString;
    }

    [Theory]
    [InlineData("Data Source=data/coach.db", "data/coach.db")]
    [InlineData("Data Source=./data/coach.db;Cache=Shared", "data/coach.db")]
    [InlineData("Data Source=../shared/coach.db", "../shared/coach.db")]
    public void Bound_RelativeDataSource_UnderTheContentRootNotTheCurrentFolder(string configured, string relative)
    {
        var bound = ConnectionStringBound(("ConnectionStrings:SalesCoach", configured));

        Assert.StartsWith($"Data Source={Path.GetFullPath(Path.Combine(Root, relative))}", bound, StringComparison.Ordinal);
        Assert.Equal(configured.Contains("Cache=Shared", StringComparison.Ordinal), bound.EndsWith(";Cache=Shared", StringComparison.Ordinal));
    }

    [Fact]
    public void Bound_NoConnectionString_TheDefaultFileUnderTheContentRoot()
    {
        Assert.Equal($"Data Source={Path.Combine(Root, "data", "salescoach.db")}", ConnectionStringBound());
    }

    [Theory]
    [InlineData("Data Source=/var/lib/coach/coach.db")]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=coach;Mode=Memory;Cache=Shared")]
    [InlineData("Data Source=file:coach.db?mode=ro")]
    public void Bound_AbsoluteOrInMemory_LeftAsConfigured(string configured)
    {
        Assert.Equal(configured, ConnectionStringBound(("ConnectionStrings:SalesCoach", configured)));
    }

    [Fact]
    public void Bound_Postgres_LeftAsConfigured()
    {
        const string configured = "Host=db.internal;Database=salescoach;Username=coach;Password=x";

        Assert.Equal(configured, ConnectionStringBound(("Database:Provider", "Postgres"), ("ConnectionStrings:SalesCoach", configured)));
    }

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;

        public string ApplicationName { get; set; } = "SalesCoachBot.Data.Tests";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
