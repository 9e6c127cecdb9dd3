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
internal sealed class PipelineFacts(DateTimeOffset since, PipelineStamp stamp, PipelineDealFacts[] deals, long[] reread)
{
    public DateTimeOffset Since { get; } = since;

    public PipelineStamp Stamp { get; } = stamp;

    public PipelineDealFacts[] Deals { get; } = deals;

    /// <summary>The deal ids the last incremental refresh read again (tests).</summary>
    public long[] Reread { get; } = reread;

    /// <summary>The same facts, known to be current as of a later stamp (nothing changed in between).</summary>
    public PipelineFacts At(PipelineStamp stamp) => new(Since, stamp, Deals, Reread);

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

    /// <summary>What a fresh read at <paramref name="since"/> and <paramref name="now"/> returns.</summary>
    public PipelineData Derive(DateTimeOffset since, DateTimeOffset now)
    {
        var open = new List<OpenDealFact>();
        var closed = new List<ClosedDealFact>();
        var history = new List<StageEntryFact>();
        var confirmations = new List<ConfirmationFact>();
        var sinceTicks = since.UtcTicks;
        foreach (var deal in Deals)
        {
            if (deal.Open is { } o)
            {
                open.Add(o.SnoozedUntil is { } until && until <= now ? o with { SnoozedUntil = null } : o);
            }

            if (deal.Closed is { } c && c.ClosedAt >= since)
            {
                closed.Add(c);
                if (c.Status == DealStatus.Won)
                {
                    confirmations.AddRange(deal.Confirmations);
                }
            }

            if (deal.LatestEntryTicks >= sinceTicks)
            {
                history.AddRange(deal.History);
            }
        }

        return new PipelineData(open, closed, history, confirmations);
    }
}

internal sealed record PipelineChangedDeals(long[] Changed, PipelineDealFacts[] Deals);
