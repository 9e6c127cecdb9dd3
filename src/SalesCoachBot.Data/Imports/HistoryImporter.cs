using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Data.Stores;

namespace SalesCoachBot.Data.Imports;

/// <summary>
/// A team's past, for migrated deals: stage rows (keyed by external id + stage + entered at; never activity), and with
/// the optional <c>kind</c> column notes (<c>note</c>, keyed by deal + time + text) and activities (<c>call</c>,
/// <c>meeting</c>, <c>email</c>, <c>other</c>, keyed by deal + kind + time + text), by <c>author_email</c>. A note or
/// activity newer than a deal's last activity moves it (the stall rule hears about the call); re-importing the same
/// file adds nothing.
/// </summary>
internal sealed class HistoryImporter(SalesCoachDbContext db, ProcessMapSet maps, TimeProvider time, Action<long> progress)
{
    public static readonly CsvSchema Schema = new(["external_id", "stage", "entered_at"], ["kind", "author_email", "text"]);

    /// <summary>The longest text of an imported activity (the column's size); notes take <see cref="Core.Abstractions.NewNote.MaxLength"/>.</summary>
    private const int MaxActivityText = 500;

    private readonly ImportTally _tally = new();

    public async Task<ImportResult> RunAsync(CsvTable table, CancellationToken cancellationToken)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // A deal's history is read against its team's map.
        var stages = maps.All.ToDictionary(m => m.Id, CsvValues.StageLookup, StringComparer.Ordinal);
        var teams = await db.Teams.AsNoTracking().ToListAsync(cancellationToken);
        var teamMaps = teams.ToDictionary(t => t.Id, t => maps.For(t.MapId));
        // A row says what happened: at the latest today, in the deal's team's time zone.
        var now = time.GetUtcNow();
        var teamLatest = teams.ToDictionary(t => t.Id, t => CsvValues.LatestPast(now, t.TimeZoneId));
        var deals = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        var dealMaps = new Dictionary<long, ProcessMap>();
        foreach (var d in await db.Deals.AsNoTracking().Select(d => new { d.ExternalId, d.Id, d.TeamId }).ToListAsync(cancellationToken))
        {
            deals.TryAdd(d.ExternalId, d.Id.Value);
            dealMaps[d.Id.Value] = teamMaps.GetValueOrDefault(d.TeamId) ?? maps.Default;
            _latest[d.Id.Value] = teamLatest.TryGetValue(d.TeamId, out var latest) ? latest : CsvValues.LatestPast(now, null);
        }

        // Keyed by the stage as the deal's map knows it now, so a row stored under an id the map has since replaced is
        // the same row as one the file gives under the replacing id (or under the old id again).
        var stored = new HashSet<(long DealId, string Stage, long Ticks)>();
        await foreach (var h in db.StageHistory.AsNoTracking()
                           .Select(h => new { h.DealId, h.StageId, h.EnteredAt })
                           .AsAsyncEnumerable()
                           .WithCancellation(cancellationToken))
        {
            var stage = dealMaps.TryGetValue(h.DealId.Value, out var map) ? map.ResolveStage(h.StageId)?.Id.Value ?? h.StageId.Value : h.StageId.Value;
            stored.Add((h.DealId.Value, stage, h.EnteredAt.UtcTicks));
        }

        await LoadJournalAsync(cancellationToken);
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

            var kind = row.Get("kind")?.Trim().ToLowerInvariant();
            if (kind is not (null or "stage"))
            {
                ReadJournalRow(row, kind, dealId, errors);
                continue;
            }

            string? stageId = null;
            var stage = row.Get("stage");
            if (stage is null)
            {
                errors.Add("stage is empty");
            }
            else if (dealId != 0 && dealMaps[dealId] is var map && !stages[map.Id].TryGetValue(stage, out stageId))
            {
                // A stage the deal's map renamed or merged away is stored as the stage that replaces it, as `import deals`
                // places a deal: one id per stage in the history, which a later rename of that stage carries on.
                stageId = map.ResolveStage(new StageId(stage))?.Id.Value;
                if (stageId is null)
                {
                    errors.Add(CsvValues.UnknownStage(stage, map));
                }
            }

            DateTimeOffset enteredAt = default;
            var entered = row.Get("entered_at");
            if (entered is null)
            {
                errors.Add("entered_at is empty");
            }
            else if (!CsvValues.TryDate("entered_at", entered, out enteredAt, out var dateError) || InTheFuture(dealId, entered, enteredAt, out dateError))
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

    private readonly Dictionary<long, DateTimeOffset> _latest = [];

    private bool InTheFuture(long dealId, string text, DateTimeOffset at, out string? error)
    {
        error = null;
        return _latest.TryGetValue(dealId, out var latest) && CsvValues.InTheFuture("entered_at", text, at, latest, out error);
    }

    private readonly List<DealNote> _notes = [];
    private readonly List<DealActivity> _activities = [];
    private readonly HashSet<(long DealId, long Ticks, string Text)> _storedNotes = [];
    private readonly HashSet<(long DealId, ActivityKind Kind, long Ticks, string Text)> _storedActivities = [];
    private readonly Dictionary<string, long> _people = new(StringComparer.OrdinalIgnoreCase);

    private async Task LoadJournalAsync(CancellationToken cancellationToken)
    {
        foreach (var p in await db.People.AsNoTracking().Select(p => new { p.Email, p.Id }).ToListAsync(cancellationToken))
        {
            _people.TryAdd(p.Email, p.Id);
        }

        await foreach (var n in db.Notes.AsNoTracking().Select(n => new { n.DealId, n.At, n.Text }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            _storedNotes.Add((n.DealId.Value, n.At.UtcTicks, n.Text));
        }

        await foreach (var a in db.Activities.AsNoTracking().Select(a => new { a.DealId, a.Kind, a.OccurredAt, a.Text }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            _storedActivities.Add((a.DealId.Value, a.Kind, a.OccurredAt.UtcTicks, a.Text ?? string.Empty));
        }
    }

    /// <summary>A note or activity row: <c>entered_at</c> is when it happened; <c>stage</c> is not used.</summary>
    private void ReadJournalRow(CsvRow row, string kind, long dealId, List<string> errors)
    {
        ActivityKind? activity = kind switch
        {
            "note" => null,
            "call" => ActivityKind.Call,
            "meeting" => ActivityKind.Meeting,
            "email" => ActivityKind.Email,
            "other" => ActivityKind.Other,
            _ => ActivityKind.Other,
        };
        if (kind is not ("note" or "call" or "meeting" or "email" or "other"))
        {
            errors.Add($"kind '{row.Get("kind")}' is not one of stage, note, call, meeting, email, other");
        }

        DateTimeOffset at = default;
        var entered = row.Get("entered_at");
        if (entered is null)
        {
            errors.Add("entered_at is empty");
        }
        else if (!CsvValues.TryDate("entered_at", entered, out at, out var dateError) || InTheFuture(dealId, entered, at, out dateError))
        {
            errors.Add(dateError!);
        }

        long? author = null;
        if (row.Get("author_email") is { } email)
        {
            if (_people.TryGetValue(email.Trim(), out var id))
            {
                author = id;
            }
            else
            {
                errors.Add($"unknown author_email '{email}' (import people first)");
            }
        }

        var text = row.Get("text")?.Trim();
        if (kind == "note" && string.IsNullOrEmpty(text))
        {
            errors.Add("text is empty (a note needs its text)");
        }
        else if (text is not null && CsvValues.TooLong("text", text, kind == "note" ? Core.Abstractions.NewNote.MaxLength : MaxActivityText, out var tooLong))
        {
            errors.Add(tooLong!);
        }

        if (errors.Count > 0)
        {
            _tally.Reject(row.Line, errors);
            return;
        }

        if (activity is null)
        {
            if (!_storedNotes.Add((dealId, at.UtcTicks, text!)))
            {
                _tally.Unchanged++;
                return;
            }

            _notes.Add(new DealNote { DealId = new DealId(dealId), PersonId = author, At = at, Text = text! });
            return;
        }

        if (!_storedActivities.Add((dealId, activity.Value, at.UtcTicks, text ?? string.Empty)))
        {
            _tally.Unchanged++;
            return;
        }

        _activities.Add(new DealActivity
        {
            DealId = new DealId(dealId),
            Kind = activity.Value,
            PersonId = author,
            OccurredAt = at,
            RecordedAt = at,
            Text = string.IsNullOrEmpty(text) ? null : text,
        });
    }

    /// <summary>All new rows in one transaction through prepared multi-row INSERTs (no change tracking).</summary>
    private async Task WriteAsync(List<StageHistoryEntry> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0 && _notes.Count == 0 && _activities.Count == 0)
        {
            return;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (rows.Count > 0)
            {
                // A deal's first imported row stamps it in the change log; its other rows in this transaction need not.
                await PipelineChangeBatch.BeginAsync(db, cancellationToken);
                await using var entries = new BulkTable<StageHistoryEntry>(db);
                await entries.InsertAsync(rows, cancellationToken);
                await PipelineChangeBatch.EndAsync(db, cancellationToken);
            }

            if (_notes.Count > 0)
            {
                await using var notes = new BulkTable<DealNote>(db);
                await notes.InsertAsync(_notes, cancellationToken);
            }

            if (_activities.Count > 0)
            {
                await using var activities = new BulkTable<DealActivity>(db);
                await activities.InsertAsync(_activities, cancellationToken);
            }

            // A past call or note counts as the deal's activity when it is newer than what the deal has.
            var latest = _notes.Select(n => (n.DealId, At: n.At)).Concat(_activities.Select(a => (a.DealId, At: a.OccurredAt)))
                .GroupBy(x => x.DealId)
                .Select(g => (Deal: g.Key, At: g.Max(x => x.At)));
            foreach (var (deal, at) in latest)
            {
                await db.Deals.Where(d => d.Id == deal && d.LastActivityAt < at)
                    .ExecuteUpdateAsync(u => u.SetProperty(d => d.LastActivityAt, at), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        _tally.Added += rows.Count + _notes.Count + _activities.Count;
    }
}
