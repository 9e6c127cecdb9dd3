using System.Text.Json;

namespace SalesCoachBot.Slack.Tests;

/// <summary>The documented Block Kit size limits, checked over rendered JSON (check.sh repeats this beside tsc).</summary>
internal static class BlockKitLimitCheck
{
    public static IReadOnlyList<string> Problems(JsonElement message)
    {
        var problems = new List<string>();
        if (!message.TryGetProperty("text", out var text) || string.IsNullOrWhiteSpace(text.GetString()))
        {
            problems.Add("no top-level text fallback");
        }

        var blocks = message.GetProperty("blocks");
        if (blocks.GetArrayLength() > 50)
        {
            problems.Add($"{blocks.GetArrayLength()} blocks > 50");
        }

        var blockIds = new HashSet<string>(StringComparer.Ordinal);
        Walk(blocks, "blocks", problems, blockIds);
        return problems;
    }

    /// <summary>An App Home view: <c>type: home</c>, at most 100 blocks, the same element limits as messages.</summary>
    public static IReadOnlyList<string> ViewProblems(JsonElement view)
    {
        var problems = new List<string>();
        if (!view.TryGetProperty("type", out var type) || type.GetString() != "home")
        {
            problems.Add("not a home view");
        }

        var blocks = view.GetProperty("blocks");
        if (blocks.GetArrayLength() > 100)
        {
            problems.Add($"{blocks.GetArrayLength()} blocks > 100");
        }

        Walk(blocks, "blocks", problems, new HashSet<string>(StringComparer.Ordinal));
        return problems;
    }

    private static void Walk(JsonElement e, string path, List<string> problems, HashSet<string> blockIds)
    {
        if (e.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in e.EnumerateArray())
            {
                Walk(item, $"{path}[{i++}]", problems, blockIds);
            }

            return;
        }

        if (e.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        void Max(string what, JsonElement? s, int n)
        {
            if (s is { ValueKind: JsonValueKind.String } v && v.GetString()!.Length > n)
            {
                problems.Add($"{path}.{what}: {v.GetString()!.Length} > {n}");
            }
        }

        void MaxItems(string what, int n)
        {
            if (e.TryGetProperty(what, out var a) && a.GetArrayLength() > n)
            {
                problems.Add($"{path}.{what}: {a.GetArrayLength()} items > {n}");
            }
        }

        JsonElement? Prop(string name) => e.TryGetProperty(name, out var v) ? v : null;
        JsonElement? TextOf(string name) => e.TryGetProperty(name, out var t) && t.TryGetProperty("text", out var s) ? s : null;

        if (Prop("block_id") is { } blockId)
        {
            Max("block_id", blockId, 255);
            if (!blockIds.Add(blockId.GetString()!))
            {
                problems.Add($"{path}: duplicate block_id");
            }
        }

        Max("action_id", Prop("action_id"), 255);
        var type = Prop("type")?.GetString();
        switch (type)
        {
            case "section":
                Max("text", TextOf("text"), 3000);
                MaxItems("fields", 10);
                if (e.TryGetProperty("fields", out var fields))
                {
                    foreach (var field in fields.EnumerateArray())
                    {
                        if (field.GetProperty("text").GetString()!.Length > 2000)
                        {
                            problems.Add($"{path}.fields: text > 2000");
                        }
                    }
                }

                break;
            case "header":
                Max("text", TextOf("text"), 150);
                break;
            case "actions":
                MaxItems("elements", 25);
                break;
            case "context":
                MaxItems("elements", 10);
                break;
            case "button":
                Max("text", TextOf("text"), 75);
                Max("value", Prop("value"), 2000);
                break;
            case "checkboxes":
                MaxItems("options", 10);
                foreach (var option in e.GetProperty("options").EnumerateArray())
                {
                    if (option.GetProperty("text").GetProperty("text").GetString()!.Length > 75 || option.GetProperty("value").GetString()!.Length > 75)
                    {
                        problems.Add($"{path}: option text or value > 75");
                    }
                }

                break;
        }

        foreach (var property in e.EnumerateObject())
        {
            if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                Walk(property.Value, $"{path}.{property.Name}", problems, blockIds);
            }
        }
    }
}
