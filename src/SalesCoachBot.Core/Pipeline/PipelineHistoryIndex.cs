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

    private PipelineHistoryIndex(IReadOnlyList<StageEntryFact> entries)
    {
        _entries = entries;
        var runs = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            if (i == 0 || entries[i].DealId != entries[i - 1].DealId)
            {
                runs++;
            }
        }

        // Sized exactly: at 50,000 deals a growing list left ~0.5 MB of large-object garbage per report.
        _starts = new int[runs + 1];
        for (int i = 0, run = 0; i < entries.Count; i++)
        {
            if (i == 0 || entries[i].DealId != entries[i - 1].DealId)
            {
                _starts[run++] = i;
            }
        }

        _starts[runs] = entries.Count;
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

    /// <summary>
    /// A deal's entries (<paramref name="run"/>: [Start, End) of <see cref="Entries"/>) ordered by time, ties kept in arrival
    /// order (as a stable sort): the run itself when it is already in order (what the stores return), else a sorted copy in
    /// <paramref name="buffer"/>; as [From, To) of the list returned.
    /// </summary>
    public (IReadOnlyList<StageEntryFact> Entries, int From, int To) InTimeOrder((int Start, int End) run, List<StageEntryFact> buffer) =>
        InTimeOrder(_entries, run.Start, run.End, buffer);

    /// <inheritdoc cref="InTimeOrder((int, int), List{StageEntryFact})"/>
    public static (IReadOnlyList<StageEntryFact> Entries, int From, int To) InTimeOrder(
        IReadOnlyList<StageEntryFact> entries, int start, int end, List<StageEntryFact> buffer)
    {
        for (var k = start + 1; k < end; k++)
        {
            if (entries[k - 1].EnteredAt > entries[k].EnteredAt)
            {
                buffer.Clear();
                for (var j = start; j < end; j++)
                {
                    buffer.Add(entries[j]);
                }

                var stable = buffer.OrderBy(e => e.EnteredAt).ToList(); // OrderBy is stable
                buffer.Clear();
                buffer.AddRange(stable);
                return (buffer, 0, buffer.Count);
            }
        }

        return (entries, start, end);
    }

    /// <summary>
    /// The entries of one deal as [Start, End) into <see cref="Entries"/>; empty when it has none. A binary search over
    /// the runs (ordered by deal id), not a dictionary of every deal built per report.
    /// </summary>
    public (int Start, int End) Of(long dealId)
    {
        int low = 0, high = RunCount - 1;
        while (low <= high)
        {
            var mid = low + ((high - low) / 2);
            var id = _entries[_starts[mid]].DealId;
            if (id == dealId)
            {
                return Run(mid);
            }

            if (id < dealId)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return (0, 0);
    }
}
