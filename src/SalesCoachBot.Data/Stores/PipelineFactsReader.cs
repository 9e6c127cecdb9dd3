using System.Globalization;
using System.Text;
using System.Data.Common;
using SalesCoachBot.Core.Crm;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;

namespace SalesCoachBot.Data.Stores;

/// <summary>
/// Reads <see cref="PipelineDealFacts"/> with three narrow statements over a plain data reader (no EF
/// materialization), the same SQL on SQLite and PostgreSQL: the deals (open, or closed at or after <c>since</c>) with
/// their latest snooze; the history of deals with an entry at or after <c>since</c>; the active confirmations of won
/// deals closed at or after it. With <c>changedAfter</c>, only deals the change log says may have changed since that
/// stamp (the rest is kept by the cache). Times go through <see cref="PipelineFactsSql"/> (SQLite stores UTC ticks,
/// PostgreSQL timestamptz); amounts read as decimals from both (SQLite's decimal text, PostgreSQL's numeric).
/// </summary>
internal static class PipelineFactsReader
{
    private const string MapChangeKind = nameof(StageChangeKind.MapChange); // stored as the enum's name

    /// <summary>
    /// A CRM's reopen row, narrowed in SQL: a <c>MovedInCrm</c> row whose reason starts "reopened in " (<c>lower()</c> keeps
    /// PostgreSQL's case-sensitive LIKE matching as SQLite's). Only narrowed: the reader reads such a row's reason and
    /// <see cref="CrmReasons.IsReopened"/> decides ("reopened in" and a CRM's own name), the test the in-memory store uses,
    /// so a person's note "reopened in the pricing call" is no reopen on either.
    /// </summary>
    private const string CrmReopen =
        $"h.kind = '{nameof(StageChangeKind.MovedInCrm)}' AND lower(h.reason) LIKE 'reopened in %'";

    /// <summary>
    /// The row's part in the measures (<see cref="StageEntryFact.Kind"/>): 1 a close, 2 a reopen (a chat's or an import's
    /// <c>Reopened</c>, a CRM's reopen), 0 any other row; then for a close or reopen the stage the row before it (map
    /// changes included, as the moves list reads it) left the deal in, and for a CRM reopen its reason. The row before is
    /// looked up (the (deal_id, entered_at) index) for close and reopen rows only, on both providers.
    /// </summary>
    private const string Role =
        $"CASE WHEN h.kind IN ('{nameof(StageChangeKind.Closed)}', '{nameof(StageChangeKind.ClosedInCrm)}') THEN 1 " +
        $"WHEN h.kind = '{nameof(StageChangeKind.Reopened)}' OR ({CrmReopen}) THEN 2 ELSE 0 END, " +
        $"CASE WHEN h.kind IN ('{nameof(StageChangeKind.Closed)}', '{nameof(StageChangeKind.ClosedInCrm)}', '{nameof(StageChangeKind.Reopened)}') OR ({CrmReopen}) THEN " +
        "(SELECT p.stage_id FROM stage_history p WHERE p.deal_id = h.deal_id AND (p.entered_at < h.entered_at OR " +
        "(p.entered_at = h.entered_at AND p.id < h.id)) ORDER BY p.entered_at DESC, p.id DESC LIMIT 1) END, " +
        $"CASE WHEN {CrmReopen} THEN h.reason END";

    public static async Task<PipelineChangedDeals> ReadAsync(
        DbConnection connection, DbTransaction transaction, PipelineFactsSql sql, PipelineScope scope, DateTimeOffset since, PipelineStamp? changedAfter, CancellationToken cancellationToken)
    {
        var filter = new StringBuilder();
        var parameters = new List<(string Name, object Value)> { ("@since", sql.Time(since)) };
        if (scope.TeamIds is { } teams)
        {
            var ids = teams.Distinct().ToList();
            filter.Append(ids.Count == 0 ? " AND 1 = 0" : " AND d.team_id IN (" + string.Join(", ", ids.Select((_, i) => $"@team{i}")) + ")");
            parameters.AddRange(ids.Select((id, i) => ($"@team{i}", (object)id)));
        }

        if (scope.OwnerId is { } owner)
        {
            filter.Append(" AND d.owner_id = @owner");
            parameters.Add(("@owner", owner));
        }

        var changed = Array.Empty<long>();
        if (changedAfter is { } after)
        {
            filter.Append($" AND d.id IN (SELECT deal_id FROM pipeline_deal_changes WHERE {sql.ChangedSince})");
            parameters.AddRange(PipelineFactsSql.Parameters(after));
            changed = [.. await ListAsync(
                Command(connection, transaction, $"SELECT deal_id FROM pipeline_deal_changes WHERE {sql.ChangedSince}", parameters),
                r => r.GetInt64(0), cancellationToken)];
        }

        var where = filter.ToString();
        var deals = await ListAsync(Command(connection, transaction,
            "SELECT d.id, d.team_id, d.status, d.stage_id, d.amount, d.currency, d.stage_entered_at, d.last_activity_at, d.next_step_at, d.closed_at, d.lost_reason, " +
            "CASE WHEN d.status = 'Open' THEN (SELECT max(s.until) FROM snoozes s WHERE s.deal_id = d.id) END " +
            $"FROM deals d WHERE (d.status = 'Open' OR (d.status IN ('Won', 'Lost') AND d.closed_at >= @since)){where}", parameters),
            r => ReadDeal(r, sql), cancellationToken);

        var stages = new Dictionary<string, string>(StringComparer.Ordinal);
        // A map change's row is no stage entry: the deal was already in the stage, under the id the new map replaces
        // (the analytics count that id for the replacing stage). Left out here, it is not an entry, a conversion or a
        // split of the time in stage. A close where the deal stood is kept, marked: it ends the time in that stage and
        // says where a loss happened, but counted as an entry it was one more deal entering that stage this week. A reopen
        // there is kept, marked, for the same reason: the time in the stage starts again from it, no deal entered it.
        var history = await ListAsync(Command(connection, transaction,
            $"SELECT h.deal_id, h.stage_id, h.entered_at, {Role} FROM deals d JOIN stage_history h ON h.deal_id = d.id " +
            $"WHERE h.kind <> '{MapChangeKind}' AND EXISTS (SELECT 1 FROM stage_history x WHERE x.deal_id = d.id AND x.entered_at >= @since " +
            $"AND x.kind <> '{MapChangeKind}'){where}", parameters),
            r => ReadEntry(r, sql, stages), cancellationToken);

        var confirmations = await ListAsync(Command(connection, transaction,
            "SELECT c.deal_id, c.stage_id, c.item_id, c.confirmed_at FROM deals d JOIN confirmations c ON c.deal_id = d.id " +
            $"WHERE d.status = 'Won' AND d.closed_at >= @since AND c.withdrawn_at IS NULL{where}", parameters),
            r => new ConfirmationFact(r.GetInt64(0), Intern(stages, r.GetString(1)), r.GetString(2), sql.ReadTime(r, 3)), cancellationToken);

        var historyOf = history.GroupBy(h => h.DealId).ToDictionary(g => g.Key, g => g.ToArray());
        var confirmationsOf = confirmations.GroupBy(c => c.DealId).ToDictionary(g => g.Key, g => g.ToArray());
        var byId = deals.ToDictionary(d => d.Id);
        var facts = byId.Keys.Union(historyOf.Keys)
            .Order()
            .Select(id =>
            {
                var deal = byId.GetValueOrDefault(id);
                var entries = historyOf.GetValueOrDefault(id) ?? [];
                return new PipelineDealFacts(
                    id,
                    deal.Open,
                    deal.Closed,
                    entries,
                    entries.Length == 0 ? long.MinValue : entries.Max(h => h.EnteredAt.UtcTicks),
                    deal.Closed?.Status == DealStatus.Won ? confirmationsOf.GetValueOrDefault(id) ?? [] : []);
            })
            .ToArray();
        return new PipelineChangedDeals(changed, facts);
    }

    private static StageEntryFact ReadEntry(DbDataReader r, PipelineFactsSql sql, Dictionary<string, string> stages)
    {
        var fact = new StageEntryFact(r.GetInt64(0), Intern(stages, r.GetString(1)), sql.ReadTime(r, 2));
        var role = r.GetInt32(3);
        if (role == 0 || (!r.IsDBNull(5) && !CrmReasons.IsReopened(r.GetString(5))))
        {
            return fact; // an entry, also a CRM move whose reason only looks like a reopen
        }

        var stood = r.IsDBNull(4) ? null : r.GetString(4);
        return string.Equals(stood, fact.StageId, StringComparison.Ordinal)
            ? fact with { Kind = role == 1 ? StageEntryKind.CloseInStage : StageEntryKind.ReopenInStage }
            : fact with { Kind = role == 1 ? StageEntryKind.CloseElsewhere : StageEntryKind.ReopenElsewhere, From = stood is null ? null : Intern(stages, stood) };
    }

    private static (long Id, OpenDealFact? Open, ClosedDealFact? Closed) ReadDeal(DbDataReader r, PipelineFactsSql sql)
    {
        var id = r.GetInt64(0);
        var status = Enum.Parse<DealStatus>(r.GetString(2));
        decimal? amount = r.IsDBNull(4) ? null : r.GetDecimal(4);
        var currency = r.IsDBNull(5) ? null : r.GetString(5);
        if (status == DealStatus.Open)
        {
            return (id, new OpenDealFact(
                id, r.GetInt64(1), r.GetString(3), amount, currency, sql.ReadTime(r, 6), sql.ReadTime(r, 7),
                r.IsDBNull(8) ? null : sql.ReadTime(r, 8), r.IsDBNull(11) ? null : sql.ReadTime(r, 11)), null);
        }

        return (id, null, new ClosedDealFact(id, status, amount, currency, sql.ReadTime(r, 9), r.IsDBNull(10) ? null : r.GetString(10)));
    }

    private static string Intern(Dictionary<string, string> strings, string value)
    {
        if (!strings.TryGetValue(value, out var kept))
        {
            strings[value] = kept = value;
        }

        return kept;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, List<(string Name, object Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            if (sql.Contains(name, StringComparison.Ordinal))
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }
        }

        return command;
    }

    private static async Task<List<T>> ListAsync<T>(DbCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var list = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                list.Add(read(reader));
            }

            return list;
        }
    }
}
