using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Coaching;

namespace SalesCoachBot.Core.Crm;

/// <summary>
/// The <c>Crm</c> section beyond <see cref="CrmOptions.Provider"/>: how to reach the configured CRM. Validated on start
/// (<see cref="CrmSettingsValidator"/>) so a missing token or a bad URL stops the host with the key's name.
/// </summary>
public sealed class CrmSettings
{
    public HubSpotSettings HubSpot { get; set; } = new();
    public SalesforceSettings Salesforce { get; set; } = new();

    /// <summary><c>Crm:PollInterval</c>: how often the incremental pull runs (default 2 minutes, at least 10 seconds).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary><c>Crm:MaxWebhookEvents</c>: a webhook batch with more events is refused with a clear message; the next poll catches up.</summary>
    public int MaxWebhookEvents { get; set; } = 1000;
}

public sealed class HubSpotSettings
{
    /// <summary>Private-app token (Bearer). Never logged.</summary>
    public string? AccessToken { get; set; }

    public Uri BaseUrl { get; set; } = new("https://api.hubapi.com");

    /// <summary>
    /// The app's client secret: signs webhooks (v3), and with OAuth authenticates the token refresh. Without it
    /// <c>/crm/hubspot/webhooks</c> answers 404.
    /// </summary>
    public string? ClientSecret { get; set; }

    /// <summary>OAuth (instead of <see cref="AccessToken"/>): the app's client id.</summary>
    public string? ClientId { get; set; }

    /// <summary>OAuth: the refresh token the install gave. Never logged; the access tokens it buys are kept encrypted.</summary>
    public string? RefreshToken { get; set; }

    /// <summary>OAuth: an access token is renewed this long before it expires (default 5 minutes, HubSpot's live 30).</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>OAuth with a refresh token rather than a private-app token.</summary>
    public bool UsesOAuth => string.IsNullOrWhiteSpace(AccessToken) && !string.IsNullOrWhiteSpace(RefreshToken);
}

public sealed class SalesforceSettings
{
    /// <summary>Where tokens come from: https://login.salesforce.com, https://test.salesforce.com (sandboxes) or the My Domain URL.</summary>
    public Uri LoginUrl { get; set; } = new("https://login.salesforce.com");

    /// <summary>The connected app's consumer key.</summary>
    public string? ClientId { get; set; }

    /// <summary>JWT bearer flow: the integration user the connected app is pre-authorised for.</summary>
    public string? Username { get; set; }

    /// <summary>JWT bearer flow: the connected app's certificate with its private key (PEM with both, or PKCS#12).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Password of a PKCS#12 <see cref="CertificatePath"/>, if it has one. Never logged.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Client-credentials flow (instead of a certificate): the connected app's consumer secret. Never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>With <see cref="AccessToken"/>: a fixed token for tests and scripts, no login.</summary>
    public Uri? InstanceUrl { get; set; }

    public string? AccessToken { get; set; }
    public string ApiVersion { get; set; } = "59.0";

    /// <summary>How a note is written: <c>ContentNote</c> (default; a note linked to the opportunity) or <c>Task</c> (a completed task).</summary>
    public string NoteObject { get; set; } = "ContentNote";

    /// <summary>Share of the org's daily API requests (Sforce-Limit-Info) above which the connector waits: 1 to 100, default 90.</summary>
    public int MaxApiUsagePercent { get; set; } = 90;

    /// <summary>
    /// <c>Crm:Salesforce:ChangeEvents</c>: <c>poll</c> (default: the incremental pull every <c>Crm:PollInterval</c>) or
    /// <c>cdc</c> (Change Data Capture: <c>/data/OpportunityChangeEvent</c> over CometD, pulled within seconds; ADR 0022).
    /// </summary>
    public string ChangeEvents { get; set; } = SalesforceChangeEvents.Poll;

    /// <summary>With <c>cdc</c>: the polling kept as a fallback (events lost beyond the org's retention), default 15 minutes.</summary>
    public TimeSpan CdcPollInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The CometD endpoint; default the instance URL + <c>/cometd/ApiVersion</c>. Set for tests and scripts only.</summary>
    public Uri? StreamingUrl { get; set; }

    /// <summary>Change events come over CometD (<c>ChangeEvents = cdc</c>).</summary>
    public bool UsesCdc => string.Equals(ChangeEvents?.Trim(), SalesforceChangeEvents.Cdc, StringComparison.OrdinalIgnoreCase);

    /// <summary>Which sign-in the settings describe (validated on start, so exactly one applies).</summary>
    public SalesforceFlow Flow =>
        InstanceUrl is not null || !string.IsNullOrWhiteSpace(AccessToken) ? SalesforceFlow.FixedToken
        : !string.IsNullOrWhiteSpace(CertificatePath) ? SalesforceFlow.JwtBearer
        : SalesforceFlow.ClientCredentials;
}

/// <summary>The values of <c>Crm:Salesforce:ChangeEvents</c>.</summary>
public static class SalesforceChangeEvents
{
    public const string Poll = "poll";
    public const string Cdc = "cdc";
}

public enum SalesforceFlow
{
    JwtBearer,
    ClientCredentials,
    FixedToken,
}

/// <summary>Checks the keys the chosen provider needs; every problem is named by its configuration key.</summary>
public sealed class CrmSettingsValidator(IOptions<CrmOptions> crm) : IValidateOptions<CrmSettings>
{
    public ValidateOptionsResult Validate(string? name, CrmSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string provider;
        try
        {
            provider = crm.Value.Provider;
        }
        catch (OptionsValidationException)
        {
            // An unknown Crm:Provider is CrmOptions' own failure; repeating it here said the same thing twice at start.
            return ValidateOptionsResult.Skip;
        }

        var errors = Problems(provider, options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static List<string> Problems(string provider, CrmSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.PollInterval < TimeSpan.FromSeconds(10))
        {
            errors.Add("Crm:PollInterval must be at least 00:00:10 (the CRMs' rate limits).");
        }

        if (options.MaxWebhookEvents < 1)
        {
            errors.Add("Crm:MaxWebhookEvents must be 1 or more.");
        }

        switch ((provider ?? CrmOptions.None).Trim().ToLowerInvariant())
        {
            case "hubspot":
                var h = options.HubSpot;
                if (!string.IsNullOrWhiteSpace(h.AccessToken) && !string.IsNullOrWhiteSpace(h.RefreshToken))
                {
                    errors.Add("Crm:HubSpot: set AccessToken (a private-app token) or RefreshToken (OAuth), not both.");
                }
                else if (h.UsesOAuth)
                {
                    if (string.IsNullOrWhiteSpace(h.ClientId) || string.IsNullOrWhiteSpace(h.ClientSecret))
                    {
                        errors.Add("Crm:HubSpot:RefreshToken (OAuth) needs Crm:HubSpot:ClientId and Crm:HubSpot:ClientSecret (the app's).");
                    }

                    if (h.RefreshBeforeExpiry < TimeSpan.Zero || h.RefreshBeforeExpiry > TimeSpan.FromMinutes(25))
                    {
                        errors.Add("Crm:HubSpot:RefreshBeforeExpiry must be between 00:00:00 and 00:25:00 (HubSpot's access tokens live 30 minutes).");
                    }
                }
                else if (string.IsNullOrWhiteSpace(h.AccessToken))
                {
                    errors.Add("Crm:HubSpot:AccessToken is required when Crm:Provider is hubspot (a private-app token), or Crm:HubSpot:ClientId + ClientSecret + RefreshToken for OAuth.");
                }

                if (!IsHttpUrl(options.HubSpot.BaseUrl))
                {
                    errors.Add("Crm:HubSpot:BaseUrl must be an absolute http(s) URL.");
                }

                break;
            case "salesforce":
                var s = options.Salesforce;
                var fixedToken = s.InstanceUrl is not null || !string.IsNullOrWhiteSpace(s.AccessToken);
                if (fixedToken)
                {
                    if (!IsHttpUrl(s.InstanceUrl) || string.IsNullOrWhiteSpace(s.AccessToken))
                    {
                        errors.Add("Crm:Salesforce:InstanceUrl (absolute URL) and Crm:Salesforce:AccessToken go together.");
                    }
                }
                else if (string.IsNullOrWhiteSpace(s.ClientId) || (string.IsNullOrWhiteSpace(s.ClientSecret)
                    && (string.IsNullOrWhiteSpace(s.Username) || string.IsNullOrWhiteSpace(s.CertificatePath))))
                {
                    errors.Add("Crm:Salesforce needs ClientId, Username and CertificatePath (JWT bearer flow), ClientId and ClientSecret (client-credentials flow), or InstanceUrl and AccessToken.");
                }
                else
                {
                    if (s.Flow == SalesforceFlow.JwtBearer && CertificateProblem(s) is { } problem)
                    {
                        errors.Add(problem);
                    }

                    if (!IsHttpUrl(s.LoginUrl))
                    {
                        errors.Add("Crm:Salesforce:LoginUrl must be an absolute http(s) URL.");
                    }
                }

                if (s.NoteObject is not ("ContentNote" or "Task"))
                {
                    errors.Add($"Crm:Salesforce:NoteObject must be ContentNote or Task, not '{s.NoteObject}'.");
                }

                if (s.MaxApiUsagePercent is < 1 or > 100)
                {
                    errors.Add("Crm:Salesforce:MaxApiUsagePercent must be between 1 and 100.");
                }

                if (s.ChangeEvents?.Trim().ToLowerInvariant() is not (SalesforceChangeEvents.Poll or SalesforceChangeEvents.Cdc))
                {
                    errors.Add($"Crm:Salesforce:ChangeEvents must be poll (default: pulled every Crm:PollInterval) or cdc (Change Data Capture over CometD), not '{s.ChangeEvents}'.");
                }
                else if (s.UsesCdc && s.CdcPollInterval < TimeSpan.FromMinutes(1))
                {
                    errors.Add("Crm:Salesforce:CdcPollInterval (the polling kept beside Change Data Capture) must be at least 00:01:00.");
                }

                if (s.StreamingUrl is not null && !IsHttpUrl(s.StreamingUrl))
                {
                    errors.Add("Crm:Salesforce:StreamingUrl must be an absolute http(s) URL (the CometD endpoint), or unset.");
                }

                if (!decimal.TryParse(s.ApiVersion, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var version) || version < 59.0m)
                {
                    errors.Add($"Crm:Salesforce:ApiVersion must be 59.0 or later, not '{s.ApiVersion}'.");
                }

                break;
        }

        return errors;
    }

    /// <summary>The JWT bearer flow signs with the certificate's private key: a file that is missing or has no key stops the host.</summary>
    private static string? CertificateProblem(SalesforceSettings s)
    {
        if (!File.Exists(s.CertificatePath))
        {
            return $"Crm:Salesforce:CertificatePath: no file at {s.CertificatePath}.";
        }

        try
        {
            using var certificate = SalesforceCertificate.Load(s.CertificatePath!, s.CertificatePassword);
            return certificate.GetRSAPrivateKey() is null
                ? $"Crm:Salesforce:CertificatePath: {s.CertificatePath} has no RSA private key (the JWT bearer flow signs with it; use a PEM with the certificate and its key, or a .p12/.pfx)."
                : null;
        }
        catch (CryptographicException e)
        {
            return $"Crm:Salesforce:CertificatePath: {s.CertificatePath} is not a certificate with a private key ({e.Message}); check Crm:Salesforce:CertificatePassword for a .p12/.pfx.";
        }
    }

    private static bool IsHttpUrl(Uri? url) => url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);
}

/// <summary>Loads the connected app's certificate with its private key: PEM (certificate and key in one file, or the key beside it) or PKCS#12.</summary>
public static class SalesforceCertificate
{
    public static X509Certificate2 Load(string path, string? password)
    {
        ArgumentNullException.ThrowIfNull(path);
        var head = File.ReadAllText(path).AsSpan();
        if (head.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            return X509Certificate2.CreateFromPemFile(path, path);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
    }
}
