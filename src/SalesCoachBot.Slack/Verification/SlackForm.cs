using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace SalesCoachBot.Slack.Verification;

/// <summary>Content-type checks, and form fields read with ASP.NET Core's form pair reader.</summary>
internal static class SlackForm
{
    public static bool IsForm(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    public static bool IsJson(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The values of <paramref name="names"/> (case-insensitive) in a form body, split and decoded by
    /// <see cref="QueryStringEnumerable"/>, the reader under <see cref="QueryHelpers.ParseQuery(string)"/>; only the
    /// wanted values become strings. A field that is missing, empty or given more than once reads as null (Slack
    /// sends each field once).
    /// </summary>
    public static string?[] Read(ReadOnlySpan<byte> body, params ReadOnlySpan<string> names)
    {
        var values = new string?[names.Length];
        Span<int> seen = stackalloc int[names.Length];
        foreach (var pair in new QueryStringEnumerable(Encoding.UTF8.GetString(body)))
        {
            var name = pair.DecodeName().Span;
            for (var i = 0; i < names.Length; i++)
            {
                if (name.Equals(names[i], StringComparison.OrdinalIgnoreCase))
                {
                    var value = pair.DecodeValue();
                    values[i] = ++seen[i] == 1 && !value.IsEmpty ? value.ToString() : null;
                }
            }
        }

        return values;
    }
}
