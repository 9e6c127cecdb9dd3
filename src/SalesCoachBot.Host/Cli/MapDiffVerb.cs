using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Host.Cli;

/// <summary>
/// <c>map diff OLD.yaml NEW.yaml [--no-deals]</c>: what putting NEW in force instead of OLD would do, before it is done:
/// stages added, removed, replaced, checklists changed, lost reasons added, removed or reworded, and (with a database) the open deals that would move and those
/// that would be stranded, and the nurtured deals in a stage NEW replaces or lacks, and the lost deals whose reason NEW drops. Reads only. Exit 1 when the change would be refused (NEW has errors or strands deals).
/// </summary>
internal sealed class MapDiffVerb(IDealStore? deals = null, IDirectoryStore? directory = null, IProcessMapSource? maps = null) : ICliVerb
{
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken)
    {
        var parsed = CliArgs.Parse([.. args.Skip(1)], "--no-deals");
        if (parsed.Positional.Count != 2 || parsed.OptionNames.Any(o => o != "--no-deals"))
        {
            return await MapVerb.UsageErrorAsync(context, "map diff takes OLD and NEW map files, and only --no-deals");
        }

        var (oldFile, newFile) = (parsed.Positional[0], parsed.Positional[1]);
        var before = await LoadAsync(oldFile, context);
        var after = await LoadAsync(newFile, context);
        if (before is null || after is null)
        {
            return ExitCodes.Failed;
        }

        var diff = MapChange.Diff(before, after);
        foreach (var line in MapChange.Describe(diff))
        {
            await context.Out.WriteLineAsync(line);
        }

        if (parsed.Has("--no-deals") || deals is null)
        {
            return diff.Removed.Count > 0 ? ExitCodes.Failed : ExitCodes.Done;
        }

        // The deals of the teams that use OLD: the configured map with OLD's id, else (a copy of the live map saved under
        // another name) the default map.
        var set = maps?.Maps;
        var mapId = set is null || set.Find(before.Id) is not null ? before.Id : set.Default.Id;
        var teams = directory is null ? [] : await directory.ListTeamsAsync(cancellationToken);
        var teamIds = teams.Where(t => (set?.For(t.MapId).Id ?? t.MapId ?? ProcessMap.DefaultId) == mapId).Select(t => t.Id).ToList();
        var open = teamIds.Count == 0 ? [] : await deals.ListOpenAsync(teamIds, cancellationToken);
        var moving = open.Where(d => after.FindStage(d.Deal.StageId) is null && after.ResolveStage(d.Deal.StageId) is not null).ToList();
        var stranded = open.Where(d => after.ResolveStage(d.Deal.StageId) is null).ToList();
        await context.Out.WriteLineAsync(
            $"{Deals(open.Count)} of map '{mapId}' ({Teams(teamIds.Count)}): {moving.Count} would move, {stranded.Count} would be stranded");
        foreach (var d in moving)
        {
            var to = after.ResolveStage(d.Deal.StageId)!;
            await context.Out.WriteLineAsync($"  move {d.Deal.ExternalId} \"{d.Deal.Name}\" {d.Deal.StageId} → {to.Id}");
        }

        // Deals whose exit checklist NEW completes (their last open required item removed or made optional) advance when
        // it is put in force, as the last confirmation would have advanced them.
        foreach (var d in open)
        {
            if (MapChange.ReadyToAdvance(d, before, after) is { } next)
            {
                await context.Out.WriteLineAsync($"  advance {d.Deal.ExternalId} \"{d.Deal.Name}\" {d.Deal.StageId} → {next.Id}: every required item of {d.Deal.StageId} is confirmed");
            }
        }

        foreach (var d in stranded)
        {
            await context.Out.WriteLineAsync($"  stranded {d.Deal.ExternalId} \"{d.Deal.Name}\" in {d.Deal.StageId}: the change would be refused");
        }

        // Nurtured deals keep the stage they left (nothing is written to them); NEW reads it through 'replaces', and a
        // reopen puts the deal in the stage that replaces it. One NEW cannot place is listed, without refusing the change.
        var nurtured = new List<DealView>();
        foreach (var entry in teamIds.Count == 0 ? [] : (await deals.ListNamesAsync(teamIds, cancellationToken)).Where(e => e.Status == DealStatus.Nurture))
        {
            if (await deals.GetAsync(entry.Id, cancellationToken) is { } view && after.FindStage(view.Deal.StageId) is null)
            {
                nurtured.Add(view);
            }
        }

        foreach (var d in nurtured.OrderBy(d => d.Deal.ExternalId, StringComparer.Ordinal))
        {
            await context.Out.WriteLineAsync(after.ResolveStage(d.Deal.StageId) is { } to
                ? $"  nurture {d.Deal.ExternalId} \"{d.Deal.Name}\" {d.Deal.StageId} → {to.Id}: read as {to.Id}, reopens there"
                : $"  nurture {d.Deal.ExternalId} \"{d.Deal.Name}\" in {d.Deal.StageId}: no stage of the new map takes it over; a reopen would be refused");
        }

        // Lost deals keep the reason they were lost for; one the new map drops is listed, so a rename is not a surprise.
        if (diff.LostReasonsRemoved.Count > 0 && teamIds.Count > 0)
        {
            var removed = diff.LostReasonsRemoved.ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in (await deals.ListNamesAsync(teamIds, cancellationToken)).Where(e => e.Status == DealStatus.Lost).OrderBy(e => e.ExternalId, StringComparer.Ordinal))
            {
                if (await deals.GetAsync(entry.Id, cancellationToken) is { Deal.LostReason: { } reason } && removed.Contains(reason))
                {
                    await context.Out.WriteLineAsync($"  lost {entry.ExternalId} \"{entry.Name}\" for {reason}: keeps it, the new map has no such reason");
                }
            }
        }

        return stranded.Count > 0 ? ExitCodes.Failed : ExitCodes.Done;
    }

    private static async Task<ProcessMap?> LoadAsync(string file, CliContext context)
    {
        var result = ProcessMapLoader.LoadFile(file);
        foreach (var error in result.Errors)
        {
            await context.Error.WriteLineAsync(error.Format(file));
        }

        return result.Map;
    }

    private static string Deals(int n) => n == 1 ? "1 open deal" : $"{n} open deals";

    private static string Teams(int n) => n == 1 ? "1 team" : $"{n} teams";
}
