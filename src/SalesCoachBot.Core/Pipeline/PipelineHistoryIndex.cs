namespace SalesCoachBot.Core.Pipeline;

/// <summary>
/// A stage history grouped by deal, built once per report so each measure walks every entry once instead of
/// grouping the whole history again. The entries keep the order they came in within a deal; a history already
/// ordered by deal (what the stores return) is used as it is, any other order is sorted (stably) first.
/// </summary>
internal sealed class PipelineHistoryIndex
{
    private readonly IReadOnlyList<StageEntryFact> _entries;
    private readonly int[] _starts; // run k is [_starts[k], _starts[k + 1])
    private Dictionary<long, int>? _runOf;

    private PipelineHistoryIndex(IReadOnlyList<StageEntryFact> entries)
    {
        _entries = entries;
        var starts = new List<int>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (i == 0 || entries[i].DealId != entries[i - 1].DealId)
            {
                starts.Add(i);
            }
        }

        starts.Add(entries.Count);
        _starts = [.. starts];
    }

    public static PipelineHistoryIndex Build(IReadOnlyList<StageEntryFact> history)
    {
        for (var i = 1; i < history.Count; i++)
        {
            if (history[i].DealId < history[i - 1].DealId)
            {
                return new PipelineHistoryIndex([.. history.OrderBy(h => h.DealId)]); // stable
            }
        }

        return new PipelineHistoryIndex(history);
    }

    public IReadOnlyList<StageEntryFact> Entries => _entries;

    /// <summary>Deals in the history.</summary>
    public int RunCount => _starts.Length - 1;

    public (int Start, int End) Run(int run) => (_starts[run], _starts[run + 1]);

    /// <summary>The entries of one deal as [Start, End) into <see cref="Entries"/>; empty when it has none.</summary>
    public (int Start, int End) Of(long dealId)
    {
        _runOf ??= BuildRunOf();
        return _runOf.TryGetValue(dealId, out var run) ? Run(run) : (0, 0);
    }

    private Dictionary<long, int> BuildRunOf()
    {
        var map = new Dictionary<long, int>(RunCount);
        for (var run = 0; run < RunCount; run++)
        {
            map[_entries[_starts[run]].DealId] = run;
        }

        return map;
    }
}
