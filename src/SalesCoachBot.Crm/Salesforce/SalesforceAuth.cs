using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SalesCoachBot.Core.Crm;

namespace SalesCoachBot.Crm.Salesforce;

/// <summary>A Salesforce access token and the org's instance URL (from the token response, or configured).</summary>
internal sealed record SalesforceSession(Uri InstanceUrl, string AccessToken, bool Renewable);

/// <summary>
/// Signs in to Salesforce with the configured flow and keeps the session: the OAuth 2.0 JWT bearer flow (a JWT signed
/// RS256 with the connected app's certificate: iss = consumer key, sub = username, aud = the login host, 3 minutes),
/// the client-credentials flow, or a fixed instance URL + token. Salesforce's token response has no expiry, so a
/// session is used until an API call answers 401, then renewed once (<see cref="RenewAsync"/>).
/// </summary>
internal sealed class SalesforceAuth(HttpClient http, IOptions<CrmSettings> options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SalesforceSession? _session;

    private SalesforceSettings Settings => options.Value.Salesforce;

    public async Task<SalesforceSession> GetAsync(CancellationToken cancellationToken)
    {
        if (_session is { } session)
        {
            return session;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _session ??= await SignInAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The API refused <paramref name="stale"/>: a new session, or <see cref="CrmAuthException"/> when the token is fixed.</summary>
    public async Task<SalesforceSession> RenewAsync(SalesforceSession stale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stale);
        if (!stale.Renewable)
        {
            throw new CrmAuthException("Salesforce answered 401 to the configured Crm:Salesforce:AccessToken: it is expired or revoked");
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_session is { } current && !ReferenceEquals(current, stale))
            {
                return current;   // another call renewed it meanwhile
            }

            _session = null;
            return _session = await SignInAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<SalesforceSession> SignInAsync(CancellationToken cancellationToken)
    {
        var s = Settings;
        if (s.Flow == SalesforceFlow.FixedToken)
        {
            return new SalesforceSession(s.InstanceUrl!, s.AccessToken!, Renewable: false);
        }

        var form = s.Flow == SalesforceFlow.JwtBearer
            ? new Dictionary<string, string> { ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer", ["assertion"] = Assertion(s) }
            : new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = s.ClientId!, ["client_secret"] = s.ClientSecret! };
        var flow = s.Flow == SalesforceFlow.JwtBearer ? "JWT bearer" : "client-credentials";
        var endpoint = new Uri(s.LoginUrl, "/services/oauth2/token");
        HttpResponseMessage response;
        try
        {
            using var content = new FormUrlEncodedContent(form);
            response = await http.PostAsync(endpoint, content, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CrmUnavailableException($"Salesforce sign-in at {s.LoginUrl} unreachable: {e.Message}", e);
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                var error = await ReadAsync(response, SalesforceJson.Default.SfOAuthError, cancellationToken);
                throw new CrmAuthException(
                    $"Salesforce refused the {flow} sign-in ({error?.Error ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)}: {error?.Description ?? "no description"})");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new CrmUnavailableException($"Salesforce sign-in answered {(int)response.StatusCode}");
            }

            var token = await ReadAsync(response, SalesforceJson.Default.SfToken, cancellationToken);
            if (token?.AccessToken is not { Length: > 0 } accessToken
                || !Uri.TryCreate(token.InstanceUrl, UriKind.Absolute, out var instance))
            {
                throw new CrmUnavailableException("Salesforce's token response had no access_token or instance_url");
            }

            return new SalesforceSession(instance, accessToken, Renewable: true);
        }
    }

    private string Assertion(SalesforceSettings s)
    {
        using var certificate = SalesforceCertificate.Load(s.CertificatePath!, s.CertificatePassword);
        var now = time.GetUtcNow().UtcDateTime;
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = s.ClientId,
            Audience = Audience(s.LoginUrl),
            Claims = new Dictionary<string, object> { ["sub"] = s.Username! },
            Expires = now.AddMinutes(3),
            SigningCredentials = new SigningCredentials(new X509SecurityKey(certificate), SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>
    /// Salesforce wants aud = https://login.salesforce.com, or https://test.salesforce.com for sandboxes, also when the
    /// token is asked at a My Domain URL. Another host (a test double) gets its own origin.
    /// </summary>
    internal static string Audience(Uri loginUrl)
    {
        ArgumentNullException.ThrowIfNull(loginUrl);
        var host = loginUrl.Host;
        if (host.EndsWith(".salesforce.com", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".force.com", StringComparison.OrdinalIgnoreCase))
        {
            return host.Equals("test.salesforce.com", StringComparison.OrdinalIgnoreCase) || host.Contains(".sandbox.", StringComparison.OrdinalIgnoreCase)
                ? "https://test.salesforce.com"
                : "https://login.salesforce.com";
        }

        return loginUrl.GetLeftPart(UriPartial.Authority);
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return default;
        }
    }
}
