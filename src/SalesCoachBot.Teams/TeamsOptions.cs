namespace SalesCoachBot.Teams;

internal enum TeamsAppType
{
    MultiTenant,
    SingleTenant,
}

/// <summary>The <c>Teams</c> configuration section (every key in appsettings.example.json, explained in docs/teams.md).</summary>
internal sealed class TeamsOptions
{
    public const string SectionName = "Teams";
    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public const string ConnectorScope = "https://api.botframework.com/.default";

    /// <summary>The bot's Microsoft App id; also the audience every inbound token must carry.</summary>
    public string? AppId { get; set; }

    public string? AppPassword { get; set; }

    /// <summary>A certificate in the current user's "My" store, used instead of <see cref="AppPassword"/>.</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>The one tenant this deployment serves; activities from other tenants are refused.</summary>
    public string? TenantId { get; set; }

    /// <summary>More tenants served (a multi-tenant app registration used by several of the organisation's tenants).</summary>
    public IList<string> AllowedTenants { get; set; } = [];

    public TeamsAppType AppType { get; set; } = TeamsAppType.MultiTenant;

    public string OpenIdMetadataUrl { get; set; } = DefaultOpenIdMetadataUrl;

    /// <summary>
    /// The Entra ID metadata for single-tenant tokens; default derived from <see cref="TenantId"/>.
    /// Only fetched when a token carries one of the tenant's Entra issuers.
    /// </summary>
    public string? EntraOpenIdMetadataUrl { get; set; }

    /// <summary>The authority (or its <c>/oauth2/v2.0/token</c> endpoint) MSAL asks for connector tokens.</summary>
    public string? TokenEndpoint { get; set; }

    /// <summary>Accepted issuers of Bot Framework tokens; default <see cref="BotFrameworkIssuer"/>.</summary>
    public IList<string> Issuers { get; set; } = [];

    /// <summary>Development only: accept activities that carry no Authorization header (Agents Playground).</summary>
    public bool AllowUnauthenticated { get; set; }

    /// <summary>Largest activity body accepted, in bytes.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    internal bool HasCredentials =>
        !string.IsNullOrWhiteSpace(AppPassword) || !string.IsNullOrWhiteSpace(CertificateThumbprint);

    internal IReadOnlyList<string> BotFrameworkIssuers =>
        Issuers.Count > 0 ? [.. Issuers] : [BotFrameworkIssuer];

    /// <summary>Entra ID issuers accepted for a single-tenant bot (v1 and v2 tokens).</summary>
    internal IReadOnlyList<string> TenantIssuers =>
        AppType == TeamsAppType.SingleTenant && !string.IsNullOrWhiteSpace(TenantId)
            ? [$"https://sts.windows.net/{TenantId}/", $"https://login.microsoftonline.com/{TenantId}/v2.0"]
            : [];

    internal Uri EffectiveOpenIdMetadataUrl =>
        new(string.IsNullOrWhiteSpace(OpenIdMetadataUrl) ? DefaultOpenIdMetadataUrl : OpenIdMetadataUrl);

    internal Uri EffectiveEntraMetadataUrl =>
        new(string.IsNullOrWhiteSpace(EntraOpenIdMetadataUrl)
            ? $"https://login.microsoftonline.com/{TenantId}/v2.0/.well-known/openid-configuration"
            : EntraOpenIdMetadataUrl);

    /// <summary>
    /// The tenants whose activities are served: <see cref="TenantId"/> and <see cref="AllowedTenants"/>.
    /// Empty means any tenant (allowed only outside Production; see the options validator).
    /// </summary>
    internal IReadOnlySet<string> ServedTenants =>
        new HashSet<string>(
            AllowedTenants.Append(TenantId).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim()),
            StringComparer.OrdinalIgnoreCase);

    internal bool HasTokenEndpoint => !string.IsNullOrWhiteSpace(TokenEndpoint);

    /// <summary>The MSAL authority: botframework.com for multi-tenant bots, the bot's tenant for single-tenant ones.</summary>
    internal string Authority
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(TokenEndpoint))
            {
                var text = TokenEndpoint.Trim();
                const string suffix = "/oauth2/v2.0/token";
                return text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? text[..^suffix.Length] : text.TrimEnd('/');
            }

            var tenant = AppType == TeamsAppType.SingleTenant && !string.IsNullOrWhiteSpace(TenantId) ? TenantId : "botframework.com";
            return $"https://login.microsoftonline.com/{tenant}";
        }
    }

    /// <summary>True when the channel should answer on /api/messages (docs/teams.md: off answers 404).</summary>
    public static bool IsEnabled(TeamsOptions options, bool isDevelopment) =>
        !string.IsNullOrWhiteSpace(options.AppId) || (options.AllowUnauthenticated && isDevelopment);
}
