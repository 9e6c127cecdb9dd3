using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SalesCoachBot.Slack.Tests;

/// <summary>The install and key folders, when relative, are under the host's content root as its SQLite file is.</summary>
public sealed class SlackOptionsPathsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("scb-slack-root-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Options_DefaultAndRelativePaths_TakenUnderTheContentRoot()
    {
        var options = Options(new() { ["Slack:InstallationsPath"] = "state/installs" });

        Assert.Equal(Path.Combine(_root, "state", "installs"), options.InstallationsPath);
        Assert.Equal(Path.Combine(_root, "data", "keys"), options.DataProtectionKeysPath);
    }

    [Fact]
    public void Options_AbsolutePath_Kept()
    {
        var keys = Path.Combine(Path.GetTempPath(), "scb-keys-elsewhere");

        var options = Options(new() { ["Slack:DataProtectionKeysPath"] = keys });

        Assert.Equal(keys, options.DataProtectionKeysPath);
    }

    private SlackOptions Options(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _root, EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Slack:SigningSecret"] = "secret" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSlackChannel(builder.Configuration, builder.Environment);
        return builder.Services.BuildServiceProvider().GetRequiredService<IOptions<SlackOptions>>().Value;
    }
}
