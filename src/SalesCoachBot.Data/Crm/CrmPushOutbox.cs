using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Crm;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Data.Infrastructure;
using SalesCoachBot.Data.Nudges;

namespace SalesCoachBot.Data.Crm;

/// <summary>
/// The CRM push outbox, leased like the nudge outbox (<see cref="Nudges.NudgeStore"/>): one conditional update per row
/// decides which dispatcher owns it, across hosts; a lease that runs out (a crashed host) makes the row due again.
/// </summary>
internal sealed class CrmPushOutbox(SalesCoachDbContextFactory factory, ICacheInvalidation caches) : ICrmPushOutbox
{
    private const int MaxErrorLength = 1000;

    public async Task<IReadOnlyList<CrmPushItem>> LeaseDueAsync(
        string provider, string owner, DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var outbox = db.Set<CrmPushRow>();
        var candidates = await outbox.AsNoTracking()
            .Where(p => p.State == CrmPushStatus.Pending && p.NextAttemptAt <= now && (p.LeaseUntil == null || p.LeaseUntil <= now))
            .OrderBy(p => p.Id)
            .Select(p => p.Id)
            .Take(max)
            .ToListAsync(cancellationToken);
        var until = now + leaseFor;
        var leased = new List<long>();
        foreach (var id in candidates)
        {
            var won = await outbox
                .Where(p => p.Id == id && p.State == CrmPushStatus.Pending && (p.LeaseUntil == null || p.LeaseUntil <= now))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.LeaseOwner, owner).SetProperty(p => p.LeaseUntil, until), cancellationToken);
            if (won == 1)
            {
                leased.Add(id);
            }
        }

        if (leased.Count == 0)
        {
            return [];
        }

        var rows = await outbox.AsNoTracking().Where(p => leased.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var dealIds = rows.Select(r => r.DealId).Distinct().ToList();
        var links = await db.Set<CrmDealLinkRow>().AsNoTracking()
            .Where(l => l.Provider == provider && l.DealId != null && dealIds.Contains(l.DealId.Value) && !l.Deleted)
            .ToDictionaryAsync(l => l.DealId!.Value, l => l.CrmId, cancellationToken);

        // Each deal's team's map holds the crm mapping its stage is pushed by.
        var teamMaps = await db.Deals.AsNoTracking()
            .Where(d => dealIds.Contains(d.Id))
            .Join(db.Teams, d => d.TeamId, t => t.Id, (d, t) => new { d.Id, t.MapId })
            .ToDictionaryAsync(x => x.Id, x => x.MapId, cancellationToken);
        return [.. rows.Select(r => new CrmPushItem(r.Id, r.DealId, r.Kind, r.Attempts, links.GetValueOrDefault(r.DealId))
        {
            Stage = r.StageId,
            Status = r.Status,
            Text = r.Text,
            At = r.At,
            ByPersonId = r.ByPersonId,
            TeamMapId = teamMaps.GetValueOrDefault(r.DealId),
        })];
    }

    public async Task<bool> CompleteAsync(long id, string owner, int attempts, CrmPushCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        await using var db = factory.CreateDbContext();
        var mine = db.Set<CrmPushRow>().Where(p => p.Id == id && p.LeaseOwner == owner && p.State == CrmPushStatus.Pending);
        var changed = completion switch
        {
            CrmPushCompletion.Sent sent => await mine.ExecuteUpdateAsync(s => s
                .SetProperty(p => p.State, CrmPushStatus.Sent)
                .SetProperty(p => p.SentAt, sent.At)
                .SetProperty(p => p.Attempts, attempts)
                .SetProperty(p => p.LastError, (string?)null)
                .SetProperty(p => p.LeaseOwner, (string?)null)
                .SetProperty(p => p.LeaseUntil, (DateTimeOffset?)null), cancellationToken),
            CrmPushCompletion.RetryLater retry => await mine.ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Attempts, attempts)
                .SetProperty(p => p.NextAttemptAt, retry.NextAttemptAt)
                .SetProperty(p => p.LastError, Truncate(retry.Error))
                .SetProperty(p => p.LeaseOwner, (string?)null)
                .SetProperty(p => p.LeaseUntil, (DateTimeOffset?)null), cancellationToken),
            CrmPushCompletion.Failed failed => await mine.ExecuteUpdateAsync(s => s
                .SetProperty(p => p.State, CrmPushStatus.Failed)
                .SetProperty(p => p.Attempts, attempts)
                .SetProperty(p => p.LastError, Truncate(failed.Error))
                .SetProperty(p => p.LeaseOwner, (string?)null)
                .SetProperty(p => p.LeaseUntil, (DateTimeOffset?)null), cancellationToken),
            CrmPushCompletion.Skipped skipped => await mine.ExecuteUpdateAsync(s => s
                .SetProperty(p => p.State, CrmPushStatus.Skipped)
                .SetProperty(p => p.LastError, Truncate(skipped.Reason))
                .SetProperty(p => p.LeaseOwner, (string?)null)
                .SetProperty(p => p.LeaseUntil, (DateTimeOffset?)null), cancellationToken),
            CrmPushCompletion.Released => await mine.ExecuteUpdateAsync(s => s
                .SetProperty(p => p.LeaseOwner, (string?)null)
                .SetProperty(p => p.LeaseUntil, (DateTimeOffset?)null), cancellationToken),
            _ => throw new InvalidOperationException($"Unknown completion {completion.GetType().Name}."),
        };
        return changed == 1;
    }

    public async Task<bool> RefuseAsync(
        CrmPushItem item, string owner, int attempts, string error, Func<StageId, DealStatus> statusOf, Func<CrmRefusal, BotAnswer> message,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(statusOf);
        ArgumentNullException.ThrowIfNull(message);
        await using var db = factory.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var won = await db.Set<CrmPushRow>().Where(p => p.Id == item.Id && p.LeaseOwner == owner && p.State == CrmPushStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.State, CrmPushStatus.Failed)
                .SetProperty(p => p.Attempts, attempts)
                .SetProperty(p => p.LastError, Truncate(error))
                .SetProperty(p => p.LeaseOwner, (string?)null)
                .SetProperty(p => p.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
        if (won != 1)
        {
            return false;
        }

        var deal = await db.Deals.FirstOrDefaultAsync(d => d.Id == item.DealId, cancellationToken);
        if (deal is null)
        {
            await transaction.CommitAsync(cancellationToken);
            return true;
        }

        StageId? kept = null;
        if (item.Kind == CrmPushKind.Stage && item.Stage == deal.StageId && item.Status == deal.Status)
        {
            kept = await UndoStageAsync(db, deal, error, statusOf, now, cancellationToken);
        }

        var personId = item.ByPersonId ?? deal.OwnerId;
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is not null)
        {
            var answer = message(new CrmRefusal(deal.Id, deal.Name, deal.ExternalId, deal.TeamId, item.Kind, item.Stage, kept) { Language = person.Language });
            var payload = DigestPayload.Serialize(answer);
            var routes = NudgeTargets.DirectRoutes(new NudgeRecipient(person.Id, person.Name, person.SlackUserId, person.TeamsAadObjectId));
            db.AddRange(routes.Select(route => NudgeStore.Row(
                new NewOutboxMessage(deal.TeamId, DateOnly.FromDateTime(now.UtcDateTime), route, payload, NudgeKind.CrmNotice), now)));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (kept is not null)
        {
            await caches.InvalidateAsync(CacheKey.Deal(deal.Id), CancellationToken.None);
        }

        return true;
    }

    /// <summary>
    /// Back to the stage before the refused one: the entry time it had, its confirmations carried to the new stage version
    /// (so nothing has to be confirmed again), and a history row that says why. Null when there is no stage before.
    /// </summary>
    private static async Task<StageId?> UndoStageAsync(
        SalesCoachDbContext db, Deal deal, string error, Func<StageId, DealStatus> statusOf, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var last = await db.StageHistory.AsNoTracking().Where(h => h.DealId == deal.Id)
            .OrderByDescending(h => h.Id).Take(2).ToListAsync(cancellationToken);
        if (last is not [var refused, var before] || refused.StageId != deal.StageId)
        {
            return null;
        }

        var confirmations = await db.Confirmations.AsNoTracking()
            .Where(c => c.DealId == deal.Id && c.StageId == before.StageId && c.WithdrawnAt == null && c.StageVersion < deal.StageVersion)
            .ToListAsync(cancellationToken);
        var version = confirmations.Count == 0 ? 0 : confirmations.Max(c => c.StageVersion);
        deal.StageId = before.StageId;
        deal.Status = statusOf(before.StageId);
        deal.StageVersion++;
        deal.StageEnteredAt = before.EnteredAt;
        deal.LostReason = null;
        deal.ClosedAt = deal.Status == DealStatus.Won ? deal.ClosedAt : null;
        db.Confirmations.AddRange(confirmations.Where(c => c.StageVersion == version).Select(c => new Confirmation
        {
            DealId = c.DealId,
            StageId = c.StageId,
            StageVersion = deal.StageVersion,
            ItemId = c.ItemId,
            PersonId = c.PersonId,
            ConfirmedAt = c.ConfirmedAt,
            Channel = c.Channel,
            Conversation = c.Conversation,
        }));
        db.StageHistory.Add(new StageHistoryEntry
        {
            DealId = deal.Id,
            StageId = before.StageId,
            EnteredAt = now,
            Kind = StageChangeKind.MovedInCrm,
            Reason = Truncate(CrmReasons.Back(error), 500),
            Outcome = deal.Status,
        });
        return before.StageId;
    }

    private static string Truncate(string error, int max) => error.Length <= max ? error : error[..max];

    private static string Truncate(string error) => error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
}

public static class CrmDataServiceCollectionExtensions
{
    /// <summary>The CRM link, sync state and push outbox (singletons over the context factory).</summary>
    public static IServiceCollection AddCrmData(this IServiceCollection services)
    {
        services.AddSingleton<ICrmSyncStore, CrmSyncStore>();
        services.AddSingleton<ICrmPushOutbox, CrmPushOutbox>();
        services.AddSingleton<ICrmChangeEventStore, CrmChangeEventStore>();
        return services;
    }
}
