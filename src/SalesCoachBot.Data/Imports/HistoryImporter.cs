using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Data.Imports;

/// <summary>Stage history of migrated deals, keyed by external id + stage + entered at. Never counts as activity.</summary>
internal sealed class HistoryImporter(SalesCoachDbContext db, ProcessMapSet maps, Action<long> progress)
{
    public static readonly CsvSchema Schema = new(["external_id", "stage", "entered_at"], []);

    private readonly ImportTally _tally = new();

    public async Task<ImportResult> RunAsync(CsvTable table, CancellationToken cancellationToken)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // A deal's history is read against its team's map.
        var stages = maps.All.ToDictionary(m => m.Id, CsvValues.StageLookup, StringComparer.Ordinal);
        var teamMaps = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => maps.For(t.MapId), cancellationToken);
        var deals = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        var dealMaps = new Dictionary<long, ProcessMap>();
        foreach (var d in await db.Deals.AsNoTracking().Select(d => new { d.ExternalId, d.Id, d.TeamId }).ToListAsync(cancellationToken))
        {
            deals.TryAdd(d.ExternalId, d.Id.Value);
            dealMaps[d.Id.Value] = teamMaps.GetValueOrDefault(d.TeamId) ?? maps.Default;
        }

        var stored = new HashSet<(long DealId, string Stage, long Ticks)>();
        await foreach (var h in db.StageHistory.AsNoTracking()
                           .Select(h => new { h.DealId, h.StageId, h.EnteredAt })
                           .AsAsyncEnumerable()
                           .WithCancellation(cancellationToken))
        {
            stored.Add((h.DealId.Value, h.StageId.Value, h.EnteredAt.UtcTicks));
        }

        var seen = new Dictionary<(long, string, long), long>();
        var valid = new List<StageHistoryEntry>();
        long count = 0;
        foreach (var row in table.Rows())
        {
            progress(++count);
            var errors = new List<string>();
            if (row.Error is not null)
            {
                _tally.Reject(row.Line, [row.Error]);
                continue;
            }

            long dealId = 0;
            var externalId = row.Get("external_id");
            if (externalId is null)
            {
                errors.Add("external_id is empty");
            }
            else if (!deals.TryGetValue(externalId, out dealId))
            {
                errors.Add($"unknown deal '{externalId}' (import deals first)");
            }

            string? stageId = null;
            var stage = row.Get("stage");
            if (stage is null)
            {
                errors.Add("stage is empty");
            }
            else if (dealId != 0 && dealMaps[dealId] is var map && !stages[map.Id].TryGetValue(stage, out stageId))
            {
                errors.Add(CsvValues.UnknownStage(stage, map));
            }

            DateTimeOffset enteredAt = default;
            var entered = row.Get("entered_at");
            if (entered is null)
            {
                errors.Add("entered_at is empty");
            }
            else if (!CsvValues.TryDate("entered_at", entered, out enteredAt, out var dateError))
            {
                errors.Add(dateError!);
            }

            if (errors.Count > 0)
            {
                _tally.Reject(row.Line, errors);
                continue;
            }

            var key = (dealId, stageId!, enteredAt.UtcTicks);
            if (seen.TryGetValue(key, out var firstLine))
            {
                _tally.Reject(row.Line, [$"duplicate history row for '{externalId}' in '{stageId}' at {entered} (already on line {firstLine})"]);
                continue;
            }

            seen[key] = row.Line;
            if (!stored.Add(key))
            {
                _tally.Unchanged++;
                continue;
            }

            valid.Add(new StageHistoryEntry { DealId = new DealId(dealId), StageId = new StageId(stageId!), EnteredAt = enteredAt, Kind = StageChangeKind.Imported, Reason = "import" });
        }

        // Written only after every row was checked.
        await WriteAsync(valid, cancellationToken);
        return _tally.ToResult();
    }

    /// <summary>All new rows in one transaction through prepared multi-row INSERTs (no change tracking).</summary>
    private async Task WriteAsync(List<StageHistoryEntry> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await using (var entries = new BulkTable<StageHistoryEntry>(db))
            {
                await entries.InsertAsync(rows, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        _tally.Added += rows.Count;
    }
}
