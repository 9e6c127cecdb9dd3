using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Polly;
using Polly.Registry;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Resilience;
using SalesCoachBot.Core.Understanding;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data.Stores;

internal sealed class DealStore(DbContextLease lease, TimeProvider time, SqliteWriteGate writeGate, ResiliencePipelineProvider<string> pipelines) : IDealStore
{
    private readonly ResiliencePipeline retry = pipelines.GetPipeline(ResiliencePipelines.DealChange);

    private SalesCoachDbContext Db => lease.Context;

    /// <summary>The deal's view with its latest notes: the card shows both, and the cache keeps them together.</summary>
    public async Task<DealView?> GetAsync(DealId id, CancellationToken cancellationToken)
    {
        var view = await DealViewQueries.LoadOneAsync(Db, id, tracked: false, time.GetUtcNow(), cancellationToken);
        return view is null
            ? null
            : view with { LatestNotes = await DealJournal.ReadRecentNotesAsync(Db, id, DealView.LatestNotesRead, cancellationToken) };
    }

    public async Task<DealView?> FindByExternalIdAsync(string externalId, CancellationToken cancellationToken)
    {
        var key = externalId.Trim();
        var exact = await DealViewQueries.LoadAsync(
            Db, Db.Deals.AsNoTracking().Where(d => d.ExternalId == key), time.GetUtcNow(), cancellationToken);
        if (exact.Count > 0)
        {
            return exact[0];
        }

        var lower = key.ToLowerInvariant();
        var loose = await DealViewQueries.LoadAsync(
            Db, Db.Deals.AsNoTracking().Where(d => d.ExternalId.ToLower() == lower), time.GetUtcNow(), cancellationToken);
        return loose.Count == 1 ? loose[0] : null;
    }

    public async Task<IReadOnlyList<DealNameEntry>> ListNamesAsync(
        IReadOnlyCollection<long>? teamIds, CancellationToken cancellationToken)
    {
        var query = Db.Deals.AsNoTracking();
        if (teamIds is not null)
        {
            var ids = teamIds.ToList();
            query = query.Where(d => ids.Contains(d.TeamId));
        }

        var rows = await query
            .OrderBy(d => d.Id)
            .Select(d => new { d.Id, d.ExternalId, d.Name, d.Account, d.TeamId, d.OwnerId, d.Status })
            .ToListAsync(cancellationToken);
        return rows
            .Select(d => new DealNameEntry(d.Id, d.ExternalId, d.Name, d.Account, d.TeamId, d.OwnerId, d.Status))
            .ToList();
    }

    public async Task<IReadOnlyList<DealView>> ListOpenByOwnerAsync(long ownerId, CancellationToken cancellationToken)
    {
        var views = await DealViewQueries.LoadAsync(
            Db,
            Db.Deals.AsNoTracking().Where(d => d.OwnerId == ownerId && d.Status == DealStatus.Open),
            time.GetUtcNow(),
            cancellationToken);
        return views.OrderBy(v => v.Deal.StageEnteredAt).ThenBy(v => v.Deal.Id).ToList();
    }

    public async Task<IReadOnlyList<DealView>> ListOpenAsync(
        IReadOnlyCollection<long>? teamIds, CancellationToken cancellationToken)
    {
        var query = Db.Deals.AsNoTracking().Where(d => d.Status == DealStatus.Open);
        if (teamIds is not null)
        {
            var ids = teamIds.ToList();
            query = query.Where(d => ids.Contains(d.TeamId));
        }

        var views = await DealViewQueries.LoadAsync(Db, query, time.GetUtcNow(), cancellationToken);
        return views.OrderBy(v => v.Deal.StageEnteredAt).ThenBy(v => v.Deal.Id).ToList();
    }

    public async Task<IReadOnlyList<DealView>> ListOpenAtStagesAsync(
        IReadOnlyCollection<long>? teamIds, IReadOnlyCollection<StageId> stages, CancellationToken cancellationToken)
    {
        var at = stages.ToList();
        var query = Db.Deals.AsNoTracking().Where(d => d.Status == DealStatus.Open && at.Contains(d.StageId));
        if (teamIds is not null)
        {
            var ids = teamIds.ToList();
            query = query.Where(d => ids.Contains(d.TeamId));
        }

        return await LoadInStageOrderAsync(query, cancellationToken);
    }

    public async Task<IReadOnlySet<StageId>> ListOpenStageIdsAsync(IReadOnlyCollection<long>? teamIds, CancellationToken cancellationToken)
    {
        // Read from the (team, status, stage) index alone: a pass over it costs what one stage's empty read over the deals did.
        var query = Db.Deals.AsNoTracking().Where(d => d.Status == DealStatus.Open);
        if (teamIds is not null)
        {
            var ids = teamIds.ToList();
            query = query.Where(d => ids.Contains(d.TeamId));
        }

        return (await query.Select(d => d.StageId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
    }

    public async Task<IReadOnlyList<DealView>> ListOpenOfOwnersAsync(
        DealScope? scope, IReadOnlyCollection<long> ownerIds, CancellationToken cancellationToken)
    {
        var owners = ownerIds.ToList();
        return await LoadInStageOrderAsync(OpenIn(scope).Where(d => owners.Contains(d.OwnerId)), cancellationToken);
    }

    public async Task<IReadOnlyList<DealOwner>> ListOpenOwnersAsync(DealScope? scope, CancellationToken cancellationToken)
    {
        var owners = OpenIn(scope).Select(d => d.OwnerId).Distinct();
        return await Db.People.AsNoTracking()
            .Where(p => owners.Contains(p.Id))
            .OrderBy(p => p.Id)
            .Select(p => new DealOwner(p.Id, p.Name))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OpenDealCurrency>> CountOpenByCurrencyAsync(DealScope? scope, CancellationToken cancellationToken)
    {
        var groups = await OpenIn(scope)
            .GroupBy(d => new { d.Currency, HasAmount = d.Amount != null })
            .Select(g => new { g.Key.Currency, g.Key.HasAmount, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. groups.Select(g => new OpenDealCurrency(g.HasAmount ? g.Currency : null, g.HasAmount, g.Count))
            .GroupBy(g => (g.Currency, g.HasAmount))
            .Select(g => new OpenDealCurrency(g.Key.Currency, g.Key.HasAmount, g.Sum(c => c.Count)))];
    }

    public async Task<int> CountStalledAsync(DealScope? scope, StallLimits limits, DateTimeOffset now, CancellationToken cancellationToken) =>
        Stalled(limits, now) is { } stalled
            ? await OpenIn(scope).Where(d => !Db.Snoozes.Any(s => s.DealId == d.Id && s.Until > now)).Where(stalled).CountAsync(cancellationToken)
            : 0;

    public async Task<OpenDealCounts> CountOpenAsync(DealScope? scope, StallLimits limits, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (Stalled(limits, now) is not { } stalled)
        {
            return new OpenDealCounts(await CountOpenByCurrencyAsync(scope, cancellationToken), 0);
        }

        // One pass: each deal's currency and whether it stalls (the snooze looked up only for a deal the condition finds
        // stalled), grouped as CountOpenByCurrencyAsync groups them. Two passes were two thirds of a "biggest" turn.
        Expression<Func<Deal, bool, CountedDeal>> shape = (d, stalls) => new CountedDeal
        {
            Currency = d.Currency,
            HasAmount = d.Amount != null,
            Stalled = stalls && !Db.Snoozes.Any(s => s.DealId == d.Id && s.Until > now) ? 1 : 0,
        };
        var deal = shape.Parameters[0];
        var counted = Expression.Lambda<Func<Deal, CountedDeal>>(
            ReplacingExpressionVisitor.Replace(shape.Parameters[1], Body(stalled, deal), shape.Body), deal);
        var groups = await OpenIn(scope)
            .Select(counted)
            .GroupBy(d => new { d.Currency, d.HasAmount })
            .Select(g => new { g.Key.Currency, g.Key.HasAmount, Count = g.Count(), Stalled = g.Sum(d => d.Stalled) })
            .ToListAsync(cancellationToken);
        var currencies = groups.Select(g => new OpenDealCurrency(g.HasAmount ? g.Currency : null, g.HasAmount, g.Count))
            .GroupBy(g => (g.Currency, g.HasAmount))
            .Select(g => new OpenDealCurrency(g.Key.Currency, g.Key.HasAmount, g.Sum(c => c.Count)));
        return new OpenDealCounts([.. currencies], groups.Sum(g => g.Stalled));
    }

    /// <summary>A deal as <see cref="CountOpenAsync"/> counts it.</summary>
    private sealed class CountedDeal
    {
        public string? Currency { get; init; }

        public bool HasAmount { get; init; }

        public int Stalled { get; init; }
    }

    public async Task<IReadOnlyList<StalledDeal>> ListStalledOpenAsync(
        IReadOnlyCollection<long>? teamIds, StallLimits limits, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (Stalled(limits, now) is not { } stalled)
        {
            return [];
        }

        var query = Db.Deals.AsNoTracking().Where(d => d.Status == DealStatus.Open);
        if (teamIds is not null)
        {
            var ids = teamIds.ToList();
            query = query.Where(d => ids.Contains(d.TeamId));
        }

        // The deal, its owner's name and team's map: three quarters of every deal may stall, and their confirmations and
        // snoozes (none running: the condition leaves the snoozed out) were most of the time the list took.
        var rows = await (
                from d in query.Where(d => !Db.Snoozes.Any(s => s.DealId == d.Id && s.Until > now)).Where(stalled)
                join p in Db.People on d.OwnerId equals p.Id
                join t in Db.Teams on d.TeamId equals t.Id
                select new StalledDeal(d, p.Name, t.MapId, null))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Deal.StageEnteredAt).ThenBy(r => r.Deal.Id)];
    }

    /// <summary>
    /// <see cref="Core.Stalls.StallRule.IsStalled"/> but for the snooze (the caller's sub-select) as one condition over a deal;
    /// null when no limit is above 0 (nothing can stall).
    /// </summary>
    private static Expression<Func<Deal, bool>>? Stalled(StallLimits limits, DateTimeOffset now)
    {
        // Not snoozed (the caller's); with a next step booked after now, stalled only in the stage twice its limit;
        // otherwise over the stage's limit, or idle (since the later of the last activity and the stage entry) over the
        // team's. Each deal's limits are picked once, as a CASE over its stage (and team) giving the time it stalls at,
        // and compared once: an OR of one comparison per limit made every deal go through every limit's lists (the
        // header's count, half of its CPU at 100,000 deals, bench/README.md perf52). The limits come shortest first, so the
        // first that fits a deal is the latest time, as the OR took it even if two limits fit one deal. The "booked or
        // not" choice is one CASE on top: an OR of indexable terms there would make SQLite read the deals once per term
        // through the team index (measured: 8x slower at 100,000 deals than one pass). Times are parameters (ticks on SQLite).
        var stages = limits.Stages.Where(l => l.Days > 0).OrderBy(l => l.Days).ToList();
        var idle = limits.Idle.Where(l => l.Days > 0).OrderBy(l => l.Days).ToList();
        if (stages.Count == 0 && idle.Count == 0)
        {
            return null;
        }

        // A limit of every team names none: each team bound is a comparison per deal (20 teams in 9 stage limits cost
        // more than the rest of the condition at 100,000 deals).
        List<(Expression<Func<Deal, bool>>? When, int Days)> atStage = [.. stages.Select(limit =>
        {
            var ids = limit.StageIds.ToList();
            return ((Expression<Func<Deal, bool>>?)InTeams(limit.TeamIds, d => ids.Contains(d.StageId)), limit.Days);
        })];
        List<(Expression<Func<Deal, bool>>? When, int Days)> ofTeam = [.. idle.Select(limit =>
        {
            var teams = limit.TeamIds?.ToList();
            return (teams is null ? null : (Expression<Func<Deal, bool>>)(d => teams.Contains(d.TeamId)), limit.Days);
        })];

        Expression<Func<Deal, DateTimeOffset, DateTimeOffset, DateTimeOffset, bool>> rule = (d, twiceAt, overAt, idleAt) =>
            d.NextStepAt != null && d.NextStepAt > now
                ? d.StageEnteredAt <= twiceAt
                : d.StageEnteredAt < overAt || (d.LastActivityAt > d.StageEnteredAt ? d.LastActivityAt : d.StageEnteredAt) < idleAt;
        var deal = rule.Parameters[0];
        var body = new ReplacingExpressionVisitor(
                [rule.Parameters[1], rule.Parameters[2], rule.Parameters[3]],
                [StallsAt(atStage, 2, now, deal), StallsAt(atStage, 1, now, deal), StallsAt(ofTeam, 1, now, deal)])
            .Visit(rule.Body);
        return Expression.Lambda<Func<Deal, bool>>(body, deal);
    }

    /// <summary>
    /// When a deal stalls under the first of <paramref name="limits"/> that fits it (a null condition fits every deal), at
    /// <paramref name="times"/> its days before <paramref name="now"/>: a CASE over the deal. None fits: the earliest time
    /// there is, before any deal's.
    /// </summary>
    private static Expression StallsAt(
        IReadOnlyList<(Expression<Func<Deal, bool>>? When, int Days)> limits, int times, DateTimeOffset now, ParameterExpression deal)
    {
        var at = Parameter(DateTimeOffset.MinValue);
        for (var i = limits.Count - 1; i >= 0; i--)
        {
            var then = Parameter(now - TimeSpan.FromDays(times * limits[i].Days));
            at = limits[i].When is { } when ? Expression.Condition(Body(when, deal), then, at) : then;
        }

        return at;
    }

    /// <summary>A value EF Core binds as a parameter (a closure's field), not inlined into the SQL text.</summary>
    private static Expression Parameter(DateTimeOffset value)
    {
        Expression<Func<DateTimeOffset>> captured = () => value;
        return captured.Body;
    }

    public async Task<IReadOnlyList<DealStep>> ListOpenStepsAsync(
        DealScope? scope, DateTimeOffset? datedBefore, bool withoutDay, CancellationToken cancellationToken)
    {
        // Only the columns a due line shows: no entity, no confirmations, no snoozes (at 100,000 deals those were most of it).
        var query = datedBefore is { } before
            ? OpenIn(scope).Where(d => d.NextStepAt == null ? withoutDay : d.NextStepAt < before)
            : OpenIn(scope).Where(d => d.NextStepAt == null && withoutDay);
        return await StepsAsync(query, cancellationToken);
    }

    public async Task<DueSteps> ListDueStepsAsync(
        DealScope? scope, DateTimeOffset? datedBefore, bool withoutDay, int names, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(names, 1);
        var open = OpenIn(scope);
        if (withoutDay && scope is { TeamIds.Count: <= 1 })
        {
            return await OneTeamDueStepsAsync(open, datedBefore, names, cancellationToken);
        }

        var worded = datedBefore is { } before
            ? open.Where(d => d.NextStepAt == null ? withoutDay && d.NextStep != null : d.NextStepAt < before)
            : open.Where(d => d.NextStepAt == null && withoutDay && d.NextStep != null);
        var steps = await StepsAsync(worded, cancellationToken);
        if (!withoutDay)
        {
            return new DueSteps(steps, []);
        }

        // The deals with no next step at all are counted per owner; only each owner's first few by name are read. The
        // database orders names by upper() in byte order, which is OrdinalIgnoreCase's order for ASCII names only: an owner
        // with a name outside printable ASCII among them has all of them read, and the caller sorts.
        var none = open.Where(d => d.NextStepAt == null && d.NextStep == null);
        var sqlite = Db.Provider == DatabaseProvider.Sqlite;
        var owners = sqlite
            ? await none.GroupBy(d => d.OwnerId)
                .Select(g => new { Owner = g.Key, Count = g.Count(), Wide = g.Count(d => EF.Functions.Glob(d.Name, "*[^ -~]*")) })
                .ToListAsync(cancellationToken)
            : await none.GroupBy(d => d.OwnerId)
                .Select(g => new { Owner = g.Key, Count = g.Count(), Wide = g.Count(d => Regex.IsMatch(d.Name, "[^ -~]")) })
                .ToListAsync(cancellationToken);
        if (owners.Count == 0)
        {
            return new DueSteps(steps, []);
        }

        var wide = owners.Where(o => o.Wide > 0).Select(o => o.Owner).ToList();
        var narrow = owners.Where(o => o.Wide == 0).Select(o => o.Owner).ToList();
        // Each owner's first by name (PostgreSQL: in byte order, whatever the database's collation), ties by stage entry and id.
        var first = sqlite
            ? Db.People.Where(p => narrow.Contains(p.Id)).SelectMany(p => none
                .Where(d => d.OwnerId == p.Id).OrderBy(d => d.Name.ToUpper()).ThenBy(d => d.StageEnteredAt).ThenBy(d => d.Id).Take(names))
            : Db.People.Where(p => narrow.Contains(p.Id)).SelectMany(p => none
                .Where(d => d.OwnerId == p.Id).OrderBy(d => EF.Functions.Collate(d.Name, "C").ToUpper()).ThenBy(d => d.StageEnteredAt).ThenBy(d => d.Id).Take(names));
        var read = narrow.Count == 0 ? [] : await OwnedStepsAsync(first, cancellationToken);
        if (wide.Count > 0)
        {
            read = [.. read, .. await OwnedStepsAsync(none.Where(d => wide.Contains(d.OwnerId)), cancellationToken)];
        }

        // An owner counted but with none read had them changed in between: left out, as a read a moment later would.
        var byOwner = read.ToLookup(r => r.OwnerId, r => r.Step);
        return new DueSteps(steps, [.. owners
            .Where(o => byOwner.Contains(o.Owner))
            .Select(o => new StepsMissing(byOwner[o.Owner].First().OwnerName, o.Count, [.. byOwner[o.Owner]]))]);
    }

    /// <summary>
    /// <see cref="ListDueStepsAsync"/> for one team's deals or a rep's own, in one query: the steps and every deal without one,
    /// cut to each owner's first by name here, in the order the caller sorts them by. A team's few thousand deals cost one
    /// pass this way; counting them and reading the first by name in the database took three (a manager's "what's due",
    /// 20 ms before perf51's cut, 35 ms after; bench/README.md perf52). Every team's, or several's, still take the cut.
    /// </summary>
    private async Task<DueSteps> OneTeamDueStepsAsync(IQueryable<Deal> open, DateTimeOffset? datedBefore, int names, CancellationToken cancellationToken)
    {
        var read = await OwnedStepsAsync(
            datedBefore is { } before ? open.Where(d => d.NextStepAt == null || d.NextStepAt < before) : open.Where(d => d.NextStepAt == null),
            cancellationToken);
        static bool Missing(DealStep step) => step.NextStepAt is null && step.NextStep is null;
        var steps = read.Where(r => !Missing(r.Step)).Select(r => r.Step).OrderBy(r => r.StageEnteredAt).ThenBy(r => r.Id).ToList();
        var missing = read.Where(r => Missing(r.Step))
            .GroupBy(r => r.OwnerId, r => r.Step)
            .Select(owner => new StepsMissing(
                owner.First().OwnerName,
                owner.Count(),
                [.. owner.OrderBy(step => step.Name, StringComparer.OrdinalIgnoreCase).ThenBy(step => step.StageEnteredAt).ThenBy(step => step.Id).Take(names)]))
            .ToList();
        return new DueSteps(steps, missing);
    }

    /// <summary>The steps <paramref name="query"/> picks, as "what's due" lists them, with each deal's owner.</summary>
    private async Task<List<(long OwnerId, DealStep Step)>> OwnedStepsAsync(IQueryable<Deal> query, CancellationToken cancellationToken)
    {
        var rows = await (
                from d in query
                join p in Db.People on d.OwnerId equals p.Id
                select new { d.OwnerId, Step = new DealStep(d.Id, d.ExternalId, d.Name, d.TeamId, p.Name, d.NextStep, d.NextStepAt, d.StageEnteredAt) })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.OwnerId, r.Step))];
    }

    /// <summary>The steps <paramref name="query"/> picks, as "what's due" lists them: oldest stage entry first.</summary>
    private async Task<IReadOnlyList<DealStep>> StepsAsync(IQueryable<Deal> query, CancellationToken cancellationToken)
    {
        var rows = await (
                from d in query
                join p in Db.People on d.OwnerId equals p.Id
                select new DealStep(d.Id, d.ExternalId, d.Name, d.TeamId, p.Name, d.NextStep, d.NextStepAt, d.StageEnteredAt))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.StageEnteredAt).ThenBy(r => r.Id)];
    }

    public async Task<IReadOnlyList<DealView>> ListBiggestOpenAsync(
        DealScope? scope, IReadOnlyCollection<OpenDealCurrency> currencies, int count, CancellationToken cancellationToken)
    {
        var query = OpenIn(scope);
        if (currencies.Any(c => !c.HasAmount))
        {
            // Without an amount every deal ties with every other: all of them, ordered by the caller.
            return await LoadInStageOrderAsync(query.Where(d => d.Amount == null), cancellationToken);
        }

        var named = currencies.Where(c => c.Currency is not null).Select(c => c.Currency!).ToList();
        var none = currencies.Any(c => c.Currency is null);
        query = query.Where(d => d.Amount != null && (named.Contains(d.Currency!) || (none && d.Currency == null)));

        // SQLite stores amounts as text and cannot order them: as a double, which orders them the same way or ties two
        // that differ past its precision. Every deal at least as big as the count-th is read, so none of the first count
        // is left out, whichever way the caller breaks ties. The count-th amount is a sub-select (null when there are
        // fewer deals: then every one).
        var candidates = query;
        var edge = candidates.OrderByDescending(e => (double)e.Amount!.Value).Select(e => (double?)(double)e.Amount!.Value).Skip(count - 1);
        return await LoadFirstAsync(query.Where(d => edge.FirstOrDefault() == null || (double)d.Amount!.Value >= edge.FirstOrDefault()), cancellationToken);
    }

    public async Task<IReadOnlyList<DealView>> ListOldestOpenAsync(DealScope? scope, int count, CancellationToken cancellationToken)
    {
        // Every deal created no later than the count-th (all when there are fewer), as "biggest" reads its edge.
        var candidates = OpenIn(scope);
        var edge = candidates.OrderBy(e => e.CreatedAt).Select(e => (DateTimeOffset?)e.CreatedAt).Skip(count - 1);
        return await LoadFirstAsync(candidates.Where(d => edge.FirstOrDefault() == null || d.CreatedAt <= edge.FirstOrDefault()), cancellationToken);
    }

    /// <summary>The deals picked by <paramref name="query"/>, first listed by id in one query over the scope's deals.</summary>
    /// <remarks>
    /// Loading the views straight from <paramref name="query"/> would run it three times (the deals, then again inside the
    /// sub-selects of their snoozes and confirmations), each a pass over every open deal of the scope. By id, those two
    /// are index look-ups. The ids are bound as one array parameter (JSON on SQLite): thousands of separate parameters
    /// cost SQLite time in their square, and ties can be many (1,666 deals created the same day in the bench).
    /// </remarks>
    private async Task<IReadOnlyList<DealView>> LoadFirstAsync(IQueryable<Deal> query, CancellationToken cancellationToken)
    {
        var ids = await query.Select(d => d.Id).ToListAsync(cancellationToken);
        return ids.Count == 0 ? [] : await LoadInStageOrderAsync(Db.Deals.AsNoTracking().Where(d => EF.Parameter(ids).Contains(d.Id)), cancellationToken);
    }

    /// <summary>The open deals a scope allows: its teams' and its owner's own (every open deal when null).</summary>
    private IQueryable<Deal> OpenIn(DealScope? scope)
    {
        var query = Db.Deals.AsNoTracking().Where(d => d.Status == DealStatus.Open);
        if (scope is null)
        {
            return query;
        }

        var teams = scope.TeamIds.ToList();
        return scope.OwnerId is { } owner
            ? query.Where(d => teams.Contains(d.TeamId) || d.OwnerId == owner)
            : query.Where(d => teams.Contains(d.TeamId));
    }

    private async Task<IReadOnlyList<DealView>> LoadInStageOrderAsync(IQueryable<Deal> query, CancellationToken cancellationToken)
    {
        var views = await DealViewQueries.LoadAsync(Db, query, time.GetUtcNow(), cancellationToken);
        return views.OrderBy(v => v.Deal.StageEnteredAt).ThenBy(v => v.Deal.Id).ToList();
    }

    /// <summary>The condition for the deals of <paramref name="teamIds"/> only (null: every team's).</summary>
    private static Expression<Func<Deal, bool>> InTeams(IReadOnlyCollection<long>? teamIds, Expression<Func<Deal, bool>> condition)
    {
        if (teamIds is null)
        {
            return condition;
        }

        var teams = teamIds.ToList();
        Expression<Func<Deal, bool>> inTeams = d => teams.Contains(d.TeamId);
        return Expression.Lambda<Func<Deal, bool>>(Expression.AndAlso(inTeams.Body, Body(condition, inTeams.Parameters[0])), inTeams.Parameters);
    }

    /// <summary>The condition's body over <paramref name="deal"/> instead of its own parameter.</summary>
    private static Expression Body(Expression<Func<Deal, bool>> condition, ParameterExpression deal) =>
        ReplacingExpressionVisitor.Replace(condition.Parameters[0], deal, condition.Body);

    private static Expression<Func<Deal, bool>> Or(Expression<Func<Deal, bool>>? left, Expression<Func<Deal, bool>> right) =>
        left is null
            ? right
            : Expression.Lambda<Func<Deal, bool>>(
                Expression.OrElse(left.Body, ReplacingExpressionVisitor.Replace(right.Parameters[0], left.Parameters[0], right.Body)),
                left.Parameters);

    public async Task<IReadOnlyDictionary<string, int>> CountOpenByStageAsync(long? teamId, CancellationToken cancellationToken)
    {
        var query = Db.Deals.AsNoTracking().Where(d => d.Status == DealStatus.Open);
        if (teamId is { } team)
        {
            query = query.Where(d => d.TeamId == team);
        }

        return await query
            .GroupBy(d => d.StageId)
            .Select(g => new { Stage = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Stage.Value, g => g.Count, StringComparer.Ordinal, cancellationToken);
    }

    public async Task<LatestConfirmation?> FindLatestConfirmationAsync(
        long? personId, DealId? deal, DealScope? scope, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var query = Db.Confirmations.AsNoTracking().Where(c => c.WithdrawnAt == null && c.ConfirmedAt >= since);
        if (personId is { } person)
        {
            query = query.Where(c => c.PersonId == person);
        }

        if (deal is { } dealId)
        {
            query = query.Where(c => c.DealId == dealId);
        }

        if (scope is not null)
        {
            // As DealScope.Allows: the deals of the person's teams and those they own.
            var teams = scope.TeamIds.ToList();
            var owner = scope.OwnerId;
            var visible = Db.Deals.AsNoTracking().Where(d => teams.Contains(d.TeamId) || d.OwnerId == owner);
            query = from c in query join d in visible on c.DealId equals d.Id select c;
        }

        return await query
            .OrderByDescending(c => c.ConfirmedAt)
            .ThenByDescending(c => c.Id)
            .Select(c => new LatestConfirmation(c.DealId, c.StageId, c.StageVersion, c.ItemId, c.ConfirmedAt))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<LatestClose?> FindLatestCloseAsync(long personId, DealId? deal, DateTimeOffset since, CancellationToken cancellationToken)
    {
        // A close stamps the stage-entered time (the stage itself stays), so that time is when the deal was closed.
        var query = Db.Deals.AsNoTracking()
            .Where(d => d.ClosedByPersonId == personId && (d.Status == DealStatus.Lost || d.Status == DealStatus.Nurture) && d.StageEnteredAt >= since);
        if (deal is { } dealId)
        {
            query = query.Where(d => d.Id == dealId);
        }

        var found = await query
            .OrderByDescending(d => d.StageEnteredAt)
            .ThenByDescending(d => d.Id)
            .Select(d => new { d.Id, d.StageEnteredAt })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : new LatestClose(found.Id, found.StageEnteredAt);
    }

    public async Task<T?> ChangeDealAsync<T>(
        DealId id, Func<DealState, DealChangePlan<T>> decide, CancellationToken cancellationToken)
        where T : class =>
        (await ChangeAsync(id, decide, stampBeforeCommit: null, cancellationToken)).Result;

    /// <summary>
    /// Runs a change and also returns the deal's view as the change left it (null when the deal does
    /// not exist), built from the rows read under the lock and what the change wrote, without reading
    /// them again, and with its latest notes, read under the lock after the change's writes.
    /// <paramref name="stampBeforeCommit"/> runs while the lock is still held, just before the
    /// commit; its value comes back with the view (the read cache's generation).
    /// </summary>
    internal async Task<DealChange<T>> ChangeAsync<T>(
        DealId id, Func<DealState, DealChangePlan<T>> decide, Func<long>? stampBeforeCommit, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(decide);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(DatabaseResilience.DealId, id.Value);
        try
        {
            // A conflict with another writer runs the whole change again (DatabaseResilience).
            return await retry.ExecuteAsync(
                async attempt =>
                {
                    // Each attempt starts from what the database holds now, not from what a failed one tracked.
                    Db.ChangeTracker.Clear();
                    return await ChangeOnceAsync(id, decide, stampBeforeCommit, attempt.CancellationToken);
                },
                context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<DealChange<T>> ChangeOnceAsync<T>(
        DealId id, Func<DealState, DealChangePlan<T>> decide, Func<long>? stampBeforeCommit, CancellationToken cancellationToken)
        where T : class
    {
        using var turn = Db.Provider == DatabaseProvider.Sqlite ? await writeGate.EnterAsync(cancellationToken) : null;
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        if (!await LockDealAsync(id.Value, cancellationToken))
        {
            return new DealChange<T>(null, null, 0);
        }

        var now = time.GetUtcNow();
        var view = await DealViewQueries.LoadOneAsync(Db, id, tracked: true, now, cancellationToken);
        if (view is null)
        {
            return new DealChange<T>(null, null, 0);
        }

        var plan = decide(new DealState(view));
        // An undo whose note, activity or step another undo withdrew first (it held the lock before this one): nothing again.
        var undoneAlready = plan.IfAlreadyWithdrawn is not null && await AlreadyWithdrawnAsync(id, plan, cancellationToken);
        var applied = undoneAlready
            ? new AppliedChange(false, [], new HashSet<ChecklistItemId>(), false)
            : await ApplyAsync(view, plan, cancellationToken);
        if (applied.Changed)
        {
            await Db.SaveChangesAsync(cancellationToken);
        }

        // The card drawn after a change shows the deal's latest notes. Read here, under the lock and after this change's
        // own writes, they are exactly what a fresh read would give, and on SQLite the connection that just wrote reads
        // them from its own page cache; a read after the commit starts a new read transaction on a cold one.
        var notes = await DealJournal.ReadRecentNotesAsync(Db, id, DealView.LatestNotesRead, cancellationToken);
        var stamp = stampBeforeCommit?.Invoke() ?? 0;
        if (applied.Changed)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        var result = undoneAlready ? plan.IfAlreadyWithdrawn!
            : applied.NoteWasThere && plan.IfNoteAlreadyStored is { } instead ? instead : plan.Result;
        return new DealChange<T>(result, AfterChange(view, plan, applied, now) with { LatestNotes = notes }, stamp);
    }

    /// <summary>
    /// The view a fresh read would give once <paramref name="plan"/> is saved: the tracked deal already
    /// carries the new column values; confirmations count at the current stage version only, so a
    /// stage change leaves none, and otherwise the withdrawn ones go and the new ones join in the order
    /// of their time (ties in the order written, as the read orders by time, then id).
    /// </summary>
    private static DealView AfterChange<T>(DealView before, DealChangePlan<T> plan, AppliedChange applied, DateTimeOffset now)
        where T : class
    {
        if (!applied.Changed)
        {
            return before;
        }

        IReadOnlyList<ConfirmationView> confirmations = plan.Transition is { } transition
            ? [.. transition.Carry.Select(c => new ConfirmationView(c.Item, c.PersonId, c.PersonName, c.At, c.Channel))]
            : before.Confirmations
                .Where(c => !applied.Withdrawn.Contains(c.Item))
                .Concat(applied.Added.Select(c => new ConfirmationView(c.Item, c.PersonId, c.PersonName, c.At, c.Channel)))
                .OrderBy(c => c.ConfirmedAt)
                .ToList();
        var snoozedUntil = plan.Snooze is { } snooze
            ? (snooze.Until > now ? snooze.Until : null)
            : plan.EndSnooze is not null ? null : before.SnoozedUntil;
        return before with { Confirmations = confirmations, SnoozedUntil = snoozedUntil };
    }

    /// <summary>Takes the per-deal write lock inside the open transaction; false when the deal does not exist.</summary>
    private async Task<bool> LockDealAsync(long id, CancellationToken cancellationToken)
    {
        if (Db.Provider == DatabaseProvider.Postgres)
        {
            var locked = await Db.Database
                .SqlQuery<long>($"SELECT id AS \"Value\" FROM deals WHERE id = {id} FOR UPDATE")
                .ToListAsync(cancellationToken);
            return locked.Count > 0;
        }

        // SQLite has one writer at a time: a first write takes the database's write lock now, so the
        // read below already sees the state every later writer will see. Not "SET id = id": assigning
        // the key makes SQLite check every table referencing deals, a scan of all confirmations.
        return await Db.Database.ExecuteSqlAsync($"UPDATE deals SET stage_version = stage_version WHERE id = {id}", cancellationToken) > 0;
    }

    private sealed record AppliedChange(bool Changed, IReadOnlyList<NewConfirmation> Added, IReadOnlySet<ChecklistItemId> Withdrawn, bool NoteWasThere);

    private async Task<AppliedChange> ApplyAsync<T>(DealView view, DealChangePlan<T> plan, CancellationToken cancellationToken)
        where T : class
    {
        var deal = view.Deal;
        var changed = false;
        var added = new List<NewConfirmation>();
        var withdrawnItems = new HashSet<ChecklistItemId>();

        var active = view.Confirmations.Select(c => c.Item).ToHashSet();
        foreach (var confirmation in plan.Confirm)
        {
            if (!active.Add(confirmation.Item))
            {
                continue;
            }

            Db.Confirmations.Add(new Confirmation
            {
                DealId = deal.Id,
                StageId = deal.StageId,
                StageVersion = deal.StageVersion,
                ItemId = confirmation.Item,
                PersonId = confirmation.PersonId,
                ConfirmedAt = confirmation.At,
                Channel = confirmation.Channel,
                Conversation = plan.Source?.Conversation,
            });
            added.Add(confirmation);
            changed = true;
        }

        if (plan.Withdraw.Count > 0)
        {
            var items = plan.Withdraw.ToList();
            var withdrawn = await Db.Confirmations
                .Where(c => c.DealId == deal.Id && c.StageVersion == deal.StageVersion && c.WithdrawnAt == null && items.Contains(c.ItemId))
                .ToListAsync(cancellationToken);
            var at = plan.ActivityAt ?? time.GetUtcNow();
            foreach (var confirmation in withdrawn)
            {
                confirmation.WithdrawnAt = at;
                confirmation.WithdrawnByPersonId = plan.WithdrawnBy;
                confirmation.WithdrawnConversation = plan.Source?.Conversation;
                withdrawnItems.Add(confirmation.ItemId);
                changed = true;
            }
        }

        if (plan.Transition is { } transition)
        {
            deal.ClosedAt = deal.ClosedAtAfterMove(transition.Status, transition.At);
            deal.StageId = transition.ToStage;
            deal.Status = transition.Status;
            deal.StageVersion++;
            deal.LostReason = transition.LostReason;
            deal.ReengageAt = transition.ReengageAt;
            deal.ClosedByPersonId = transition.Status == DealStatus.Open ? null : transition.ByPersonId;
            if (transition.Kind != StageChangeKind.MapChange)
            {
                // A map change is RevOps renaming or merging stages: the buyer did nothing, so time in stage and
                // the last activity stay as they were (the stall rule is not reset for every deal).
                deal.StageEnteredAt = transition.At;
                MoveActivity(deal, transition.At);
            }

            Db.StageHistory.Add(new StageHistoryEntry
            {
                DealId = deal.Id,
                StageId = transition.ToStage,
                EnteredAt = transition.At,
                Kind = transition.Kind,
                ByPersonId = transition.ByPersonId,
                Reason = transition.Reason,
                Conversation = plan.Source?.Conversation,
                MapVersion = transition.MapVersion ?? plan.Source?.MapVersion,
                // A chat close, reopen or move records what it left the deal as: "what moved" reads a later reopen-and-win
                // without turning last month's loss into a win.
                Outcome = transition.Status,
            });
            foreach (var carried in transition.Carry)
            {
                Db.Confirmations.Add(new Confirmation
                {
                    DealId = deal.Id,
                    StageId = deal.StageId,
                    StageVersion = deal.StageVersion,
                    ItemId = carried.Item,
                    PersonId = carried.PersonId,
                    ConfirmedAt = carried.At,
                    Channel = carried.Channel,
                });
            }

            changed = true;
        }

        if (!string.IsNullOrWhiteSpace(plan.Note))
        {
            Db.Notes.Add(new DealNote
            {
                DealId = deal.Id,
                PersonId = plan.NoteBy,
                At = plan.ActivityAt ?? time.GetUtcNow(),
                Text = plan.Note,
            });
            changed = true;
        }

        // A retry of the same turn (Slack redelivery, a Teams retry, a double press) finds its note or activity already
        // there: checked under the deal's lock, so two racing retries store it once.
        var noteWasThere = plan.AddNote is { } retried && await HasNoteAsync(deal.Id, retried, cancellationToken);
        if (plan.AddNote is { } newNote && !noteWasThere)
        {
            Db.Notes.Add(new DealNote
            {
                DealId = deal.Id,
                PersonId = newNote.PersonId,
                At = newNote.At,
                Text = newNote.Text,
                Conversation = plan.Source?.Conversation,
            });
            changed = true;
        }

        if (plan.LogActivity is { } newActivity && !await HasActivityAsync(deal.Id, newActivity, cancellationToken))
        {
            Db.Activities.Add(new DealActivity
            {
                DealId = deal.Id,
                Kind = newActivity.Kind,
                PersonId = newActivity.PersonId,
                OccurredAt = newActivity.OccurredAt,
                RecordedAt = newActivity.At,
                Text = newActivity.Text,
                DayOnly = newActivity.DayOnly,
                Conversation = plan.Source?.Conversation,
            });
            changed = true;
        }

        var withdrawnAt = plan.ActivityAt ?? time.GetUtcNow();
        if (plan.WithdrawNote is { } noteId && await Db.Notes.FirstOrDefaultAsync(n => n.Id == noteId && n.DealId == deal.Id && n.WithdrawnAt == null, cancellationToken) is { } withdrawnNote)
        {
            withdrawnNote.WithdrawnAt = withdrawnAt;
            withdrawnNote.WithdrawnByPersonId = plan.WithdrawnBy;
            changed = true;
        }

        if (plan.WithdrawActivity is { } activityId
            && await Db.Activities.FirstOrDefaultAsync(a => a.Id == activityId && a.DealId == deal.Id && a.WithdrawnAt == null, cancellationToken) is { } withdrawnActivity)
        {
            withdrawnActivity.WithdrawnAt = withdrawnAt;
            withdrawnActivity.WithdrawnByPersonId = plan.WithdrawnBy;
            changed = true;
        }

        if (plan.NextStep?.Undoes is { } eventId
            && await Db.NextStepEvents.FirstOrDefaultAsync(e => e.Id == eventId && e.DealId == deal.Id, cancellationToken) is { } undoneStep)
        {
            undoneStep.WithdrawnAt = withdrawnAt;
            undoneStep.WithdrawnByPersonId = plan.NextStep.ByPersonId;
        }

        if (plan.EndSnooze is { } end)
        {
            changed |= await EndSnoozesAsync(deal.Id, end.PersonId, end.At, plan.Source?.Conversation, cancellationToken);
        }

        if (plan.Snooze is { } snooze)
        {
            // The newest snooze is the one that counts: a running one ends where this one starts.
            await EndSnoozesAsync(deal.Id, snooze.PersonId, snooze.At, plan.Source?.Conversation, cancellationToken);
            Db.Snoozes.Add(new Snooze
            {
                DealId = deal.Id,
                PersonId = snooze.PersonId,
                CreatedAt = snooze.At,
                Until = snooze.Until,
                Reason = snooze.Reason,
                Conversation = plan.Source?.Conversation,
            });
            changed = true;
        }

        if (plan.NextStep is { } nextStep)
        {
            // The history keeps what the deal row forgets: the step set, the one it replaced, the one finished.
            Db.NextStepEvents.Add(NextStepHistory.Event(deal, nextStep, plan.Source?.Conversation));
            deal.NextStep = nextStep.Text;
            deal.NextStepAt = nextStep.At;
            deal.NextStepSetAt = nextStep.Done ? null : nextStep.SetAt;
            deal.NextStepRemindedAt = null;
            changed = true;
        }

        if (plan.ActivityAt is { } activity)
        {
            changed |= MoveActivity(deal, activity);
        }

        return new AppliedChange(changed, added, withdrawnItems, noteWasThere);
    }

    private async Task<bool> AlreadyWithdrawnAsync<T>(DealId deal, DealChangePlan<T> plan, CancellationToken cancellationToken)
        where T : class =>
        (plan.WithdrawNote is { } note && !await Db.Notes.AnyAsync(n => n.Id == note && n.DealId == deal && n.WithdrawnAt == null, cancellationToken))
        || (plan.WithdrawActivity is { } activity && !await Db.Activities.AnyAsync(a => a.Id == activity && a.DealId == deal && a.WithdrawnAt == null, cancellationToken))
        || (plan.NextStep?.Undoes is { } step && !await Db.NextStepEvents.AnyAsync(e => e.Id == step && e.DealId == deal && e.WithdrawnAt == null, cancellationToken));

    private Task<bool> HasNoteAsync(DealId deal, NewNote note, CancellationToken cancellationToken)
    {
        var since = note.At - NewNote.RetryWindow;
        return Db.Notes.AnyAsync(n => n.DealId == deal && n.PersonId == note.PersonId && n.At >= since && n.Text == note.Text, cancellationToken);
    }

    private Task<bool> HasActivityAsync(DealId deal, NewActivity activity, CancellationToken cancellationToken)
    {
        var since = activity.At - NewNote.RetryWindow;
        var from = activity.OccurredAt - NewNote.RetryWindow;
        var to = activity.OccurredAt + NewNote.RetryWindow;
        return Db.Activities.AnyAsync(
            a => a.DealId == deal && a.PersonId == activity.PersonId && a.Kind == activity.Kind && a.RecordedAt >= since
                && a.OccurredAt >= from && a.OccurredAt <= to && a.Text == activity.Text,
            cancellationToken);
    }

    /// <summary>Ends the deal's running snoozes at <paramref name="at"/>; false when none was running.</summary>
    private async Task<bool> EndSnoozesAsync(DealId dealId, long personId, DateTimeOffset at, ConversationKey? conversation, CancellationToken cancellationToken)
    {
        var running = await Db.Snoozes.Where(s => s.DealId == dealId && s.Until > at).ToListAsync(cancellationToken);
        foreach (var snooze in running)
        {
            snooze.Until = at;
            snooze.EndedByPersonId = personId;
            snooze.EndedConversation = conversation;
        }

        return running.Count > 0;
    }

    private static bool MoveActivity(Deal deal, DateTimeOffset at)
    {
        if (at <= deal.LastActivityAt)
        {
            return false;
        }

        deal.LastActivityAt = at;
        return true;
    }
}

/// <summary>A change's result, the deal's view as the change left it, and the stamp taken before the commit.</summary>
internal sealed record DealChange<T>(T? Result, DealView? After, long Stamp)
    where T : class;
