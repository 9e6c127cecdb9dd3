using System.Buffers;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using SalesCoachBot.Core.Caching;

namespace SalesCoachBot.Teams.Auth;

/// <summary>
/// The outcome of checking an inbound bearer token. <see cref="Endorsements"/> are the channels the
/// signing key is endorsed for (the <c>endorsements</c> of its entry in the key set); the caller
/// compares them with the activity's channel once it has read the body.
/// </summary>
internal sealed record TokenCheck(bool IsValid, string? ServiceUrlClaim, string? FailureReason, bool MetadataUnavailable = false)
{
    /// <summary>Null when the key comes from a source that endorses no channels (Entra ID keys of a single-tenant bot).</summary>
    public IReadOnlySet<string>? Endorsements { get; init; }

    public static TokenCheck Valid(string? serviceUrl, IReadOnlySet<string>? endorsements) => new(true, serviceUrl, null) { Endorsements = endorsements };

    public static TokenCheck Invalid(string reason) => new(false, null, reason);

    /// <summary>
    /// Whether the key that signed the token may sign activities of <paramref name="channelId"/>
    /// (botbuilder's EndorsementsValidator: the key's endorsements must contain the channel id).
    /// </summary>
    public bool IsEndorsedFor(string? channelId) =>
        Endorsements is null || (channelId is { Length: > 0 } && Endorsements.Contains(channelId));
}

/// <summary>
/// Authenticates a Bot Connector request the way the channel requires: signature from the
/// OpenID metadata keys (cached, refreshed on an unknown key id), issuer, audience = app id,
/// lifetime with 5 minutes of skew (IdentityModel reads the system clock here; its TimeProvider
/// hook is not public in 8.x), RS256/384/512 only. The caller checks the
/// <c>serviceurl</c> claim and the signing key's channel endorsements against the activity once it
/// has read the body.
/// <para>
/// The connector sends the same token with every request for about an hour. A token that passed
/// every check is remembered in the shared cache (<see cref="CacheRegion.TeamsTokens"/>, never outside this
/// process) by its exact text, with its <c>serviceurl</c> claim and its key's endorsements (so they are
/// compared with every activity's channel, remembered or not), until it expires, at most
/// <see cref="CacheOptions.TeamsTokenLifetime"/> (10 min or less), and only while the signing keys it was
/// checked against are still the current ones; any other text (a byte changed, another audience) is checked in full.
/// </para>
/// </summary>
internal sealed class BotTokenValidator
{
    public const string OpenIdHttpClientName = "SalesCoachBot.Teams.OpenId";
    public const string ServiceUrlClaim = "serviceurl";

    private static readonly string[] AllowedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly TeamsOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<BotTokenValidator> logger;
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };
    private readonly IssuerKeys botFramework;
    private readonly IssuerKeys? entra;
    private readonly SharedCache cache;
    private readonly TimeSpan rememberAtMost;

    // A compact JWT: three base64url parts joined by dots. Only such text is looked up or remembered.
    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    private sealed record PassedToken(IssuerKeys Source, OpenIdConnectConfiguration Configuration, string? ServiceUrl, IReadOnlySet<string>? Endorsements, DateTimeOffset Until);

    public BotTokenValidator(
        IOptions<TeamsOptions> options, IHttpClientFactory httpClientFactory, TimeProvider timeProvider, SharedCache cache, IOptions<CacheOptions> cacheOptions, ILogger<BotTokenValidator> logger)
    {
        this.options = options.Value;
        this.timeProvider = timeProvider;
        this.cache = cache;
        rememberAtMost = cacheOptions.Value.TeamsTokenLifetime < CacheOptions.MaxTeamsTokenLifetime ? cacheOptions.Value.TeamsTokenLifetime : CacheOptions.MaxTeamsTokenLifetime;
        this.logger = logger;
        var http = httpClientFactory.CreateClient(OpenIdHttpClientName);
        // Bot Connector keys carry the channels they may sign for; Entra ID keys endorse none (as in botbuilder).
        botFramework = CreateKeys(this.options.BotFrameworkIssuers, this.options.EffectiveOpenIdMetadataUrl, http, endorsesChannels: true);
        var tenantIssuers = this.options.TenantIssuers;
        if (tenantIssuers.Count > 0)
        {
            entra = CreateKeys(tenantIssuers, this.options.EffectiveEntraMetadataUrl, http, endorsesChannels: false);
        }
    }

    public async Task<TokenCheck> ValidateAsync(string? authorizationHeader, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            return TokenCheck.Invalid("no Authorization header");
        }

        const string scheme = "Bearer ";
        if (!authorizationHeader.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return TokenCheck.Invalid("Authorization is not a bearer token");
        }

        var token = authorizationHeader[scheme.Length..].Trim();
        var rememberable = IsRememberable(token);
        if (rememberable && await cache.PeekAsync<PassedToken>(CacheKey.TeamsToken(token)) is { } known
            && timeProvider.GetUtcNow() < known.Until
            && ReferenceEquals(await known.Source.Manager.GetConfigurationAsync(cancellationToken), known.Configuration))
        {
            return TokenCheck.Valid(known.ServiceUrl, known.Endorsements);
        }

        if (token.Length == 0 || !handler.CanReadToken(token))
        {
            return TokenCheck.Invalid("malformed bearer token");
        }

        if (string.IsNullOrWhiteSpace(options.AppId))
        {
            return TokenCheck.Invalid("no Teams:AppId to check the audience against");
        }

        JsonWebToken jwt;
        try
        {
            jwt = handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return TokenCheck.Invalid("malformed bearer token");
        }

        var issuer = jwt.Issuer;
        // Pick the key source by the (not yet trusted) issuer; the validation below checks it again.
        var source = botFramework.Accepts(issuer) ? botFramework : entra is not null && entra.Accepts(issuer) ? entra : null;
        if (source is null)
        {
            return TokenCheck.Invalid("issuer not accepted");
        }

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await source.Manager.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            TeamsLog.MetadataUnavailable(logger, new Uri(source.Manager.MetadataAddress), ex);
            return new TokenCheck(false, null, "signing keys unavailable", MetadataUnavailable: true);
        }

        // The token read above is validated as is (not parsed a second time); the parameters are
        // built once per metadata document, not per request.
        var checkedAgainst = configuration;
        var result = await handler.ValidateTokenAsync(jwt, source.Parameters(configuration, options.AppId));
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException
            && await source.FreshConfigurationAsync(timeProvider, logger, cancellationToken) is { } fresh)
        {
            checkedAgainst = fresh;
            result = await handler.ValidateTokenAsync(jwt, source.Parameters(fresh, options.AppId));
        }

        if (!result.IsValid)
        {
            return TokenCheck.Invalid(Describe(result.Exception));
        }

        var serviceUrl = result.Claims.TryGetValue(ServiceUrlClaim, out var claim) ? claim as string : null;
        var endorsements = source.Endorsements(checkedAgainst, (result.SecurityToken as JsonWebToken)?.SigningKey ?? jwt.SigningKey);
        if (rememberable)
        {
            await RememberAsync(token, new PassedToken(source, configuration, serviceUrl, endorsements, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero)));
        }

        return TokenCheck.Valid(serviceUrl, endorsements);
    }

    /// <summary>A JWT short enough to be a cache key; anything else is always checked in full.</summary>
    private static bool IsRememberable(string token) =>
        token.Length is > 0 and <= CachingServiceCollectionExtensions.MaxKeyLength && !token.AsSpan().ContainsAnyExcept(TokenChars);

    private async Task RememberAsync(string token, PassedToken check)
    {
        var now = timeProvider.GetUtcNow();
        if (check.Until <= now)
        {
            return; // accepted within the clock skew after its expiry: checked in full every time
        }

        if (check.Until > now + rememberAtMost)
        {
            check = check with { Until = now + rememberAtMost };
        }

        var key = CacheKey.TeamsToken(token);
        await cache.KeepAsync(key, check, cache.Version(key), check.Until - now);
    }

    // Reasons are logged, never the token.
    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenInvalidIssuerException => "issuer not accepted",
        SecurityTokenInvalidAudienceException => "wrong audience",
        SecurityTokenExpiredException => "token expired",
        SecurityTokenNotYetValidException => "token not yet valid",
        SecurityTokenInvalidAlgorithmException => "signing algorithm not allowed",
        SecurityTokenSignatureKeyNotFoundException => "unknown signing key",
        SecurityTokenInvalidSignatureException => "bad signature",
        SecurityTokenNoExpirationException => "token without expiry",
        _ => "invalid token",
    };

    private static IssuerKeys CreateKeys(IReadOnlyList<string> issuers, Uri metadataUrl, HttpClient http, bool endorsesChannels)
    {
        // Plain http only for a loopback stub (tests, local benchmarks); options validation refuses the rest.
        var documents = new HttpDocumentRetriever(http) { RequireHttps = !IsLoopback(metadataUrl) };
        var manager = new ConfigurationManager<OpenIdConnectConfiguration>(metadataUrl.ToString(), new OpenIdConnectConfigurationRetriever(), documents)
        {
            AutomaticRefreshInterval = TimeSpan.FromHours(12),
            RefreshInterval = TimeSpan.FromMinutes(1),
        };
        return new IssuerKeys(issuers, manager, documents, endorsesChannels);
    }

    private sealed record BuiltParameters(OpenIdConnectConfiguration Configuration, string Audience, TokenValidationParameters Parameters);

    private sealed record KeyEndorsements(OpenIdConnectConfiguration Configuration, Dictionary<string, IReadOnlySet<string>> ByKeyId);

    internal static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host, out var address) && IPAddress.IsLoopback(address));

    /// <summary>One metadata document (its issuers and keys), with a rate-limited forced re-read for rotated keys.</summary>
    private sealed class IssuerKeys(IReadOnlyList<string> issuers, ConfigurationManager<OpenIdConnectConfiguration> manager, IDocumentRetriever documents, bool endorsesChannels)
    {
        private static readonly TimeSpan MinimumRefetch = TimeSpan.FromMinutes(1);
        private static readonly IReadOnlySet<string> NoChannels = new HashSet<string>();
        private readonly SemaphoreSlim gate = new(1, 1);
        private DateTimeOffset lastRefetch = DateTimeOffset.MinValue;
        private OpenIdConnectConfiguration? fresh;
        private volatile BuiltParameters? parameters;
        private volatile KeyEndorsements? endorsements;

        public IReadOnlyList<string> Issuers => issuers;

        public ConfigurationManager<OpenIdConnectConfiguration> Manager => manager;

        public bool Accepts(string issuer) => issuers.Contains(issuer, StringComparer.Ordinal);

        /// <summary>
        /// The validation parameters for one metadata document, built when the document changes
        /// (the configuration manager hands out the same object until it refreshes).
        /// </summary>
        public TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration, string audience)
        {
            var cached = parameters;
            if (cached is not null && ReferenceEquals(cached.Configuration, configuration) && cached.Audience == audience)
            {
                return cached.Parameters;
            }

            var built = new TokenValidationParameters
            {
                ValidIssuers = issuers,
                ValidAudience = audience,
                IssuerSigningKeys = configuration.SigningKeys,
                ValidAlgorithms = AllowedAlgorithms,
                ClockSkew = TimeSpan.FromMinutes(5),
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ValidateLifetime = true,
                ValidateIssuerSigningKey = true,
            };
            parameters = new BuiltParameters(configuration, audience, built);
            return built;
        }

        /// <summary>
        /// The channels <paramref name="signingKey"/> is endorsed for, from the <c>endorsements</c> of its
        /// entry in <paramref name="configuration"/>'s key set (read once per metadata document). A Bot
        /// Connector key without endorsements is endorsed for nothing; null for sources that endorse no channels.
        /// </summary>
        public IReadOnlySet<string>? Endorsements(OpenIdConnectConfiguration configuration, SecurityKey? signingKey)
        {
            if (!endorsesChannels)
            {
                return null;
            }

            var cached = endorsements;
            if (cached is null || !ReferenceEquals(cached.Configuration, configuration))
            {
                cached = new KeyEndorsements(configuration, ReadEndorsements(configuration));
                endorsements = cached;
            }

            return signingKey?.KeyId is { } kid && cached.ByKeyId.TryGetValue(kid, out var channels) ? channels : NoChannels;
        }

        private static Dictionary<string, IReadOnlySet<string>> ReadEndorsements(OpenIdConnectConfiguration configuration)
        {
            var byKeyId = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
            foreach (var key in configuration.JsonWebKeySet?.Keys ?? [])
            {
                if (key.Kid is { Length: > 0 } kid && key.AdditionalData.TryGetValue("endorsements", out var value))
                {
                    byKeyId[kid] = new HashSet<string>(Strings(value), StringComparer.Ordinal);
                }
            }

            return byKeyId;
        }

        // IdentityModel keeps unknown members as JSON elements or lists of plain values, depending on its version.
        private static IEnumerable<string> Strings(object? value) => value switch
        {
            string one => [one],
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!),
            JsonElement { ValueKind: JsonValueKind.String } one => [one.GetString()!],
            System.Collections.IEnumerable many => many.Cast<object?>().SelectMany(Strings),
            _ => [],
        };

        /// <summary>
        /// A token names a key the cached metadata lacks: read the metadata again now (at most once
        /// a minute, so unknown key ids cannot flood the metadata endpoint) and tell the manager to refresh.
        /// Returns null when nothing newer can be read.
        /// </summary>
        public async Task<OpenIdConnectConfiguration?> FreshConfigurationAsync(TimeProvider time, ILogger logger, CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var now = time.GetUtcNow();
                if (now - lastRefetch < MinimumRefetch)
                {
                    return fresh;
                }

                lastRefetch = now;
                TeamsLog.SigningKeyRefresh(logger);
                manager.RequestRefresh();
                try
                {
                    fresh = await OpenIdConnectConfigurationRetriever.GetAsync(manager.MetadataAddress, documents, cancellationToken);
                }
                catch (InvalidOperationException ex)
                {
                    TeamsLog.MetadataUnavailable(logger, new Uri(manager.MetadataAddress), ex);
                }
                catch (IOException ex)
                {
                    TeamsLog.MetadataUnavailable(logger, new Uri(manager.MetadataAddress), ex);
                }

                return fresh;
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
