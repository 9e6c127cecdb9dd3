using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Crm;

namespace SalesCoachBot.Crm.Salesforce;

/// <summary>
/// Salesforce as a CRM connector. Deals are Opportunities read with SOQL ordered by <c>SystemModstamp</c> (queryAll for
/// incremental pulls, so deletions show as <c>IsDeleted</c>), pages followed by <c>nextRecordsUrl</c>. There is one
/// pipeline, <c>default</c>: the active <c>OpportunityStage</c> values, whatever the record type (record types only
/// narrow the values a sales process offers; Salesforce refuses a push outside them). A stage id is the stage's API
/// name, as <c>StageName</c> holds it. Owners are <c>User</c>s; stage history on first sync comes from
/// <c>OpportunityHistory</c>. Writes go out as composite requests (up to 25 subrequests, each succeeding on its own).
/// </summary>
internal sealed class SalesforceConnector(SalesforceClient client, IOptions<CrmSettings> options) : ICrmConnector
{
    public const string DefaultPipeline = "default";
    private const int IdsPerQuery = 200;
    private const int MaxSubrequests = 25;
    private const int NextStepLength = 255;

    private OrgShape? _shape;

    public string Provider => "salesforce";

    public string DisplayName => "Salesforce";

    /// <summary>Which optional Opportunity fields this org has (multi-currency, LastStageChangeDate).</summary>
    private sealed record OrgShape(bool Currency, bool LastStageChange);

    public async Task<CrmSchema> ReadSchemaAsync(CancellationToken cancellationToken)
    {
        var stages = new List<CrmPipelineStage>();
        await foreach (var s in Query("SELECT Id, ApiName, MasterLabel, IsActive, IsClosed, IsWon, SortOrder FROM OpportunityStage ORDER BY SortOrder", false, cancellationToken))
        {
            if (Bool(s, "IsActive") != false && (Str(s, "ApiName") ?? Str(s, "MasterLabel")) is { } id)
            {
                stages.Add(new CrmPipelineStage(id, Str(s, "MasterLabel") ?? id));
            }
        }

        // One pipeline: StageName is one picklist for the whole org. Record types only narrow which of its values a
        // sales process offers, so one mapping places every opportunity whatever its record type (ADR 0020).
        var pipelines = new List<CrmPipeline> { new(DefaultPipeline, "Opportunity stages", stages) };
        var owners = new List<CrmOwner>();
        await foreach (var u in Query("SELECT Id, Email, Name FROM User", false, cancellationToken))
        {
            if (Str(u, "Id") is { } id)
            {
                owners.Add(new CrmOwner(id, Str(u, "Email"), Str(u, "Name")));
            }
        }

        return new CrmSchema(pipelines, owners);
    }

    public async IAsyncEnumerable<CrmDealRecord> ReadChangedAsync(DateTimeOffset? since, bool withHistory, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var shape = await ShapeAsync(cancellationToken);
        // Whole seconds, rounded down: SOQL datetime literals have none, and >= re-reads what shares the cursor's second.
        var where = since is { } from ? $" WHERE SystemModstamp >= {Literal(from)}" : string.Empty;
        var soql = $"SELECT {Fields(shape)} FROM Opportunity{where} ORDER BY SystemModstamp, Id";
        var page = new List<CrmDealRecord>(IdsPerQuery);
        await foreach (var opportunity in Query(soql, all: since is not null, SalesforceJson.Default.SfQueryPageSfOpportunity, cancellationToken))
        {
            if (ToRecord(opportunity, shape) is { } record)
            {
                page.Add(record);
            }

            if (page.Count == IdsPerQuery)
            {
                foreach (var r in withHistory ? await WithHistoryAsync(page, cancellationToken) : page)
                {
                    yield return r;
                }

                page.Clear();
            }
        }

        foreach (var r in withHistory ? await WithHistoryAsync(page, cancellationToken) : page)
        {
            yield return r;
        }
    }

    public async Task<IReadOnlyList<CrmDealRecord>> ReadDealsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var shape = await ShapeAsync(cancellationToken);
        var result = new List<CrmDealRecord>();
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(IdsPerQuery))
        {
            var found = new Dictionary<string, CrmDealRecord>(StringComparer.Ordinal);
            await foreach (var opportunity in Query($"SELECT {Fields(shape)} FROM Opportunity WHERE Id IN ({InList(chunk)})", all: true, SalesforceJson.Default.SfQueryPageSfOpportunity, cancellationToken))
            {
                if (ToRecord(opportunity, shape) is { } record)
                {
                    found[record.Id] = record;
                }
            }

            // Not returned even by queryAll: emptied from the recycle bin.
            result.AddRange(chunk.Select(id => found.GetValueOrDefault(id) ?? CrmDealRecord.Gone(id, DateTimeOffset.UnixEpoch)));
        }

        return result;
    }

    public async Task<CrmPushOutcome> PushAsync(CrmPushRequest push, CancellationToken cancellationToken) =>
        (await PushBatchAsync([push], cancellationToken))[0];

    public async Task<IReadOnlyList<CrmPushOutcome>> PushBatchAsync(IReadOnlyList<CrmPushRequest> pushes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pushes);
        var outcomes = new CrmPushOutcome[pushes.Count];
        var index = 0;
        while (index < pushes.Count)
        {
            // As many pushes as fit in one composite request (a ContentNote takes two subrequests: the note, its link).
            var chunk = new List<(int Index, List<SfSubrequest> Requests)>();
            var size = 0;
            while (index < pushes.Count)
            {
                var requests = Subrequests(pushes[index]);
                if (size + requests.Count > MaxSubrequests && chunk.Count > 0)
                {
                    break;
                }

                chunk.Add((index++, requests));
                size += requests.Count;
            }

            try
            {
                var response = await client.CompositeAsync(new SfCompositeRequest(false, [.. chunk.SelectMany(c => c.Requests)]), cancellationToken);
                var byReference = (response?.CompositeResponse ?? []).Where(r => r.ReferenceId is not null)
                    .GroupBy(r => r.ReferenceId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                foreach (var (i, requests) in chunk)
                {
                    outcomes[i] = Outcome(requests.Select(r => byReference.GetValueOrDefault(r.ReferenceId)).ToList());
                }
            }
            catch (SalesforceHttpException e)
            {
                foreach (var (i, _) in chunk)
                {
                    outcomes[i] = e.IsTransient ? new CrmPushOutcome.Retry(e.Message, e.RetryAfter) : new CrmPushOutcome.Refused(e.Message);
                }
            }
            catch (CrmUnavailableException e)
            {
                foreach (var (i, _) in chunk)
                {
                    outcomes[i] = new CrmPushOutcome.Retry(e.Message, null);
                }
            }
        }

        return outcomes;
    }

    private List<SfSubrequest> Subrequests(CrmPushRequest push)
    {
        var opportunity = $"{client.DataPath}sobjects/Opportunity/{Uri.EscapeDataString(push.CrmDealId)}";
        var reference = $"push{push.Id}";
        switch (push.Kind)
        {
            case CrmPushKind.Stage:
                return [new SfSubrequest("PATCH", opportunity, reference, new() { ["StageName"] = push.Stage })];
            case CrmPushKind.NextStep:
                var text = push.Text ?? (push.At is { } at ? at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty);
                return [new SfSubrequest("PATCH", opportunity, reference, new() { ["NextStep"] = text.Length > NextStepLength ? text[..NextStepLength] : text })];
            default:
                var note = push.Text ?? string.Empty;
                var title = Title(note);
                if (options.Value.Salesforce.NoteObject == "Task")
                {
                    return
                    [
                        new SfSubrequest("POST", $"{client.DataPath}sobjects/Task", reference, new()
                        {
                            ["WhatId"] = push.CrmDealId,
                            ["Subject"] = title,
                            ["Description"] = note,
                            ["Status"] = "Completed",
                            ["ActivityDate"] = (push.At ?? DateTimeOffset.UnixEpoch).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        }),
                    ];
                }

                // ContentNote.Content is base64 of HTML: the text escaped, one paragraph per line.
                var html = string.Concat(note.Split('\n').Select(line => $"<p>{WebUtility.HtmlEncode(line.TrimEnd('\r'))}</p>"));
                return
                [
                    new SfSubrequest("POST", $"{client.DataPath}sobjects/ContentNote", reference, new()
                    {
                        ["Title"] = title,
                        ["Content"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(html)),
                    }),
                    new SfSubrequest("POST", $"{client.DataPath}sobjects/ContentDocumentLink", reference + "link", new()
                    {
                        ["ContentDocumentId"] = $"@{{{reference}.id}}",
                        ["LinkedEntityId"] = push.CrmDealId,
                        ["ShareType"] = "I",
                        ["Visibility"] = "AllUsers",
                    }),
                ];
        }
    }

    /// <summary>One push's outcome from its subrequests: all 2xx is done; the first real error decides otherwise.</summary>
    private static CrmPushOutcome Outcome(List<SfSubresponse?> responses)
    {
        foreach (var response in responses)
        {
            if (response is null)
            {
                return new CrmPushOutcome.Retry("Salesforce's composite answer left this push out", null);
            }

            if (response.HttpStatusCode is >= 200 and < 300)
            {
                continue;
            }

            var errors = response.Body.ValueKind == JsonValueKind.Array
                ? response.Body.EnumerateArray().Select(e => (Code: Str(e, "errorCode"), Message: Str(e, "message"))).ToList()
                : [];
            var (code, message) = errors.FirstOrDefault(e => e.Code != "PROCESSING_HALTED", errors.FirstOrDefault());
            var text = $"Salesforce answered {response.HttpStatusCode}: {(code is null ? message ?? "no message" : $"{code}: {message}")}";
            return response.HttpStatusCode is 429 or >= 500 || code is "UNABLE_TO_LOCK_ROW" or "REQUEST_LIMIT_EXCEEDED"
                ? new CrmPushOutcome.Retry(text, null)
                : new CrmPushOutcome.Refused(text);
        }

        return new CrmPushOutcome.Done();
    }

    /// <summary>
    /// The note's first line that has words (a note may start with a blank line), at most 80 characters, never cutting
    /// an emoji's surrogate pair in two; the product's name only for a note with no words at all.
    /// </summary>
    internal static string Title(string note)
    {
        var first = note.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0);
        if (first is null)
        {
            return "SalesCoachBot";
        }

        if (first.Length <= 80)
        {
            return first;
        }

        var cut = char.IsHighSurrogate(first[76]) ? 76 : 77;
        return first[..cut] + "...";
    }

    private async Task<OrgShape> ShapeAsync(CancellationToken cancellationToken)
    {
        if (_shape is { } shape)
        {
            return shape;
        }

        var describe = await Call(client.DescribeAsync("Opportunity", cancellationToken));
        var fields = (describe.Fields ?? []).Select(f => f.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return _shape = new OrgShape(fields.Contains("CurrencyIsoCode"), fields.Contains("LastStageChangeDate"));
    }

    private static string Fields(OrgShape shape)
    {
        var fields = new List<string> { "Id", "Name", "Amount", "StageName", "OwnerId", "CloseDate", "NextStep", "IsClosed", "IsWon", "IsDeleted", "CreatedDate", "SystemModstamp" };
        if (shape.Currency)
        {
            fields.Add("CurrencyIsoCode");
        }

        if (shape.LastStageChange)
        {
            fields.Add("LastStageChangeDate");
        }

        return string.Join(", ", fields);
    }

    private async Task<List<CrmDealRecord>> WithHistoryAsync(List<CrmDealRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return records;
        }

        var visits = new Dictionary<string, List<CrmStageVisit>>(records.Count, StringComparer.Ordinal);
        var soql = $"SELECT OpportunityId, StageName, CreatedDate FROM OpportunityHistory WHERE OpportunityId IN ({InList(records.Select(r => r.Id))}) ORDER BY OpportunityId, CreatedDate";
        List<CrmStageVisit>? current = null;
        string? currentId = null;
        await foreach (var row in Query(soql, false, SalesforceJson.Default.SfQueryPageSfHistoryRow, cancellationToken))
        {
            if (row?.OpportunityId is { } id && row.StageName is { } stage && row.CreatedDate is { } at)
            {
                // Rows come grouped by opportunity: one dictionary look-up per opportunity, not per row.
                if (!string.Equals(id, currentId, StringComparison.Ordinal))
                {
                    currentId = id;
                    if (!visits.TryGetValue(id, out current))
                    {
                        visits[id] = current = [];
                    }
                }

                current!.Add(new CrmStageVisit(stage, at));
            }
        }

        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            if (visits.TryGetValue(r.Id, out var list))
            {
                // The query orders by CreatedDate already; a stable sort only for an answer that did not.
                IReadOnlyList<CrmStageVisit> ordered = IsOrdered(list) ? list : [.. list.OrderBy(v => v.At)];
                records[i] = r with { StageHistory = ordered, StageChangedAt = r.StageChangedAt ?? LastEntered(list, r.Stage) };
            }
        }

        return records;
    }

    private static bool IsOrdered(List<CrmStageVisit> visits)
    {
        for (var i = 1; i < visits.Count; i++)
        {
            if (visits[i].At < visits[i - 1].At)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The latest time the opportunity entered <paramref name="stage"/>, when its history says.</summary>
    private static DateTimeOffset? LastEntered(List<CrmStageVisit> visits, string? stage)
    {
        DateTimeOffset? latest = null;
        foreach (var visit in visits)
        {
            if (visit.Stage == stage && (latest is null || visit.At > latest))
            {
                latest = visit.At;
            }
        }

        return latest;
    }

    internal static CrmDealRecord? ToRecord(SfOpportunity? o, bool currency = true)
    {
        if (o?.Id is not { Length: > 0 } id)
        {
            return null;   // malformed: nothing to upsert by
        }

        return new CrmDealRecord(
            id,
            o.Name,
            o.Amount,
            currency ? o.CurrencyIsoCode : null,
            DefaultPipeline,
            o.StageName,
            o.OwnerId,
            o.CloseDate,
            o.SystemModstamp ?? DateTimeOffset.UnixEpoch)
        {
            CreatedAt = o.CreatedDate,
            StageChangedAt = o.LastStageChangeDate,
            NextStep = o.NextStep,
            Deleted = o.IsDeleted == true,
        };
    }

    private static CrmDealRecord? ToRecord(SfOpportunity? o, OrgShape shape) => ToRecord(o, shape.Currency);

    private static string? Str(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool? Bool(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    /// <summary>Salesforce datetimes ("2026-12-03T08:15:27.000+0000") and dates ("2026-12-31").</summary>
    internal static DateTimeOffset? Date(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > 5 && value[^5] is '+' or '-' && value[^3] != ':')
        {
            value = value[..^2] + ":" + value[^2..];
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
    }

    internal static string Literal(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string InList(IEnumerable<string> ids) =>
        string.Join(", ", ids.Select(id => "'" + id.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'"));

    /// <summary>A query's records with Salesforce's refusals turned into the sync's exceptions.</summary>
    private IAsyncEnumerable<JsonElement> Query(string soql, bool all, CancellationToken cancellationToken) =>
        Query(soql, all, SalesforceJson.Default.SfQueryPageJsonElement, cancellationToken);

    private async IAsyncEnumerable<T> Query<T>(string soql, bool all, JsonTypeInfo<SfQueryPage<T>> type, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var records = client.QueryAsync(soql, all, type, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            try
            {
                more = await records.MoveNextAsync();
            }
            catch (SalesforceHttpException e)
            {
                throw Translate(e);
            }

            if (!more)
            {
                yield break;
            }

            yield return records.Current;
        }
    }

    private static async Task<T> Call<T>(Task<T> call)
    {
        try
        {
            return await call;
        }
        catch (SalesforceHttpException e)
        {
            throw Translate(e);
        }
    }

    private static Exception Translate(SalesforceHttpException e) =>
        e.Status == HttpStatusCode.Forbidden && !e.IsTransient
            ? new CrmAuthException($"{e.Message} (the integration user lacks a permission)")
            : new CrmUnavailableException(e.Message, e);
}
