using System.Globalization;
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

    /// <summary>The app's client secret: signs webhooks (v3). Without it <c>/crm/hubspot/webhooks</c> answers 404.</summary>
    public string? ClientSecret { get; set; }
}

public sealed class SalesforceSettings
{
    public Uri LoginUrl { get; set; } = new("https://login.salesforce.com");
    public string? ClientId { get; set; }
    public string? Username { get; set; }
    public string? CertificatePath { get; set; }

    /// <summary>With <see cref="AccessToken"/>: a fixed token for tests and scripts, no login.</summary>
    public Uri? InstanceUrl { get; set; }

    public string? AccessToken { get; set; }
    public string ApiVersion { get; set; } = "59.0";
}

/// <summary>Checks the keys the chosen provider needs; every problem is named by its configuration key.</summary>
public sealed class CrmSettingsValidator(IOptions<CrmOptions> crm) : IValidateOptions<CrmSettings>
{
    public ValidateOptionsResult Validate(string? name, CrmSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Problems(crm.Value.Provider, options);
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
                if (string.IsNullOrWhiteSpace(options.HubSpot.AccessToken))
                {
                    errors.Add("Crm:HubSpot:AccessToken is required when Crm:Provider is hubspot (a private-app token).");
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
                else
                {
                    if (string.IsNullOrWhiteSpace(s.ClientId) || string.IsNullOrWhiteSpace(s.Username) || string.IsNullOrWhiteSpace(s.CertificatePath))
                    {
                        errors.Add("Crm:Salesforce needs ClientId, Username and CertificatePath (JWT bearer flow), or InstanceUrl and AccessToken.");
                    }
                    else if (!File.Exists(s.CertificatePath))
                    {
                        errors.Add($"Crm:Salesforce:CertificatePath: no file at {s.CertificatePath}.");
                    }

                    if (!IsHttpUrl(s.LoginUrl))
                    {
                        errors.Add("Crm:Salesforce:LoginUrl must be an absolute http(s) URL.");
                    }
                }

                if (!decimal.TryParse(s.ApiVersion, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var version) || version < 59.0m)
                {
                    errors.Add($"Crm:Salesforce:ApiVersion must be 59.0 or later, not '{s.ApiVersion}'.");
                }

                break;
        }

        return errors;
    }

    private static bool IsHttpUrl(Uri? url) => url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);
}
