using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Crm;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Data.Imports;
using SalesCoachBot.Data.Infrastructure;
using SalesCoachBot.Data.Nudges;
using SalesCoachBot.Data.Stores;

namespace SalesCoachBot.Data.Crm;

/// <summary>
/// Applies CRM deals to ours, a batch per transaction. A singleton over the context factory: the sync runs outside any
/// request scope. A batch that meets a concurrent stage change (the deal's stage version moved under it) runs again
/// from what the database holds then. New deals, their imported history and the link rows are written through the CSV
/// importer's prepared multi-row commands (<see cref="BulkTable{TEntity}"/>): on a first sync of 100,000 deals the
/// change tracker cost far more than the database. Changes to existing deals (moves, renames) still go through
/// EF Core, in the same transaction, so the concurrency token and the push interceptor see them. A CRM amount too large
/// for the amount columns (<see cref="AmountPrecision.Limit"/>) is left out of its deal, not allowed to fail the batch;
/// the link is flagged for it like an unmapped stage, until a sync brings an amount that fits.
/// </summary>
internal sealed partial class CrmSyncStore(
    SalesCoachDbContextFactory factory, SqliteWriteGate writeGate, ICacheInvalidation caches, ILogger<CrmSyncStore> logger) : ICrmSyncStore
{
    private const int MaxAttempts = 4;

    /// <summary>
    /// A full sync's batch (ADR 0025, ADR 0031). PostgreSQL: 2,000 deals, a Salesforce page; a batch's fixed costs (its
    /// look-ups, transaction, COPYs, cursor save and cache announcement) made 500-deal batches cost 53–60 µs of our CPU a
    /// deal against 41–42 µs (bench/README.md). SQLite keeps 500: a batch holds the write gate chat writes wait for
    /// (about 35 ms a batch rather than 140 ms when measured, before ADR 0033 made SQLite's writes cheaper). A resumed
    /// sync re-reads at most one batch either way.
    /// </summary>
    public int FullSyncBatchSize => factory.Provider == DatabaseProvider.Sqlite ? 500 : 2_000;

    public async Task<CrmSyncState> GetStateAsync(string provider, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var row = await db.Set<CrmSyncStateRow>().AsNoTracking().FirstOrDefaultAsync(s => s.Provider == provider, cancellationToken);
        return row is null
            ? new CrmSyncState(provider, null, null, null, null, null)
            : new CrmSyncState(provider, row.Cursor, row.LastFullSyncAt, row.LastIncrementalSyncAt, row.PausedReason, row.PausedAt);
    }

    public Task MarkSyncedAsync(string provider, bool full, DateTimeOffset at, CancellationToken cancellationToken) =>
        UpdateStateAsync(provider, row =>
        {
            if (full)
            {
                row.LastFullSyncAt = at;
            }
            else
            {
                row.LastIncrementalSyncAt = at;
            }
        }, cancellationToken);

    public Task SetPausedAsync(string provider, string? reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        UpdateStateAsync(provider, row =>
        {
            row.PausedReason = reason is null ? null : Truncate(reason, 500);
            row.PausedAt = reason is null ? null : at;
        }, cancellationToken);

    public async Task<bool> PauseAndNotifyAsync(string provider, string reason, DateTimeOffset at, BotAnswer notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        try
        {
            await using var db = factory.CreateDbContext();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var text = Truncate(reason, 500);
            var paused = await db.Set<CrmSyncStateRow>().Where(s => s.Provider == provider && s.PausedReason == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.PausedReason, text).SetProperty(r => r.PausedAt, at), cancellationToken);
            if (paused == 0)
            {
                if (await db.Set<CrmSyncStateRow>().AnyAsync(s => s.Provider == provider, cancellationToken))
                {
                    return false;   // paused already: admins were told then
                }

                db.Add(new CrmSyncStateRow { Provider = provider, PausedReason = text, PausedAt = at });
            }

            var payload = DigestPayload.Serialize(notice);
            var admins = await db.People.AsNoTracking().Include(p => p.Memberships).Where(p => p.Role == PersonRole.Admin).ToListAsync(cancellationToken);
            // An outbox row names a team; an admin in none is filed under the first team (it only groups the row).
            var anyTeam = await db.Teams.OrderBy(t => t.Id).Select(t => (long?)t.Id).FirstOrDefaultAsync(cancellationToken);
            foreach (var admin in admins)
            {
                if ((admin.Memberships.Select(m => (long?)m.TeamId).FirstOrDefault() ?? anyTeam) is not { } team)
                {
                    continue;
                }

                db.AddRange(NudgeTargets.DirectRoutes(new NudgeRecipient(admin.Id, admin.Name, admin.SlackUserId, admin.TeamsAadObjectId))
                    .Select(route => NudgeStore.Row(new NewOutboxMessage(team, DateOnly.FromDateTime(at.UtcDateTime), route, payload, NudgeKind.CrmNotice), at)));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (TransientDatabaseErrors.IsUniqueViolation(e))
        {
            return false;   // another host paused it first (and told the admins)
        }
    }

    private async Task UpdateStateAsync(string provider, Action<CrmSyncStateRow> change, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var row = await db.Set<CrmSyncStateRow>().FirstOrDefaultAsync(s => s.Provider == provider, cancellationToken);
        if (row is null)
        {
            row = new CrmSyncStateRow { Provider = provider };
            db.Add(row);
        }

        change(row);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListLiveIdsAsync(string provider, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<CrmDealLinkRow>().AsNoTracking()
            .Where(l => l.Provider == provider && !l.Deleted)
            .Select(l => l.CrmId)
            .ToListAsync(cancellationToken);
    }

    public async Task<CrmStatusReport> StatusAsync(string provider, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var links = db.Set<CrmDealLinkRow>().AsNoTracking().Where(l => l.Provider == provider);
        var linked = await links.CountAsync(l => l.DealId != null, cancellationToken);
        var flagged = await links.Where(l => l.Problem != null && !l.Deleted)
            .OrderBy(l => l.CrmId)
            .Select(l => l.CrmId + " " + (l.Name ?? string.Empty) + ": " + l.Problem)
            .ToListAsync(cancellationToken);
        var pushes = db.Set<CrmPushRow>().AsNoTracking();
        // Linked as the dispatcher leases them (CrmPushOutbox.LeaseDueAsync): a change of a deal with no live link to this
        // CRM's record is skipped there, never sent, so it is not "pending" here but counted apart.
        var live = db.Set<CrmDealLinkRow>().Where(l => l.Provider == provider && l.DealId != null && !l.Deleted);
        var waiting = pushes.Where(p => p.State == CrmPushStatus.Pending);
        var pending = await waiting.CountAsync(p => live.Any(l => l.DealId == p.DealId), cancellationToken);
        var unlinked = await waiting.CountAsync(p => !live.Any(l => l.DealId == p.DealId), cancellationToken);
        var failed = await pushes.CountAsync(p => p.State == CrmPushStatus.Failed, cancellationToken);
        var recent = await pushes.Where(p => p.State == CrmPushStatus.Failed)
            .OrderByDescending(p => p.Id)
            .Take(10)
            .Select(p => "deal " + p.DealId + " " + p.Kind + ": " + p.LastError)
            .ToListAsync(cancellationToken);
        return new CrmStatusReport(linked, flagged, pending, failed, recent, unlinked);
    }

    public Task<CrmApplyResult> ApplyAsync(
        IReadOnlyList<CrmDealRecord> records, CrmApplyContext context, bool dryRun, CancellationToken cancellationToken) =>
        ApplyAsync(records, context, dryRun, cursor: null, cancellationToken);

    public Task<CrmApplyResult> ApplyPageAsync(
        IReadOnlyList<CrmDealRecord> records, CrmApplyContext context, DateTimeOffset cursor, CancellationToken cancellationToken) =>
        ApplyAsync(records, context, dryRun: false, cursor, cancellationToken);

    private async Task<CrmApplyResult> ApplyAsync(
        IReadOnlyList<CrmDealRecord> records, CrmApplyContext context, bool dryRun, DateTimeOffset? cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(context);
        if (records.Count == 0)
        {
            return CrmApplyResult.Zero;
        }

        // The same id twice in one batch (a page that repeats): the later change wins, applied once. Grouped only when
        // an id does repeat (rare; grouping every batch cost more than the check).
        var distinct = new HashSet<string>(records.Count, StringComparer.Ordinal);
        var latest = records.All(r => distinct.Add(r.Id))
            ? [.. records]
            : records
                .GroupBy(r => r.Id, StringComparer.Ordinal)
                .Select(g => g.OrderBy(r => r.ModifiedAt).Last())
                .ToList();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (result, touched, outOfRange) = await ApplyOnceAsync(latest, context, dryRun, cursor, cancellationToken);
                // Said once the batch is applied, not on each attempt of it.
                foreach (var (crmId, amount) in outOfRange)
                {
                    AmountOutOfRange(logger, context.DisplayName, crmId, amount);
                }

                if (touched.Count > 0 || result.Added > 0)
                {
                    foreach (var id in touched)
                    {
                        await caches.InvalidateAsync(CacheKey.Deal(id), CancellationToken.None);
                    }

                    await caches.InvalidateAsync(CacheKey.All(CacheRegion.DealNames), CancellationToken.None);
                }

                return result;
            }
            catch (Exception e) when (attempt < MaxAttempts && e is DbUpdateException or DbException
                && (e is DbUpdateConcurrencyException || TransientDatabaseErrors.IsTransient(e) || TransientDatabaseErrors.IsUniqueViolation(e)))
            {
                // A chat change or another sync host won the race (bulk writes fail with the provider's own exception):
                // read again and decide again.
            }
        }
    }

    private async Task<(CrmApplyResult Result, List<DealId> Touched, List<(string CrmId, decimal Amount)> OutOfRange)> ApplyOnceAsync(
        List<CrmDealRecord> records, CrmApplyContext context, bool dryRun, DateTimeOffset? cursor, CancellationToken cancellationToken)
    {
        using var turn = factory.Provider == DatabaseProvider.Sqlite && !dryRun ? await writeGate.EnterAsync(cancellationToken) : null;
        await using var db = factory.CreateDbContext();
        await using var transaction = dryRun ? null : await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = records.Select(r => r.Id).ToList();
        // The batch's ids go as one array parameter (EF.Parameter): EF Core 10 otherwise sends a parameter per id, and on
        // SQLite binding and preparing 500 named parameters per look-up was most of a batch's look-up cost (ADR 0028).
        // Not tracked: link rows are written in bulk below.
        var links = await db.Set<CrmDealLinkRow>().AsNoTracking()
            .Where(l => l.Provider == context.Provider && EF.Parameter(ids).Contains(l.CrmId))
            .ToDictionaryAsync(l => l.CrmId, StringComparer.Ordinal, cancellationToken);

        // A deal imported from CSV under the CRM's id is adopted rather than duplicated.
        var unlinkedIds = ids.Where(id => links.GetValueOrDefault(id)?.DealId is null).ToList();
        // A look-up with nothing to look up is skipped (a first sync links no deal yet; most batches adopt none).
        var adoptable = unlinkedIds.Count == 0 ? [] : await db.Deals.Where(d => EF.Parameter(unlinkedIds).Contains(d.ExternalId)).ToListAsync(cancellationToken);
        var linkedDealIds = links.Values.Where(l => l.DealId is not null).Select(l => l.DealId!.Value).ToList();
        var deals = linkedDealIds.Count == 0 ? [] : await db.Deals.Where(d => EF.Parameter(linkedDealIds).Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        var adoptableIds = adoptable.Select(d => d.Id).ToList();
        var adopted = adoptableIds.Count == 0 ? [] : await db.Set<CrmDealLinkRow>().Where(l => adoptableIds.Contains(l.DealId!.Value)).Select(l => l.DealId!.Value).ToListAsync(cancellationToken);
        var byExternalId = adoptable.Where(d => !adopted.Contains(d.Id)).ToDictionary(d => d.ExternalId, StringComparer.Ordinal);

        var emails = records
            .Select(r => r.OwnerId is { } o && context.Owners.TryGetValue(o, out var owner) ? owner.Email : null)
            .OfType<string>()
            .Select(SalesCoachDbContext.NormalizeEmail)
            .Distinct()
            .ToList();
        var people = emails.Count == 0 ? new Dictionary<string, Person>(StringComparer.Ordinal) : await db.People.AsNoTracking().Include(p => p.Memberships)
            .Where(p => emails.Contains(p.Email))
            .ToDictionaryAsync(p => p.Email, StringComparer.Ordinal, cancellationToken);
        var pendingStagePushes = linkedDealIds.Count == 0 ? [] : (await db.Set<CrmPushRow>().AsNoTracking()
            .Where(p => EF.Parameter(linkedDealIds).Contains(p.DealId) && p.State == CrmPushStatus.Pending && p.Kind == CrmPushKind.Stage)
            .Select(p => p.DealId)
            .ToListAsync(cancellationToken)).ToHashSet();
        // One map per team (issue 18): a deal is placed by its team's map's crm mapping.
        var teamMaps = context.SeveralMaps
            ? await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.MapId, cancellationToken)
            : [];
        var openItems = await UnconfirmedRequiredAsync(db, deals.Values, d => context.MapFor(teamMaps.GetValueOrDefault(d.TeamId)), cancellationToken);

        var result = CrmApplyResult.Zero;
        var touched = new List<DealId>();
        var supersededPushes = new List<DealId>();
        var created = new List<(CrmDealLinkRow Link, Deal Deal, CrmDealRecord Record, string? MapId)>();
        var newLinks = new List<CrmDealLinkRow>();
        var outOfRange = new List<(string CrmId, decimal Amount)>();
        foreach (var received in records)
        {
            var record = received;
            var link = links.GetValueOrDefault(record.Id);
            if (link is null)
            {
                link = new CrmDealLinkRow { Provider = context.Provider, CrmId = record.Id };
                newLinks.Add(link);
                links[record.Id] = link;
            }

            if (link.DealId is null && byExternalId.Remove(record.Id, out var existing))
            {
                link.DealId = existing.Id;
                deals[existing.Id] = existing;
            }

            var owner = OwnerOf(record, context, people);
            var deal = link.DealId is { } dealId ? deals.GetValueOrDefault(dealId) : null;
            string? tooLarge = null;
            if (!record.Deleted && record.Amount is { } crmAmount && !AmountPrecision.Fits(crmAmount))
            {
                // PostgreSQL would refuse it and the whole batch with it: the deal syncs without it, keeping what it holds,
                // and its link is flagged. Warned once, when the link is first flagged for this amount: an incremental
                // sync brings the deal again while the CRM keeps it, and the flag (in crm status) stands meanwhile.
                tooLarge = AmountTooLarge(context.DisplayName, crmAmount, deal?.Amount);
                if (link.Problem?.Contains(AmountTooLargeKey(context.DisplayName, crmAmount), StringComparison.Ordinal) != true)
                {
                    outOfRange.Add((record.Id, crmAmount));
                }

                record = record with { Amount = deal?.Amount };
            }

            var mapId = TeamOf(deal, owner.Person) is { } teamId ? teamMaps.GetValueOrDefault(teamId) : null;
            var placement = record.Deleted ? null : context.StagesFor(mapId).Place(record.Pipeline, record.Stage);
            var problem = Joined(tooLarge, Problem(record, placement, owner, context, mapId));
            Outcome outcome;
            if (deal is null)
            {
                outcome = record.Deleted || placement is null || owner.Person is null
                    ? Outcome.Flagged
                    : Outcome.Added;
                if (outcome == Outcome.Added)
                {
                    created.Add((link, NewDeal(record, placement!, owner.Person!, context, mapId), record, mapId));
                }
                else if (record.Deleted)
                {
                    outcome = Outcome.Unchanged;
                }
            }
            else
            {
                var crmStageChanged = link.Stage != record.Stage || link.Pipeline != record.Pipeline;   // since the last sync
                outcome = Update(db, deal, record, placement, owner.Person, context, context.MapFor(mapId), pendingStagePushes.Contains(deal.Id),
                    crmStageChanged, openItems, out var refused, out var superseded);
                if (superseded)
                {
                    supersededPushes.Add(deal.Id);
                }

                problem = refused is null ? problem : Joined(tooLarge, refused);
                if (outcome != Outcome.Unchanged)
                {
                    touched.Add(deal.Id);
                }

                if (outcome == Outcome.Unchanged && problem is not null)
                {
                    outcome = Outcome.Flagged;
                }
            }

            link.Name = Truncate(record.Name, 300) ?? link.Name;
            link.Pipeline = record.Pipeline ?? link.Pipeline;
            link.Stage = record.Stage ?? link.Stage;
            link.OwnerCrmId = record.OwnerId ?? link.OwnerCrmId;
            link.ModifiedAt = record.ModifiedAt;
            link.LastSeenAt = context.Now;
            link.Deleted = record.Deleted;
            link.Problem = record.Deleted ? null : Truncate(problem, 500);
            result += outcome switch
            {
                Outcome.Added => CrmApplyResult.Zero with { Added = 1 },
                Outcome.Updated => CrmApplyResult.Zero with { Updated = 1 },
                Outcome.Moved => CrmApplyResult.Zero with { Moved = 1 },
                Outcome.Closed => CrmApplyResult.Zero with { Closed = 1 },
                Outcome.Flagged => CrmApplyResult.Zero with { Flagged = 1 },
                _ => CrmApplyResult.Zero with { Unchanged = 1 },
            };
        }

        if (dryRun)
        {
            return (result, [], outOfRange);
        }

        // Changed deals and their "moved in CRM" history through EF Core (the stage version guards against a chat change).
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        if (supersededPushes.Count > 0)
        {
            // The CRM's newer stage stands: our older one must not be written over it when the push goes out.
            var note = $"not sent: {context.DisplayName} changed the stage after this change";
            await db.Set<CrmPushRow>()
                .Where(p => EF.Parameter(supersededPushes).Contains(p.DealId) && p.State == CrmPushStatus.Pending && p.Kind == CrmPushKind.Stage)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, CrmPushStatus.Skipped).SetProperty(p => p.LastError, note), cancellationToken);
        }

        // New deals are stamped in the change log as they are inserted; their imported history need not stamp them again.
        var batch = created.Count > 0;
        if (batch)
        {
            await PipelineChangeBatch.BeginAsync(db, cancellationToken);
        }

        await using (var dealTable = new BulkTable<Deal>(db, returnBy: nameof(Deal.ExternalId)))
        await using (var historyTable = new BulkTable<StageHistoryEntry>(db))
        await using (var linkTable = new BulkTable<CrmDealLinkRow>(db))
        {
            if (created.Count > 0)
            {
                var keys = await dealTable.InsertAsync([.. created.Select(c => c.Deal)], cancellationToken);
                var history = new List<StageHistoryEntry>(created.Count * 8);
                var reason = CrmReasons.Imported(context.DisplayName);
                foreach (var (link, deal, record, mapId) in created)
                {
                    deal.Id = new DealId(keys[deal.ExternalId]);   // generated ids are known only now
                    link.DealId = deal.Id;
                    AddHistory(history, deal, record, context, mapId, reason);
                }

                await historyTable.InsertAsync(history, cancellationToken);
            }

            await linkTable.InsertAsync(newLinks, cancellationToken);
            foreach (var link in links.Values)
            {
                if (link.Id != 0)
                {
                    var values = linkTable.ProviderValues(link);
                    await linkTable.UpdateAsync(link.Id, values, values, cancellationToken);
                }
            }
        }

        if (batch)
        {
            await PipelineChangeBatch.EndAsync(db, cancellationToken);
        }

        if (cursor is { } next)
        {
            await AdvanceCursorAsync(db, context.Provider, next, cancellationToken);
        }

        await transaction!.CommitAsync(cancellationToken);
        // A new deal was in no cache (a miss is not kept); only the name index needs to hear of it.
        return (result, touched, outOfRange);
    }

    /// <summary>
    /// The cursor moved forward to <paramref name="cursor"/>, never back, in the caller's transaction. One UPDATE rather
    /// than a tracked read and SaveChanges: a full sync saves it once a batch, and on a first sync in a process that was
    /// the only caller of SaveChanges, whose compiling was half the sync's (0.6 of 1.2 s, 100,000 deals).
    /// </summary>
    private static async Task AdvanceCursorAsync(SalesCoachDbContext db, string provider, DateTimeOffset cursor, CancellationToken cancellationToken)
    {
        var moved = await db.Set<CrmSyncStateRow>()
            .Where(s => s.Provider == provider && (s.Cursor == null || s.Cursor < cursor))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Cursor, cursor), cancellationToken);
        if (moved == 0 && !await db.Set<CrmSyncStateRow>().AnyAsync(s => s.Provider == provider, cancellationToken))
        {
            db.Add(new CrmSyncStateRow { Provider = provider, Cursor = cursor });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private enum Outcome
    {
        Unchanged,
        Added,
        Updated,
        Moved,
        Closed,
        Flagged,
    }

    private readonly record struct Owner(string? Email, Person? Person);

    private static Owner OwnerOf(CrmDealRecord record, CrmApplyContext context, Dictionary<string, Person> people)
    {
        var email = record.OwnerId is { } id && context.Owners.TryGetValue(id, out var owner) ? owner.Email : null;
        var person = email is null ? null : people.GetValueOrDefault(SalesCoachDbContext.NormalizeEmail(email));
        return new Owner(email, person is { Memberships.Count: > 0 } ? person : null);
    }

    /// <summary>
    /// The team a CRM deal belongs to: its owner's first team for a new deal, or for a deal whose owner is not in its team
    /// (as <see cref="Update"/> moves it); else the deal's own. Null when nobody owns it here.
    /// </summary>
    private static long? TeamOf(Deal? deal, Person? owner) =>
        deal is null ? owner?.Memberships[0].TeamId
        : owner is not null && !owner.Memberships.Any(m => m.TeamId == deal.TeamId) ? owner.Memberships[0].TeamId
        : deal.TeamId;

    private static string? Problem(CrmDealRecord record, CrmPlacement? placement, Owner owner, CrmApplyContext context, string? mapId)
    {
        if (record.Deleted || (placement is not null && owner.Person is not null))
        {
            return null;
        }

        var problems = new List<string>();
        if (placement is null)
        {
            problems.Add(context.SeveralMaps
                ? $"unknown {context.DisplayName} stage '{record.Stage}' in pipeline '{record.Pipeline}' (not in the crm mapping of map '{context.MapFor(mapId).Id}', the team's map)"
                : $"unknown {context.DisplayName} stage '{record.Stage}' in pipeline '{record.Pipeline}' (not in the map's crm mapping)");
        }

        if (owner.Person is null)
        {
            problems.Add(record.OwnerId is null
                ? "no owner in the CRM"
                : owner.Email is null
                    ? $"owner {record.OwnerId} is not a known {context.DisplayName} user with an email"
                    : $"owner {owner.Email} has no person in a team here (import people.csv)");
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    /// <summary>
    /// The flag of a CRM amount too large to store, first among a link's problems so the 500 characters kept never cut it:
    /// "amount too large to store: HubSpot sent 99999999999999999999; kept 10000". Its start, up to the kept amount, is
    /// <see cref="AmountTooLargeKey"/>: while the link holds it for the same amount the warning is not repeated.
    /// </summary>
    private static string AmountTooLarge(string crm, decimal received, decimal? kept) =>
        AmountTooLargeKey(crm, received) + " kept " + (kept is { } amount ? amount.ToString("0.####", CultureInfo.InvariantCulture) : "no amount");

    private static string AmountTooLargeKey(string crm, decimal received) =>
        // A number past what a decimal holds reaches us as the largest decimal (CrmAmounts.Parse).
        $"amount too large to store: {crm} sent {received.ToString(CultureInfo.InvariantCulture)}{(received is decimal.MaxValue or decimal.MinValue ? " or beyond" : string.Empty)};";

    private static string? Joined(string? first, string? then) =>
        first is null ? then : then is null ? first : first + "; " + then;

    private static Deal NewDeal(CrmDealRecord record, CrmPlacement placement, Person owner, CrmApplyContext context, string? mapId)
    {
        var entered = record.StageChangedAt ?? record.CreatedAt ?? context.Now;
        return new Deal
        {
            ExternalId = record.Id,
            Name = Truncate(record.Name, 300) is { Length: > 0 } name ? name : $"{context.DisplayName} deal {record.Id}",
            Amount = AmountPrecision.Stored(record.Amount),
            Currency = NormalizeCurrency(record.Currency),
            OwnerId = owner.Id,
            TeamId = owner.Memberships[0].TeamId,
            StageId = placement.Stage ?? LostStage(record, context, mapId),
            StageEnteredAt = entered,
            CreatedAt = record.CreatedAt ?? entered,
            Status = placement.Status,
            LostReason = placement.Status == DealStatus.Lost ? Truncate(record.LostReason ?? CrmReasons.Lost(context.DisplayName), 500) : null,
            ClosedAt = placement.Status is DealStatus.Won or DealStatus.Lost ? record.CloseDate ?? entered : null,
            LastActivityAt = entered,
        };
    }

    /// <summary>The first sync imports the CRM's stage history, so cycle times work from day one.</summary>
    private static void AddHistory(List<StageHistoryEntry> history, Deal deal, CrmDealRecord record, CrmApplyContext context, string? mapId, string reason)
    {
        var version = context.MapFor(mapId).Version;
        var stages = context.StagesFor(mapId);
        // Connectors hand the history oldest first; a stable sort only for one that did not (no LINQ per deal otherwise).
        var visits = record.StageHistory;
        for (var i = 1; i < visits.Count; i++)
        {
            if (visits[i].At < visits[i - 1].At)
            {
                visits = [.. visits.OrderBy(v => v.At)];
                break;
            }
        }

        // Each row records the status it left the deal in, as chat's rows do: open, or won in the won stage and after it.
        StageId? previous = null;
        foreach (var visit in visits)
        {
            if (stages.Place(record.Pipeline, visit.Stage) is not { Stage: { } stage } placed || stage == previous)
            {
                continue;
            }

            previous = stage;
            history.Add(new StageHistoryEntry
            {
                DealId = deal.Id,
                StageId = stage,
                EnteredAt = visit.At,
                Kind = StageChangeKind.Imported,
                Reason = reason,
                MapVersion = version,
                Outcome = placed.Status,
            });
        }

        if (previous != deal.StageId)
        {
            history.Add(new StageHistoryEntry
            {
                DealId = deal.Id,
                StageId = deal.StageId,
                EnteredAt = deal.StageEnteredAt,
                Kind = StageChangeKind.Entered,
                Reason = reason,
                MapVersion = version,
                Outcome = stages.StatusOf(deal.StageId),
            });
        }

        if (deal.Status == DealStatus.Lost)
        {
            // The CRM's lost stage is on no map: without this row the loss, recorded nowhere in the history, was missing
            // from "what moved" (a later sync's loss writes the same row).
            history.Add(new StageHistoryEntry
            {
                DealId = deal.Id,
                StageId = deal.StageId,
                EnteredAt = deal.StageEnteredAt,
                Kind = StageChangeKind.ClosedInCrm,
                Reason = Truncate(record.LostReason is { } why ? CrmReasons.LostBecause(context.DisplayName, why) : CrmReasons.Lost(context.DisplayName), 500),
                MapVersion = version,
                Outcome = DealStatus.Lost,
            });
        }
    }

    /// <summary>The deal's stage in its new team's map, recorded like any move from the CRM, saying why.</summary>
    private static void PlaceInTeamMap(SalesCoachDbContext db, Deal deal, StageId stage, CrmDealRecord record, CrmApplyContext context, ProcessMap map)
    {
        var changedAt = record.StageChangedAt ?? record.ModifiedAt;
        var at = changedAt > deal.StageEnteredAt ? changedAt : context.Now;
        var from = deal.StageId;
        deal.StageId = stage;
        deal.StageVersion++;
        deal.StageEnteredAt = at;
        db.StageHistory.Add(new StageHistoryEntry
        {
            DealId = deal.Id,
            StageId = stage,
            EnteredAt = at,
            Kind = StageChangeKind.MovedInCrm,
            Reason = Truncate(CrmReasons.NewOwnersTeam(context.DisplayName, map.Id, from.Value, stage.Value), 500),
            MapVersion = map.Version,
            Outcome = deal.Status,
        });
    }

    private static Outcome Update(
        SalesCoachDbContext db,
        Deal deal,
        CrmDealRecord record,
        CrmPlacement? placement,
        Person? owner,
        CrmApplyContext context,
        ProcessMap map,
        bool ourStagePending,
        bool crmStageChanged,
        IReadOnlyDictionary<DealId, IReadOnlyList<string>> openItems,
        out string? refused,
        out bool supersededPush)
    {
        supersededPush = false;
        var outcome = Outcome.Unchanged;
        refused = null;

        // The CRM wins for name, amount, currency and owner.
        if (!record.Deleted)
        {
            if (Truncate(record.Name, 300) is { Length: > 0 } name && name != deal.Name)
            {
                deal.Name = name;
                outcome = Outcome.Updated;
            }

            if (AmountPrecision.Stored(record.Amount) is var amount && amount != deal.Amount)
            {
                deal.Amount = amount;
                outcome = Outcome.Updated;
            }

            if (NormalizeCurrency(record.Currency) is { } currency && currency != deal.Currency)
            {
                deal.Currency = currency;
                outcome = Outcome.Updated;
            }

            if (owner is not null && owner.Id != deal.OwnerId)
            {
                // A new owner outside the deal's team takes it to their team, whose map may differ (issue 18 part 2):
                // placed by that map — the CRM stage's mapping there, else the stage with the same id or replacing it —
                // or, with no place in it, not moved at all: owner and team stay, the link says why.
                var movesTeam = !owner.Memberships.Any(m => m.TeamId == deal.TeamId);
                var landing = !movesTeam || map.FindStage(deal.StageId) is not null ? deal.StageId
                    : placement?.Stage ?? map.ResolveStage(deal.StageId)?.Id;
                if (landing is not { } stage)
                {
                    refused = $"not moved to the team of its new owner {owner.Email}: that team's map '{map.Id}' has no stage '{deal.StageId}' "
                        + $"and none replacing it, and {context.DisplayName} stage '{record.Stage}' in pipeline '{record.Pipeline}' is not in its crm mapping; "
                        + $"the deal keeps its owner, team and stage here until map '{map.Id}' maps that stage";
                    return Outcome.Flagged;
                }

                deal.OwnerId = owner.Id;
                if (movesTeam)
                {
                    deal.TeamId = owner.Memberships[0].TeamId;
                    if (stage != deal.StageId)
                    {
                        PlaceInTeamMap(db, deal, stage, record, context, map);
                    }
                }

                outcome = Outcome.Updated;
            }
        }

        var target = record.Deleted
            ? new CrmPlacement(null, DealStatus.Lost)
            : placement;
        if (target is null)
        {
            return outcome;   // unknown stage: the deal keeps ours, flagged on the link
        }

        var toStage = target.Stage ?? deal.StageId;
        if (toStage == deal.StageId && target.Status == deal.Status)
        {
            return outcome;   // already there: our own change coming back, or nothing moved
        }

        if (record.Deleted && deal.Status == DealStatus.Lost)
        {
            return outcome;
        }

        // Stage changes go in time order. While our push is pending the CRM still shows the stage we left, which it
        // entered before our move; only a stage change it made since the last sync (another stage than the link saw)
        // and dates after our move (a close there since) is newer than ours. Without that date (the record's last
        // modification may be any field) ours stays; comparing stages too keeps a CRM clock ahead of ours from undoing it.
        var changedAt = record.StageChangedAt ?? record.ModifiedAt;
        if (!record.Deleted && (changedAt < deal.StageEnteredAt || (ourStagePending && (record.StageChangedAt is null || !crmStageChanged))))
        {
            return outcome;
        }

        if (ourStagePending)
        {
            supersededPush = true;
        }

        var at = changedAt > deal.StageEnteredAt ? changedAt : context.Now;
        var lost = target.Status == DealStatus.Lost;
        var lostReason = record.Deleted ? CrmReasons.Deleted(context.DisplayName) : record.LostReason ?? CrmReasons.Lost(context.DisplayName);
        // A closed deal put back in an open stage says so, as a reopen in chat does: "what moved" lists it as reopened.
        var reason = lost
            ? record.Deleted || record.LostReason is null ? lostReason : CrmReasons.LostBecause(context.DisplayName, record.LostReason)
            : deal.Status != DealStatus.Open && target.Status == DealStatus.Open ? CrmReasons.Reopened(context.DisplayName) : CrmReasons.Moved(context.DisplayName);
        if (!record.Deleted && target.Stage is { } to && StagesJumpedOver(map, deal.StageId, to) is { } jumpedOver)
        {
            // The stage it left, and every stage it jumped over, whose checklists nobody worked through here.
            List<string> skipped = [.. openItems.GetValueOrDefault(deal.Id) ?? [], .. jumpedOver.SelectMany(stage => stage.RequiredItems).Select(i => i.Id.Value)];
            if (skipped.Count > 0)
            {
                reason = CrmReasons.SkippingItems(reason, skipped);
            }
        }

        deal.ClosedAt = deal.ClosedAtAfterMove(target.Status, at);
        deal.StageId = toStage;
        deal.Status = target.Status;
        deal.StageVersion++;
        deal.StageEnteredAt = at;
        deal.LostReason = lost ? Truncate(lostReason, 500) : null;
        deal.ReengageAt = null;
        if (at > deal.LastActivityAt)
        {
            deal.LastActivityAt = at;
        }

        db.StageHistory.Add(new StageHistoryEntry
        {
            DealId = deal.Id,
            StageId = toStage,
            EnteredAt = at,
            Kind = lost ? StageChangeKind.ClosedInCrm : StageChangeKind.MovedInCrm,
            Reason = Truncate(reason, 500),
            MapVersion = map.Version,
            Outcome = deal.Status,
        });
        return lost ? Outcome.Closed : Outcome.Moved;
    }

    /// <summary>
    /// For a move forward on the map, the stages strictly between <paramref name="from"/> and <paramref name="to"/>
    /// (none for the next stage); null for a move back, sideways or off the map.
    /// </summary>
    private static IEnumerable<Stage>? StagesJumpedOver(ProcessMap map, StageId from, StageId to)
    {
        var a = map.PositionOf(from);
        var b = map.PositionOf(to);
        return a >= 0 && b > a ? map.OrderedStages().Skip(a + 1).Take(b - a - 1) : null;
    }

    private static async Task<IReadOnlyDictionary<DealId, IReadOnlyList<string>>> UnconfirmedRequiredAsync(
        SalesCoachDbContext db, IEnumerable<Deal> deals, Func<Deal, ProcessMap> mapOf, CancellationToken cancellationToken)
    {
        var list = deals.ToList();
        if (list.Count == 0)
        {
            return new Dictionary<DealId, IReadOnlyList<string>>();
        }

        var ids = list.Select(d => d.Id).ToList();
        var confirmed = await db.Confirmations.AsNoTracking()
            .Where(c => EF.Parameter(ids).Contains(c.DealId) && c.WithdrawnAt == null)
            .Select(c => new { c.DealId, c.StageVersion, c.ItemId })
            .ToListAsync(cancellationToken);
        var result = new Dictionary<DealId, IReadOnlyList<string>>();
        foreach (var deal in list)
        {
            if (mapOf(deal).FindStage(deal.StageId) is not { } stage)
            {
                continue;
            }

            var done = confirmed.Where(c => c.DealId == deal.Id && c.StageVersion == deal.StageVersion).Select(c => c.ItemId).ToHashSet();
            result[deal.Id] = [.. stage.RequiredItems.Where(i => !done.Contains(i.Id)).Select(i => i.Id.Value)];
        }

        return result;
    }

    /// <summary>A deal that arrives already lost sits at the last map stage its CRM history reached, else the first.</summary>
    private static StageId LostStage(CrmDealRecord record, CrmApplyContext context, string? mapId) =>
        record.StageHistory
            .Select(v => context.StagesFor(mapId).Place(record.Pipeline, v.Stage)?.Stage)
            .LastOrDefault(s => s is not null) ?? context.MapFor(mapId).OrderedStages()[0].Id;

    private static string? NormalizeCurrency(string? currency) =>
        currency is { Length: 3 } c ? c.ToUpperInvariant() : null;

    private static string? Truncate(string? text, int max) =>
        text is null ? null : text.Length <= max ? text.Trim() : text[..max].Trim();

    [LoggerMessage(EventId = 1604, Level = LogLevel.Warning, Message = "{Crm} deal {CrmId}: amount {Amount} does not fit a deal amount (under 10^16, 16 integer digits); the deal is synced without it, keeps the amount it had here and is flagged in crm status (not warned again while the amount stays)")]
    private static partial void AmountOutOfRange(ILogger logger, string crm, string crmId, decimal amount);
}
