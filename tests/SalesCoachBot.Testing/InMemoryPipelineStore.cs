using SalesCoachBot.Core.Crm;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;

namespace SalesCoachBot.Testing;

/// <summary>The pipeline read over the in-memory stores, with the same contract as the EF store.</summary>
public sealed class InMemoryPipelineStore(InMemoryStores stores) : IPipelineStore
{
    public Task<PipelineData> LoadAsync(PipelineScope scope, DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deals = stores.Deals
            .Where(d => (scope.TeamIds is null || scope.TeamIds.Contains(d.TeamId)) && (scope.OwnerId is null || d.OwnerId == scope.OwnerId))
            .ToList();
        var ids = deals.Select(d => d.Id).ToHashSet();
        var open = deals.Where(d => d.Status == DealStatus.Open)
            .Select(d => new OpenDealFact(d.Id.Value, d.TeamId, d.StageId.Value, d.Amount, d.Currency, d.StageEnteredAt, d.LastActivityAt, d.NextStepAt,
                stores.Snoozes.Where(s => s.DealId == d.Id && s.Until > now).Select(s => (DateTimeOffset?)s.Until).Max()))
            .ToList();
        var closed = deals.Where(d => d.Status is DealStatus.Won or DealStatus.Lost && d.ClosedAt >= since)
            .Select(d => new ClosedDealFact(d.Id.Value, d.Status, d.Amount, d.Currency, d.ClosedAt!.Value, d.LostReason))
            .ToList();
        var entries = stores.History.Where(h => h.Kind != StageChangeKind.MapChange).ToList(); // not a stage entry
        var recent = entries.Where(h => ids.Contains(h.DealId) && h.EnteredAt >= since).Select(h => h.DealId).ToHashSet();
        var history = entries.Where(h => recent.Contains(h.DealId))
            .Select(Fact)
            .ToList();
        var won = closed.Where(c => c.Status == DealStatus.Won).Select(c => new DealId(c.DealId)).ToHashSet();
        var confirmations = stores.Confirmations.Where(c => won.Contains(c.DealId) && c.WithdrawnAt is null)
            .Select(c => new ConfirmationFact(c.DealId.Value, c.StageId.Value, c.ItemId.Value, c.ConfirmedAt))
            .ToList();
        return Task.FromResult(new PipelineData(open, closed, history, confirmations));
    }

    /// <summary>
    /// A close or a reopen, in the stage the row before it (map changes included) left the deal in or elsewhere (then with
    /// that stage as <see cref="StageEntryFact.From"/>); any other row an entry. A CRM's reopen is told by
    /// <see cref="CrmReasons.IsReopened"/>, as the EF store tells it.
    /// </summary>
    private StageEntryFact Fact(StageHistoryEntry entry)
    {
        var close = entry.Kind is StageChangeKind.Closed or StageChangeKind.ClosedInCrm;
        var reopen = entry.Kind == StageChangeKind.Reopened || (entry.Kind == StageChangeKind.MovedInCrm && CrmReasons.IsReopened(entry.Reason));
        var fact = new StageEntryFact(entry.DealId.Value, entry.StageId.Value, entry.EnteredAt);
        if (!close && !reopen)
        {
            return fact;
        }

        var stood = stores.History
            .Where(h => h.DealId == entry.DealId && (h.EnteredAt < entry.EnteredAt || (h.EnteredAt == entry.EnteredAt && h.Id < entry.Id)))
            .OrderByDescending(h => h.EnteredAt)
            .ThenByDescending(h => h.Id)
            .Select(h => h.StageId.Value)
            .FirstOrDefault();
        return stood == entry.StageId.Value
            ? fact with { Kind = close ? StageEntryKind.CloseInStage : StageEntryKind.ReopenInStage }
            : fact with { Kind = close ? StageEntryKind.CloseElsewhere : StageEntryKind.ReopenElsewhere, From = stood };
    }

    public Task<IReadOnlyList<StageStatusCount>> CountClosedByStageAsync(PipelineScope scope, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StageStatusCount>>([.. stores.Deals
            .Where(d => (scope.TeamIds is null || scope.TeamIds.Contains(d.TeamId)) && (scope.OwnerId is null || d.OwnerId == scope.OwnerId))
            .Where(d => d.Status is DealStatus.Won or DealStatus.Nurture)
            .GroupBy(d => (d.StageId.Value, d.Status))
            .Select(g => new StageStatusCount(g.Key.Value, g.Key.Status, g.Count()))]);

    public Task<IReadOnlyList<ClosedDealLine>> ListClosedAsync(
        PipelineScope scope, DealStatus status, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ClosedDealLine>>([.. stores.Deals
            .Where(d => (scope.TeamIds is null || scope.TeamIds.Contains(d.TeamId)) && (scope.OwnerId is null || d.OwnerId == scope.OwnerId))
            .Where(d => d.Status == status && d.ClosedAt >= from && d.ClosedAt < to)
            .Select(d => new ClosedDealLine(d.Id, d.ExternalId, d.Name, d.Amount, d.Currency, d.ClosedAt!.Value, d.LostReason, d.TeamId,
                stores.People.Single(p => p.Id == d.OwnerId).Name, stores.Teams.Single(t => t.Id == d.TeamId).Name, stores.Teams.Single(t => t.Id == d.TeamId).MapId))
            .OrderByDescending(d => d.ClosedAt)
            .ThenByDescending(d => d.Id.Value)]);

    public Task<StageChangeList> ListStageChangesAsync(
        PipelineScope scope, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        var deals = stores.Deals
            .Where(d => (scope.TeamIds is null || scope.TeamIds.Contains(d.TeamId)) && (scope.OwnerId is null || d.OwnerId == scope.OwnerId))
            .ToDictionary(d => d.Id);
        // The entry before each, map changes included: where the deal sat when it moved.
        string? Previous(StageHistoryEntry entry) => stores.History
            .Where(h => h.DealId == entry.DealId && (h.EnteredAt < entry.EnteredAt || (h.EnteredAt == entry.EnteredAt && h.Id < entry.Id)))
            .OrderByDescending(h => h.EnteredAt)
            .ThenByDescending(h => h.Id)
            .Select(h => h.StageId.Value)
            .FirstOrDefault();
        var changes = stores.History
            .Where(h => deals.ContainsKey(h.DealId) && h.EnteredAt >= from && h.EnteredAt < to)
            .Where(h => h.Kind is not (StageChangeKind.MapChange or StageChangeKind.Entered))
            .Select(h => (Entry: h, Previous: Previous(h)))
            .Where(x => x.Entry.Kind != StageChangeKind.Imported || x.Previous is not null)
            .OrderByDescending(x => x.Entry.EnteredAt)
            .ThenByDescending(x => x.Entry.Id)
            .ToList();
        var lines = changes.Take(limit).Select(x =>
        {
            var deal = deals[x.Entry.DealId];
            var team = stores.Teams.Single(t => t.Id == deal.TeamId);
            return new StageChangeLine(deal.Id, deal.ExternalId, deal.Name, stores.People.Single(p => p.Id == deal.OwnerId).Name, deal.TeamId, team.Name, team.MapId,
                x.Entry.StageId.Value, x.Previous, x.Entry.Kind, x.Entry.EnteredAt, deal.Status,
                StageHistoryEntry.RecordedOutcome(x.Entry.Kind, x.Entry.Outcome, x.Entry.ByPersonId, x.Entry.Reason), x.Entry.Reason);
        }).ToList();
        return Task.FromResult(new StageChangeList(lines, changes.Count));
    }
}
