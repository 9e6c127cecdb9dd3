using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Tests.ProcessMaps;

/// <summary>Relative map paths are read under the host's content root, not the folder the process happens to start in.</summary>
public sealed class ProcessMapPathsTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "scb-content-root");

    [Fact]
    public void Options_RelativePaths_TakenUnderTheContentRoot()
    {
        var options = Options(new()
        {
            ["ProcessMap:Path"] = "maps/enterprise.yaml",
            ["ProcessMap:Paths:0"] = "./maps/smb.yaml",
            ["ProcessMap:Paths:1"] = "/etc/salescoach/partner.yaml",
            ["ProcessMap:Folder"] = "team-maps",
        }, withEnvironment: true);

        Assert.Equal(Path.Combine(Root, "maps", "enterprise.yaml"), options.Path);
        Assert.Equal([Path.Combine(Root, "maps", "smb.yaml"), "/etc/salescoach/partner.yaml"], options.Paths);
        Assert.Equal(Path.Combine(Root, "team-maps"), options.Folder);
    }

    [Fact]
    public void Options_NoPathsConfigured_StayEmpty()
    {
        var options = Options([], withEnvironment: true);

        Assert.Null(options.Path);
        Assert.Empty(options.Paths);
        Assert.Null(options.Folder);
    }

    [Fact]
    public void Options_NoHostEnvironment_PathsAsConfigured()
    {
        var options = Options(new() { ["ProcessMap:Path"] = "maps/enterprise.yaml" }, withEnvironment: false);

        Assert.Equal("maps/enterprise.yaml", options.Path);
    }

    private static ProcessMapOptions Options(Dictionary<string, string?> settings, bool withEnvironment)
    {
        var services = new ServiceCollection().AddLogging();
        if (withEnvironment)
        {
            services.AddSingleton<IHostEnvironment>(new Environment { ContentRootPath = Root });
        }

        services.AddProcessMaps(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<ProcessMapOptions>>().Value;
    }

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;

        public string ApplicationName { get; set; } = "SalesCoachBot";

        public string ContentRootPath { get; set; } = string.Empty;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
