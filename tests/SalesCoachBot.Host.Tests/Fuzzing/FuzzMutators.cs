using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SalesCoachBot.Host.Tests.Fuzzing;

/// <summary>Byte sequences that are not text: invalid UTF-8, and JSON escapes of lone UTF-16 surrogates.</summary>
internal static class BadText
{
    /// <summary>Raw bytes no UTF-8 decoder accepts (bad lead, truncated, overlong, an encoded surrogate, above U+10FFFF).</summary>
    public static readonly byte[][] RawUtf8 =
    [
        [0xFF],
        [0xC3, 0x28],
        [0xED, 0xA0, 0x80],
        [0xC0, 0xAF],
        [0xF4, 0x90, 0x80, 0x80],
        [0xE2, 0x82],
    ];

    /// <summary>JSON escapes that decode to invalid UTF-16 (lone surrogates).</summary>
    public static readonly string[] Escapes = [@"\ud800", @"\udfff", @"\ud83d\u0041", @"x\udc00"];

    /// <summary>The variants every field gets in the systematic pass: raw bytes and escapes.</summary>
    public static IEnumerable<(byte[] Bytes, string Name)> Systematic()
    {
        yield return (RawUtf8[0], "raw FF");
        yield return (RawUtf8[1], "raw C3 28");
        yield return (RawUtf8[2], "raw ED A0 80 (surrogate)");
        yield return (Encoding.ASCII.GetBytes(Escapes[0]), @"escape \ud800");
        yield return (Encoding.ASCII.GetBytes(Escapes[1]), @"escape \udfff");
    }

    /// <summary>Percent-encoded invalid UTF-8 and broken escapes, for form fields.</summary>
    public static readonly string[] Percent = ["%FF", "%C3%28", "%ED%A0%80", "%F4%90%80%80", "%E2%82", "%", "%4", "%zz", "%%41", "%u0041", "%00"];
}

/// <summary>Strings, numbers and shapes known to upset parsers, regexes, renderers and databases.</summary>
internal static class FuzzValues
{
    public static readonly string[] Commands =
    [
        "what's next for initech", "whats nxt for acme corp", "next #1002", "next 99999999999999999999", "done demo held for 1002",
        "done demo script mapped and gaps recorded for initech", "done 1 and 2 and 3 for #1002", "undo demo-held for 1002",
        "link this chat to initech", "unlink", "what's next", "my deals", "stalled", "stalled EMEA", "stalled narnia",
        "explain SQL", "what happens in demo", "initech said no", "#1004 said no", "mark 1003 lost because price",
        "mark northwind lost because", "move 1002 to proposal because the buyer asked", "move 1002 to nowhere because x",
        "pipeline", "pipeline EMEA last 30 days", "pipeline last 99999999999 days", "pipeline last -5 days",
        "what do we need to hit 2M", "reverse funnel 500k", "reverse funnel 99999999999999999999999999999k", "reverse funnel 0",
        "use this channel for EMEA nudges", "use this channel for narnia nudges", "help", "public", "next acme public", "",
    ];

    public static readonly string[] Strings =
    [
        "", " ", "\t\r\n", "\0", "\u0001\u001f", "\u007f", "\uFEFF", "\u202Ehello\u202C", "\u200B\u200D", "👍🏽🇩🇪", "e\u0301\u0301\u0301",
        "<at>Sales Coach</at> help", "<at></at>", "<at>", "</at>", "<@U0DEMO> next initech", "<@U0BOT|bot> help", "<!channel> <!here>",
        "<https://evil.test|Click>", "*bold* _it_ `code` ```block```", "[link](https://evil.test)", "&amp;&lt;&gt;&#0;&#xD800;&#1114112;",
        "%", "%00", "%FF", "+", "a=b&c=d", "../../etc/passwd", "'; DROP TABLE deals; --", "null", "true", "0", "-1", "1e309",
        "NaN", "{}", "[]", "{\"kind\":\"confirm\"}", "T0FUZZ", "U0DEMO", "C0FUZZ", "https://smba.fuzz.test/amer/",
        "http://127.0.0.1:1/", "ftp://x", "javascript:alert(1)", "msteams", "directline", "message", "invoke", "adaptiveCard/action",
        "confirm", "checklist", "undo", "snooze", "command", "block_actions", "view_submission", "event_callback", "url_verification",
        "app_mention", "message.im", "im", "channel", "personal", "groupChat", "coach-confirm", "coach-button-0", "coach-tick-0",
        "coach-checklist-0", "disconnect", "hello", "events_api", "slash_commands", "interactive", "/coach", "tenant-1", "other-tenant",
        new string('a', 3001), new string('ж', 2000), string.Concat(Enumerable.Repeat("<at>x</at>", 500)),
    ];

    public static readonly string[] RawNumbers =
    [
        "0", "-0", "1", "-1", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "1.5", "1e308", "1e309", "-1e309", "1e-400", "123456789012345678901234567890", "0.0000000000000000000001",
    ];

    /// <summary>Raw text that is not a JSON value, or is one only at the edge of what parsers take.</summary>
    public static readonly string[] RawJunk = ["NaN", "Infinity", "undefined", "'single'", "0x10", "01", "+1", ".5", "1.", "tru", "nul", "\"unterminated", "[1,]", "{\"a\":1,}", "/* c */1", "{", "]"];

    public static readonly string[] MemberNames =
    [
        "type", "text", "value", "channelData", "verb", "data", "action", "kind", "deal", "stage", "stageVersion", "item", "days", "tenant", "id",
        "aadObjectId", "serviceUrl", "conversation", "conversationType", "tenantId", "from", "recipient", "name", "membersAdded",
        "membersRemoved", "attachments", "replyToId", "envelope_id", "payload", "accepts_response_payload", "retry_attempt", "event",
        "event_id", "team_id", "api_app_id", "authorizations", "actions", "action_id", "block_id", "selected_options", "user", "team",
        "channel", "container", "state", "values", "response_url", "challenge", "view", "tokens", "bot", "subtype", "bot_id", "__proto__", "",
    ];

    /// <summary>A long string of one repeated piece (mention-stripping and parsing worst cases).</summary>
    public static string Huge(Random random)
    {
        string[] pieces = ["a", "<at>", "<at>x</at> ", "ж", "👍", " ", "<@U0DEMO>", "&amp;", "\\", "done a and "];
        var piece = pieces[random.Next(pieces.Length)];
        int[] lengths = [5_000, 40_000, 70_000, 240_000, 300_000];
        var length = lengths[random.Next(lengths.Length)];
        return new StringBuilder(length + piece.Length).Insert(0, piece, (length / piece.Length) + 1).ToString(0, length);
    }

    /// <summary>Arrays or objects nested <paramref name="depth"/> deep, as raw JSON.</summary>
    public static string Nested(int depth, bool objects) =>
        objects
            ? string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)
            : new string('[', depth) + new string(']', depth);
}

/// <summary>
/// Tokens left in a serialised document that are swapped for bytes afterwards: the only way to put invalid UTF-8,
/// lone-surrogate escapes, duplicate keys, deep nesting or non-JSON into JSON built with <see cref="JsonNode"/>.
/// </summary>
internal sealed class Splices
{
    private readonly List<(string Token, byte[] Bytes, bool Quoted)> items = [];

    /// <summary>A token to place inside a string; it becomes <paramref name="bytes"/> within the quotes.</summary>
    public string Inside(byte[] bytes)
    {
        var token = $"FZ{items.Count}QZ";
        items.Add((token, bytes, false));
        return token;
    }

    /// <summary>A string value (or member name) that becomes <paramref name="raw"/>, quotes included.</summary>
    public string Whole(string raw)
    {
        var token = $"FZ{items.Count}WZ";
        items.Add((token, Encoding.UTF8.GetBytes(raw), true));
        return token;
    }

    public byte[] Apply(byte[] json)
    {
        var result = json;
        foreach (var (token, bytes, quoted) in items)
        {
            var find = Encoding.ASCII.GetBytes(quoted ? $"\"{token}\"" : token);
            result = Replace(result, find, bytes);
        }

        return result;
    }

    private static byte[] Replace(byte[] source, byte[] find, byte[] with)
    {
        var output = new List<byte>(source.Length + with.Length);
        var span = source.AsSpan();
        while (true)
        {
            var at = span.IndexOf(find);
            if (at < 0)
            {
                output.AddRange(span);
                return [.. output];
            }

            output.AddRange(span[..at]);
            output.AddRange(with);
            span = span[(at + find.Length)..];
        }
    }
}

/// <summary>Mutations of JSON documents (tree level, then optionally byte level).</summary>
internal static class JsonFuzz
{
    private static readonly JsonSerializerOptions Write = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One slot of a document: a member value, an array element, or a member name.</summary>
    private sealed record Slot(JsonNode Parent, string? Member, int Index, bool IsName);

    public static byte[] Serialize(JsonNode node, Splices splices) => splices.Apply(Encoding.UTF8.GetBytes(node.ToJsonString(Write)));

    /// <summary>
    /// "Invalid UTF-8 in every field": one document per string value and member name of the seed and bad sequence.
    /// Each document is made afresh with the next number (<paramref name="next"/>), so ids that must not repeat don't.
    /// </summary>
    public static IEnumerable<(byte[] Body, string Description)> EveryField(Func<int, JsonNode> seed, Func<int> next)
    {
        var count = Slots(seed(0)).Count;
        for (var i = 0; i < count; i++)
        {
            foreach (var (bad, name) in BadText.Systematic())
            {
                var copy = seed(next());
                var slot = Slots(copy)[i];
                var splices = new Splices();
                var token = splices.Inside(bad);
                string where;
                if (slot.IsName)
                {
                    var obj = (JsonObject)slot.Parent;
                    var value = obj[slot.Member!]?.DeepClone();
                    obj.Remove(slot.Member!);
                    obj[slot.Member + token] = value;
                    where = $"name {slot.Member}";
                }
                else
                {
                    var current = Get(slot);
                    var text = current is JsonValue v && v.TryGetValue<string>(out var s) ? s : current?.ToJsonString() ?? string.Empty;
                    Set(slot, JsonValue.Create(text[..(text.Length / 2)] + token + text[(text.Length / 2)..]));
                    where = $"value {Path(slot)}";
                }

                yield return (Serialize(copy, splices), $"{name} in {where}");
            }
        }
    }

    /// <summary>1–3 tree mutations, then (sometimes) byte mutations.</summary>
    public static (byte[] Body, string Description) Mutate(JsonNode seed, Random random, IReadOnlyList<JsonNode> others)
    {
        var doc = seed.DeepClone();
        var splices = new Splices();
        var ops = new List<string>();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            ops.Add(MutateTree(doc, random, splices, others));
        }

        var body = Serialize(doc, splices);
        if (random.Next(4) == 0)
        {
            (body, var what) = Bytes.Mutate(body, random);
            ops.Add(what);
        }

        return (body, string.Join(", ", ops));
    }

    private static string MutateTree(JsonNode doc, Random random, Splices splices, IReadOnlyList<JsonNode> others)
    {
        var slots = Slots(doc, includeContainers: true);
        if (slots.Count == 0)
        {
            return "no slots";
        }

        var slot = slots[random.Next(slots.Count)];
        switch (random.Next(10))
        {
            case 0 when slot.Member is not null && !slot.IsName:
                ((JsonObject)slot.Parent).Remove(slot.Member);
                return $"remove {Path(slot)}";
            case 1 when slot.Parent is JsonObject obj:
                var name = FuzzValues.MemberNames[random.Next(FuzzValues.MemberNames.Length)];
                if (random.Next(3) == 0 && obj.Count > 0)
                {
                    // A duplicate key: a placeholder member renamed to an existing one after serialisation.
                    var existing = obj.ElementAt(random.Next(obj.Count)).Key;
                    obj[splices.Whole(JsonSerializer.Serialize(existing))] = Value(random, splices, others);
                    return $"duplicate key {existing}";
                }

                obj[name] = Value(random, splices, others);
                return $"add {name}";
            case 2 when slot.IsName:
                var owner = (JsonObject)slot.Parent;
                var moved = owner[slot.Member!]?.DeepClone();
                owner.Remove(slot.Member!);
                var bad = random.Next(2) == 0 ? BadText.RawUtf8[random.Next(BadText.RawUtf8.Length)] : Encoding.ASCII.GetBytes(BadText.Escapes[random.Next(BadText.Escapes.Length)]);
                owner[slot.Member + splices.Inside(bad)] = moved;
                return $"bad name {slot.Member}";
            default:
                if (slot.IsName)
                {
                    return "kept name";
                }

                var value = Value(random, splices, others);
                Set(slot, value);
                return $"set {Path(slot)}";
        }
    }

    /// <summary>A replacement value: hostile strings, numbers, shapes, deep nesting or another document's part.</summary>
    private static JsonNode? Value(Random random, Splices splices, IReadOnlyList<JsonNode> others)
    {
        switch (random.Next(14))
        {
            case 0:
            case 1:
                return JsonValue.Create(FuzzValues.Strings[random.Next(FuzzValues.Strings.Length)]);
            case 2:
                return JsonValue.Create(FuzzValues.Commands[random.Next(FuzzValues.Commands.Length)]);
            case 3:
                var bad = BadText.RawUtf8[random.Next(BadText.RawUtf8.Length)];
                return JsonValue.Create("x" + splices.Inside(bad) + "y");
            case 4:
                return JsonValue.Create(splices.Inside(Encoding.ASCII.GetBytes(BadText.Escapes[random.Next(BadText.Escapes.Length)])));
            case 5:
                return JsonValue.Create(FuzzValues.Huge(random));
            case 6:
                return JsonValue.Create(splices.Whole(FuzzValues.RawNumbers[random.Next(FuzzValues.RawNumbers.Length)]));
            case 7:
                int[] depths = [63, 64, 65, 200, 5_000];
                return JsonValue.Create(splices.Whole(FuzzValues.Nested(depths[random.Next(depths.Length)], random.Next(2) == 0)));
            case 8:
                return random.Next(3) switch { 0 => JsonValue.Create(true), 1 => JsonValue.Create(false), _ => null };
            case 9:
                return random.Next(2) == 0 ? new JsonObject() : new JsonArray();
            case 10:
                return JsonValue.Create(splices.Whole(FuzzValues.RawJunk[random.Next(FuzzValues.RawJunk.Length)]));
            case 11:
                // Many elements: parsers, dictionaries and limits on counts.
                return JsonValue.Create(splices.Whole("[" + string.Join(",", Enumerable.Repeat("{\"value\":\"x\"}", random.Next(100, 5_000))) + "]"));
            default:
                var other = others[random.Next(others.Count)];
                var parts = Slots(other, includeContainers: true).Where(s => !s.IsName).ToList();
                return parts.Count == 0 ? other.DeepClone() : Get(parts[random.Next(parts.Count)])?.DeepClone();
        }
    }

    private static List<Slot> Slots(JsonNode root, bool includeContainers = false)
    {
        var slots = new List<Slot>();
        void Walk(JsonNode node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, child) in obj.ToList())
                    {
                        slots.Add(new Slot(obj, key, -1, IsName: true));
                        if (child is null || child is JsonValue || includeContainers)
                        {
                            slots.Add(new Slot(obj, key, -1, IsName: false));
                        }

                        if (child is not null and not JsonValue)
                        {
                            Walk(child);
                        }
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        var child = array[i];
                        if (child is null || child is JsonValue || includeContainers)
                        {
                            slots.Add(new Slot(array, null, i, IsName: false));
                        }

                        if (child is not null and not JsonValue)
                        {
                            Walk(child);
                        }
                    }

                    break;
            }
        }

        Walk(root);
        return slots;
    }

    private static JsonNode? Get(Slot slot) => slot.Member is not null ? ((JsonObject)slot.Parent)[slot.Member] : ((JsonArray)slot.Parent)[slot.Index];

    private static void Set(Slot slot, JsonNode? value)
    {
        if (slot.Member is not null)
        {
            ((JsonObject)slot.Parent)[slot.Member] = value;
        }
        else
        {
            ((JsonArray)slot.Parent)[slot.Index] = value;
        }
    }

    private static string Path(Slot slot) => slot.Parent.GetPath() + (slot.Member is not null ? "." + slot.Member : $"[{slot.Index}]");
}

/// <summary>Byte-level mutations: what a broken proxy, a truncated upload or a hostile client produces.</summary>
internal static class Bytes
{
    public static (byte[] Body, string Description) Mutate(byte[] body, Random random)
    {
        var data = new List<byte>(body);
        var ops = new List<string>();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var at = data.Count == 0 ? 0 : random.Next(data.Count);
            switch (random.Next(8))
            {
                case 0 when data.Count > 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    ops.Add($"flip bit at {at}");
                    break;
                case 1 when data.Count > 0:
                    data[at] = (byte)random.Next(256);
                    ops.Add($"set byte at {at}");
                    break;
                case 2:
                    data.InsertRange(at, BadText.RawUtf8[random.Next(BadText.RawUtf8.Length)]);
                    ops.Add($"insert invalid UTF-8 at {at}");
                    break;
                case 3:
                    const string syntax = "{}[]\":,\\\0";
                    data.Insert(at, (byte)syntax[random.Next(syntax.Length)]);
                    ops.Add($"insert syntax at {at}");
                    break;
                case 4 when data.Count > 0:
                    var length = Math.Min(random.Next(1, 64), data.Count - at);
                    data.RemoveRange(at, length);
                    ops.Add($"delete {length} at {at}");
                    break;
                case 5 when data.Count > 0:
                    var copy = data.GetRange(at, Math.Min(random.Next(1, 256), data.Count - at));
                    data.InsertRange(random.Next(data.Count), copy);
                    ops.Add($"duplicate {copy.Count} from {at}");
                    break;
                case 6 when data.Count > 0:
                    data.RemoveRange(at, data.Count - at);
                    ops.Add($"truncate at {at}");
                    break;
                default:
                    var junk = new byte[random.Next(1, 32)];
                    random.NextBytes(junk);
                    data.AddRange(junk);
                    ops.Add($"append {junk.Length} random bytes");
                    break;
            }
        }

        return ([.. data], string.Join(", ", ops));
    }
}

/// <summary>A form body (<c>application/x-www-form-urlencoded</c>) as fields of already-encoded bytes, and its mutations.</summary>
internal static class FormFuzz
{
    public sealed record Field(byte[] Name, byte[] Value);

    public static List<Field> Fields(IEnumerable<KeyValuePair<string, string>> form) =>
        [.. form.Select(kv => new Field(Encode(kv.Key), Encode(kv.Value)))];

    public static byte[] Body(IReadOnlyList<Field> fields)
    {
        var body = new List<byte>();
        foreach (var field in fields)
        {
            if (body.Count > 0)
            {
                body.Add((byte)'&');
            }

            body.AddRange(field.Name);
            body.Add((byte)'=');
            body.AddRange(field.Value);
        }

        return [.. body];
    }

    /// <summary>Percent-encodes bytes as a form would (anything but unreserved characters).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> raw)
    {
        var output = new List<byte>(raw.Length * 3);
        foreach (var b in raw)
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                output.Add(b);
            }
            else
            {
                output.AddRange(Encoding.ASCII.GetBytes($"%{b:X2}"));
            }
        }

        return [.. output];
    }

    public static byte[] Encode(string text) => Encode(Encoding.UTF8.GetBytes(text));

    /// <summary>"Invalid UTF-8 in every field": each field's value (and name) with each bad sequence, percent-encoded and raw.</summary>
    public static IEnumerable<(byte[] Body, string Description)> EveryField(IReadOnlyList<Field> seed)
    {
        for (var i = 0; i < seed.Count; i++)
        {
            foreach (var percent in BadText.Percent.Take(5))
            {
                yield return (Body(With(seed, i, seed[i] with { Value = [.. seed[i].Value, .. Encoding.ASCII.GetBytes(percent)] })), $"{percent} in {Name(seed[i])}");
            }

            yield return (Body(With(seed, i, seed[i] with { Value = [.. seed[i].Value, .. BadText.RawUtf8[0]] })), $"raw FF in {Name(seed[i])}");
            yield return (Body(With(seed, i, seed[i] with { Name = [.. seed[i].Name, .. "%FF"u8] })), $"%FF in name {Name(seed[i])}");
        }
    }

    public static (byte[] Body, string Description) Mutate(IReadOnlyList<Field> seed, Random random, Func<Random, (byte[] Value, string What)>? special = null)
    {
        var fields = seed.ToList();
        var ops = new List<string>();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var i = random.Next(fields.Count);
            var field = fields[i];
            switch (random.Next(12))
            {
                case 0:
                    fields.RemoveAt(i);
                    ops.Add($"remove {Name(field)}");
                    break;
                case 1:
                    fields.Insert(random.Next(fields.Count + 1), field with { Value = Encode(FuzzValues.Strings[random.Next(FuzzValues.Strings.Length)]) });
                    ops.Add($"duplicate {Name(field)}");
                    break;
                case 2:
                    fields[i] = field with { Value = [.. field.Value, .. Encoding.ASCII.GetBytes(BadText.Percent[random.Next(BadText.Percent.Length)])] };
                    ops.Add($"bad escape in {Name(field)}");
                    break;
                case 3:
                    fields[i] = field with { Value = [.. field.Value, .. BadText.RawUtf8[random.Next(BadText.RawUtf8.Length)]] };
                    ops.Add($"raw invalid UTF-8 in {Name(field)}");
                    break;
                case 4:
                    fields[i] = field with { Value = Encode(FuzzValues.Huge(random)) };
                    ops.Add($"huge {Name(field)}");
                    break;
                case 5:
                    fields[i] = field with { Name = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(field.Name).ToUpperInvariant()) };
                    ops.Add($"upper-case name {Name(field)}");
                    break;
                case 6:
                    fields[i] = field with { Value = Encoding.UTF8.GetBytes(FuzzValues.Strings[random.Next(FuzzValues.Strings.Length)]) };
                    ops.Add($"unencoded value in {Name(field)}");
                    break;
                case 7:
                    fields[i] = field with { Value = [] };
                    ops.Add($"empty {Name(field)}");
                    break;
                case 8 when special is not null:
                    var (value, what) = special(random);
                    fields[i] = field with { Value = value };
                    ops.Add($"{what} in {Name(field)}");
                    break;
                default:
                    fields[i] = field with { Value = Encode(FuzzValues.Strings[random.Next(FuzzValues.Strings.Length)]) };
                    ops.Add($"set {Name(field)}");
                    break;
            }

            if (fields.Count == 0)
            {
                fields.Add(new Field([], []));
            }
        }

        var body = Body(fields);
        if (random.Next(6) == 0)
        {
            (body, var what) = Bytes.Mutate(body, random);
            ops.Add(what);
        }

        return (body, string.Join(", ", ops));
    }

    private static List<Field> With(IReadOnlyList<Field> fields, int index, Field replacement)
    {
        var copy = fields.ToList();
        copy[index] = replacement;
        return copy;
    }

    private static string Name(Field field) => Encoding.UTF8.GetString(field.Name);
}
