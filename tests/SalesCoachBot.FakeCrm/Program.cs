using System.Globalization;

namespace SalesCoachBot.FakeCrm;

// Standalone: `dotnet run --project tests/SalesCoachBot.FakeCrm -- [PORT] [DEALS]` serves a fake HubSpot (token
// pat-na1-fake) seeded with DEALS deals over two owners, until stopped. Used by tests/peers/crm/check.sh behind Prism.
// `-- salesforce [PORT] [DEALS] [HISTORY_PER_DEAL] [CERT_OUT.pem] [PAGE_SIZE]` serves a fake Salesforce org instead
// (FakeSalesforce.Token): two record types (Enterprise, Smb) plus opportunities without one, two owners, stage history,
// query pages of at most PAGE_SIZE (default 200) records; with CERT_OUT it makes the connected app's certificate and writes it there with
// its private key, for JWT bearer sign-ins.
internal static class FakeHubSpotProgram
{
    public static async Task Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "salesforce")
        {
            await FakeSalesforceProgram.RunAsync(args[1..]);
            return;
        }

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

internal static class FakeSalesforceProgram
{
    public static async Task RunAsync(string[] args)
    {
        var port = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 4098;
        var deals = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
        var history = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var certificate = args.Length > 3 ? WriteCertificate(args[3]) : null;
        var pageSize = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 200;
        await using var fake = await FakeSalesforce.StartAsync(port, f =>
        {
            f.Certificate = certificate;
            f.MaxPageSize = pageSize;
            Seed(deals, history)(f);
        });
        Console.WriteLine($"FAKE_SALESFORCE_URL={fake.BaseUrl}");
        var done = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            done.TrySetResult();
        };
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            done.TrySetResult();
        });
        await done.Task;
        Console.WriteLine($"FAKE_SALESFORCE_COUNTERS requests={fake.TotalRequests} max_concurrent={fake.MaxConcurrentRequests} sign_ins={fake.SignIns}");
        foreach (var (path, count) in fake.CallsByPath.OrderByDescending(kv => kv.Value))
        {
            Console.WriteLine($"  {count,8} {path}");
        }
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 WriteCertificate(string path)
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=salescoach-connected-app", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem());
        return System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(
            certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Cert));
    }

    /// <summary>
    /// The seeded org: record types Enterprise (every stage) and Smb (a shorter sales process), deals spread over both
    /// and over opportunities without a record type, each with <paramref name="history"/> stage history rows.
    /// </summary>
    public static Action<FakeSalesforce> Seed(int deals, int history) => fake =>
    {
        var all = fake.Stages.Select(s => s.ApiName).ToArray();
        fake.AddRecordType("Enterprise", "Enterprise", all);
        fake.AddRecordType("Smb", "SMB", "Prospecting", "Qualification", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost");
        var owners = new[] { fake.AddUser("dana@example.com", "Dana Rep"), fake.AddUser("sam@example.com", "Sam Rep") };
        fake.Seed(deals, owners, history, recordTypes: [null, "Enterprise", "Smb"]);
    };
}
