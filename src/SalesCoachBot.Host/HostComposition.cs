using Microsoft.AspNetCore.DataProtection;
using SalesCoachBot.Core;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Crm;
using SalesCoachBot.Data;
using SalesCoachBot.Data.Hosts;
using SalesCoachBot.Host.Charts;
using SalesCoachBot.Host.Endpoints;
using SalesCoachBot.Host.Nudges;
using SalesCoachBot.Host.Observability;
using SalesCoachBot.Host.Options;
using SalesCoachBot.Host.Security;
using SalesCoachBot.Slack;
using SalesCoachBot.Teams;

namespace SalesCoachBot.Host;

/// <summary>Wires the layers together: one place that shows what the host is made of.</summary>
internal static class HostComposition
{
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var demo = args.Contains("--demo");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. args.Where(a => a != "--demo"), PolledConfigurationFiles.NoDefaultWatcher],
        });
        PolledConfigurationFiles.Apply(builder);
        if (demo)
        {
            builder.Configuration["Demo:Seed"] = "true";
        }

        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? "http://localhost:3978");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostOptions(builder.Configuration, builder.Environment);
        builder.Services.AddSalesCoachCaching(builder.Configuration);
        builder.Services.AddCharts();
        builder.Services.AddSalesCoachData(builder.Configuration, builder.Environment);
        builder.Services.AddSalesCoachCore(builder.Configuration);
        builder.Services.AddDatabaseOutageAnswers();
        builder.Services.AddTeamsChannel(builder.Configuration, builder.Environment);
        builder.Services.AddSlackChannel(builder.Configuration, builder.Environment, keys => keys.PersistKeysToDbContext<SalesCoachDbContext>());
        builder.Services.AddForwardedHeadersFromConfiguration(builder.Configuration);
        builder.Services.AddNudges(builder.Configuration);
        builder.Services.AddCrm(builder.Configuration);
        builder.Services.AddProblemDetails();
        builder.Services.AddSalesCoachHealthChecks();
        builder.Services.AddSalesCoachTelemetry(builder.Configuration);
        return builder;
    }

    public static void MapEndpoints(WebApplication app)
    {
        app.UseConfiguredForwardedHeaders();
        app.UseExceptionHandler();
        app.MapHealthEndpoints();
        app.MapCharts();
        app.MapTeamsChannel();
        app.MapSlackChannel();
        app.MapCrm();
    }

    public static async Task InitializeAsync(WebApplication app) =>
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
}
