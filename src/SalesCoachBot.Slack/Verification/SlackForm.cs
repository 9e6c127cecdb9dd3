using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace SalesCoachBot.Slack.Verification;

/// <summary>Content-type checks, and form bodies read with ASP.NET Core's parser.</summary>
internal static class SlackForm
{
    public static bool IsForm(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    public static bool IsJson(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The fields of a form body (names case-insensitive), as <see cref="QueryHelpers.ParseQuery"/> reads them.</summary>
    public static Dictionary<string, StringValues> Parse(ReadOnlySpan<byte> body) =>
        QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));

    /// <summary>A field's value; null when it is missing, empty or given more than once (Slack sends each field once).</summary>
    public static string? Field(this Dictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var values) && values.Count == 1 && values[0] is { Length: > 0 } value ? value : null;
}
