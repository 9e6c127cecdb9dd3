using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using SalesCoachBot.Data;
using SalesCoachBot.Host.Tests.Security;

namespace SalesCoachBot.Host.Tests.Hosting;

/// <summary>
/// Issue 19, "faults": the database lost while people work → a polite "try again", nothing half-written; once it is
/// back the same request succeeds. PostgreSQL (the multi-host database) on the test server of SALESCOACH_TEST_POSTGRES.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private readonly string _name = $"salescoach_outage_{Guid.NewGuid():N}";
    private string _server = null!;
    private TrustHost _host = null!;

    public async Task InitializeAsync()
    {
        _server = Environment.GetEnvironmentVariable("SALESCOACH_TEST_POSTGRES") is { Length: > 0 } server ? server
            : throw new InvalidOperationException("SALESCOACH_TEST_POSTGRES is not set; run tests/start-postgres.sh (CI always sets it).");
        await AdminAsync($"CREATE DATABASE \"{_name}\"");
        _host = await TrustHost.StartAsync("Production", new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:SalesCoach"] = new NpgsqlConnectionStringBuilder(_server) { Database = _name, Timeout = 3 }.ConnectionString,
            ["Slack:SigningSecret"] = TrustHost.SigningSecret,
            ["Slack:BotToken"] = "xoxb-host-token",
            ["Slack:AllowedTeamIds:0"] = "T0OURS",
            // The background workers poll often, so an outage of a few seconds is many failed rounds.
            ["Nudges:PollInterval"] = "00:00:01",
            ["Nudges:DispatchInterval"] = "00:00:00.200",
        });
    }

    public async Task DisposeAsync()
    {
        await AdminAsync($"ALTER DATABASE \"{_name}\" WITH ALLOW_CONNECTIONS true");
        await _host.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<string> AskAsync(string text)
    {
        var answer = await _host.CommandAnswerAsync(new Dictionary<string, string>
        {
            ["command"] = "/coach",
            ["text"] = text,
            ["user_id"] = "U0DEMO",
            ["team_id"] = "T0OURS",
            ["channel_id"] = "C0SALES",
            ["response_url"] = "https://hooks.slack.com/commands/T0/1/abc",
            ["trigger_id"] = "1.2.3",
        });
        return JsonDocument.Parse(answer).RootElement.GetProperty("text").GetString()!;
    }

    private async Task<int> ConfirmationsAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>().Confirmations.CountAsync();
    }

    [Fact]
    public async Task Confirm_DatabaseDownThenBack_PoliteTryAgainNothingRecordedThenConfirmed()
    {
        var before = await ConfirmationsAsync();
        await AdminAsync($"ALTER DATABASE \"{_name}\" WITH ALLOW_CONNECTIONS false");
        await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_name}'");

        var during = await AskAsync("done demo script mapped for initech");

        await AdminAsync($"ALTER DATABASE \"{_name}\" WITH ALLOW_CONNECTIONS true");
        Assert.Equal("I can't reach my database just now, so nothing was recorded. Please try again in a minute.", during);
        Assert.Equal(before, await ConfirmationsAsync());
        Assert.StartsWith("Confirmed", await AskAsync("done demo script mapped for initech"), StringComparison.Ordinal);
        Assert.Equal(before + 1, await ConfirmationsAsync());
    }

    [Fact]
    public async Task Workers_DatabaseDownThenBack_OneWarningNoErrorsThenOneInformation()
    {
        var before = _host.Logs.Lines.Count;
        await AdminAsync($"ALTER DATABASE \"{_name}\" WITH ALLOW_CONNECTIONS false");
        await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_name}'");
        await Task.Delay(TimeSpan.FromSeconds(4));   // ~20 dispatcher rounds and 4 scheduler rounds fail meanwhile
        var during = _host.Logs.Lines.Skip(before).ToList();

        // Between the two admin statements a worker still on an open connection can succeed after another one's new
        // connection failed: the database then went down, up and down again, and each change is said once. A warning
        // per failed round (about 20 here) would break the counts.
        var warnings = during.Where(l => l.Level >= LogLevel.Warning).ToList();
        await AdminAsync($"ALTER DATABASE \"{_name}\" WITH ALLOW_CONNECTIONS true");
        var until = TimeProvider.System.GetUtcNow().AddSeconds(20);
        while (_host.Logs.Lines.Skip(before).Count(l => l.EventId == 2122) < warnings.Count)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < until, "no 'reachable again' line within 20 s\n" + string.Join('\n', _host.Logs.Lines.Skip(before)));
            await Task.Delay(100);
        }

        var all = string.Join('\n', _host.Logs.Lines.Skip(before).Select(l => $"{l.Level} {l.EventId} {l.Message}"));
        Assert.NotEmpty(warnings);
        Assert.All(warnings, w => Assert.Equal(2120, w.EventId));
        Assert.Contains("The database (PostgreSQL ", warnings[0].Message, StringComparison.Ordinal);
        Assert.Equal(warnings.Count - 1, during.Count(l => l.EventId == 2122));
        Assert.DoesNotContain("Password", all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(_host.Logs.Lines.Skip(before), l => l.Level >= LogLevel.Error);
        Assert.Equal(warnings.Count, _host.Logs.Lines.Skip(before).Count(l => l.EventId == 2122));
    }
}
