using System.Globalization;
using System.Text;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Bench;

internal sealed record DataSize(int Deals, int HistoryRows);

/// <summary>
/// Generated CSV files in the product's import formats: 20 teams, 20 reps and a manager per team, an
/// admin, open deals with distinct two-part names ("Zenwave Payroll") spread over the map's stages,
/// and stage history. Deterministic, so runs are comparable.
/// </summary>
internal sealed class DataSet
{
    public const int Teams = 20;
    public const int RepsPerTeam = 20;

    private static readonly string[] Prefixes =
    [
        "Nor", "Fab", "Ini", "Umb", "Sta", "Cont", "Glo", "Lum", "Vex", "Quin", "Zen", "Tri", "Octa", "Hyper", "Blue",
        "Red", "Iron", "Silver", "Gold", "Pine", "Oak", "Cedar", "North", "South", "East", "West", "Bright", "Clear",
        "Swift", "True", "Nova", "Astra", "Terra", "Aqua", "Pyro", "Cryo", "Omni", "Poly", "Micro", "Macro", "Alpha",
        "Beta", "Gamma", "Delta", "Sigma", "Vertex", "Apex", "Summit", "Harbor", "River", "Stone", "Maple", "Birch",
        "Falcon", "Eagle", "Raven", "Wolf", "Bear", "Lynx", "Orca",
    ];

    private static readonly string[] Suffixes =
    [
        "wind", "rikam", "tech", "rella", "ware", "soft", "labs", "works", "dyne", "tron", "logic", "point", "gate",
        "field", "bridge", "stream", "core", "scape", "wave", "line", "forge", "haven", "mark", "path", "sphere",
        "nexus", "vale", "ridge", "crest", "port", "mill", "shore", "wood", "view", "cast", "grid", "sync", "loop",
        "byte", "mint",
    ];

    private static readonly string[] Projects =
    [
        "Renewal", "Expansion", "Pilot", "Rollout", "Upgrade", "Migration", "Platform", "Analytics", "Security",
        "Cloud", "Support", "Training", "Licenses", "Integration", "Onboarding", "Payroll", "Logistics", "Warehouse",
        "Fleet", "Marketing", "Helpdesk", "Billing", "Compliance", "Reporting", "Mobile", "Portal", "Datalake", "CRM",
        "ERP", "Recruiting", "Backup", "Network", "Telephony", "Storage", "Identity", "Payments", "Forecasting",
        "Inventory", "Procurement", "Loyalty", "Ecommerce", "Kiosk",
    ];

    private DataSet(string folder, DataSize size, IReadOnlyList<string> stages)
    {
        Folder = folder;
        Size = size;
        Stages = stages;
    }

    public string Folder { get; }
    public DataSize Size { get; }

    /// <summary>Stages deals are spread over: the map's stages before the won stage.</summary>
    public IReadOnlyList<string> Stages { get; }

    public string TeamsCsv => Path.Combine(Folder, "teams.csv");
    public string PeopleCsv => Path.Combine(Folder, "people.csv");
    public string DealsCsv => Path.Combine(Folder, "deals.csv");
    public string HistoryCsv => Path.Combine(Folder, "history.csv");

    public static string ExternalId(int deal) => $"D{deal}";

    public static int TeamOf(int deal) => deal % Teams;

    public static string TeamName(int team) => $"Team {team:00}";

    public static string RepEmail(int team, int rep) => $"rep{team:00}-{rep:00}@bench.example";

    public static string AdminEmail => "admin@bench.example";

    /// <summary>Company and project of a deal: every deal's pair is distinct.</summary>
    public static (string Company, string Project) NameOf(int deal)
    {
        // A stride coprime with 100,800 spreads neighbouring deals over different companies and projects.
        var j = (int)((long)deal * 7919 % (Prefixes.Length * Suffixes.Length * Projects.Length));
        return (Prefixes[j % Prefixes.Length] + Suffixes[j / Prefixes.Length % Suffixes.Length],
            Projects[j / (Prefixes.Length * Suffixes.Length)]);
    }

    public static DataSet Generate(DataSize size, ProcessMap map, DateTimeOffset now)
    {
        if (size.Deals > Prefixes.Length * Suffixes.Length * Projects.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(size), "at most 100,800 distinct deal names");
        }

        var stages = map.OrderedStages().TakeWhile(s => s.Id != map.Won).Select(s => s.Id.Value).ToList();
        var set = new DataSet(Directory.CreateTempSubdirectory("scb-bench-").FullName, size, stages);
        var inv = CultureInfo.InvariantCulture;

        var teams = new StringBuilder("team,time_zone,nudge_time,weekdays_only,idle_after_days\n");
        for (var t = 0; t < Teams; t++)
        {
            teams.Append(inv, $"{TeamName(t)},Europe/Berlin,09:00,true,{10 + (t % 10)}\n");
        }

        File.WriteAllText(set.TeamsCsv, teams.ToString());

        var people = new StringBuilder("email,name,team,role,teams_aad_object_id,slack_user_id\n");
        people.Append(inv, $"{AdminEmail},Ada Admin,,admin,,\n");
        for (var t = 0; t < Teams; t++)
        {
            people.Append(inv, $"manager{t:00}@bench.example,Manager {t:00},{TeamName(t)},manager,,\n");
            for (var r = 0; r < RepsPerTeam; r++)
            {
                people.Append(inv, $"{RepEmail(t, r)},Rep {t:00}-{r:00},{TeamName(t)},rep,,\n");
            }
        }

        File.WriteAllText(set.PeopleCsv, people.ToString());

        var today = now.UtcDateTime.Date;
        using (var deals = new StreamWriter(set.DealsCsv, false, new UTF8Encoding(false)))
        {
            deals.Write("external_id,name,account,amount,currency,owner_email,team,stage,stage_entered_at,next_step_at,created_at\n");
            for (var i = 0; i < size.Deals; i++)
            {
                var (company, project) = NameOf(i);
                var team = TeamOf(i);
                var entered = today.AddDays(-(i % 60));
                var next = i % 5 == 0 ? today.AddDays(7).ToString("yyyy-MM-dd", inv) : "";
                deals.Write(string.Create(inv,
                    $"{ExternalId(i)},{company} {project},{company},{1000 + (i % 997) * 25}.00,EUR,{RepEmail(team, i / Teams % RepsPerTeam)},{TeamName(team)},{stages[i % stages.Count]},{entered:yyyy-MM-dd},{next},{entered.AddDays(-30):yyyy-MM-dd}\n"));
            }
        }

        using (var history = new StreamWriter(set.HistoryCsv, false, new UTF8Encoding(false)))
        {
            history.Write("external_id,stage,entered_at\n");
            var perDeal = Math.Max(1, (int)Math.Ceiling(size.HistoryRows / (double)size.Deals));
            var written = 0;
            for (var k = 0; k < perDeal && written < size.HistoryRows; k++)
            {
                for (var i = 0; i < size.Deals && written < size.HistoryRows; i++, written++)
                {
                    // Older than anything the deals file says, one day apart, so no row repeats a stored one.
                    var at = today.AddDays(-400 + k).AddHours(i % 24);
                    history.Write(string.Create(inv, $"{ExternalId(i)},{stages[k % stages.Count]},{at:yyyy-MM-ddTHH:mm:ssZ}\n"));
                }
            }
        }

        return set;
    }

    public void Delete() => Directory.Delete(Folder, recursive: true);
}
