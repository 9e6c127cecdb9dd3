using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Nudges;

/// <summary>A nurtured deal whose re-engage date has arrived, as the digest lists it under "due to re-engage".</summary>
public sealed record DigestReengage(
    DealId Id,
    string ExternalId,
    string Name,
    string OwnerName,
    string StageName,
    DateOnly ReengageOn,
    string? Amount,
    long OwnerId = 0)
{
    /// <summary>The amount as a figure, written in the digest's language.</summary>
    public decimal? AmountValue { get; init; }

    public string? Currency { get; init; }

    /// <summary>The stage it was nurtured in, so the digest names it in its own language; <see cref="StageName"/> is the English text.</summary>
    public Stage? Stage { get; init; }
}

/// <summary>
/// Nurtured deals that come back: those whose re-engage date has arrived, and the claim that makes their owner's direct
/// message once per deal and re-engage date, across runs, restarts and hosts.
/// </summary>
public interface IReengageStore
{
    /// <summary>
    /// Nurtured deals of the teams (every team when null) whose re-engage instant is before <paramref name="dueBefore"/>.
    /// The caller narrows it to the team's local day.
    /// </summary>
    Task<IReadOnlyList<DealView>> ListDueAsync(IReadOnlyCollection<long>? teamIds, DateTimeOffset dueBefore, CancellationToken cancellationToken);

    /// <summary>
    /// Claims (deal, re-engage date) and enqueues <paramref name="messages"/> in one transaction. False, and nothing
    /// written, when the deal's owner was told about that date already (by this host or another).
    /// </summary>
    Task<bool> ClaimAndEnqueueAsync(DealId deal, DateOnly reengageDate, DateTimeOffset at, IReadOnlyList<NewOutboxMessage> messages, CancellationToken cancellationToken);
}

/// <summary>The owners' direct messages about nurtured deals that come back, and the digest's section about them.</summary>
public static class ReengageNudges
{
    /// <summary>Most deals the digest lists under "due to re-engage"; the rest are counted in its note.</summary>
    public const int MaxShown = 5;

    /// <summary>The due deals as the digest shows them, the longest due first.</summary>
    public static IReadOnlyList<DigestReengage> DigestLines(IEnumerable<DealView> due, ProcessMap map, NudgeSchedule schedule) =>
        due
            .Where(v => v.Deal.Status == DealStatus.Nurture && v.Deal.ReengageAt is not null)
            .OrderBy(v => v.Deal.ReengageAt)
            .ThenBy(v => v.Deal.ExternalId, StringComparer.Ordinal)
            .Select(v => new DigestReengage(
                v.Id,
                v.Deal.ExternalId,
                v.Deal.Name,
                v.OwnerName,
                map.ResolveStage(v.Deal.StageId)?.Name ?? v.Deal.StageId.Value, // the stage it left, or the one replacing it
                schedule.LocalDate(v.Deal.ReengageAt!.Value),
                v.Deal.Amount is { } amount ? DealCards.Money(amount, v.Deal.Currency) : null,
                v.Deal.OwnerId)
            {
                AmountValue = v.Deal.Amount,
                Currency = v.Deal.Currency,
                Stage = map.ResolveStage(v.Deal.StageId),
            })
            .ToList();

    /// <summary>The owner's direct message: a line that says why, and the deal's card.</summary>
    public static BotAnswer OwnerMessage(DealView view, ProcessMap map, SalesTeamRules rules, DateOnly reengageOn, DateTimeOffset now, Phrases? say = null)
    {
        say ??= Phrases.English;
        var deal = view.Deal;
        var stage = map.ResolveStage(deal.StageId);
        var first = map.FindStage(map.Start)?.Id.Value ?? deal.StageId.Value;
        var note = say.Nudges("Reengage.Note", say.Nudges("DealRef", deal.Name, "#" + deal.ExternalId),
            stage is null ? deal.StageId.Value : MapWording.Name(stage, say.Language), say.Language.DayInWords(reengageOn),
            Canonical.Command($"move #{deal.ExternalId} to {first} because re-engaged"));
        return CoachBot.InLanguage(DealCards.Checklist(view, map, rules, now, note, notes: null, say), say.Language);
    }
}
