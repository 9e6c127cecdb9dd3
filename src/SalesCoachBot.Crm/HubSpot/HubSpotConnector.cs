using System.Globalization;
using System.Runtime.CompilerServices;
using SalesCoachBot.Core.Crm;

namespace SalesCoachBot.Crm.HubSpot;

/// <summary>
/// HubSpot as a CRM connector. Changed deals come from the search API sorted by <c>hs_lastmodifieddate</c>; a search
/// reaches at most <see cref="HubSpotClient.SearchWindow"/> results, so before paging past it the search starts again
/// from the last modification time seen (ids already read at that instant are skipped). Stage history comes from a
/// batch read with <c>propertiesWithHistory=dealstage</c>, on every sync: the search gives no date for the stage, and a
/// stage changed both here and in chat since the last sync is settled by which change came later.
/// </summary>
internal sealed class HubSpotConnector(HubSpotClient client) : ICrmConnector
{
    private const int BatchReadSize = 100;

    public string Provider => "hubspot";

    public string DisplayName => "HubSpot";

    public async Task<CrmSchema> ReadSchemaAsync(CancellationToken cancellationToken)
    {
        var pipelines = await Call(client.PipelinesAsync(cancellationToken));
        var owners = new List<CrmOwner>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await Call(client.OwnersAsync(after, cancellationToken));
            owners.AddRange((page.Results ?? []).Where(o => o.Id is not null)
                .Select(o => new CrmOwner(o.Id!, o.Email, $"{o.FirstName} {o.LastName}".Trim())));
            var next = page.Paging?.Next?.After;
            after = next == after ? null : next;   // a page that repeats its own cursor would never end
        }
        while (after is not null && ++pages < 1000);

        return new CrmSchema(
            [.. (pipelines.Results ?? []).Where(p => p.Id is not null).Select(p => new CrmPipeline(
                p.Id!, p.Label ?? p.Id!, [.. (p.Stages ?? []).Where(s => s.Id is not null).Select(s => new CrmPipelineStage(s.Id!, s.Label ?? s.Id!))]))],
            owners);
    }

    public async IAsyncEnumerable<CrmDealRecord> ReadChangedAsync(DateTimeOffset? since, bool withHistory, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var from = since;
        var seenAtFrom = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            string? after = null;
            var read = 0;
            var restart = false;
            DateTimeOffset? newest = null;
            var atNewest = new HashSet<string>(StringComparer.Ordinal);
            while (true)
            {
                var page = await Call(client.SearchDealsAsync(from, after, cancellationToken));
                var records = new List<CrmDealRecord>();
                foreach (var deal in page.Results ?? [])
                {
                    if (ToRecord(deal) is not { } record || seenAtFrom.Contains(record.Id))
                    {
                        continue;
                    }

                    records.Add(record);
                    if (newest is null || record.ModifiedAt > newest)
                    {
                        newest = record.ModifiedAt;
                        atNewest.Clear();
                    }

                    if (record.ModifiedAt == newest)
                    {
                        atNewest.Add(record.Id);
                    }
                }

                if (records.Count > 0)
                {
                    records = await WithHistoryAsync(records, cancellationToken);
                }

                foreach (var record in records)
                {
                    yield return record;
                }

                read += page.Results?.Count ?? 0;
                var next = page.Paging?.Next?.After;
                if (next is null || next == after || (page.Results?.Count ?? 0) == 0)
                {
                    break;
                }

                if (!int.TryParse(next, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) || offset + HubSpotClient.SearchPageSize > HubSpotClient.SearchWindow)
                {
                    restart = true;   // the next page lies beyond the 10,000-result window: search again from the newest change seen
                    break;
                }

                after = next;
            }

            if (!restart || newest is null || (newest == from && atNewest.SetEquals(seenAtFrom)))
            {
                yield break;
            }

            if (newest != from)
            {
                seenAtFrom.Clear();
            }

            seenAtFrom.UnionWith(atNewest);
            from = newest;
        }
    }

    public async Task<IReadOnlyList<CrmDealRecord>> ReadDealsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var result = new List<CrmDealRecord>();
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(BatchReadSize))
        {
            var page = await Call(client.BatchReadAsync(chunk, withHistory: false, cancellationToken));
            var found = (page.Results ?? []).Select(ToRecord).OfType<CrmDealRecord>().ToDictionary(r => r.Id, StringComparer.Ordinal);
            foreach (var id in chunk)
            {
                // Not returned: deleted (archived) in HubSpot.
                result.Add(found.GetValueOrDefault(id) ?? CrmDealRecord.Gone(id, DateTimeOffset.UnixEpoch));
            }
        }

        return result;
    }

    public async Task<CrmPushOutcome> PushAsync(CrmPushRequest push, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(push);
        try
        {
            switch (push.Kind)
            {
                case CrmPushKind.Stage:
                    await client.UpdateDealAsync(push.CrmDealId, new() { ["pipeline"] = push.Pipeline!, ["dealstage"] = push.Stage! }, cancellationToken);
                    break;
                case CrmPushKind.NextStep:
                    var text = push.Text ?? (push.At is { } at ? at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty);
                    await client.UpdateDealAsync(push.CrmDealId, new() { ["hs_next_step"] = text }, cancellationToken);
                    break;
                case CrmPushKind.Note:
                    await client.CreateNoteAsync(push.CrmDealId, push.Text ?? string.Empty, push.At ?? DateTimeOffset.UnixEpoch, cancellationToken);
                    break;
            }

            return new CrmPushOutcome.Done();
        }
        catch (HubSpotHttpException e) when (e.IsTransient)
        {
            return new CrmPushOutcome.Retry(e.Message, e.RetryAfter);
        }
        catch (HubSpotHttpException e)
        {
            return new CrmPushOutcome.Refused(e.Message);
        }
        catch (CrmUnavailableException e)
        {
            return new CrmPushOutcome.Retry(e.Message, null);
        }
    }

    private async Task<List<CrmDealRecord>> WithHistoryAsync(List<CrmDealRecord> records, CancellationToken cancellationToken)
    {
        var page = await Call(client.BatchReadAsync([.. records.Select(r => r.Id)], withHistory: true, cancellationToken));
        var history = (page.Results ?? [])
            .Where(o => o.Id is not null && o.PropertiesWithHistory?.GetValueOrDefault("dealstage") is not null)
            .ToDictionary(o => o.Id!, o => o.PropertiesWithHistory!["dealstage"], StringComparer.Ordinal);
        return [.. records.Select(r => history.TryGetValue(r.Id, out var values)
            ? r with
            {
                StageHistory = [.. values.Where(v => v.Value is not null && v.Timestamp is not null).Select(v => new CrmStageVisit(v.Value!, v.Timestamp!.Value)).OrderBy(v => v.At)],
                StageChangedAt = values.Where(v => v.Value == r.Stage && v.Timestamp is not null).Select(v => v.Timestamp).Max() ?? r.StageChangedAt,
            }
            : r)];
    }

    internal static CrmDealRecord? ToRecord(HsObject deal)
    {
        if (deal.Id is not { Length: > 0 } id || deal.Properties is not { } p)
        {
            return null;   // malformed: no id or no properties; nothing to upsert by
        }

        var modified = Date(p.GetValueOrDefault("hs_lastmodifieddate")) ?? DateTimeOffset.UnixEpoch;
        return new CrmDealRecord(
            id,
            p.GetValueOrDefault("dealname"),
            CrmAmounts.Parse(p.GetValueOrDefault("amount")),
            p.GetValueOrDefault("deal_currency_code"),
            p.GetValueOrDefault("pipeline"),
            p.GetValueOrDefault("dealstage"),
            p.GetValueOrDefault("hubspot_owner_id") is { Length: > 0 } owner ? owner : null,
            Date(p.GetValueOrDefault("closedate")),
            modified)
        {
            CreatedAt = Date(p.GetValueOrDefault("createdate")),
            NextStep = p.GetValueOrDefault("hs_next_step"),
            LostReason = p.GetValueOrDefault("closed_lost_reason") is { Length: > 0 } reason ? reason : null,
            Deleted = deal.Archived == true,
        };
    }

    private static DateTimeOffset? Date(string? value) =>
        value is null ? null
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date
        : long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
        : null;

    private static async Task<T> Call<T>(Task<T> call)
    {
        try
        {
            return await call;
        }
        catch (HubSpotHttpException e)
        {
            throw new CrmUnavailableException(e.Message, e);
        }
    }
}
