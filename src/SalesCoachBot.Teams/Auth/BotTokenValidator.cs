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
/// </summary>
internal sealed class BotTokenValidator
{
    public const string OpenIdHttpClientName = "SalesCoachBot.Teams.OpenId";
    public const string ServiceUrlClaim = "serviceurl";

    private static readonly string[] AllowedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly TeamsOptions options;
    private readonly ILogger<BotTokenValidator> logger;
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };
    private readonly IssuerKeys botFramework;
    private readonly IssuerKeys? entra;

    public BotTokenValidator(IOptions<TeamsOptions> options, IHttpClientFactory httpClientFactory, ILogger<BotTokenValidator> logger)
    {
        this.options = options.Value;
        this.logger = logger;
        var http = httpClientFactory.CreateClient(OpenIdHttpClientName);
        botFramework = new IssuerKeys(this.options.BotFrameworkIssuers, CreateManager(this.options.OpenIdMetadataUrl, http));
        var tenantIssuers = this.options.TenantIssuers;
        if (tenantIssuers.Count > 0)
        {
            entra = new IssuerKeys(tenantIssuers, CreateManager(this.options.EffectiveEntraMetadataUrl, http));
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
        if (token.Length == 0 || !handler.CanReadToken(token))
        {
            return TokenCheck.Invalid("malformed bearer token");
        }

        if (string.IsNullOrWhiteSpace(options.AppId))
        {
            return TokenCheck.Invalid("no Teams:AppId to check the audience against");
        }

        string issuer;
        try
        {
            issuer = handler.ReadJsonWebToken(token).Issuer;
        }
        catch (ArgumentException)
        {
            return TokenCheck.Invalid("malformed bearer token");
        }

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

        var result = await handler.ValidateTokenAsync(token, Parameters(source, configuration));
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Keys rotate: ask for fresh metadata once, then try again with it.
            TeamsLog.SigningKeyRefresh(logger);
            source.Manager.RequestRefresh();
            var refreshed = await source.Manager.GetConfigurationAsync(cancellationToken);
            if (!ReferenceEquals(refreshed, configuration))
            {
                result = await handler.ValidateTokenAsync(token, Parameters(source, refreshed));
            }
        }

        if (!result.IsValid)
        {
            return TokenCheck.Invalid(Describe(result.Exception));
        }

        var serviceUrl = result.Claims.TryGetValue(ServiceUrlClaim, out var claim) ? claim as string : null;
        return TokenCheck.Valid(serviceUrl);
    }

    private TokenValidationParameters Parameters(IssuerKeys source, OpenIdConnectConfiguration configuration) => new()
    {
        ValidIssuers = source.Issuers,
        ValidAudience = options.AppId,
        IssuerSigningKeys = configuration.SigningKeys,
        ValidAlgorithms = AllowedAlgorithms,
        ClockSkew = TimeSpan.FromMinutes(5),
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
    };

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

    private ConfigurationManager<OpenIdConnectConfiguration> CreateManager(Uri metadataUrl, HttpClient http) =>
        new(metadataUrl.ToString(), new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever(http)
        {
            // Plain http only for a loopback stub (tests, local benchmarks); options validation refuses the rest.
            RequireHttps = !IsLoopback(metadataUrl),
        })
        {
            AutomaticRefreshInterval = TimeSpan.FromHours(12),
            RefreshInterval = TimeSpan.FromMinutes(1),
        };

    internal static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host, out var address) && IPAddress.IsLoopback(address));

    private sealed record IssuerKeys(IReadOnlyList<string> Issuers, ConfigurationManager<OpenIdConnectConfiguration> Manager)
    {
        public bool Accepts(string issuer) => Issuers.Contains(issuer, StringComparer.Ordinal);
    }
}
