using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;

namespace SalesCoachBot.Data.Stores;

/// <summary>
/// Reads <see cref="PipelineDealFacts"/> from SQLite with three narrow statements over a plain data reader (no EF
/// materialization): the deals (open, or closed at or after <c>since</c>) with their latest snooze; the history of
/// deals with an entry at or after <c>since</c>; the active confirmations of won deals closed at or after it.
/// With <c>changedAfter</c>, only deals whose change number passed it (the rest is kept by the cache).
/// Times are UTC ticks here (the SQLite model's <c>UtcTicksConverter</c>), amounts the decimal text EF writes.
/// </summary>
internal static class PipelineFactsReader
{
    public static async Task<PipelineChangedDeals> ReadAsync(
        SqliteConnection connection, SqliteTransaction transaction, PipelineScope scope, DateTimeOffset since, long? changedAfter, CancellationToken cancellationToken)
    {
        var filter = new StringBuilder();
        var parameters = new List<(string Name, object Value)> { ("$since", since.UtcTicks) };
        if (scope.TeamIds is { } teams)
        {
            var ids = teams.Distinct().ToList();
            filter.Append(ids.Count == 0 ? " AND 0" : " AND d.team_id IN (" + string.Join(", ", ids.Select((_, i) => $"$team{i}")) + ")");
            parameters.AddRange(ids.Select((id, i) => ($"$team{i}", (object)id)));
        }

        if (scope.OwnerId is { } owner)
        {
            filter.Append(" AND d.owner_id = $owner");
            parameters.Add(("$owner", owner));
        }

        var changed = Array.Empty<long>();
        if (changedAfter is { } after)
        {
            filter.Append(" AND d.id IN (SELECT deal_id FROM pipeline_deal_changes WHERE seq > $after)");
            parameters.Add(("$after", after));
            changed = [.. await ListAsync(
                Command(connection, transaction, "SELECT deal_id FROM pipeline_deal_changes WHERE seq > $after", parameters),
                r => r.GetInt64(0), cancellationToken)];
        }

        var where = filter.ToString();
        var deals = await ListAsync(Command(connection, transaction,
            "SELECT d.id, d.team_id, d.status, d.stage_id, d.amount, d.currency, d.stage_entered_at, d.last_activity_at, d.next_step_at, d.closed_at, d.lost_reason, " +
            "CASE WHEN d.status = 'Open' THEN (SELECT max(s.until) FROM snoozes s WHERE s.deal_id = d.id) END " +
            $"FROM deals d WHERE (d.status = 'Open' OR (d.status IN ('Won', 'Lost') AND d.closed_at >= $since)){where}", parameters),
            r => ReadDeal(r), cancellationToken);

        var stages = new Dictionary<string, string>(StringComparer.Ordinal);
        var history = await ListAsync(Command(connection, transaction,
            "SELECT h.deal_id, h.stage_id, h.entered_at FROM deals d JOIN stage_history h ON h.deal_id = d.id " +
            $"WHERE EXISTS (SELECT 1 FROM stage_history x WHERE x.deal_id = d.id AND x.entered_at >= $since){where}", parameters),
            r => new StageEntryFact(r.GetInt64(0), Intern(stages, r.GetString(1)), Utc(r.GetInt64(2))), cancellationToken);

        var confirmations = await ListAsync(Command(connection, transaction,
            "SELECT c.deal_id, c.stage_id, c.item_id, c.confirmed_at FROM deals d JOIN confirmations c ON c.deal_id = d.id " +
            $"WHERE d.status = 'Won' AND d.closed_at >= $since AND c.withdrawn_at IS NULL{where}", parameters),
            r => new ConfirmationFact(r.GetInt64(0), Intern(stages, r.GetString(1)), r.GetString(2), Utc(r.GetInt64(3))), cancellationToken);

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

    private static (long Id, OpenDealFact? Open, ClosedDealFact? Closed) ReadDeal(SqliteDataReader r)
    {
        var id = r.GetInt64(0);
        var status = Enum.Parse<DealStatus>(r.GetString(2));
        decimal? amount = r.IsDBNull(4) ? null : r.GetDecimal(4);
        var currency = r.IsDBNull(5) ? null : r.GetString(5);
        if (status == DealStatus.Open)
        {
            return (id, new OpenDealFact(
                id, r.GetInt64(1), r.GetString(3), amount, currency, Utc(r.GetInt64(6)), Utc(r.GetInt64(7)),
                r.IsDBNull(8) ? null : Utc(r.GetInt64(8)), r.IsDBNull(11) ? null : Utc(r.GetInt64(11))), null);
        }

        return (id, null, new ClosedDealFact(id, status, amount, currency, Utc(r.GetInt64(9)), r.IsDBNull(10) ? null : r.GetString(10)));
    }

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);

    private static string Intern(Dictionary<string, string> strings, string value)
    {
        if (!strings.TryGetValue(value, out var kept))
        {
            strings[value] = kept = value;
        }

        return kept;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, List<(string Name, object Value)> parameters)
    {
        var command = new SqliteCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            if (sql.Contains(name, StringComparison.Ordinal))
            {
                command.Parameters.AddWithValue(name, value);
            }
        }

        return command;
    }

    private static async Task<List<T>> ListAsync<T>(SqliteCommand command, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
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
