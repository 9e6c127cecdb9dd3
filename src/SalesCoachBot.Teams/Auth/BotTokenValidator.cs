using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace SalesCoachBot.Teams.Auth;

/// <summary>The outcome of checking an inbound bearer token.</summary>
internal sealed record TokenCheck(bool IsValid, string? ServiceUrlClaim, string? FailureReason, bool MetadataUnavailable = false)
{
    public static TokenCheck Valid(string? serviceUrl) => new(true, serviceUrl, null);

    public static TokenCheck Invalid(string reason) => new(false, null, reason);
}

/// <summary>
/// Authenticates a Bot Connector request the way the channel requires: signature from the
/// OpenID metadata keys (cached, refreshed on an unknown key id), issuer, audience = app id,
/// lifetime with 5 minutes of skew (IdentityModel reads the system clock here; its TimeProvider
/// hook is not public in 8.x), RS256/384/512 only. The caller checks the
/// <c>serviceurl</c> claim against the activity once it has read the body.
/// <para>
/// The connector sends the same token with every request for about an hour. A token that passed
/// every check is remembered by its exact text, with its <c>serviceurl</c> claim, until it expires,
/// at most <see cref="RememberAtMost"/>, and only while the signing keys it was checked against are
/// still the current ones; any other text (a byte changed, another audience) is checked in full.
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
    private readonly ConcurrentDictionary<string, PassedToken> passed = new(StringComparer.Ordinal);

    internal static readonly TimeSpan RememberAtMost = TimeSpan.FromMinutes(10);
    private const int RememberedTokens = 1_000;

    private sealed record PassedToken(IssuerKeys Source, OpenIdConnectConfiguration Configuration, string? ServiceUrl, DateTimeOffset Until);

    public BotTokenValidator(IOptions<TeamsOptions> options, IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILogger<BotTokenValidator> logger)
    {
        this.options = options.Value;
        this.timeProvider = timeProvider;
        this.logger = logger;
        var http = httpClientFactory.CreateClient(OpenIdHttpClientName);
        botFramework = CreateKeys(this.options.BotFrameworkIssuers, this.options.EffectiveOpenIdMetadataUrl, http);
        var tenantIssuers = this.options.TenantIssuers;
        if (tenantIssuers.Count > 0)
        {
            entra = CreateKeys(tenantIssuers, this.options.EffectiveEntraMetadataUrl, http);
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
        if (passed.TryGetValue(token, out var known) && timeProvider.GetUtcNow() < known.Until
            && ReferenceEquals(await known.Source.Manager.GetConfigurationAsync(cancellationToken), known.Configuration))
        {
            return TokenCheck.Valid(known.ServiceUrl);
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
        var result = await handler.ValidateTokenAsync(jwt, source.Parameters(configuration, options.AppId));
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException
            && await source.FreshConfigurationAsync(timeProvider, logger, cancellationToken) is { } fresh)
        {
            result = await handler.ValidateTokenAsync(jwt, source.Parameters(fresh, options.AppId));
        }

        if (!result.IsValid)
        {
            return TokenCheck.Invalid(Describe(result.Exception));
        }

        var serviceUrl = result.Claims.TryGetValue(ServiceUrlClaim, out var claim) ? claim as string : null;
        Remember(token, new PassedToken(source, configuration, serviceUrl, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero)));
        return TokenCheck.Valid(serviceUrl);
    }

    private void Remember(string token, PassedToken check)
    {
        var now = timeProvider.GetUtcNow();
        if (check.Until <= now)
        {
            return; // accepted within the clock skew after its expiry: checked in full every time
        }

        if (check.Until > now + RememberAtMost)
        {
            check = check with { Until = now + RememberAtMost };
        }

        if (passed.Count >= RememberedTokens)
        {
            passed.Clear(); // far above the handful of tokens one app receives in an hour
        }

        passed[token] = check;
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

    private static IssuerKeys CreateKeys(IReadOnlyList<string> issuers, Uri metadataUrl, HttpClient http)
    {
        // Plain http only for a loopback stub (tests, local benchmarks); options validation refuses the rest.
        var documents = new HttpDocumentRetriever(http) { RequireHttps = !IsLoopback(metadataUrl) };
        var manager = new ConfigurationManager<OpenIdConnectConfiguration>(metadataUrl.ToString(), new OpenIdConnectConfigurationRetriever(), documents)
        {
            AutomaticRefreshInterval = TimeSpan.FromHours(12),
            RefreshInterval = TimeSpan.FromMinutes(1),
        };
        return new IssuerKeys(issuers, manager, documents);
    }

    private sealed record BuiltParameters(OpenIdConnectConfiguration Configuration, string Audience, TokenValidationParameters Parameters);

    internal static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host, out var address) && IPAddress.IsLoopback(address));

    /// <summary>One metadata document (its issuers and keys), with a rate-limited forced re-read for rotated keys.</summary>
    private sealed class IssuerKeys(IReadOnlyList<string> issuers, ConfigurationManager<OpenIdConnectConfiguration> manager, IDocumentRetriever documents)
    {
        private static readonly TimeSpan MinimumRefetch = TimeSpan.FromMinutes(1);
        private readonly SemaphoreSlim gate = new(1, 1);
        private DateTimeOffset lastRefetch = DateTimeOffset.MinValue;
        private OpenIdConnectConfiguration? fresh;
        private volatile BuiltParameters? parameters;

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
