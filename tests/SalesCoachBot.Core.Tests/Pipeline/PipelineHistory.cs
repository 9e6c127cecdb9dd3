using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;

namespace SalesCoachBot.Core.Tests.Pipeline;

/// <summary>Builds pipeline facts by hand: each deal's path as (stage, days before now).</summary>
internal sealed class PipelineHistory(DateTimeOffset now)
{
    private readonly List<OpenDealFact> _open = [];
    private readonly List<ClosedDealFact> _closed = [];
    private readonly List<StageEntryFact> _history = [];
    private readonly List<ConfirmationFact> _confirmations = [];
    private long _next = 1;

    public DateTimeOffset Now { get; } = now;

    public DateTimeOffset DaysAgo(double days) => Now.AddDays(-days);

    /// <summary>An open deal sitting in the last stage of its path.</summary>
    public long Open(decimal? amount, string? currency, params (string Stage, double DaysAgo)[] path)
    {
        var id = Path(path);
        var entered = DaysAgo(path[^1].DaysAgo);
        _open.Add(new OpenDealFact(id, 1, path[^1].Stage, amount, currency, entered, entered, null, null));
        return id;
    }

    /// <summary>A won deal: closed when it entered the last stage of its path.</summary>
    public long Won(decimal? amount, string? currency, params (string Stage, double DaysAgo)[] path)
    {
        var id = Path(path);
        _closed.Add(new ClosedDealFact(id, DealStatus.Won, amount, currency, DaysAgo(path[^1].DaysAgo), null));
        return id;
    }

    public long Lost(string? reason, double closedDaysAgo, params (string Stage, double DaysAgo)[] path)
    {
        var id = Path(path);
        _closed.Add(new ClosedDealFact(id, DealStatus.Lost, null, null, DaysAgo(closedDaysAgo), reason));
        return id;
    }

    /// <summary>One more row of a deal's history: a close or a reopen, in place or elsewhere.</summary>
    public void Row(long deal, string stage, double daysAgo, StageEntryKind kind) =>
        _history.Add(new StageEntryFact(deal, stage, DaysAgo(daysAgo), kind));

    public void Confirmed(long deal, string stage, string item, double daysAgo) =>
        _confirmations.Add(new ConfirmationFact(deal, stage, item, DaysAgo(daysAgo)));

    public PipelineData Data => new(_open, _closed, _history, _confirmations);

    private long Path((string Stage, double DaysAgo)[] path)
    {
        var id = _next++;
        _history.AddRange(path.Select(p => new StageEntryFact(id, p.Stage, DaysAgo(p.DaysAgo))));
        return id;
    }
}
