using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace SalesCoachBot.Testing;

/// <summary>
/// Golden JSON files: what the bot renders, kept in the repository where the peer checks (tests/peers) validate it with
/// Microsoft's and Slack's own tools. A test renders the JSON and compares it here; <c>UPDATE_GOLDENS=1</c> rewrites
/// the files instead, for a change that is meant (review the diff before committing it).
/// </summary>
public static class GoldenFile
{
    public const string UpdateVariable = "UPDATE_GOLDENS";

    private static readonly JsonSerializerOptions Shown = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Fails unless the file at <paramref name="path"/> holds the same JSON as <paramref name="actualJson"/>: the same
    /// values, whatever the whitespace, line endings, escaping or property order. With <c>UPDATE_GOLDENS=1</c> the file is
    /// written from <paramref name="actualJson"/> as given (with a final newline) and the test passes.
    /// </summary>
    public static void AssertMatches(string path, string actualJson)
    {
        var actual = Parse(actualJson, "the rendered JSON");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, actualJson.EndsWith('\n') ? actualJson : actualJson + "\n");
            return;
        }

        if (!File.Exists(path))
        {
            Assert.Fail($"Golden file {path} is missing. {HowToUpdate}");
        }

        var expected = Parse(File.ReadAllText(path), $"golden file {path}");
        if (FirstDifference(expected, actual, "$") is { } difference)
        {
            Assert.Fail($"Golden file {path} differs from the rendered JSON at {difference}. {HowToUpdate}");
        }
    }

    private const string HowToUpdate =
        "If the change is meant, run the tests with UPDATE_GOLDENS=1 (UPDATE_GOLDENS=1 dotnet test …) to rewrite the golden files, then review their diff.";

    private static JsonNode? Parse(string json, string what)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"{what} is not JSON: {ex.Message}", ex);
        }
    }

    /// <summary>Where the two trees first differ, as a JSON path with both sides, or null when they hold the same JSON.</summary>
    private static string? FirstDifference(JsonNode? expected, JsonNode? actual, string at)
    {
        switch (expected, actual)
        {
            case (null, null):
                return null;
            case (JsonObject e, JsonObject a):
                foreach (var (name, value) in e)
                {
                    if (!a.TryGetPropertyValue(name, out var other))
                    {
                        return $"{Member(at, name)}: the golden has {Show(value)}, the rendered JSON has no such property";
                    }

                    if (FirstDifference(value, other, Member(at, name)) is { } inner)
                    {
                        return inner;
                    }
                }

                var extra = a.Select(p => p.Key).FirstOrDefault(name => !e.ContainsKey(name));
                return extra is null ? null : $"{Member(at, extra)}: the rendered JSON has {Show(a[extra])}, the golden has no such property";
            case (JsonArray e, JsonArray a):
                for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
                {
                    if (FirstDifference(e[i], a[i], $"{at}[{i.ToString(CultureInfo.InvariantCulture)}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return e.Count == a.Count ? null : $"{at}: the golden has {e.Count} items, the rendered JSON {a.Count}";
            case (JsonValue, JsonValue) when JsonNode.DeepEquals(expected, actual):
                return null;
            default:
                return $"{at}: the golden has {Show(expected)}, the rendered JSON has {Show(actual)}";
        }
    }

    private static string Member(string at, string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? $"{at}.{name}" : $"{at}[{JsonSerializer.Serialize(name, Shown)}]";

    private static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString(Shown) ?? "null";
        return text.Length <= 200 ? text : text[..200] + "…";
    }
}
