using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Abstractions;

/// <summary>A deal to create in chat ("new deal Contoso 50k EUR"): everything but its external id, which the store allocates.</summary>
public sealed record NewDeal(
    string Name,
    decimal? Amount,
    string? Currency,
    long OwnerId,
    long TeamId,
    StageId StageId,
    DealStatus Status,
    DateTimeOffset At)
{
    /// <summary>The version of the team's map the deal was created under (recorded on its first history row).</summary>
    public int? MapVersion { get; init; }
}

/// <summary>What a creation did: made the deal, or found one by that name already.</summary>
public abstract record DealCreation
{
    private DealCreation()
    {
    }

    public sealed record Created(DealNameEntry Deal) : DealCreation;

    /// <summary>A deal the duplicate check matched; nothing was written.</summary>
    public sealed record Duplicate(DealNameEntry Existing) : DealCreation;
}

/// <summary>Creates deals when no CRM manages them.</summary>
public interface IDealCreationStore
{
    /// <summary>
    /// Creates <paramref name="deal"/> unless <paramref name="findDuplicate"/>, shown the names of the deals in
    /// <paramref name="nameScope"/> (every team when null), returns one. Creations are serialised (across processes), so
    /// two racing requests for the same name make one deal. The new deal gets the next free numeric external id (unique
    /// even against imports that race it) and an <see cref="StageChangeKind.Entered"/> history row, in one transaction.
    /// </summary>
    Task<DealCreation> CreateAsync(
        NewDeal deal,
        IReadOnlyCollection<long>? nameScope,
        Func<IReadOnlyList<DealNameEntry>, DealNameEntry?> findDuplicate,
        CancellationToken cancellationToken);
}
