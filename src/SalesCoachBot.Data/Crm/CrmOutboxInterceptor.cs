using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SalesCoachBot.Core.Crm;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;

namespace SalesCoachBot.Data.Crm;

/// <summary>
/// Adds a CRM push row for each change of ours that the CRM should see (a stage change, a note, a next step) to the
/// same SaveChanges, so the push is stored exactly when the change is: a crash can lose neither one without the other.
/// Changes that came from the CRM (history "moved in CRM", imports, new deals) are not pushed back.
/// </summary>
internal sealed class CrmOutboxInterceptor : SaveChangesInterceptor
{
    private static readonly StageChangeKind[] NotPushed = [StageChangeKind.Entered, StageChangeKind.Imported, StageChangeKind.MovedInCrm, StageChangeKind.ClosedInCrm];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Capture(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        context.ChangeTracker.DetectChanges();
        var pushes = new List<CrmPushRow>();
        // New deals have no id yet and are never pushed: they came from the CRM, an import, or chat without a CRM record.
        var deals = context.ChangeTracker.Entries<Deal>()
            .Where(e => e.State != EntityState.Added)
            .GroupBy(e => e.Entity.Id)
            .ToDictionary(g => g.Key, g => g.First());
        foreach (var entry in context.ChangeTracker.Entries<StageHistoryEntry>())
        {
            var row = entry.Entity;
            if (entry.State != EntityState.Added || NotPushed.Contains(row.Kind))
            {
                continue;
            }

            var status = deals.TryGetValue(row.DealId, out var deal) ? deal.Entity.Status : (DealStatus?)null;
            pushes.Add(Push(row.DealId, CrmPushKind.Stage, row.EnteredAt, row.ByPersonId, row.StageId, status, row.Reason));
        }

        foreach (var entry in context.ChangeTracker.Entries<DealNote>())
        {
            if (entry.State == EntityState.Added && entry.Entity.PersonId is not null)
            {
                // A close proposal's note is stored language-neutral; the CRM gets it in English words (its author is the push's).
                var text = CloseProposalNote.Describe(entry.Entity.Text, null, Phrases.English, null);
                pushes.Add(Push(entry.Entity.DealId, CrmPushKind.Note, entry.Entity.At, entry.Entity.PersonId, null, null, text));
            }
        }

        foreach (var (id, entry) in deals)
        {
            if (entry.State == EntityState.Modified && NextStepChanged(entry))
            {
                var text = entry.Metadata.FindProperty("NextStep") is { } property ? entry.Property(property.Name).CurrentValue as string : null;
                var pushAt = entry.Entity.NextStepAt;
                pushes.Add(Push(id, CrmPushKind.NextStep, pushAt, null, null, null, text));
            }
        }

        if (pushes.Count > 0)
        {
            context.Set<CrmPushRow>().AddRange(pushes);
        }
    }

    // "NextStep" (the text) arrives with issue 15's next steps; looked up by name so either shape of Deal works.
    private static bool NextStepChanged(EntityEntry<Deal> entry) =>
        entry.Property(d => d.NextStepAt).IsModified
        || (entry.Metadata.FindProperty("NextStep") is { } text && entry.Property(text.Name).IsModified);

    private static CrmPushRow Push(DealId deal, CrmPushKind kind, DateTimeOffset? at, long? by, StageId? stage, DealStatus? status, string? text) => new()
    {
        DealId = deal,
        Kind = kind,
        StageId = stage,
        Status = status,
        Text = text is { Length: > 4000 } ? text[..4000] : text,
        At = at,
        ByPersonId = by,
        State = CrmPushStatus.Pending,
        CreatedAt = at ?? DateTimeOffset.UnixEpoch,
        NextAttemptAt = DateTimeOffset.UnixEpoch,
    };
}
