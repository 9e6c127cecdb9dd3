using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SalesCoachBot.FakeCrm;

/// <summary>
/// A stateful fake of HubSpot's CRM v3 (the calls the bot makes): deals with property history, search by
/// hs_lastmodifieddate with paging and the 10,000-result window, batch read, pipelines, owners, deal PATCH (a stage
/// must belong to the deal's pipeline, as HubSpot's validation says), notes with a deal association. It counts requests
/// per 10-second window and can be told to fail the next requests (429 with Retry-After, 500, 401). Real HTTP on
/// 127.0.0.1, so the bot's own HttpClient stack and Prism's proxy can both talk to it.
/// </summary>
public sealed class FakeHubSpot : IAsyncDisposable
{
    public const string Token = "pat-na1-fake";

    /// <summary>The OAuth app (a public app's client id and secret) and the refresh token an install gave.</summary>
    public const string OAuthClientId = "fake-client-id";
    public const string OAuthClientSecret = "fake-client-secret";
    public const string RefreshToken = "fake-refresh-token";

    private readonly ConcurrentDictionary<string, DateTimeOffset> _accessTokens = new(StringComparer.Ordinal);
    private long _issued;

    private readonly ConcurrentDictionary<string, FakeDeal> _deals = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<int> _failures = new();
    private readonly List<DateTimeOffset> _requests = [];
    private readonly object _gate = new();
    private WebApplication? _app;
    // Follows the real clock (Tick): the bot compares the CRM's change times with its own.
    private long _clock = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
    private long _nextId = 9_000_000_000;   // HubSpot-sized ids, clear of the demo deals' external ids

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public List<(string Id, string Label, List<(string Id, string Label)> Stages)> Pipelines { get; } =
    [
        ("default", "Sales pipeline", [("appointmentscheduled", "Appointment scheduled"), ("qualifiedtobuy", "Qualified to buy"), ("presentationscheduled", "Presentation scheduled"), ("decisionmakerboughtin", "Decision maker bought-in"), ("contractsent", "Contract sent"), ("closedwon", "Closed won"), ("closedlost", "Closed lost")]),
    ];

    public List<(string Id, string Email, string First, string Last)> Owners { get; } = [];

    public ConcurrentBag<(string DealId, string Body)> Notes { get; } = [];

    public ConcurrentBag<string> Calls { get; } = [];

    /// <summary>How long an access token from <c>/oauth/v1/token</c> lives (HubSpot: 1,800 s).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromSeconds(1800);

    /// <summary>True once the app was uninstalled (the refresh token revoked): every refresh answers BAD_REFRESH_TOKEN.</summary>
    public bool RefreshTokenRevoked { get; set; }

    /// <summary>Access tokens issued by the token endpoint, and API calls refused because their token had expired.</summary>
    public int TokensIssued => (int)Interlocked.Read(ref _issued);

    public int ExpiredTokenCalls { get; private set; }

    /// <summary>The most requests seen in any 10-second window (HubSpot's limit for private apps is 100).</summary>
    public int MaxRequestsPer10Seconds
    {
        get
        {
            lock (_gate)
            {
                var max = 0;
                for (var i = 0; i < _requests.Count; i++)
                {
                    var end = _requests[i] + TimeSpan.FromSeconds(10);
                    max = Math.Max(max, _requests.Skip(i).TakeWhile(r => r < end).Count());
                }

                return max;
            }
        }
    }

    public static async Task<FakeHubSpot> StartAsync(int port = 0)
    {
        var fake = new FakeHubSpot();
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

    /// <summary>The next <paramref name="count"/> requests answer <paramref name="status"/> (429 with Retry-After: 1).</summary>
    public void FailNext(int status, int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            _failures.Enqueue(status);
        }
    }

    public string AddOwner(string email, string first = "Rep", string last = "Owner")
    {
        var id = (Owners.Count + 1).ToString(CultureInfo.InvariantCulture);
        Owners.Add((id, email, first, last));
        return id;
    }

    public string AddDeal(string name, string stage, string? ownerId, decimal? amount = null, string pipeline = "default", string currency = "EUR")
    {
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var deal = new FakeDeal(id);
        var at = Tick();
        deal.Set("createdate", Iso(at), at);
        deal.Set("dealname", name, at);
        deal.Set("pipeline", pipeline, at);
        deal.Set("dealstage", stage, at);
        deal.Set("deal_currency_code", currency, at);
        if (amount is { } a)
        {
            deal.Set("amount", a.ToString(CultureInfo.InvariantCulture), at);
        }

        if (ownerId is not null)
        {
            deal.Set("hubspot_owner_id", ownerId, at);
        }

        _deals[id] = deal;
        return id;
    }

    /// <summary>Changes a property as a HubSpot user would (moves hs_lastmodifieddate, keeps history).</summary>
    public void Change(string id, string property, string? value) => _deals[id].Set(property, value, Tick());

    public void Delete(string id) => _deals[id].Archived = true;

    public string? Get(string id, string property) => _deals[id].Properties.GetValueOrDefault(property);

    /// <summary>
    /// Now, as HubSpot would date a change made now, and at least a millisecond after the last one, so changes keep their
    /// order. Never ahead of the real clock by more than that: the bot orders a CRM stage change against its own by time.
    /// </summary>
    private long Tick()
    {
        lock (_gate)
        {
            _clock = Math.Max(_clock + 1, TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
            return _clock;
        }
    }

    private static string Iso(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// HubSpot's OAuth token endpoint (POST /oauth/v1/token, form-encoded) for the refresh grant: a new access token
    /// with <c>expires_in</c> seconds and the refresh token back; a bad or revoked refresh token is 400 BAD_REFRESH_TOKEN,
    /// a wrong client 400 BAD_CLIENT_ID / BAD_CLIENT_SECRET, as HubSpot's OAuth docs show.
    /// </summary>
    private async Task<IResult> Token_(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        static IResult Bad(string status, string message) =>
            Results.Json(new { status, message, correlationId = Guid.NewGuid().ToString() }, statusCode: 400);
        if (form["grant_type"] != "refresh_token")
        {
            return Bad("BAD_GRANT_TYPE", "grant_type must be refresh_token here");
        }

        if (form["client_id"] != OAuthClientId)
        {
            return Bad("BAD_CLIENT_ID", "missing or unknown client id");
        }

        if (form["client_secret"] != OAuthClientSecret)
        {
            return Bad("BAD_CLIENT_SECRET", "missing or invalid client secret");
        }

        if (form["refresh_token"] != RefreshToken || RefreshTokenRevoked)
        {
            return Bad("BAD_REFRESH_TOKEN", "missing or unknown refresh token");
        }

        var token = $"oauth-{Interlocked.Increment(ref _issued)}-{Guid.NewGuid():N}";
        _accessTokens[token] = TimeProvider.System.GetUtcNow() + AccessTokenLifetime;
        return Results.Json(new { token_type = "bearer", refresh_token = RefreshToken, access_token = token, expires_in = (int)AccessTokenLifetime.TotalSeconds });
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            lock (_gate)
            {
                _requests.Add(TimeProvider.System.GetUtcNow());
            }

            Calls.Add($"{context.Request.Method} {context.Request.Path}");
            if (context.Request.Path == "/oauth/v1/token")
            {
                await next(context);
                return;
            }

            var bearer = context.Request.Headers.Authorization.ToString();
            if (bearer.StartsWith("Bearer oauth-", StringComparison.Ordinal) && _accessTokens.TryGetValue(bearer["Bearer ".Length..], out var expires))
            {
                if (expires <= TimeProvider.System.GetUtcNow())
                {
                    ExpiredTokenCalls++;
                    await Error(context, 401, "The OAuth token used to make this call expired.", "EXPIRED_AUTHENTICATION");
                    return;
                }
            }
            else if (bearer != $"Bearer {Token}")
            {
                await Error(context, 401, "Authentication credentials not found.", "INVALID_AUTHENTICATION");
                return;
            }

            if (_failures.TryDequeue(out var status))
            {
                if (status == 429)
                {
                    context.Response.Headers.RetryAfter = "1";
                }

                await Error(context, status, "scripted failure", status == 429 ? "RATE_LIMITS" : "INTERNAL");
                return;
            }

            try
            {
                await next(context);
            }
            catch (Exception e) when (e is InvalidOperationException or NotSupportedException or FormatException or JsonException or KeyNotFoundException)
            {
                // A bug in the fake shows as a 500 naming it, not an empty 500.
                await Error(context, 500, e.ToString(), "FAKE_BUG");
            }
        });
        app.MapPost("/oauth/v1/token", (Delegate)Token_);
        app.MapPost("/crm/v3/objects/deals/search", Search);
        app.MapPost("/crm/v3/objects/deals/batch/read", BatchRead);
        app.MapGet("/crm/v3/pipelines/deals", () => Results.Json(new
        {
            results = Pipelines.Select((p, i) => new
            {
                id = p.Id,
                label = p.Label,
                displayOrder = i,
                archived = false,
                createdAt = "2026-01-01T00:00:00.000Z",
                updatedAt = "2026-01-01T00:00:00.000Z",
                stages = p.Stages.Select((s, j) => new
                {
                    id = s.Id,
                    label = s.Label,
                    displayOrder = j,
                    archived = false,
                    writePermissions = "CRM_PERMISSIONS_ENFORCEMENT",
                    createdAt = "2026-01-01T00:00:00.000Z",
                    updatedAt = "2026-01-01T00:00:00.000Z",
                    metadata = new Dictionary<string, string> { ["isClosed"] = s.Id.StartsWith("closed", StringComparison.Ordinal) ? "true" : "false", ["probability"] = "0.5" },
                }),
            }),
        }));
        app.MapGet("/crm/v3/owners", Owners_);
        app.MapGet("/crm/v3/objects/deals/{id}", GetDeal);
        app.MapPatch("/crm/v3/objects/deals/{id}", Patch);
        app.MapPost("/crm/v3/objects/notes", CreateNote);
    }

    private IResult Owners_(HttpRequest request)
    {
        var after = int.TryParse(request.Query["after"], out var a) ? a : 0;
        var limit = int.TryParse(request.Query["limit"], out var l) ? Math.Clamp(l, 1, 500) : 100;
        var page = Owners.Skip(after).Take(limit).Select(o => new
        {
            id = o.Id,
            email = o.Email,
            firstName = o.First,
            lastName = o.Last,
            userId = int.Parse(o.Id, CultureInfo.InvariantCulture),
            archived = false,
            createdAt = "2026-01-01T00:00:00.000Z",
            updatedAt = "2026-01-01T00:00:00.000Z",
            type = "PERSON",
        }).ToList();
        return Results.Json(Paged(page, after + limit, Owners.Count));
    }

    private async Task<IResult> Search(HttpRequest request)
    {
        var body = await JsonNode.ParseAsync(request.Body) as JsonObject;
        var limit = body?["limit"]?.GetValue<int>() ?? 10;
        var after = int.TryParse(body?["after"]?.GetValue<string>(), out var a) ? a : 0;
        if (limit > 200)
        {
            return ErrorResult(400, "limit must be 200 or less", "VALIDATION_ERROR");
        }

        if (after + limit > 10_000)
        {
            return ErrorResult(400, "Search results are limited to 10,000; narrow the search.", "VALIDATION_ERROR");
        }

        long? since = null;
        foreach (var group in body?["filterGroups"]?.AsArray() ?? [])
        {
            foreach (var filter in group?["filters"]?.AsArray() ?? [])
            {
                if (filter?["propertyName"]?.GetValue<string>() == "hs_lastmodifieddate" && filter["operator"]?.GetValue<string>() == "GTE")
                {
                    since = long.Parse(filter["value"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                }
            }
        }

        var properties = body?["properties"]?.AsArray().Select(p => p!.GetValue<string>()).ToList() ?? [];
        var matches = _deals.Values.Where(d => !d.Archived && (since is null || d.ModifiedMs >= since))
            .OrderBy(d => d.ModifiedMs).ThenBy(d => long.Parse(d.Id, CultureInfo.InvariantCulture)).ToList();
        var page = matches.Skip(after).Take(limit).Select(d => d.ToJson(properties, history: [])).ToList();
        var result = Paged(page, after + limit, matches.Count);
        result["total"] = matches.Count;
        return Results.Json(result);
    }

    /// <summary>A page of results; <c>paging</c> only when there is a next page (HubSpot's schema has no null paging).</summary>
    private static Dictionary<string, object?> Paged<T>(List<T> page, int next, int total)
    {
        var result = new Dictionary<string, object?> { ["results"] = page };
        if (next < total)
        {
            result["paging"] = new { next = new { after = next.ToString(CultureInfo.InvariantCulture) } };
        }

        return result;
    }

    private IResult GetDeal(string id, HttpRequest request)
    {
        if (!_deals.TryGetValue(id, out var deal) || deal.Archived)
        {
            return ErrorResult(404, $"Object not found. objectId are usually numeric. {id}", "OBJECT_NOT_FOUND");
        }

        var properties = request.Query["properties"].SelectMany(p => (p ?? string.Empty).Split(',')).Where(p => p.Length > 0).ToList();
        return Results.Json(deal.ToJson(properties, []));
    }

    private async Task<IResult> BatchRead(HttpRequest request)
    {
        var body = await JsonNode.ParseAsync(request.Body) as JsonObject;
        var properties = body?["properties"]?.AsArray().Select(p => p!.GetValue<string>()).ToList() ?? [];
        var history = body?["propertiesWithHistory"]?.AsArray().Select(p => p!.GetValue<string>()).ToList() ?? [];
        var ids = body?["inputs"]?.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList() ?? [];
        var found = ids.Where(id => _deals.TryGetValue(id, out var d) && !d.Archived).Select(id => _deals[id].ToJson(properties, history)).ToList();
        var missing = ids.Where(id => !_deals.TryGetValue(id, out var d) || d.Archived).ToList();
        var result = new Dictionary<string, object?>
        {
            ["status"] = "COMPLETE",
            ["results"] = found,
            ["startedAt"] = "2026-01-01T00:00:00.000Z",
            ["completedAt"] = "2026-01-01T00:00:00.000Z",
        };
        if (missing.Count > 0)
        {
            result["numErrors"] = 1;
            result["errors"] = new[] { new { status = "error", category = "OBJECT_NOT_FOUND", message = "Could not get some DEAL objects, they may be deleted or not exist.", context = new Dictionary<string, string[]> { ["ids"] = [.. missing] } } };
        }

        return Results.Json(result, statusCode: missing.Count > 0 ? 207 : 200);
    }

    private async Task<IResult> Patch(string id, HttpRequest request)
    {
        if (!_deals.TryGetValue(id, out var deal) || deal.Archived)
        {
            return ErrorResult(404, $"Object not found. objectId are usually numeric. {id}", "OBJECT_NOT_FOUND");
        }

        var body = await JsonNode.ParseAsync(request.Body) as JsonObject;
        var properties = body?["properties"]?.AsObject().ToDictionary(p => p.Key, p => p.Value?.GetValue<string>()) ?? [];
        if (properties.TryGetValue("dealstage", out var stage))
        {
            var pipeline = properties.GetValueOrDefault("pipeline") ?? deal.Properties.GetValueOrDefault("pipeline");
            if (!Pipelines.Any(p => p.Id == pipeline && p.Stages.Any(s => s.Id == stage)))
            {
                return ErrorResult(400, $"Property values were not valid: dealstage '{stage}' is not a stage of pipeline '{pipeline}'", "VALIDATION_ERROR");
            }
        }

        var at = Tick();
        foreach (var (key, value) in properties)
        {
            deal.Set(key, value, at);
        }

        return Results.Json(deal.ToJson([.. properties.Keys], []));
    }

    private async Task<IResult> CreateNote(HttpRequest request)
    {
        var body = await JsonNode.ParseAsync(request.Body) as JsonObject;
        var text = body?["properties"]?["hs_note_body"]?.GetValue<string>() ?? string.Empty;
        var dealId = body?["associations"]?[0]?["to"]?["id"]?.GetValue<string>() ?? string.Empty;
        Notes.Add((dealId, text));
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        return Results.Json(new { id, properties = new { hs_note_body = text }, createdAt = Iso(Tick()), updatedAt = Iso(_clock), archived = false }, statusCode: 201);
    }

    private static IResult ErrorResult(int status, string message, string category) =>
        Results.Json(new { status = "error", message, correlationId = Guid.Empty, category }, statusCode: status);

    private static Task Error(HttpContext context, int status, string message, string category)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { status = "error", message, correlationId = Guid.Empty, category });
    }

    private sealed class FakeDeal(string id)
    {
        public string Id { get; } = id;
        public Dictionary<string, string?> Properties { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<(string? Value, long At)>> History { get; } = new(StringComparer.Ordinal);
        public bool Archived { get; set; }
        public long ModifiedMs { get; private set; }
        public long CreatedMs { get; private set; }

        public void Set(string property, string? value, long at)
        {
            lock (this)
            {
                Properties[property] = value;
                if (!History.TryGetValue(property, out var list))
                {
                    History[property] = list = [];
                }

                list.Insert(0, (value, at));   // HubSpot lists history newest first
                ModifiedMs = at;
                CreatedMs = CreatedMs == 0 ? at : CreatedMs;
                Properties["hs_lastmodifieddate"] = Iso(at);
            }
        }

        public object ToJson(IReadOnlyList<string> properties, IReadOnlyList<string> history)
        {
            lock (this)
            {
                var props = properties.Where(Properties.ContainsKey).ToDictionary(p => p, p => Properties[p], StringComparer.Ordinal);
                props["hs_object_id"] = Id;
                var result = new Dictionary<string, object?>
                {
                    ["id"] = Id,
                    ["properties"] = props,
                    ["createdAt"] = Iso(CreatedMs),
                    ["updatedAt"] = Iso(ModifiedMs),
                    ["archived"] = false,
                };
                if (history.Count > 0)
                {
                    result["propertiesWithHistory"] = history.Where(History.ContainsKey).ToDictionary(
                        h => h,
                        h => History[h].Select(v => new { value = v.Value ?? string.Empty, timestamp = Iso(v.At), sourceType = "CRM_UI" }).ToList(),
                        StringComparer.Ordinal);
                }

                return result;
            }
        }
    }
}
