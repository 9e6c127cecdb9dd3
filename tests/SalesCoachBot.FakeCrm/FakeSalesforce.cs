using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SalesCoachBot.FakeCrm;

/// <summary>
/// A stateful fake Salesforce org (the REST calls the bot makes, API v59.0 and later): the OAuth token endpoint (JWT
/// bearer with the signature checked against the connected app's certificate, client credentials), SOQL query and
/// queryAll with a small SOQL engine (SELECT, WHERE with AND of =, !=, &lt;, &gt;, &lt;=, &gt;=, IN; ORDER BY; LIMIT)
/// and nextRecordsUrl paging (Sforce-Query-Options batchSize), Opportunity describe, the UI API stage picklist per
/// record type, sObject GET/PATCH/POST, composite requests, restricted-picklist and validation-rule refusals
/// (400 with Salesforce's errorCode/message), opportunity history, ContentNote/ContentDocumentLink and Task. It counts
/// requests (total, concurrent, per path), answers Sforce-Limit-Info, and can be told to fail the next requests
/// (429 with Retry-After, 5xx, 401 INVALID_SESSION_ID) or to revoke sessions or the app.
/// </summary>
public sealed partial class FakeSalesforce : IAsyncDisposable
{
    public const string Token = "00DFAKE!fixed.session";
    public const string ClientId = "3MVG9FAKE.consumer.key";
    public const string ClientSecret = "fake-consumer-secret";
    public const string Username = "integration@example.com";

    private readonly ConcurrentDictionary<string, FakeOpportunity> _opportunities = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<HistoryRow>> _history = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<JsonObject>> _locators = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<int> _failures = new();
    private readonly object _gate = new();
    private WebApplication? _app;
    private long _clock = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() / 1000 * 1000;
    private long _nextId;
    private int _inFlight;
    private int _maxInFlight;
    private long _requests;

    public FakeSalesforce()
    {
        _sessions[Token] = 0;
    }

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public string ApiVersion { get; set; } = "59.0";

    /// <summary>The connected app's certificate: JWT bearer assertions must be signed with its key. Null: that flow is refused.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>Multi-currency org: Opportunity has CurrencyIsoCode (a single-currency org refuses the field).</summary>
    public bool MultiCurrency { get; set; } = true;

    /// <summary>Most records per query page, whatever batchSize asks (Salesforce may return fewer than asked).</summary>
    public int MaxPageSize { get; set; } = 2000;

    /// <summary>Org-wide daily API allocation, reported in Sforce-Limit-Info.</summary>
    public long DailyApiLimit { get; set; } = 100_000;

    /// <summary>The org's OpportunityStage picklist, in order (Salesforce's defaults).</summary>
    public List<(string ApiName, string Label, bool Closed, bool Won)> Stages { get; } =
    [
        ("Prospecting", "Prospecting", false, false), ("Qualification", "Qualification", false, false),
        ("Needs Analysis", "Needs Analysis", false, false), ("Value Proposition", "Value Proposition", false, false),
        ("Id. Decision Makers", "Id. Decision Makers", false, false), ("Perception Analysis", "Perception Analysis", false, false),
        ("Proposal/Price Quote", "Proposal/Price Quote", false, false), ("Negotiation/Review", "Negotiation/Review", false, false),
        ("Closed Won", "Closed Won", true, true), ("Closed Lost", "Closed Lost", true, false),
    ];

    /// <summary>Opportunity record types (a pipeline each) with the stages their sales process allows. Empty: the org has none.</summary>
    public Dictionary<string, (string Id, string Label, List<string> Stages)> RecordTypes { get; } = new(StringComparer.Ordinal);

    public List<(string Id, string Email, string Name)> Users { get; } = [];

    /// <summary>Stage API name → the message of a validation rule that refuses moving an opportunity there.</summary>
    public ConcurrentDictionary<string, string> ValidationRules { get; } = new(StringComparer.Ordinal);

    public ConcurrentBag<(string OpportunityId, string Title, string Text)> Notes { get; } = [];

    public ConcurrentBag<(string WhatId, string Subject, string? Description)> Tasks { get; } = [];

    public ConcurrentDictionary<string, int> CallsByPath { get; } = new(StringComparer.Ordinal);

    public long TotalRequests => Interlocked.Read(ref _requests);

    /// <summary>The most requests in flight at once (Salesforce allows 25 long-running ones per org).</summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    public int SignIns { get; private set; }

    public static async Task<FakeSalesforce> StartAsync(int port = 0, Action<FakeSalesforce>? configure = null)
    {
        var fake = new FakeSalesforce();
        configure?.Invoke(fake);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        fake.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        fake._app = app;
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>The next <paramref name="count"/> API requests answer <paramref name="status"/> (429 with Retry-After: 1; 401 INVALID_SESSION_ID).</summary>
    public void FailNext(int status, int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            _failures.Enqueue(status);
        }
    }

    /// <summary>Every session ends (as after a timeout or a password reset): API calls answer 401 until a new sign-in.</summary>
    public void ExpireSessions() => _sessions.Clear();

    /// <summary>The connected app is revoked too: sign-ins answer invalid_grant.</summary>
    public bool AppRevoked { get; set; }

    public string AddUser(string email, string name = "Rep Owner")
    {
        var id = NewId("005");
        Users.Add((id, email, name));
        return id;
    }

    public string AddRecordType(string developerName, string label, params string[] stages)
    {
        var id = NewId("012");
        RecordTypes[developerName] = (id, label, [.. stages]);
        return id;
    }

    public string AddOpportunity(string name, string stage, string? ownerId, decimal? amount = null, string? recordType = null, string currency = "EUR", DateTimeOffset? createdAt = null)
    {
        var id = NewId("006");
        var at = createdAt?.ToUnixTimeMilliseconds() ?? Tick();
        var opportunity = new FakeOpportunity(id)
        {
            Name = name,
            Amount = amount,
            StageName = stage,
            OwnerId = ownerId,
            Currency = currency,
            RecordType = recordType,
            CloseDate = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(at).UtcDateTime.AddDays(60)),
            CreatedMs = at,
            ModifiedMs = at,
            StageChangedMs = at,
        };
        _opportunities[id] = opportunity;
        AddHistory(id, stage, amount, at);
        return id;
    }

    /// <summary>Changes a field as a Salesforce user would (moves SystemModstamp; a stage change writes OpportunityHistory).</summary>
    public void Change(string id, string field, object? value)
    {
        var at = Tick();
        var o = _opportunities[id];
        lock (o)
        {
            Apply(o, field, value, at);
        }
    }

    /// <summary>Moved to the recycle bin: gone from query, IsDeleted in queryAll.</summary>
    public void Delete(string id)
    {
        var o = _opportunities[id];
        lock (o)
        {
            o.IsDeleted = true;
            o.ModifiedMs = Tick();
        }
    }

    /// <summary>Adds a stage history row at a given time (imports of old history).</summary>
    public void AddHistory(string opportunityId, string stage, decimal? amount, long atMs)
    {
        var rows = _history.GetOrAdd(opportunityId, _ => []);
        lock (rows)
        {
            rows.Add(new HistoryRow(NewId("008"), opportunityId, stage, amount, atMs));
        }
    }

    public int HistoryCount(string opportunityId) => _history.TryGetValue(opportunityId, out var rows) ? rows.Count : 0;

    public object? Get(string id, string field)
    {
        var o = _opportunities[id];
        lock (o)
        {
            return Row(o).TryGetPropertyValue(field, out var v) ? v?.ToString() : null;
        }
    }

    /// <summary>Adds opportunities quickly, for benchmarks: no per-call bookkeeping beyond the history rows given.</summary>
    public void Seed(int count, IReadOnlyList<string> ownerIds, int historyPerDeal, IReadOnlyList<string?>? recordTypes = null)
    {
        recordTypes ??= [null];
        var start = Interlocked.Add(ref _clock, 1000L * count * (historyPerDeal + 1)) - (1000L * count * (historyPerDeal + 1));
        for (var i = 0; i < count; i++)
        {
            var id = NewId("006");
            var recordType = recordTypes[i % recordTypes.Count];
            var stages = recordType is null ? [.. Stages.Select(s => s.ApiName)] : RecordTypes[recordType].Stages;
            var open = stages.Count - 2;   // the last two are Closed Won and Closed Lost
            var final = (i / recordTypes.Count) % stages.Count;
            var baseMs = start + (1000L * i * (historyPerDeal + 1));
            var rows = new List<HistoryRow>(historyPerDeal);
            for (var h = 0; h < historyPerDeal; h++)
            {
                // Walk up the open stages and end at the deal's final stage.
                var visited = h == historyPerDeal - 1 ? stages[final] : stages[Math.Min(h, Math.Max(0, Math.Min(final, open) - 1))];
                rows.Add(new HistoryRow(NewId("008"), id, visited, 1000 + i, baseMs + (1000L * h)));
            }

            var stage = historyPerDeal > 0 ? rows[^1].Stage : stages[final];
            _history[id] = rows;
            _opportunities[id] = new FakeOpportunity(id)
            {
                Name = $"Seeded deal {i}",
                Amount = 1000 + i,
                StageName = stage,
                OwnerId = ownerIds[i % ownerIds.Count],
                Currency = "EUR",
                RecordType = recordType,
                CloseDate = new DateOnly(2027, 1, 1),
                CreatedMs = baseMs,
                ModifiedMs = baseMs + (1000L * historyPerDeal),
                StageChangedMs = baseMs + (1000L * Math.Max(0, historyPerDeal - 1)),
            };
        }
    }

    private long Tick() => Interlocked.Add(ref _clock, 1000);

    private string NewId(string prefix) =>
        prefix + Interlocked.Increment(ref _nextId).ToString("D12", CultureInfo.InvariantCulture) + "AAA";

    private static string Iso(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    private string DataPath => $"/services/data/v{ApiVersion}";

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref _requests);
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
            {
            }

            try
            {
                var key = $"{context.Request.Method} {Regex.Replace(context.Request.Path.Value ?? string.Empty, "/(006|005|012|01g|0[0-9A-Za-z]{2})[0-9A-Za-z-]{12,}", "/{id}")}";
                CallsByPath.AddOrUpdate(key, 1, (_, n) => n + 1);
                if (context.Request.Path.StartsWithSegments("/services/oauth2") || context.Request.Path.StartsWithSegments("/_fake"))
                {
                    await next(context);
                    return;
                }

                context.Response.Headers["Sforce-Limit-Info"] = $"api-usage={TotalRequests}/{DailyApiLimit}";
                var auth = context.Request.Headers.Authorization.ToString();
                var token = auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : auth.StartsWith("OAuth ", StringComparison.Ordinal) ? auth[6..] : null;
                if (token is null || !_sessions.ContainsKey(token))
                {
                    await Errors(context, 401, "INVALID_SESSION_ID", "Session expired or invalid");
                    return;
                }

                if (_failures.TryDequeue(out var status))
                {
                    if (status == 429)
                    {
                        context.Response.Headers.RetryAfter = "1";
                    }

                    await Errors(context, status, status == 401 ? "INVALID_SESSION_ID" : status == 429 ? "REQUEST_LIMIT_EXCEEDED" : "SERVER_UNAVAILABLE", "scripted failure");
                    return;
                }

                try
                {
                    await next(context);
                }
                catch (Exception e) when (e is InvalidOperationException or NotSupportedException or FormatException or JsonException or KeyNotFoundException or ArgumentException)
                {
                    await Errors(context, 500, "UNKNOWN_EXCEPTION", "fake bug: " + e);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        });
        app.MapPost("/services/oauth2/token", SignIn);
        // Not Salesforce: the counters, for benchmarks run against a fake in another process.
        app.MapGet("/_fake/counters", () => Results.Text(new JsonObject
        {
            ["requests"] = TotalRequests,
            ["maxConcurrent"] = MaxConcurrentRequests,
            ["signIns"] = SignIns,
            ["dailyApiLimit"] = DailyApiLimit,
            ["byPath"] = new JsonObject([.. CallsByPath.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]),
        }.ToJsonString(), "application/json"));
        app.MapGet("/services/data/v{version}/query", (HttpRequest r) => Query(r, all: false));
        app.MapGet("/services/data/v{version}/queryAll", (HttpRequest r) => Query(r, all: true));
        app.MapGet("/services/data/v{version}/query/{locator}", NextPage);
        app.MapGet("/services/data/v{version}/queryAll/{locator}", NextPage);
        app.MapGet("/services/data/v{version}/sobjects/Opportunity/describe", Describe);
        app.MapGet("/services/data/v{version}/ui-api/object-info/Opportunity/picklist-values/{recordTypeId}/StageName", Picklist);
        app.MapGet("/services/data/v{version}/sobjects/{sobject}/{id}", GetRecord);
        app.MapPatch("/services/data/v{version}/sobjects/{sobject}/{id}", async (string sobject, string id, HttpRequest r) =>
            Answer(Execute("PATCH", $"{DataPath}/sobjects/{sobject}/{id}", await JsonNode.ParseAsync(r.Body) as JsonObject)));
        app.MapPost("/services/data/v{version}/sobjects/{sobject}", async (string sobject, HttpRequest r) =>
            Answer(Execute("POST", $"{DataPath}/sobjects/{sobject}", await JsonNode.ParseAsync(r.Body) as JsonObject)));
        app.MapPost("/services/data/v{version}/composite", Composite);
        MapStreaming(app);
    }

    private static IResult Answer((int Status, JsonNode? Body) result) =>
        result.Body is null ? Results.StatusCode(result.Status) : Results.Json(result.Body, statusCode: result.Status);

    // ---- OAuth ----------------------------------------------------------------------------------------------------

    private async Task<IResult> SignIn(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var grant = form["grant_type"].ToString();
        string? problem;
        if (AppRevoked)
        {
            problem = "invalid_grant|expired access/refresh token";
        }
        else if (grant == "urn:ietf:params:oauth:grant-type:jwt-bearer")
        {
            problem = await CheckAssertionAsync(form["assertion"].ToString());
        }
        else if (grant == "client_credentials")
        {
            problem = form["client_id"] == ClientId && form["client_secret"] == ClientSecret ? null : "invalid_client|invalid client credentials";
        }
        else
        {
            problem = "unsupported_grant_type|grant type not supported";
        }

        if (problem is not null)
        {
            var parts = problem.Split('|');
            return Results.Json(new { error = parts[0], error_description = parts[1] }, statusCode: 400);
        }

        var token = $"00DFAKE!{Guid.NewGuid():N}";
        _sessions[token] = 0;
        lock (_gate)
        {
            SignIns++;
        }

        return Results.Json(new
        {
            access_token = token,
            scope = "api",
            instance_url = BaseUrl.ToString().TrimEnd('/'),
            id = $"{BaseUrl}id/00DFAKE/005FAKE",
            token_type = "Bearer",
            issued_at = DateTimeOffset.FromUnixTimeMilliseconds(_clock).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        });
    }

    private async Task<string?> CheckAssertionAsync(string assertion)
    {
        if (Certificate is null)
        {
            return "invalid_client|no certificate uploaded for this connected app";
        }

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidIssuer = ClientId,
            ValidAudience = BaseUrl.GetLeftPart(UriPartial.Authority),
            IssuerSigningKey = new X509SecurityKey(Certificate),
            RequireExpirationTime = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
        if (!result.IsValid)
        {
            return $"invalid_grant|{result.Exception?.GetType().Name ?? "invalid assertion"}";
        }

        return result.Claims.TryGetValue("sub", out var sub) && sub as string == Username ? null : "invalid_grant|user hasn't approved this consumer";
    }

    // ---- SOQL -----------------------------------------------------------------------------------------------------

    private IResult Query(HttpRequest request, bool all)
    {
        var soql = request.Query["q"].ToString();
        var m = Regex.Match(soql, @"^\s*SELECT\s+(?<fields>.+?)\s+FROM\s+(?<object>\w+)(?:\s+WHERE\s+(?<where>.+?))?(?:\s+ORDER\s+BY\s+(?<order>.+?))?(?:\s+LIMIT\s+(?<limit>\d+))?\s*$",
            RegexOptions.IgnoreCase | RegexOptions.Singleline);
        if (!m.Success)
        {
            return ErrorResult(400, "MALFORMED_QUERY", $"unexpected token in: {soql}");
        }

        var fields = m.Groups["fields"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        var sobject = m.Groups["object"].Value;
        List<Condition> conditions;
        try
        {
            conditions = m.Groups["where"].Success ? ParseWhere(m.Groups["where"].Value) : [];
        }
        catch (FormatException e)
        {
            return ErrorResult(400, "MALFORMED_QUERY", e.Message);
        }

        var rows = Rows(sobject, conditions, all);
        if (rows is null)
        {
            return ErrorResult(400, "INVALID_TYPE", $"sObject type '{sobject}' is not supported.");
        }

        var known = rows.Known;
        foreach (var field in fields.Concat(conditions.Select(c => c.Field)))
        {
            if (!known.Contains(field.Split('.')[0]) && !known.Contains(field))
            {
                return ErrorResult(400, "INVALID_FIELD", $"No such column '{field}' on entity '{sobject}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.");
            }
        }

        var matched = rows.Items.Where(r => conditions.All(c => c.Matches(r))).ToList();
        if (m.Groups["order"].Success)
        {
            matched = Order(matched, m.Groups["order"].Value);
        }

        if (m.Groups["limit"].Success)
        {
            matched = [.. matched.Take(int.Parse(m.Groups["limit"].Value, CultureInfo.InvariantCulture))];
        }

        var projected = matched.Select(r => Project(r, fields, sobject)).ToList();
        var batch = request.Headers["Sforce-Query-Options"].ToString() is { Length: > 0 } options
            && Regex.Match(options, @"batchSize=(\d+)") is { Success: true } b ? Math.Clamp(int.Parse(b.Groups[1].Value, CultureInfo.InvariantCulture), 200, 2000) : 2000;
        batch = Math.Min(batch, MaxPageSize);
        var key = $"01gFAKE{(all ? "ALL" : "Q")}{Interlocked.Increment(ref _nextId)}-{batch}";
        if (projected.Count > batch)
        {
            _locators[key] = projected;
        }

        return Page(projected, 0, batch, all, key);
    }

    private IResult NextPage(string locator)
    {
        var dash = locator.LastIndexOf('-');
        if (dash < 0 || !_locators.TryGetValue(locator[..dash], out var records)
            || !int.TryParse(locator[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            || !int.TryParse(locator.Split('-')[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var batch))
        {
            return ErrorResult(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
        }

        return Page(records, offset, batch, locator.Contains("ALL", StringComparison.Ordinal), locator[..dash]);
    }

    private IResult Page(List<JsonObject> records, int offset, int batch, bool all, string key)
    {
        var page = records.Skip(offset).Take(batch).ToList();
        var result = new JsonObject { ["totalSize"] = records.Count, ["done"] = offset + batch >= records.Count };
        if (offset + batch < records.Count)
        {
            result["nextRecordsUrl"] = $"{DataPath}/{(all ? "queryAll" : "query")}/{key}-{offset + batch}";
        }

        // Records are shared with later pages' JSON: each page serialises its own deep copies.
        result["records"] = new JsonArray([.. page.Select(r => r.DeepClone())]);
        return Results.Text(result.ToJsonString(), "application/json");
    }

    private sealed record RowSet(HashSet<string> Known, IEnumerable<JsonObject> Items);

    private RowSet? Rows(string sobject, List<Condition> conditions, bool all)
    {
        switch (sobject)
        {
            case "Opportunity":
                var known = new HashSet<string>(["Id", "Name", "Amount", "StageName", "OwnerId", "CloseDate", "NextStep", "IsClosed", "IsWon", "IsDeleted", "CreatedDate", "SystemModstamp", "LastModifiedDate", "LastStageChangeDate", "Probability"], StringComparer.Ordinal);
                if (MultiCurrency)
                {
                    known.Add("CurrencyIsoCode");
                }

                if (RecordTypes.Count > 0)
                {
                    known.UnionWith(["RecordTypeId", "RecordType"]);
                }

                return new RowSet(known, _opportunities.Values.Where(o => all || !o.IsDeleted).OrderBy(o => o.Id, StringComparer.Ordinal).Select(o =>
                {
                    lock (o)
                    {
                        return Row(o);
                    }
                }));
            case "OpportunityHistory":
                // Served from the per-opportunity index when the query names its opportunities (as the bot's does).
                var ids = conditions.FirstOrDefault(c => c.Field == "OpportunityId" && c.Op == "IN")?.Values ?? [.. _history.Keys];
                return new RowSet(new(["Id", "OpportunityId", "StageName", "Amount", "CreatedDate", "IsDeleted"], StringComparer.Ordinal), ids.SelectMany(id =>
                {
                    if (!_history.TryGetValue(id, out var rows))
                    {
                        return [];
                    }

                    lock (rows)
                    {
                        return rows.Select(h => new JsonObject
                        {
                            ["Id"] = h.Id,
                            ["OpportunityId"] = h.OpportunityId,
                            ["StageName"] = h.Stage,
                            ["Amount"] = h.Amount,
                            ["CreatedDate"] = Iso(h.AtMs),
                            ["IsDeleted"] = false,
                        }).ToList();
                    }
                }));
            case "OpportunityStage":
                return new RowSet(new(["Id", "ApiName", "MasterLabel", "IsActive", "IsClosed", "IsWon", "SortOrder", "DefaultProbability"], StringComparer.Ordinal), Stages.Select((s, i) => new JsonObject
                {
                    ["Id"] = "01J" + (i + 1).ToString("D12", CultureInfo.InvariantCulture) + "AAA",
                    ["ApiName"] = s.ApiName,
                    ["MasterLabel"] = s.Label,
                    ["IsActive"] = true,
                    ["IsClosed"] = s.Closed,
                    ["IsWon"] = s.Won,
                    ["SortOrder"] = i + 1,
                    ["DefaultProbability"] = s.Won ? 100 : s.Closed ? 0 : 10 * (i + 1),
                }).ToList());
            case "RecordType":
                return new RowSet(new(["Id", "DeveloperName", "Name", "SobjectType", "IsActive"], StringComparer.Ordinal), RecordTypes.Select(rt => new JsonObject
                {
                    ["Id"] = rt.Value.Id,
                    ["DeveloperName"] = rt.Key,
                    ["Name"] = rt.Value.Label,
                    ["SobjectType"] = "Opportunity",
                    ["IsActive"] = true,
                }).ToList());
            case "User":
                return new RowSet(new(["Id", "Email", "Name", "IsActive", "Username"], StringComparer.Ordinal), Users.Select(u => new JsonObject
                {
                    ["Id"] = u.Id,
                    ["Email"] = u.Email,
                    ["Name"] = u.Name,
                    ["IsActive"] = true,
                    ["Username"] = u.Email,
                }).ToList());
            default:
                return null;
        }
    }

    private JsonObject Row(FakeOpportunity o)
    {
        var row = new JsonObject
        {
            ["Id"] = o.Id,
            ["Name"] = o.Name,
            ["Amount"] = o.Amount,
            ["StageName"] = o.StageName,
            ["OwnerId"] = o.OwnerId,
            ["CloseDate"] = o.CloseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["NextStep"] = o.NextStep,
            ["IsClosed"] = Stages.Any(s => s.ApiName == o.StageName && s.Closed),
            ["IsWon"] = Stages.Any(s => s.ApiName == o.StageName && s.Won),
            ["IsDeleted"] = o.IsDeleted,
            ["CreatedDate"] = Iso(o.CreatedMs),
            ["SystemModstamp"] = Iso(o.ModifiedMs),
            ["LastModifiedDate"] = Iso(o.ModifiedMs),
            ["LastStageChangeDate"] = Iso(o.StageChangedMs),
            ["Probability"] = 10,
        };
        if (MultiCurrency)
        {
            row["CurrencyIsoCode"] = o.Currency;
        }

        if (RecordTypes.Count > 0)
        {
            var rt = o.RecordType is { } name && RecordTypes.TryGetValue(name, out var r) ? r : default;
            row["RecordTypeId"] = o.RecordType is null ? null : rt.Id;
            row["RecordType"] = o.RecordType is null ? null : new JsonObject
            {
                ["attributes"] = new JsonObject { ["type"] = "RecordType", ["url"] = $"{DataPath}/sobjects/RecordType/{rt.Id}" },
                ["Id"] = rt.Id,
                ["DeveloperName"] = o.RecordType,
            };
        }

        return row;
    }

    private JsonObject Project(JsonObject row, List<string> fields, string sobject)
    {
        var id = row["Id"]?.GetValue<string>();
        var result = new JsonObject { ["attributes"] = new JsonObject { ["type"] = sobject, ["url"] = $"{DataPath}/sobjects/{sobject}/{id}" } };
        foreach (var field in fields)
        {
            var name = field.Split('.')[0];
            if (field.Contains('.', StringComparison.Ordinal))
            {
                // A relationship field: the related record with the named fields (null when there is none).
                var related = row[name] as JsonObject;
                if (related is null)
                {
                    result[name] = null;
                    continue;
                }

                var target = result[name] as JsonObject ?? new JsonObject { ["attributes"] = related["attributes"]?.DeepClone() };
                target[field[(name.Length + 1)..]] = related[field[(name.Length + 1)..]]?.DeepClone();
                result[name] = target;
            }
            else
            {
                result[name] = row[name]?.DeepClone();
            }
        }

        return result;
    }

    private static List<JsonObject> Order(List<JsonObject> rows, string order)
    {
        IOrderedEnumerable<JsonObject>? sorted = null;
        foreach (var part in order.Split(',', StringSplitOptions.TrimEntries))
        {
            var bits = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var field = bits[0];
            var descending = bits.Length > 1 && bits[1].Equals("DESC", StringComparison.OrdinalIgnoreCase);
            Func<JsonObject, IComparable?> key = r => Comparable(r[field]);
            sorted = sorted is null
                ? descending ? rows.OrderByDescending(key) : rows.OrderBy(key)
                : descending ? sorted.ThenByDescending(key) : sorted.ThenBy(key);
        }

        return sorted?.ToList() ?? rows;
    }

    private static IComparable? Comparable(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => SoqlDate(s) is { } d ? d : s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<decimal>(out var n) => n,
        JsonValue v when v.TryGetValue<int>(out var i) => (decimal)i,
        _ => node.ToJsonString(),
    };

    private static DateTimeOffset? SoqlDate(string value) =>
        value.Length >= 20 && value[4] == '-' && value[10] == 'T'
        && DateTimeOffset.TryParse(value.EndsWith("+0000", StringComparison.Ordinal) ? value[..^5] + "Z" : value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            ? d : null;

    private sealed record Condition(string Field, string Op, List<string> Values, JsonNode? Value)
    {
        public bool Matches(JsonObject row)
        {
            var actual = row[Field];
            if (Op == "IN")
            {
                return actual is JsonValue v && v.TryGetValue<string>(out var s) && Values.Contains(s);
            }

            var left = Comparable(actual);
            var right = Comparable(Value);
            var compared = left is null || right is null ? (left is null && right is null ? 0 : left is null ? -1 : 1)
                : left.GetType() == right.GetType() ? left.CompareTo(right) : string.CompareOrdinal(left.ToString(), right.ToString());
            return Op switch
            {
                "=" => compared == 0,
                "!=" => compared != 0,
                ">=" => compared >= 0,
                "<=" => compared <= 0,
                ">" => compared > 0,
                "<" => compared < 0,
                _ => false,
            };
        }
    }

    private static List<Condition> ParseWhere(string where)
    {
        var conditions = new List<Condition>();
        foreach (var part in Regex.Split(where, @"\s+AND\s+", RegexOptions.IgnoreCase))
        {
            var m = Regex.Match(part.Trim(), @"^(?<field>[\w.]+)\s*(?<op>>=|<=|!=|=|>|<|\bIN\b)\s*(?<value>.+)$", RegexOptions.IgnoreCase | RegexOptions.Singleline);
            if (!m.Success)
            {
                throw new FormatException($"unexpected token: '{part}'");
            }

            var op = m.Groups["op"].Value.ToUpperInvariant();
            var raw = m.Groups["value"].Value.Trim();
            if (op == "IN")
            {
                if (!raw.StartsWith('(') || !raw.EndsWith(')'))
                {
                    throw new FormatException($"IN needs a list in parentheses: '{part}'");
                }

                var values = Regex.Matches(raw, @"'((?:[^'\\]|\\.)*)'").Select(v => Regex.Unescape(v.Groups[1].Value)).ToList();
                conditions.Add(new Condition(m.Groups["field"].Value, op, values, null));
                continue;
            }

            JsonNode? value = raw switch
            {
                "null" => null,
                "true" => JsonValue.Create(true),
                "false" => JsonValue.Create(false),
                _ when raw.StartsWith('\'') && raw.EndsWith('\'') => JsonValue.Create(Regex.Unescape(raw[1..^1])),
                _ when Regex.IsMatch(raw, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$") => JsonValue.Create(raw),
                _ when decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
                _ => throw new FormatException($"unexpected value: '{raw}'"),
            };
            conditions.Add(new Condition(m.Groups["field"].Value, op, [], value));
        }

        return conditions;
    }

    // ---- describe, picklists, records ----------------------------------------------------------------------------

    private IResult Describe()
    {
        var fields = new List<string> { "Id", "Name", "Amount", "StageName", "OwnerId", "CloseDate", "NextStep", "IsClosed", "IsWon", "IsDeleted", "CreatedDate", "SystemModstamp", "LastModifiedDate", "LastStageChangeDate", "Probability" };
        if (MultiCurrency)
        {
            fields.Add("CurrencyIsoCode");
        }

        if (RecordTypes.Count > 0)
        {
            fields.Add("RecordTypeId");
        }

        return Results.Json(new { name = "Opportunity", label = "Opportunity", fields = fields.Select(f => new { name = f, label = f }) });
    }

    private IResult Picklist(string recordTypeId)
    {
        var rt = RecordTypes.Values.FirstOrDefault(r => r.Id == recordTypeId);
        if (rt.Id is null)
        {
            return ErrorResult(404, "NOT_FOUND", $"record type {recordTypeId} not found");
        }

        return Results.Json(new
        {
            controllerValues = new { },
            defaultValue = (object?)null,
            eTag = "fake",
            url = $"{DataPath}/ui-api/object-info/Opportunity/picklist-values/{recordTypeId}/StageName",
            values = rt.Stages.Select(s => new { attributes = (object?)null, label = Stages.FirstOrDefault(x => x.ApiName == s).Label ?? s, validFor = Array.Empty<int>(), value = s }),
        });
    }

    private IResult GetRecord(string sobject, string id)
    {
        switch (sobject)
        {
            case "Opportunity" when _opportunities.TryGetValue(id, out var o) && !o.IsDeleted:
                lock (o)
                {
                    var row = Row(o);
                    row["attributes"] = new JsonObject { ["type"] = "Opportunity", ["url"] = $"{DataPath}/sobjects/Opportunity/{id}" };
                    row.Remove("RecordType");
                    row.Remove("LastStageChangeDate");
                    // Salesforce's published sObject spec declares no field nullable: empty fields are left out here
                    // (a real org sends null), so the validating proxy holds the fake to the spec.
                    foreach (var empty in row.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList())
                    {
                        row.Remove(empty);
                    }

                    return Results.Text(row.ToJsonString(), "application/json");
                }

            case "OpportunityStage" when Rows("OpportunityStage", [], false)!.Items.FirstOrDefault(r => r["Id"]?.GetValue<string>() == id) is { } stage:
                stage["attributes"] = new JsonObject { ["type"] = "OpportunityStage", ["url"] = $"{DataPath}/sobjects/OpportunityStage/{id}" };
                return Results.Text(stage.ToJsonString(), "application/json");
            case "User" when Users.FirstOrDefault(u => u.Id == id) is { Id: not null } user:
                return Results.Text(new JsonObject
                {
                    ["attributes"] = new JsonObject { ["type"] = "User", ["url"] = $"{DataPath}/sobjects/User/{id}" },
                    ["Id"] = user.Id,
                    ["Email"] = user.Email,
                    ["Name"] = user.Name,
                    ["IsActive"] = true,
                }.ToJsonString(), "application/json");
            default:
                return ErrorResult(404, "NOT_FOUND", "The requested resource does not exist");
        }
    }

    private async Task<IResult> Composite(HttpRequest request)
    {
        var body = await JsonNode.ParseAsync(request.Body) as JsonObject;
        var subrequests = body?["compositeRequest"]?.AsArray() ?? [];
        if (subrequests.Count > 25)
        {
            return ErrorResult(400, "INVALID_BATCH_REQUEST", "composite requests allow at most 25 subrequests");
        }

        var allOrNone = body?["allOrNone"]?.GetValue<bool>() == true;
        var results = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var responses = new JsonArray();
        var halted = false;
        foreach (var sub in subrequests)
        {
            var reference = sub!["referenceId"]!.GetValue<string>();
            var method = sub["method"]!.GetValue<string>();
            var url = sub["url"]!.GetValue<string>();
            var subBody = sub["body"]?.DeepClone() as JsonObject;
            (int Status, JsonNode? Body) result;
            string? missing = null;
            if (subBody is not null)
            {
                foreach (var (key, value) in subBody.ToList())
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var s) && Regex.Match(s, @"^@\{(\w+)\.(\w+)\}$") is { Success: true } r)
                    {
                        if (results.GetValueOrDefault(r.Groups[1].Value) is JsonObject earlier && earlier[r.Groups[2].Value] is { } resolved)
                        {
                            subBody[key] = resolved.DeepClone();
                        }
                        else
                        {
                            missing = r.Groups[1].Value;
                        }
                    }
                }
            }

            if (halted || missing is not null)
            {
                result = (400, Errors("PROCESSING_HALTED", missing is null
                    ? "The transaction was rolled back since another operation in the same transaction failed."
                    : $"Invalid reference specified. No value for {missing}.id found in {missing}."));
            }
            else
            {
                result = Execute(method, url, subBody);
                halted = allOrNone && result.Status >= 400;
            }

            results[reference] = result.Body;
            responses.Add(new JsonObject { ["body"] = result.Body, ["httpHeaders"] = new JsonObject(), ["httpStatusCode"] = result.Status, ["referenceId"] = reference });
        }

        return Results.Text(new JsonObject { ["compositeResponse"] = responses }.ToJsonString(), "application/json");
    }

    /// <summary>One write, as the REST endpoint or a composite subrequest: (status, body); a 204 has no body.</summary>
    private (int Status, JsonNode? Body) Execute(string method, string url, JsonObject? body)
    {
        var m = Regex.Match(url, @"^/services/data/v[\d.]+/sobjects/(?<sobject>\w+)(?:/(?<id>[\w]+))?$");
        if (!m.Success || body is null)
        {
            return (404, Errors("NOT_FOUND", "The requested resource does not exist"));
        }

        var sobject = m.Groups["sobject"].Value;
        var id = m.Groups["id"].Success ? m.Groups["id"].Value : null;
        switch (method, sobject)
        {
            case ("PATCH", "Opportunity"):
                if (id is null || !_opportunities.TryGetValue(id, out var o) || o.IsDeleted)
                {
                    return (404, Errors("NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + id));
                }

                lock (o)
                {
                    foreach (var (field, value) in body)
                    {
                        if (field is not ("StageName" or "NextStep" or "Name" or "Amount" or "CloseDate" or "OwnerId"))
                        {
                            return (400, Errors("INVALID_FIELD_FOR_INSERT_UPDATE", $"Unable to create/update fields: {field}. Please check the security settings of this field.", field));
                        }

                        if (field == "Amount" && value is JsonValue a && !a.TryGetValue<decimal>(out _))
                        {
                            return (400, Errors("JSON_PARSER_ERROR", $"Cannot deserialize instance of currency from VALUE_STRING value {value.ToJsonString()}", field));
                        }

                        if (field == "NextStep" && value?.GetValue<string>() is { Length: > 255 })
                        {
                            return (400, Errors("STRING_TOO_LONG", "Next Step: data value too large (max length=255)", field));
                        }
                    }

                    if (body["StageName"]?.GetValue<string>() is { } stage)
                    {
                        var allowed = o.RecordType is { } rt && RecordTypes.TryGetValue(rt, out var r) ? r.Stages : Stages.Select(s => s.ApiName).ToList();
                        if (!allowed.Contains(stage))
                        {
                            return (400, Errors("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", $"Stage: bad value for restricted picklist field: {stage}", "StageName"));
                        }

                        if (ValidationRules.TryGetValue(stage, out var rule))
                        {
                            return (400, Errors("FIELD_CUSTOM_VALIDATION_EXCEPTION", rule));
                        }
                    }

                    var at = Tick();
                    foreach (var (field, value) in body)
                    {
                        Apply(o, field, value is null ? null : value.GetValueKind() == JsonValueKind.Number ? (object)value.GetValue<decimal>() : value.GetValue<string>(), at);
                    }

                    return (204, null);
                }

            case ("POST", "Task"):
                var what = body["WhatId"]?.GetValue<string>();
                if (what is null || !_opportunities.TryGetValue(what, out var related))
                {
                    return (400, Errors("FIELD_INTEGRITY_EXCEPTION", "Related To ID: id value of incorrect type: " + what, "WhatId"));
                }

                if (related.IsDeleted)
                {
                    return (400, Errors("ENTITY_IS_DELETED", "entity is deleted", "WhatId"));
                }

                Tasks.Add((what, body["Subject"]?.GetValue<string>() ?? string.Empty, body["Description"]?.GetValue<string>()));
                return (201, Created(NewId("00T")));
            case ("POST", "ContentNote"):
                var noteId = NewId("069");
                var content = body["Content"]?.GetValue<string>() ?? string.Empty;
                _notes[noteId] = (body["Title"]?.GetValue<string>() ?? string.Empty, Encoding.UTF8.GetString(Convert.FromBase64String(content)));
                return (201, Created(noteId));
            case ("POST", "ContentDocumentLink"):
                var document = body["ContentDocumentId"]?.GetValue<string>();
                var linked = body["LinkedEntityId"]?.GetValue<string>();
                if (document is null || !_notes.TryGetValue(document, out var note) || linked is null || !_opportunities.ContainsKey(linked))
                {
                    return (400, Errors("FIELD_INTEGRITY_EXCEPTION", "field integrity exception: unknown (invalid ContentDocumentId or LinkedEntityId)"));
                }

                Notes.Add((linked, note.Title, Regex.Replace(note.Html.Replace("</p><p>", "\n", StringComparison.Ordinal), "<[^>]+>", string.Empty).Replace("&amp;", "&", StringComparison.Ordinal).Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&quot;", "\"", StringComparison.Ordinal).Replace("&#39;", "'", StringComparison.Ordinal)));
                return (201, Created(NewId("06A")));
            default:
                return (404, Errors("NOT_FOUND", "The requested resource does not exist"));
        }
    }

    private readonly ConcurrentDictionary<string, (string Title, string Html)> _notes = new(StringComparer.Ordinal);

    private static JsonObject Created(string id) => new() { ["id"] = id, ["success"] = true, ["errors"] = new JsonArray() };

    private void Apply(FakeOpportunity o, string field, object? value, long at)
    {
        switch (field)
        {
            case "Name":
                o.Name = value as string;
                break;
            case "Amount":
                o.Amount = value is null ? null : Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                break;
            case "StageName":
                if (value as string != o.StageName)
                {
                    o.StageName = value as string;
                    o.StageChangedMs = at;
                    AddHistory(o.Id, o.StageName!, o.Amount, at);
                }

                break;
            case "OwnerId":
                o.OwnerId = value as string;
                break;
            case "NextStep":
                o.NextStep = value as string;
                break;
            case "CloseDate":
                o.CloseDate = value is string d ? DateOnly.Parse(d, CultureInfo.InvariantCulture) : null;
                break;
            case "CurrencyIsoCode":
                o.Currency = value as string;
                break;
            case "RecordType":
                o.RecordType = value as string;
                break;
            default:
                throw new ArgumentException($"the fake cannot change {field}");
        }

        o.ModifiedMs = at;
    }

    private static JsonArray Errors(string code, string message, params string[] fields) =>
        [new JsonObject { ["message"] = message, ["errorCode"] = code, ["fields"] = new JsonArray([.. fields.Select(f => JsonValue.Create(f))]) }];

    private static IResult ErrorResult(int status, string code, string message) =>
        Results.Text(Errors(code, message).ToJsonString(), "application/json", statusCode: status);

    private static Task Errors(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(Errors(code, message).ToJsonString());
    }

    private sealed record HistoryRow(string Id, string OpportunityId, string Stage, decimal? Amount, long AtMs);

    private sealed class FakeOpportunity(string id)
    {
        public string Id { get; } = id;
        public string? Name { get; set; }
        public decimal? Amount { get; set; }
        public string? StageName { get; set; }
        public string? OwnerId { get; set; }
        public string? Currency { get; set; }
        public string? RecordType { get; set; }
        public string? NextStep { get; set; }
        public DateOnly? CloseDate { get; set; }
        public bool IsDeleted { get; set; }
        public long CreatedMs { get; set; }
        public long ModifiedMs { get; set; }
        public long StageChangedMs { get; set; }
    }
}
