using Microsoft.Extensions.Configuration;

namespace SalesCoachBot.Host.Tests.Hosting;

/// <summary>appsettings.example.json is meant to be copied to appsettings.json: it must load as the host loads that file.</summary>
public sealed class ExampleSettingsTests
{
    private static string ExamplePath() =>
        Path.Combine(HostProcess.RepoRoot() ?? throw new InvalidOperationException("run from a checkout"), "appsettings.example.json");

    [Fact]
    public void Example_LoadedAsAppSettings_HasNoDuplicateKeys()
    {
        // The JSON configuration provider refuses a key written twice ("A duplicate key 'Crm:Provider' was found").
        var configuration = new ConfigurationBuilder().AddJsonFile(ExamplePath(), optional: false).Build();

        Assert.Equal("none", configuration["Crm:Provider"]);
    }
}
