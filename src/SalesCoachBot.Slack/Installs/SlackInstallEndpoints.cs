using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Slack.WebApi;
using SalesCoachBot.Slack.Workspaces;

namespace SalesCoachBot.Slack.Installs;

/// <summary>
/// <c>GET /slack/install</c> → Slack's authorize page with the manifest's scopes and a signed state (plus its cookie);
/// <c>GET /slack/oauth_redirect</c> → state and cookie checked, code exchanged with <c>oauth.v2.access</c>, bot token
/// stored encrypted. Every failure is a short polite page; nothing is stored unless everything checked out, the
/// workspace included (<see cref="SlackWorkspaceGate"/>).
/// </summary>
internal sealed class SlackInstallEndpoints(
    OAuthStateSigner states,
    ISlackApiClient api,
    SlackInstallations installations,
    SlackWorkspaceGate gate,
    IOptions<SlackOptions> options,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<SlackInstallEndpoints> logger)
{
    public const string RedirectPath = "/slack/oauth_redirect";

    public IResult Install(HttpContext http)
    {
        var settings = options.Value;
        var (state, nonce, expires) = states.Issue();
        http.Response.Cookies.Append(OAuthStateSigner.CookieName, nonce, new CookieOptions
        {
            HttpOnly = true,
            Secure = SecureCookie(http),
            SameSite = SameSiteMode.Lax,
            Path = "/slack",
            Expires = expires,
        });

        var query = new Dictionary<string, string?>
        {
            ["client_id"] = settings.ClientId,
            ["scope"] = string.Join(',', SlackAppRequirements.BotScopes.Keys),
            ["state"] = state,
        };
        if (RedirectUri() is { } redirect)
        {
            query["redirect_uri"] = redirect;
        }

        return Results.Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(settings.AuthorizeUrl.ToString(), query));
    }

    public async Task<IResult> RedirectAsync(HttpContext http)
    {
        var request = http.Request.Query;
        var cookie = http.Request.Cookies[OAuthStateSigner.CookieName];
        http.Response.Cookies.Delete(OAuthStateSigner.CookieName, new CookieOptions { Path = "/slack", Secure = SecureCookie(http), HttpOnly = true });

        if (request["error"] is { Count: > 0 } error)
        {
            SlackLog.InstallRefused(logger, error == "access_denied" ? "the person cancelled on Slack's page" : "Slack answered an error");
            return Page(StatusCodes.Status200OK, "Installation cancelled",
                "SalesCoachBot was not added to your Slack workspace. You can start again from the install link at any time.");
        }

        var check = states.Redeem(request["state"], cookie);
        if (check != OAuthStateCheck.Valid)
        {
            SlackLog.InstallRefused(logger, $"state {check}");
            return Page(StatusCodes.Status400BadRequest, "This install link has expired",
                "For your security each install link works once, for ten minutes, in the browser that opened it. Please start again from the install link.");
        }

        if (request["code"] is not { Count: 1 } code || string.IsNullOrEmpty(code[0]) || code[0]!.Length > 512)
        {
            SlackLog.InstallRefused(logger, "no code");
            return Page(StatusCodes.Status400BadRequest, "Installation not finished", "Slack did not send an authorization code. Please start again from the install link.");
        }

        List<KeyValuePair<string, string>> grant = [new("code", code[0]!)];
        if (RedirectUri() is { } redirect)
        {
            grant.Add(new("redirect_uri", redirect));
        }

        var access = await api.OAuthAccessAsync(grant, http.RequestAborted).ConfigureAwait(false);
        var (installation, allowed) = access.Ok
            ? await installations.SaveAsync(access.Value!, gate.MayInstallAsync, http.RequestAborted).ConfigureAwait(false)
            : (null, true);
        if (!allowed)
        {
            SlackLog.InstallRefused(logger, $"workspace {access.Value!.Team?.Id ?? "?"} / {access.Value.Enterprise?.Id ?? "-"} is not an allowed workspace");
            return Page(StatusCodes.Status403Forbidden, "Not available for this workspace",
                "SalesCoachBot works only in the Slack workspaces of the organisation that runs it, so nothing was installed here. If this is your organisation's workspace, ask your SalesCoachBot admin to allow it.");
        }

        if (installation is null)
        {
            SlackLog.InstallRefused(logger, $"oauth.v2.access: {access.Error ?? "not a bot installation"}");
            return Page(StatusCodes.Status400BadRequest, "Installation not finished",
                "Slack did not confirm the installation. Please start again from the install link; if it keeps failing, ask your SalesCoachBot admin.");
        }

        return Page(StatusCodes.Status200OK, "SalesCoachBot is installed",
            $"SalesCoachBot now works in {installation.TeamName ?? "your workspace"}. Try /coach help in any channel, or open the app's Home tab.");
    }

    /// <summary>Outside Development the host sits behind HTTPS (docs/slack.md), so the cookie never travels in the clear, whatever the last hop was.</summary>
    private bool SecureCookie(HttpContext http) => http.Request.IsHttps || !environment.IsDevelopment();

    private string? RedirectUri() =>
        configuration["PublicBaseUrl"] is { Length: > 0 } baseUrl && Uri.TryCreate(baseUrl.TrimEnd('/') + RedirectPath, UriKind.Absolute, out var uri)
            ? uri.ToString()
            : null;

    private static IResult Page(int status, string title, string message)
    {
        var html = $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{HtmlEncoder.Default.Encode(title)}</title></head>" +
                   $"<body><h1>{HtmlEncoder.Default.Encode(title)}</h1><p>{HtmlEncoder.Default.Encode(message)}</p></body></html>";
        return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }
}
