namespace SalesCoachBot.MicroBench.Before;

/// <summary>The removed hand-written form reader: compares names in place, decodes only the wanted values.</summary>
internal static class BeforeSlackForm
{
    /// <summary>
    /// The values of <paramref name="names"/> in a form body, as ASP.NET Core's query parser reads them.
    /// A field that is missing, empty or given more than once reads as null (Slack sends each field once).
    /// </summary>
    public static void Read(ReadOnlySpan<byte> body, ReadOnlySpan<string> names, Span<string?> values)
    {
        if (values.Length < names.Length)
        {
            throw new ArgumentException("One value slot per name.", nameof(values));
        }

        // Read as ParseQuery would (pairs split on '&', names before the first '=', '+' as space, %XX unescaped,
        // case-insensitive names), straight from the bytes: only the wanted values become strings.
        Span<int> seen = stackalloc int[names.Length];
        values[..names.Length].Clear();
        var rest = body.StartsWith("?"u8) ? body[1..] : body;
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'&');
            var pair = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 1)..];
            var split = pair.IndexOf((byte)'=');
            var name = split < 0 ? pair : pair[..split];
            if (name.IsEmpty)
            {
                continue;
            }

            // A name that is not plain ASCII (escaped, '+', non-ASCII) is decoded once and compared as text.
            var decodedName = name.IndexOfAnyExcept(PlainAscii) < 0 ? null : Decode(name);
            for (var i = 0; i < names.Length; i++)
            {
                if (decodedName is null ? System.Text.Ascii.EqualsIgnoreCase(name, names[i]) : decodedName.Equals(names[i], StringComparison.OrdinalIgnoreCase))
                {
                    var value = split < 0 ? [] : pair[(split + 1)..];
                    values[i] = ++seen[i] == 1 && !value.IsEmpty ? Decode(value) : null;
                }
            }
        }
    }

    private static string Decode(ReadOnlySpan<byte> encoded)
    {
        var text = System.Text.Encoding.UTF8.GetString(encoded);
        var spaced = encoded.Contains((byte)'+') ? text.Replace('+', ' ') : text;
        return encoded.Contains((byte)'%') ? Uri.UnescapeDataString(spaced) : spaced;
    }

    /// <summary>Bytes a form name can hold that decode to themselves: ASCII other than '%' and '+'.</summary>
    private static readonly System.Buffers.SearchValues<byte> PlainAscii = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0x20, 0x5F).Select(b => (byte)b).Where(b => b is not (byte)'%' and not (byte)'+')]);
}
