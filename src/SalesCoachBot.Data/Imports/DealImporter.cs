using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Data.Configurations;
using SalesCoachBot.Data.Stores;

namespace SalesCoachBot.Data.Imports;

/// <summary>
/// Deals upserted by external id. A new deal gets an "entered" history entry and its last activity at
/// the stage-entered time; a stage change bumps the stage version; a row that changes nothing writes nothing.
/// An empty cell keeps the stored value, and a stage earlier on the map than the stored one is skipped with a warning
/// unless <see cref="ImportOptions.AllowBackward"/>: a re-imported old export must not wipe or undo newer work.
/// </summary>
internal sealed class DealImporter(SalesCoachDbContext db, ProcessMapSet maps, TimeProvider time, ImportOptions options, Action<long> progress)
{
    public static readonly CsvSchema Schema = new(
        ["external_id", "name", "owner_email", "team", "stage"],
        ["account", "amount", "currency", "stage_entered_at", "next_step", "next_step_at", "created_at", "status", "lost_reason", "closed_at"]);

    private sealed record Row(
        long Line,
        string ExternalId,
        string Name,
        string? Account,
        decimal? Amount,
        string? Currency,
        long OwnerId,
        long TeamId,
        string StageId,
        DateTimeOffset? StageEnteredAt,
        DateTimeOffset? NextStepAt,
        DateTimeOffset? CreatedAt,
        DealStatus? Status,
        string? LostReason,
        DateTimeOffset? ClosedAt,
        string? NextStep);

    private readonly ImportTally _tally = new();

    private Dictionary<long, ProcessMap> _teamMaps = [];
    private Dictionary<long, DateTimeOffset> _latest = [];
    private DateTimeOffset _latestAnywhere;
    private Dictionary<string, Deal> _existing = [];

    public async Task<ImportResult> RunAsync(CsvTable table, CancellationToken cancellationToken)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = time.GetUtcNow();
        // Each row's stage is read against its team's map (issue 18: one map per team).
        var stages = maps.All.ToDictionary(m => m.Id, CsvValues.StageLookup, StringComparer.Ordinal);
        var owners = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in await db.People.AsNoTracking().Select(p => new { p.Email, p.Id }).ToListAsync(cancellationToken))
        {
            owners.TryAdd(p.Email, p.Id);
        }

        var teamRows = await db.Teams.AsNoTracking()
            .Select(t => new { Name = EF.Property<string>(t, SalesTeamConfiguration.NormalizedName), t.Id, t.MapId, t.TimeZoneId })
            .ToListAsync(cancellationToken);
        var teams = teamRows.ToDictionary(t => t.Name, t => t.Id, StringComparer.Ordinal);
        _teamMaps = teamRows.ToDictionary(t => t.Id, t => maps.For(t.MapId));
        _latest = teamRows.ToDictionary(t => t.Id, t => CsvValues.LatestPast(now, t.TimeZoneId));
        _latestAnywhere = CsvValues.LatestPast(now, null);
        var existing = new Dictionary<string, Deal>(StringComparer.OrdinalIgnoreCase);
        await foreach (var deal in db.Deals.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            existing.TryAdd(deal.ExternalId, deal);
        }

        _existing = existing;

        var seen = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        var valid = new List<Row>();
        long count = 0;

        // Every row is checked before anything is written.
        foreach (var csvRow in table.Rows())
        {
            progress(++count);
            var errors = new List<string>();
            var row = Parse(csvRow, stages, owners, teams, seen, errors);
            if (row is null)
            {
                _tally.Reject(csvRow.Line, errors);
                continue;
            }

            valid.Add(row);
        }

        await WriteAsync(valid, existing, now, cancellationToken);
        return _tally.ToResult();
    }

    private Row? Parse(
        CsvRow csv,
        Dictionary<string, Dictionary<string, string>> stages,
        Dictionary<string, long> owners,
        Dictionary<string, long> teams,
        Dictionary<string, long> seen,
        List<string> errors)
    {
        if (csv.Error is not null)
        {
            errors.Add(csv.Error);
            return null;
        }

        var externalId = csv.Get("external_id");
        if (externalId is null)
        {
            errors.Add("external_id is empty");
        }
        else if (CsvValues.TooLong("external_id", externalId, 100, out var tooLong))
        {
            errors.Add(tooLong!);
        }
        else if (seen.TryGetValue(externalId, out var firstLine))
        {
            errors.Add($"duplicate external_id '{externalId}' (already on line {firstLine})");
        }
        else
        {
            seen[externalId] = csv.Line;
        }

        var name = csv.Get("name");
        if (name is null)
        {
            errors.Add("name is empty");
        }
        else if (CsvValues.TooLong("name", name, 300, out var error) || CsvValues.HasControl("name", name, out error))
        {
            errors.Add(error!);
        }

        var account = csv.Get("account");
        if (account is not null && (CsvValues.TooLong("account", account, 300, out var accountError) || CsvValues.HasControl("account", account, out accountError)))
        {
            errors.Add(accountError!);
        }

        long ownerId = 0;
        var ownerEmail = csv.Get("owner_email");
        if (ownerEmail is null)
        {
            errors.Add("owner_email is empty");
        }
        else if (!owners.TryGetValue(ownerEmail, out ownerId))
        {
            errors.Add($"unknown owner '{ownerEmail}' (no person with that email; import people first)");
        }

        long teamId = 0;
        var team = csv.Get("team");
        if (team is null)
        {
            errors.Add("team is empty");
        }
        else if (!teams.TryGetValue(SalesCoachDbContext.NormalizeName(team), out teamId))
        {
            errors.Add($"unknown team '{team}' (import teams or people first)");
        }

        string? stageId = null;
        var stage = csv.Get("stage");
        if (stage is null)
        {
            errors.Add("stage is empty");
        }
        else if (teamId != 0 && _teamMaps[teamId] is var map && !stages[map.Id].TryGetValue(stage, out stageId))
        {
            // A stage the team's map renamed or merged away, or a deal moving in from a team with another map: placed by
            // the map's 'replaces', else refused with the reason.
            stageId = map.ResolveStage(new StageId(stage))?.Id.Value;
            if (stageId is null)
            {
                errors.Add(externalId is not null && _existing.TryGetValue(externalId, out var before) && before.TeamId != teamId
                    && _teamMaps.GetValueOrDefault(before.TeamId) is { } from && from.Id != map.Id
                    ? $"deal moves from a team with map '{from.Id}' to team '{team}' with map '{map.Id}', which has no stage '{stage}' and no stage replacing it: give a stage of map '{map.Id}' ({string.Join(", ", map.Stages.Select(s => s.Id.Value))})"
                    : CsvValues.UnknownStage(stage, map));
            }
        }

        if (stageId is not null && externalId is not null && _existing.TryGetValue(externalId, out var stored)
            && StageOffItsMap(stored, teamId, new StageId(stageId)) is { } offMap)
        {
            errors.Add(offMap);
        }

        string? currency = null;
        if (csv.Get("currency") is { } currencyText)
        {
            if (CsvValues.TryCurrency(currencyText, out var parsed, out var currencyError))
            {
                currency = parsed;
            }
            else
            {
                errors.Add(currencyError!);
            }
        }

        // Rounded for the deal's currency, the stored one when the row gives none: a KWD deal keeps its third decimal.
        decimal? amount = null;
        if (csv.Get("amount") is { } amountText)
        {
            var amountCurrency = currency ?? (externalId is not null ? _existing.GetValueOrDefault(externalId)?.Currency : null);
            if (CsvValues.TryAmount(amountText, amountCurrency, out var parsed, out var amountError))
            {
                amount = parsed;
            }
            else
            {
                errors.Add(amountError!);
            }
        }

        // When it entered, was created or closed has happened; a next step may be ahead.
        var latest = _latest.TryGetValue(teamId, out var teamLatest) ? teamLatest : _latestAnywhere;
        var stageEnteredAt = Date(csv, "stage_entered_at", errors, latest);
        var nextStepAt = Date(csv, "next_step_at", errors);
        var createdAt = Date(csv, "created_at", errors, latest);
        var closedAt = Date(csv, "closed_at", errors, latest);

        DealStatus? status = null;
        if (csv.Get("status") is { } statusText)
        {
            if (CsvValues.TryStatus(statusText, out var parsed, out var statusError))
            {
                status = parsed;
            }
            else
            {
                errors.Add(statusError!);
            }
        }

        var nextStep = csv.Get("next_step");
        if (nextStep is not null && (CsvValues.TooLong("next_step", nextStep, Deal.MaxNextStepLength, out var nextStepError) || CsvValues.HasControl("next_step", nextStep, out nextStepError)))
        {
            errors.Add(nextStepError!);
        }

        var lostReason = csv.Get("lost_reason");
        if (lostReason is not null && (CsvValues.TooLong("lost_reason", lostReason, 500, out var reasonError) || CsvValues.HasControl("lost_reason", lostReason, out reasonError)))
        {
            errors.Add(reasonError!);
        }

        return errors.Count > 0
            ? null
            : new Row(csv.Line, externalId!, name!, account, amount, currency, ownerId, teamId, stageId!, stageEnteredAt, nextStepAt, createdAt, status, lostReason, closedAt, nextStep);
    }

    /// <summary>
    /// A stored deal whose stage its own map no longer has (not even under <c>replaces</c>): the file's stage cannot be
    /// told earlier or later than it, so the row is refused rather than moving the deal unchecked, unless the import
    /// allows moves back. A deal moving to a team with another map is placed by the new map, as before.
    /// </summary>
    private string? StageOffItsMap(Deal stored, long teamId, StageId stage)
    {
        if (options.AllowBackward || stored.StageId == stage
            || _teamMaps.GetValueOrDefault(teamId) is not { } map || _teamMaps.GetValueOrDefault(stored.TeamId)?.Id != map.Id
            || map.ResolveStage(stored.StageId) is not null)
        {
            return null;
        }

        return $"deal {stored.ExternalId} ({stored.Name}) is at stage '{stored.StageId}', which its map '{map.Id}' does not have, " +
            $"so the file's stage '{stage}' cannot be compared with it (map '{map.Id}' has: {string.Join(", ", map.OrderedStages().Select(s => s.Id.Value))}); " +
            "move the deal in chat, or import with --allow-backward to place it anyway";
    }

    private static DateTimeOffset? Date(CsvRow csv, string column, List<string> errors, DateTimeOffset? latest = null)
    {
        if (csv.Get(column) is not { } text)
        {
            return null;
        }

        if (CsvValues.TryDate(column, text, out var value, out var error)
            && !(latest is { } last && CsvValues.InTheFuture(column, text, value, last, out error)))
        {
            return value;
        }

        errors.Add(error!);
        return null;
    }

    /// <summary>
    /// All good rows in one transaction, through prepared multi-row commands: new deals inserted with their
    /// generated ids returned, changed deals updated by id (guarded by their stage version), history after.
    /// </summary>
    private async Task WriteAsync(
        List<Row> rows, Dictionary<string, Deal> existing, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        int added = 0, updated = 0, unchanged = 0;
        var warnings = new List<ImportWarning>();
        var created = new List<Deal>();
        var history = new List<StageHistoryEntry>();
        var wonFromStage = new Dictionary<Deal, (StageId Stage, DateTimeOffset EnteredAt)>(ReferenceEqualityComparer.Instance);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Every deal this file adds or changes is stamped in the change log as it is written; its history need not stamp it again.
            await PipelineChangeBatch.BeginAsync(db, cancellationToken);
            await using var deals = new BulkTable<Deal>(db, returnBy: nameof(Deal.ExternalId));
            await using var entries = new BulkTable<StageHistoryEntry>(db);
            foreach (var row in rows)
            {
                if (existing.TryGetValue(row.ExternalId, out var deal))
                {
                    var before = deals.ProviderValues(deal);
                    var changes = Update(deal, row, now, warnings);
                    var after = deals.ProviderValues(deal);
                    if (before.AsSpan().SequenceEqual(after))
                    {
                        unchanged++;
                        continue;
                    }

                    if (!await deals.UpdateAsync(deal.Id.Value, after, before, cancellationToken))
                    {
                        throw new DbUpdateConcurrencyException($"Deal '{deal.ExternalId}' was changed by someone else during the import; nothing was imported. Import the file again.");
                    }

                    updated++;
                    history.AddRange(changes);
                }
                else
                {
                    deal = Create(row, now);
                    if (ToTheWonStage(deal) is { } wonFrom)
                    {
                        wonFromStage[deal] = wonFrom;
                    }

                    existing[row.ExternalId] = deal;
                    created.Add(deal);
                    added++;
                }
            }

            var ids = await deals.InsertAsync(created, cancellationToken);
            foreach (var deal in created)
            {
                // Ids of new deals are known only now.
                deal.Id = new DealId(ids[deal.ExternalId]);
                if (deal.Status is DealStatus.Lost or DealStatus.Nurture)
                {
                    // A deal brought in closed entered its stage open and was closed there, as the CRM's first sync records a
                    // loss: without the close, a later reopen read its closed days as time in the stage and in its cycle.
                    var entered = History(deal, StageChangeKind.Entered);
                    entered.Outcome = DealStatus.Open;
                    var close = History(deal, StageChangeKind.Closed,
                        new ImportReason(deal.Status, DealStatus.Open, deal.Status == DealStatus.Lost ? deal.LostReason : null).Stored);
                    close.EnteredAt = deal.ClosedAt is { } closedAt && closedAt > deal.StageEnteredAt ? closedAt : deal.StageEnteredAt;
                    history.AddRange([entered, close]);
                }
                else if (wonFromStage.TryGetValue(deal, out var wonFrom))
                {
                    // Entered open in the file's stage, then won: the rows "mark DEAL won" leaves after a deal's first stage.
                    history.AddRange([Entered(deal, wonFrom), Win(deal, DealStatus.Open)]);
                }
                else
                {
                    history.Add(History(deal, StageChangeKind.Entered));
                }
            }

            await entries.InsertAsync(history, cancellationToken);
            await PipelineChangeBatch.EndAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        _tally.Added += added;
        _tally.Updated += updated;
        _tally.Unchanged += unchanged;
        foreach (var warning in warnings)
        {
            _tally.Warn(warning.Line, warning.Message);
        }
    }

    private StageHistoryEntry History(Deal deal, StageChangeKind kind, string reason = ImportReason.StageChange) => new()
    {
        DealId = deal.Id,
        StageId = deal.StageId,
        EnteredAt = deal.StageEnteredAt,
        Kind = kind,
        Reason = reason,
        MapVersion = _teamMaps.GetValueOrDefault(deal.TeamId)?.Version,
        Outcome = deal.Status,
    };

    /// <summary>
    /// A deal won in a stage before its map's <c>won</c> stage was won from there: it is moved into the won stage, entered when
    /// it was won (its close date), as "mark DEAL won" moves it in chat, so conversion, cycle time, win rate and the won list
    /// count it as they count a win in chat. Returns the stage and date it was won from; null when the deal is not won or
    /// already stands where a won deal stands. A won deal stored before the import did this is moved when a file next
    /// names it.
    /// </summary>
    private (StageId Stage, DateTimeOffset EnteredAt)? ToTheWonStage(Deal deal)
    {
        if (deal.Status != DealStatus.Won || _teamMaps.GetValueOrDefault(deal.TeamId) is not { } map || !map.IsBeforeWon(deal.StageId))
        {
            return null;
        }

        var from = (deal.StageId, deal.StageEnteredAt);
        var wonAt = deal.ClosedAt is { } closedAt && closedAt > deal.StageEnteredAt ? closedAt : deal.StageEnteredAt;
        deal.StageId = map.Won;
        deal.StageEnteredAt = wonAt;
        deal.ClosedAt ??= wonAt;
        if (wonAt > deal.LastActivityAt)
        {
            deal.LastActivityAt = wonAt;
        }

        return from;
    }

    /// <summary>The row of a deal's entry into the stage it was won from (<see cref="ToTheWonStage"/>), open there.</summary>
    private StageHistoryEntry Entered(Deal deal, (StageId Stage, DateTimeOffset EnteredAt) wonFrom, StageChangeKind kind = StageChangeKind.Entered)
    {
        var entered = History(deal, kind);
        (entered.StageId, entered.EnteredAt, entered.Outcome) = (wonFrom.Stage, wonFrom.EnteredAt, DealStatus.Open);
        return entered;
    }

    /// <summary>The row of the win <see cref="ToTheWonStage"/> made: an entry into the won stage, its outcome won, as a chat win's.</summary>
    private StageHistoryEntry Win(Deal deal, DealStatus was) =>
        History(deal, StageChangeKind.Imported, new ImportReason(DealStatus.Won, was).Stored);

    private static Deal Create(Row row, DateTimeOffset now)
    {
        var entered = row.StageEnteredAt ?? now;
        var status = row.Status ?? DealStatus.Open;
        return new Deal
        {
            ExternalId = row.ExternalId,
            Name = row.Name,
            Account = row.Account,
            Amount = row.Amount,
            Currency = row.Currency,
            OwnerId = row.OwnerId,
            TeamId = row.TeamId,
            StageId = new StageId(row.StageId),
            StageEnteredAt = entered,
            NextStepAt = row.NextStepAt,
            NextStep = row.NextStep,
            NextStepSetAt = row.NextStep is not null || row.NextStepAt is not null ? now : null,
            CreatedAt = row.CreatedAt ?? entered,
            Status = status,
            LostReason = row.LostReason,
            ClosedAt = row.ClosedAt ?? (status is DealStatus.Won or DealStatus.Lost ? entered : null),
            StageVersion = 1,
            LastActivityAt = entered,
        };
    }

    /// <summary>
    /// Applies the row. Absent columns and empty cells keep their stored values; a stage earlier than the stored one is
    /// skipped (with its stage_entered_at), and so is a status that reopens a won or lost deal or turns one close into the
    /// other, each reported in <paramref name="warnings"/> unless the import allows it. A status that closes an open deal
    /// (won, lost or nurture) is recorded as a close, and one that brings a deal back as a reopen, the row's reason in
    /// <see cref="ImportReason"/>'s neutral form. A stored stage id the map renamed is the file's stage, not a move.
    /// A deal the row leaves won in a stage before the won stage is moved there (<see cref="ToTheWonStage"/>), and one the file
    /// still places in the stage it was won from stays there. Returns the history rows the row adds.
    /// </summary>
    private List<StageHistoryEntry> Update(Deal deal, Row row, DateTimeOffset now, List<ImportWarning> warnings)
    {
        // Read before the row's team replaces it: a renamed stage is the same stage only on the same map.
        var storedMap = _teamMaps.GetValueOrDefault(deal.TeamId);
        deal.Name = row.Name;
        deal.OwnerId = row.OwnerId;
        deal.TeamId = row.TeamId;

        // Empty means "not given" (docs/data.md): an export saved with blank cells must not wipe what was filled in since.
        deal.Account = row.Account ?? deal.Account;
        deal.Amount = row.Amount ?? deal.Amount;
        deal.Currency = row.Currency ?? deal.Currency;

        var (nextStep, nextStepAt) = (deal.NextStep, deal.NextStepAt);
        if (row.NextStep is { } text && !string.Equals(text, nextStep, StringComparison.Ordinal))
        {
            // The stored date belonged to the old step: a new step without a date has none.
            deal.NextStepAt = row.NextStepAt;
        }
        else
        {
            deal.NextStepAt = row.NextStepAt ?? deal.NextStepAt;
        }

        deal.NextStep = row.NextStep ?? deal.NextStep;

        // A different next step is a new one: its reminder is due again, counted from now.
        if (deal.NextStepAt != nextStepAt || !string.Equals(deal.NextStep, nextStep, StringComparison.Ordinal))
        {
            deal.NextStepSetAt = now;
            deal.NextStepRemindedAt = null;
        }

        if (row.CreatedAt is { } createdAt)
        {
            deal.CreatedAt = createdAt;
        }

        // When a closed deal closed (a nurtured one has no close date: it entered nurture then); read before a move restamps it.
        var closedSince = deal.ClosedAt ?? deal.StageEnteredAt;
        var stage = new StageId(row.StageId);
        // A deal still stored under a stage id the map has renamed (its 'replaces') sits in the file's stage: no move, no
        // new version. Its row is left to the map change to move it on, as for every deal in that stage.
        // A won deal the file still places in the stage it was won from (a CRM's export keeps it) stands in the won stage, where
        // the import moved it as a chat win does: no move back, no warning, and its date there stays the win's. Only a status
        // that reopens it or closes it otherwise (--allow-reopen) takes it back to the file's stage.
        var leavesWon = deal.Status == DealStatus.Won && row.Status is { } next && next != DealStatus.Won && options.AllowReopen;
        var stillWonFrom = deal.Status == DealStatus.Won && !leavesWon && storedMap is not null
            && storedMap.Id == _teamMaps.GetValueOrDefault(row.TeamId)?.Id && storedMap.IsBeforeWon(stage) && storedMap.IsWonOrAfter(deal.StageId);
        var sameStage = stillWonFrom || deal.StageId == stage || (storedMap is not null && storedMap.Id == _teamMaps.GetValueOrDefault(row.TeamId)?.Id
            && storedMap.ResolveStage(deal.StageId)?.Id == stage);
        var stageChanged = !sameStage;
        var stageSkipped = false;
        if (stageChanged && !options.AllowBackward && !(leavesWon && storedMap?.IsBeforeWon(stage) == true)
            && _teamMaps.GetValueOrDefault(row.TeamId) is { } map && IsBackward(map, deal.StageId, stage))
        {
            warnings.Add(new ImportWarning(row.Line,
                $"deal {deal.ExternalId} ({deal.Name}) is at {deal.StageId}; the file's stage {stage} is earlier on the map, so the stage was " +
                "not changed (the rest of the row was applied; import with --allow-backward to move deals back)"));
            stageChanged = false;
            stageSkipped = true;
        }

        if (stageChanged)
        {
            deal.StageId = stage;
            deal.StageVersion++;
            deal.StageEnteredAt = row.StageEnteredAt ?? now;
        }
        else if (!stageSkipped && !stillWonFrom && row.StageEnteredAt is { } entered)
        {
            // The same stage keeps its date unless the file gives one: an empty cell never restarts the time in stage.
            deal.StageEnteredAt = entered;
        }

        (StageChangeKind Kind, string Reason)? history = stageChanged ? (StageChangeKind.Imported, ImportReason.StageChange) : null;
        DealStatus? closedFrom = null;
        if (row.Status is { } status && status != deal.Status)
        {
            var closed = deal.Status is DealStatus.Won or DealStatus.Lost;
            if (closed && !options.AllowReopen)
            {
                // An old export re-imported would undo the close silently.
                warnings.Add(new ImportWarning(row.Line,
                    $"deal {deal.ExternalId} ({deal.Name}) is {Status(deal.Status)}; the file's status {Status(status)} was not applied (the rest of " +
                    "the row was applied; import with --allow-reopen to reopen or re-close closed deals)"));
            }
            else
            {
                if (status == DealStatus.Open)
                {
                    // Recorded as a reopen in chat is (ReopenDealUseCase), from lost, won or nurture alike: a new stage version,
                    // the stage entered now, and a Reopened row saying what the deal was. A file's stage date at or before the
                    // close is when the deal first entered the stage (an export keeps it), not the reopen: dated so, the reopen
                    // came before the close, and the days it stood closed were time in that stage.
                    history = (StageChangeKind.Reopened, new ImportReason(DealStatus.Open, deal.Status, deal.LostReason).Stored);
                    if (!stageChanged)
                    {
                        deal.StageVersion++;
                    }

                    deal.StageEnteredAt = row.StageEnteredAt is { } reopened && reopened > closedSince ? reopened : now;

                    deal.ReengageAt = null;
                }
                else
                {
                    // Recorded as a close in chat is (CloseDealUseCase's transition), into won, lost or nurture: a new stage
                    // version, the stage entered when it closed, and a Closed row, so the history, "what moved", cycle
                    // figures and stale cards see it. A close turned into another close is the import's (--allow-reopen).
                    closedFrom = deal.Status;
                    if (!stageChanged)
                    {
                        deal.StageVersion++;
                        deal.StageEnteredAt = closed || status == DealStatus.Nurture
                            ? row.StageEnteredAt ?? now
                            : row.ClosedAt ?? row.StageEnteredAt ?? now;
                    }

                    // A nurtured deal is picked up again after the map's days, counted from when it entered nurture, as in chat.
                    deal.ReengageAt = status == DealStatus.Nurture && _teamMaps.GetValueOrDefault(row.TeamId) is { } nurtureMap
                        ? deal.StageEnteredAt.AddDays(nurtureMap.Outcomes.NurtureReengageAfterDays)
                        : null;
                }

                // An import names no person: nobody's undo window applies to its close.
                deal.ClosedByPersonId = null;

                // What belonged to the old status goes with it, as a move in chat does: an open deal has no close date,
                // and only a lost deal has a lost reason. The row's own cells still win below.
                deal.ClosedAt = deal.ClosedAtAfterMove(status, row.ClosedAt ?? deal.StageEnteredAt);
                if (status != DealStatus.Lost)
                {
                    deal.LostReason = null;
                }

                deal.Status = status;
            }
        }

        deal.LostReason = row.LostReason ?? deal.LostReason;
        deal.ClosedAt = row.ClosedAt ?? deal.ClosedAt;
        if (closedFrom is { } was)
        {
            // import:lost:open:price, import:won:open: stored once the row's lost reason is in; worded where it is read.
            history = (StageChangeKind.Closed, new ImportReason(deal.Status, was, deal.Status == DealStatus.Lost ? deal.LostReason : null).Stored);
        }

        // A stage entry is activity; unchanged rows leave last activity alone.
        if (deal.StageEnteredAt > deal.LastActivityAt)
        {
            deal.LastActivityAt = deal.StageEnteredAt;
        }

        if (deal.Status is DealStatus.Won or DealStatus.Lost && deal.ClosedAt is null)
        {
            deal.ClosedAt = deal.StageEnteredAt;
        }

        if (ToTheWonStage(deal) is { } wonFrom)
        {
            if (!stageChanged && closedFrom is null)
            {
                deal.StageVersion++; // a won deal stored in the stage it was won from: moved now
            }

            // A stage this row changed to is entered open before the win; a close in the stage the deal stood in is the win.
            var wonFromStatus = closedFrom ?? DealStatus.Open;
            return stageChanged ? [Entered(deal, wonFrom, StageChangeKind.Imported), Win(deal, wonFromStatus)] : [Win(deal, wonFromStatus)];
        }

        return history is { } change ? [History(deal, change.Kind, change.Reason)] : [];
    }

    private static string Status(DealStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>
    /// Whether <paramref name="to"/> comes before <paramref name="from"/> on the path of <paramref name="map"/>. A stored
    /// stage the map renamed is read through its <c>replaces</c>; one the map lacks (a deal moving in from a team with
    /// another map) cannot be compared, and is not a move back.
    /// </summary>
    private static bool IsBackward(ProcessMap map, StageId from, StageId to)
    {
        var was = map.ResolveStage(from) is { } stored ? map.PositionOf(stored.Id) : -1;
        var now = map.PositionOf(to);
        return was >= 0 && now >= 0 && now < was;
    }
}
