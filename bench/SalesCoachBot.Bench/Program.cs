using SalesCoachBot.Bench;

// bench/run.sh runs every sub-command; each prints its own figures to stdout.
var command = args.Length > 0 ? args[0] : "";
var provider = Options.Value(args, "--provider") ?? "sqlite";
var deals = int.Parse(Options.Value(args, "--deals") ?? "100000", System.Globalization.CultureInfo.InvariantCulture);
var history = int.Parse(Options.Value(args, "--history") ?? (deals * 10).ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
var requests = int.Parse(Options.Value(args, "--requests") ?? "2000", System.Globalization.CultureInfo.InvariantCulture);
var size = new DataSize(deals, history);

switch (command)
{
    case "import":
        return await ImportBench.RunAsync(provider, size);
    case "stall":
        return await StallBench.RunAsync(size);
    case "coach":
        return await CoachBench.RunAsync(size, requests, provider, listsOnly: Options.Value(args, "--only") == "lists");
    case "pipeline":
        return await PipelineBench.RunAsync(size, provider);
    case "cache":
        return await CacheBench.RunAsync();
    case "nudges":
        return await NudgeBench.RunAsync(provider, deals);
    case "crm":
        return await CrmBench.RunAsync(size, provider);
    case "slack-coach":
        return await SlackCommandBench.RunAsync(Options.Value(args, "--requests") is null ? 5000 : requests, rounds: 12);
    default:
        await Console.Error.WriteLineAsync(
            "usage: SalesCoachBot.Bench import [--provider sqlite|postgres] | stall | coach [--provider sqlite|postgres] [--requests N] [--only lists] | pipeline [--provider sqlite|postgres] | cache | crm [--provider sqlite|postgres] [--deals N] [--history N] | slack-coach [--requests N]");
        return 2;
}
