namespace SalesCoachBot.Core.Coaching;

/// <summary>
/// Configuration section <c>Crm</c>: which CRM, if any, manages the deals. With none (the default) deals are created
/// in chat ("new deal Contoso 50k EUR") and by CSV import; with a CRM they come from it, and chat refuses to create them
/// so the two never disagree.
/// </summary>
public sealed class CrmOptions
{
    public const string SectionName = "Crm";

    /// <summary>The value of <see cref="Provider"/> that means no CRM.</summary>
    public const string None = "none";

    /// <summary>Every accepted <c>Crm:Provider</c>, case-insensitive.</summary>
    public static readonly IReadOnlyList<string> Providers = [None, "hubspot", "salesforce", "pipedrive", "dynamics"];

    /// <summary><c>Crm:Provider</c>: <c>none</c> (default), <c>hubspot</c>, <c>salesforce</c>, <c>pipedrive</c> or <c>dynamics</c>.</summary>
    public string Provider { get; set; } = None;

    public bool IsKnownProvider => Providers.Contains(Provider.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>True when a CRM is the source of deals, so deals are not created in chat.</summary>
    public bool ManagesDeals => !string.Equals(Provider.Trim(), None, StringComparison.OrdinalIgnoreCase);

    /// <summary>The CRM's name as people know it ("HubSpot"), for answers.</summary>
    public string DisplayName => Provider.Trim().ToLowerInvariant() switch
    {
        "hubspot" => "HubSpot",
        "salesforce" => "Salesforce",
        "pipedrive" => "Pipedrive",
        "dynamics" => "Dynamics 365",
        var other => other,
    };
}
