using System.Globalization;

namespace SalesCoachBot.FakeCrm;

// Standalone: `dotnet run --project tests/SalesCoachBot.FakeCrm -- [PORT] [DEALS]` serves a fake HubSpot (token
// pat-na1-fake) seeded with DEALS deals over two owners, until stopped. Used by tests/peers/crm/check.sh behind Prism.
internal static class FakeHubSpotProgram
{
    public static async Task Main(string[] args)
    {
        var port = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 4099;
        var deals = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
        await using var fake = await FakeHubSpot.StartAsync(port);
        var owners = new[] { fake.AddOwner("dana@example.com", "Dana", "Rep"), fake.AddOwner("sam@example.com", "Sam", "Rep") };
        var stages = fake.Pipelines[0].Stages;
        for (var i = 0; i < deals; i++)
        {
            fake.AddDeal($"Fake deal {i}", stages[i % stages.Count].Id, owners[i % owners.Length], 1000 + i);
        }

        Console.WriteLine($"FAKE_HUBSPOT_URL={fake.BaseUrl}");
        var done = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            done.TrySetResult();
        };
        // SIGTERM (kill, CI teardown) ends the run like Ctrl+C: stop Kestrel, then exit.
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            done.TrySetResult();
        });
        await done.Task;
    }
}
