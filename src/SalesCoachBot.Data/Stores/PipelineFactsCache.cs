using System.Globalization;
using System.Text;
using System.Data.Common;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data.Stores;

/// <summary>
/// The pipeline facts of each scope asked for, kept in memory per database and brought up to date from
/// <c>pipeline_deal_changes</c>, a row per deal that triggers stamp on every write the report depends on, by any
/// writer (migrations <c>PipelineChangeLog</c> for SQLite, <c>PipelineChangeLogPostgres</c> for PostgreSQL;
/// <see cref="PipelineFactsSql"/> holds what differs). A read takes one snapshot, asks how many deals may have changed
/// since the stamp of the facts it holds (an indexed lookup): none → the facts are served from memory; a few → only
/// those deals are read again. Everything the store returns is derived from these facts at the asked <c>since</c> and
/// <c>now</c>, so answers are the same as a fresh read's (<c>PipelineStoreTests</c> compare them with the in-memory
/// store after writes). SQLite's stamp is the highest sequence number (ADR 0002); PostgreSQL's the snapshot's xmax and
/// transactions in progress, so writers never share a counter (ADR 0024).
/// <para>
/// A singleton of the container, like the <see cref="SalesCoachDbContextFactory"/> of the one database it mirrors.
/// Not an entry of <see cref="SharedCache"/>: each read brings the facts up to date in place under the scope's gate
/// rather than expiring them, and its staleness bound is zero (the change log is read on every read, so a write through
/// another process or host shows in the next answer).
/// </para>
/// </summary>
internal sealed class PipelineFactsCache(IOptions<CacheOptions> options)
{
    /// <summary>Scopes kept; the least recently used is dropped beyond this (<see cref="CacheOptions.PipelineScopes"/>).</summary>
    private readonly int _maxScopes = options.Value.PipelineScopes;

    /// <summary>More changed deals than this (or than a fifth of the cached ones) are read by a full load instead.</summary>
    internal const int MaxIncrementalDeals = 5_000;

    /// <summary>
    /// Facts are loaded from midnight UTC of the asked <c>since</c> and serve any later one (a shorter window, or the
    /// same window days later); an earlier one loads again, and so do facts this far behind (to shed old deals).
    /// </summary>
    private static readonly TimeSpan MaxSinceLag = TimeSpan.FromDays(400);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _uses;

    /// <summary>Reads served, by how: counted for tests and the benchmark.</summary>
    internal PipelineCacheCounters Counters { get; } = new();

    public async Task<PipelineData> LoadAsync(DbConnection connection, PipelineFactsSql sql, PipelineScope scope, DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entry = EntryFor(Key(scope));
        await entry.Gate.WaitAsync(cancellationToken);
        PipelineFacts facts;
        try
        {
            facts = await RefreshAsync(connection, sql, entry.Facts, scope, since, cancellationToken);
            entry.Facts = facts;
        }
        finally
        {
            entry.Gate.Release();
        }

        return facts.Derive(since, now);
    }

    private async Task<PipelineFacts> RefreshAsync(DbConnection connection, PipelineFactsSql sql, PipelineFacts? cached, PipelineScope scope, DateTimeOffset since, CancellationToken cancellationToken)
    {
        // One read transaction: the stamp and the facts come from the same snapshot of the database.
        await using var transaction = await sql.BeginAsync(connection, cancellationToken);
        var usable = cached is not null && since >= cached.Since && since - cached.Since <= MaxSinceLag;
        var (stamp, changed) = await sql.StampAsync(connection, transaction, usable ? cached!.Stamp : null, cancellationToken);
        if (usable && changed == 0)
        {
            Counters.Hits++;
            return cached!.At(stamp);
        }

        if (usable && changed <= MaxIncrementalDeals && changed <= Math.Max(100, cached!.Deals.Length / 5))
        {
            var reread = await PipelineFactsReader.ReadAsync(connection, transaction, sql, scope, cached.Since, cached.Stamp, cancellationToken);
            Counters.Incremental++;
            return cached.With(reread, stamp);
        }

        var start = new DateTimeOffset(since.UtcDateTime.Date, TimeSpan.Zero);
        var read = await PipelineFactsReader.ReadAsync(connection, transaction, sql, scope, start, changedAfter: null, cancellationToken);
        Counters.Full++;
        return new PipelineFacts(start, stamp, read.Deals, []);
    }

    private Entry EntryFor(string key)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                if (_entries.Count >= _maxScopes)
                {
                    _entries.Remove(_entries.MinBy(e => e.Value.LastUse).Key);
                }

                entry = new Entry();
                _entries[key] = entry;
            }

            entry.LastUse = ++_uses;
            return entry;
        }
    }

    private static string Key(PipelineScope scope)
    {
        var key = new StringBuilder(scope.TeamIds is null ? "teams:*" : "teams:");
        if (scope.TeamIds is { } teams)
        {
            key.AppendJoin(',', teams.Distinct().Order().Select(t => t.ToString(CultureInfo.InvariantCulture)));
        }

        return key.Append("|owner:").Append(scope.OwnerId?.ToString(CultureInfo.InvariantCulture) ?? "*").ToString();
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public PipelineFacts? Facts { get; set; }

        public long LastUse { get; set; }
    }
}

internal sealed class PipelineCacheCounters
{
    public int Hits { get; set; }

    public int Incremental { get; set; }

    public int Full { get; set; }
}

/// <summary>
/// What the report may need about one deal, independent of <c>now</c> and valid for any <c>since</c> at or after
/// the load's: its open facts (with the latest snooze of any date), its close if at or after the load's since, its
/// whole history when it has an entry at or after it, and, when won, its active confirmations.
/// </summary>
internal sealed record PipelineDealFacts(
    long DealId,
    OpenDealFact? Open,
    ClosedDealFact? Closed,
    StageEntryFact[] History,
    long LatestEntryTicks,
    ConfirmationFact[] Confirmations);

/// <summary>An immutable set of deal facts, ordered by deal id, as of change stamp <see cref="Stamp"/> (<see cref="PipelineFactsSql"/>).</summary>
internal sealed class PipelineFacts
{
    private readonly DerivedMemo _memo;

    public PipelineFacts(DateTimeOffset since, PipelineStamp stamp, PipelineDealFacts[] deals, long[] reread)
        : this(since, stamp, deals, reread, new DerivedMemo(deals))
    {
    }

    private PipelineFacts(DateTimeOffset since, PipelineStamp stamp, PipelineDealFacts[] deals, long[] reread, DerivedMemo memo)
    {
        Since = since;
        Stamp = stamp;
        Deals = deals;
        Reread = reread;
        _memo = memo;
    }

    public DateTimeOffset Since { get; }

    public PipelineStamp Stamp { get; }

    public PipelineDealFacts[] Deals { get; }

    /// <summary>The deal ids the last incremental refresh read again (tests).</summary>
    public long[] Reread { get; }

    /// <summary>The same facts, known to be current as of a later stamp (nothing changed in between): the derived data goes along.</summary>
    public PipelineFacts At(PipelineStamp stamp) => new(Since, stamp, Deals, Reread, _memo);

    /// <summary>These facts with the deals in <paramref name="reread"/> replaced (a changed deal the read did not return left the scope).</summary>
    public PipelineFacts With(PipelineChangedDeals reread, PipelineStamp stamp)
    {
        var changed = reread.Changed.ToHashSet();
        var merged = new List<PipelineDealFacts>(Deals.Length + reread.Deals.Length);
        merged.AddRange(Deals.Where(d => !changed.Contains(d.DealId)));
        merged.AddRange(reread.Deals);
        merged.Sort((a, b) => a.DealId.CompareTo(b.DealId));
        return new PipelineFacts(Since, stamp, [.. merged], reread.Changed);
    }

    /// <summary>
    /// What a fresh read at <paramref name="since"/> and <paramref name="now"/> returns. The same facts give the same data
    /// for every (since, now) that leaves out the same deals' history and closes and clears the same expired snoozes, so
    /// the last one derived is handed out again while those counts are unchanged (ADR 0026): no copy of ~160,000 history
    /// entries per answer, and the same <see cref="PipelineData"/> instance, which Core's derived index is keyed by.
    /// </summary>
    public PipelineData Derive(DateTimeOffset since, DateTimeOffset now)
    {
        var key = _memo.Key(since, now);
        if (_memo.Last is { } last && last.Key == key)
        {
            return last.Data;
        }

        var data = Build(since, now);
        _memo.Last = new Derived(key, data); // one reference write: a concurrent reader sees the old pair or the new one
        return data;
    }

    private PipelineData Build(DateTimeOffset since, DateTimeOffset now)
    {
        var sinceTicks = since.UtcTicks;
        int open = 0, closed = 0, history = 0, confirmations = 0;
        foreach (var deal in Deals)
        {
            open += deal.Open is null ? 0 : 1;
            if (deal.Closed is { } c && c.ClosedAt >= since)
            {
                closed++;
                confirmations += c.Status == DealStatus.Won ? deal.Confirmations.Length : 0;
            }

            history += deal.LatestEntryTicks >= sinceTicks ? deal.History.Length : 0;
        }

        // Sized exactly: growing lists to 160,000 entries left megabytes of large-object garbage per answer.
        var openFacts = new OpenDealFact[open];
        var closedFacts = new ClosedDealFact[closed];
        var entries = new StageEntryFact[history];
        var confirmed = new ConfirmationFact[confirmations];
        (open, closed, history, confirmations) = (0, 0, 0, 0);
        foreach (var deal in Deals)
        {
            if (deal.Open is { } o)
            {
                openFacts[open++] = o.SnoozedUntil is { } until && until <= now ? o with { SnoozedUntil = null } : o;
            }

            if (deal.Closed is { } c && c.ClosedAt >= since)
            {
                closedFacts[closed++] = c;
                if (c.Status == DealStatus.Won)
                {
                    deal.Confirmations.CopyTo(confirmed, confirmations);
                    confirmations += deal.Confirmations.Length;
                }
            }

            if (deal.LatestEntryTicks >= sinceTicks)
            {
                deal.History.CopyTo(entries, history);
                history += deal.History.Length;
            }
        }

        return new PipelineData(Array.AsReadOnly(openFacts), Array.AsReadOnly(closedFacts), Array.AsReadOnly(entries), Array.AsReadOnly(confirmed));
    }

    /// <summary>How many deals' history, closes and snoozes a (since, now) leaves out or clears: equal keys, equal data.</summary>
    private readonly record struct DeriveKey(int HistoryLeftOut, int ClosesLeftOut, int SnoozesOver);

    private sealed record Derived(DeriveKey Key, PipelineData Data);

    /// <summary>
    /// Shared by facts that differ only in their stamp: the sorted times that decide what a (since, now) includes, and the
    /// last data derived. Immutable but for <see cref="Last"/>, replaced whole.
    /// </summary>
    private sealed class DerivedMemo(PipelineDealFacts[] deals)
    {
        private readonly long[] _latestEntries = Sorted(deals.Where(d => d.History.Length > 0).Select(d => d.LatestEntryTicks));
        private readonly long[] _closes = Sorted(deals.Where(d => d.Closed is not null).Select(d => d.Closed!.ClosedAt.UtcTicks));
        private readonly long[] _snoozes = Sorted(deals.Where(d => d.Open?.SnoozedUntil is not null).Select(d => d.Open!.SnoozedUntil!.Value.UtcTicks));

        public Derived? Last { get; set; }

        /// <summary>History of deals whose latest entry is before since, closes before since, snoozes at or before now.</summary>
        public DeriveKey Key(DateTimeOffset since, DateTimeOffset now) =>
            new(Below(_latestEntries, since.UtcTicks), Below(_closes, since.UtcTicks), Below(_snoozes, now.UtcTicks + 1));

        private static long[] Sorted(IEnumerable<long> ticks)
        {
            var array = ticks.ToArray();
            Array.Sort(array);
            return array;
        }

        /// <summary>How many of the sorted values are below <paramref name="bound"/>.</summary>
        private static int Below(long[] sorted, long bound)
        {
            int low = 0, high = sorted.Length;
            while (low < high)
            {
                var mid = low + ((high - low) / 2);
                if (sorted[mid] < bound)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            return low;
        }
    }
}

internal sealed record PipelineChangedDeals(long[] Changed, PipelineDealFacts[] Deals);
