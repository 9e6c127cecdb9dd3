using Microsoft.EntityFrameworkCore;
using Polly;
using Polly.Registry;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.Resilience;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data.Nudges;

/// <summary>
/// Nudge targets, daily claims and the outbox. A singleton that opens a context per call, because the
/// scheduler and dispatcher run outside any request scope. Claims and outbox updates that meet a busy
/// database run again on the <see cref="ResiliencePipelines.NudgeOutbox"/> pipeline.
/// </summary>
internal sealed class NudgeStore(SalesCoachDbContextFactory factory, ResiliencePipelineProvider<string> pipelines) : INudgeTargetStore, INudgeOutbox
{
    private const int MaxErrorLength = 1000;

    private readonly ResiliencePipeline retry = pipelines.GetPipeline(ResiliencePipelines.NudgeOutbox);

    public async Task<bool> BindAsync(long teamId, ConversationKey conversation, long personId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        if (await db.Set<NudgeTargetRow>().AnyAsync(t => t.TeamId == teamId && t.ConversationKey == conversation, cancellationToken))
        {
            return false;
        }

        db.Add(new NudgeTargetRow { TeamId = teamId, ConversationKey = conversation, BoundByPersonId = personId, BoundAt = at });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (TransientDatabaseErrors.IsUniqueViolation(e))
        {
            return false;   // bound by a racing request
        }
    }

    public async Task<IReadOnlyList<NudgeTarget>> ListAsync(long? teamId, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var query = db.Set<NudgeTargetRow>().AsNoTracking();
        if (teamId is { } id)
        {
            query = query.Where(t => t.TeamId == id);
        }

        var rows = await query.OrderBy(t => t.TeamId).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new NudgeTarget(r.TeamId, r.ConversationKey, r.BoundByPersonId, r.BoundAt))];
    }

    public async Task<bool> IsClaimedAsync(long teamId, DateOnly localDate, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<NudgeClaimRow>().AnyAsync(c => c.TeamId == teamId && c.LocalDate == localDate && c.Kind == NudgeKind.Digest, cancellationToken);
    }

    public Task<bool> ClaimAndEnqueueAsync(
        long teamId, DateOnly localDate, DateTimeOffset at, IReadOnlyList<NewOutboxMessage> messages, bool force, CancellationToken cancellationToken) =>
        ClaimAndEnqueueAsync(teamId, localDate, NudgeKind.Digest, at, messages, force, cancellationToken);

    public Task<bool> ClaimNoticeAndEnqueueAsync(
        long teamId, DateOnly localDate, DateTimeOffset at, IReadOnlyList<NewOutboxMessage> messages, CancellationToken cancellationToken) =>
        ClaimAndEnqueueAsync(teamId, localDate, NudgeKind.ManagerNotice, at, messages, force: false, cancellationToken);

    public async Task EnqueueAsync(IReadOnlyList<NewOutboxMessage> messages, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        // Inserts only, no claim to race for: a busy database is the only thing worth retrying.
        await RetryTransientAsync(async () =>
        {
            await using var db = factory.CreateDbContext();
            db.AddRange(messages.Select(m => Row(m, at)));
            return await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
    }

    // A busy database (SQLite: a racing writer committed first; PostgreSQL: serialization), or a forced claim that
    // raced another one, runs the claim again: it then sees the claim row and only adds the messages.
    private async Task<bool> ClaimAndEnqueueAsync(
        long teamId, DateOnly localDate, NudgeKind kind, DateTimeOffset at, IReadOnlyList<NewOutboxMessage> messages, bool force, CancellationToken cancellationToken) =>
        await retry.ExecuteAsync(async ct => await ClaimOnceAsync(teamId, localDate, kind, at, messages, force, ct), cancellationToken);

    private async Task<bool> ClaimOnceAsync(
        long teamId, DateOnly localDate, NudgeKind kind, DateTimeOffset at, IReadOnlyList<NewOutboxMessage> messages, bool force, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.Set<NudgeClaimRow>().AnyAsync(c => c.TeamId == teamId && c.LocalDate == localDate && c.Kind == kind, cancellationToken);
            if (claimed && !force)
            {
                return false;
            }

            if (!claimed)
            {
                db.Add(new NudgeClaimRow { TeamId = teamId, LocalDate = localDate, Kind = kind, ClaimedAt = at });
            }

            db.AddRange(messages.Select(m => Row(m, at)));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (TransientDatabaseErrors.IsUniqueViolation(e) && !force)
        {
            return false;   // another host claimed the day between our check and our insert
        }
    }

    public async Task<IReadOnlyList<OutboxMessage>> LeaseDueAsync(string owner, DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var outbox = db.Set<NudgeOutboxRow>();
        var candidates = await outbox.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil <= now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(max)
            .ToListAsync(cancellationToken);

        // One conditional update per row: whoever changes it owns it, however many dispatchers race.
        var until = now + leaseFor;
        var leased = new List<long>();
        foreach (var id in candidates)
        {
            var won = await RetryTransientAsync(() => outbox
                .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && (m.LeaseUntil == null || m.LeaseUntil <= now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, owner).SetProperty(m => m.LeaseUntil, until), cancellationToken), cancellationToken);
            if (won == 1)
            {
                leased.Add(id);
            }
        }

        if (leased.Count == 0)
        {
            return [];
        }

        var rows = await outbox.AsNoTracking().Where(m => leased.Contains(m.Id)).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => m.ToMessage())];
    }

    public async Task<bool> CompleteAsync(long id, string owner, int attempts, OutboxCompletion completion, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var mine = db.Set<NudgeOutboxRow>().Where(m => m.Id == id && m.LeaseOwner == owner && m.Status == OutboxStatus.Pending);
        var changed = await RetryTransientAsync(() => completion switch
        {
            OutboxCompletion.Sent sent => mine.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sent)
                .SetProperty(m => m.SentAt, sent.At)
                .SetProperty(m => m.MessageId, m => sent.MessageId ?? m.MessageId)
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), cancellationToken),
            OutboxCompletion.RetryLater retry => mine.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.NextAttemptAt, retry.NextAttemptAt)
                .SetProperty(m => m.LastError, Truncate(retry.Error))
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), cancellationToken),
            OutboxCompletion.Failed failed => mine.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Failed)
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, Truncate(failed.Error))
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), cancellationToken),
            OutboxCompletion.Released => mine.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), cancellationToken),
            _ => throw new InvalidOperationException($"Unknown completion {completion.GetType().Name}."),
        }, cancellationToken);
        return changed == 1;
    }

    public async Task<IReadOnlyList<OutboxMessage>> ListDigestMessagesAsync(long teamId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var rows = await db.Set<NudgeOutboxRow>().AsNoTracking()
            .Where(m => m.TeamId == teamId && m.MessageId != null && m.CreatedAt >= since
                && (m.Kind == NudgeKind.Digest || m.Kind == NudgeKind.OwnerDigest || m.Kind == NudgeKind.DigestUpdate))
            .OrderBy(m => m.Id)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.ToMessage())];
    }

    public async Task<IReadOnlyList<OutboxMessage>> ListMessagesAsync(long? teamId, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var query = db.Set<NudgeOutboxRow>().AsNoTracking();
        if (teamId is { } id)
        {
            query = query.Where(m => m.TeamId == id);
        }

        var rows = await query.OrderBy(m => m.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.ToMessage())];
    }

    internal static NudgeOutboxRow Row(NewOutboxMessage message, DateTimeOffset at) => new()
    {
        TeamId = message.TeamId,
        LocalDate = message.LocalDate,
        ConversationKey = message.Conversation,
        Payload = message.PayloadJson,
        Kind = message.Kind,
        MessageId = message.MessageId,
        Status = OutboxStatus.Pending,
        NextAttemptAt = at,
        CreatedAt = at,
    };

    private static string Truncate(string error) => error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];

    private async Task<int> RetryTransientAsync(Func<Task<int>> update, CancellationToken cancellationToken) =>
        await retry.ExecuteAsync(async _ => await update(), cancellationToken);
}
