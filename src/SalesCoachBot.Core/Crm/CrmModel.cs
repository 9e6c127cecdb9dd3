namespace SalesCoachBot.Core.Crm;

/// <summary>A deal as the CRM holds it, in the CRM's own ids. Fields the CRM did not send are null.</summary>
public sealed record CrmDealRecord(
    string Id,
    string? Name,
    decimal? Amount,
    string? Currency,
    string? Pipeline,
    string? Stage,
    string? OwnerId,
    DateTimeOffset? CloseDate,
    DateTimeOffset ModifiedAt)
{
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the deal entered its current CRM stage, when the CRM says so.</summary>
    public DateTimeOffset? StageChangedAt { get; init; }

    public string? NextStep { get; init; }
    public string? LostReason { get; init; }

    /// <summary>Deleted (archived) in the CRM: the deal is closed here, never removed.</summary>
    public bool Deleted { get; init; }

    /// <summary>The CRM stages the deal has been in, oldest first (first sync imports them as history).</summary>
    public IReadOnlyList<CrmStageVisit> StageHistory { get; init; } = [];

    public static CrmDealRecord Gone(string id, DateTimeOffset at) =>
        new(id, null, null, null, null, null, null, null, at) { Deleted = true };
}

public sealed record CrmStageVisit(string Stage, DateTimeOffset At);

/// <summary>The CRM's pipelines with their stages, and its owners.</summary>
public sealed record CrmSchema(IReadOnlyList<CrmPipeline> Pipelines, IReadOnlyList<CrmOwner> Owners);

public sealed record CrmPipeline(string Id, string Label, IReadOnlyList<CrmPipelineStage> Stages);

public sealed record CrmPipelineStage(string Id, string Label);

public sealed record CrmOwner(string Id, string? Email, string? Name);

public enum CrmPushKind
{
    Stage,
    Note,
    NextStep,
}

/// <summary>One change of ours to write to the CRM, resolved to the CRM's ids.</summary>
public sealed record CrmPushRequest(long Id, string CrmDealId, CrmPushKind Kind)
{
    public string? Pipeline { get; init; }
    public string? Stage { get; init; }
    public string? Text { get; init; }
    public DateTimeOffset? At { get; init; }
}

/// <summary>What the CRM said to a push.</summary>
public abstract record CrmPushOutcome
{
    private CrmPushOutcome()
    {
    }

    public sealed record Done : CrmPushOutcome;

    /// <summary>429 / 5xx / timeout after the client's own retries: try again later (no sooner than <see cref="RetryAfter"/>).</summary>
    public sealed record Retry(string Error, TimeSpan? RetryAfter) : CrmPushOutcome;

    /// <summary>The CRM refused it (validation rule, required field): its message goes to the person; not retried.</summary>
    public sealed record Refused(string Message) : CrmPushOutcome;
}

/// <summary>One CRM's API, as the sync and the push outbox use it.</summary>
public interface ICrmConnector
{
    /// <summary>The <c>Crm:Provider</c> value it serves, lowercase ("hubspot").</summary>
    string Provider { get; }

    string DisplayName { get; }

    Task<CrmSchema> ReadSchemaAsync(CancellationToken cancellationToken);

    /// <summary>Deals modified at or after <paramref name="since"/> (all when null), oldest change first, paging handled.</summary>
    IAsyncEnumerable<CrmDealRecord> ReadChangedAsync(DateTimeOffset? since, bool withHistory, CancellationToken cancellationToken);

    /// <summary>These deals now; an id the CRM no longer has comes back as <see cref="CrmDealRecord.Gone"/>.</summary>
    Task<IReadOnlyList<CrmDealRecord>> ReadDealsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    Task<CrmPushOutcome> PushAsync(CrmPushRequest push, CancellationToken cancellationToken);

    /// <summary>
    /// Several pushes, outcomes in the same order. One at a time unless the CRM batches writes (Salesforce: one
    /// composite request, each push still succeeding or failing on its own).
    /// </summary>
    async Task<IReadOnlyList<CrmPushOutcome>> PushBatchAsync(IReadOnlyList<CrmPushRequest> pushes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pushes);
        var outcomes = new List<CrmPushOutcome>(pushes.Count);
        foreach (var push in pushes)
        {
            outcomes.Add(await PushAsync(push, cancellationToken));
        }

        return outcomes;
    }
}

/// <summary>The CRM refused our credentials (401/403): sync pauses, nothing is lost.</summary>
public sealed class CrmAuthException(string message) : Exception(message);

/// <summary>The CRM stayed unavailable (429/5xx after retries) or answered something we cannot read.</summary>
public sealed class CrmUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
