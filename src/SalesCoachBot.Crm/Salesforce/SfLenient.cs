using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SalesCoachBot.Crm.Salesforce;

// Converters for the typed Opportunity and OpportunityHistory records (ADR 0025). Each reads a value of the expected JSON
// type and anything else as null, as the JsonElement reading they replaced did (a record Salesforce sends with a
// strange field is still applied, not the whole page refused).

internal static class SfLenient
{
    /// <summary>
    /// Steps over a value of another type. <c>Skip</c> throws on a reader that is not at its final block (a page read as
    /// it streams in), whatever the token; the serializer has buffered a whole value before it calls a converter, so
    /// <c>TrySkip</c> on an object or array always succeeds, and a scalar needs no skipping.
    /// </summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
        {
            throw new JsonException("a Salesforce field's value did not arrive whole");
        }
    }
}

internal sealed class SfLenientString : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        SfLenient.SkipValue(ref reader);
        return null;
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}

internal sealed class SfLenientDecimal : JsonConverter<decimal?>
{
    public override bool HandleNull => true;

    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            // 1E+30 is a number, too large for a decimal: read as one too large for a deal, not as no amount.
            return reader.TryGetDecimal(out var value) ? value : reader.TryGetDouble(out var huge) ? CrmAmounts.Beyond(huge) : null;
        }

        SfLenient.SkipValue(ref reader);
        return null;
    }

    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

internal sealed class SfLenientBool : JsonConverter<bool?>
{
    public override bool HandleNull => true;

    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            default:
                SfLenient.SkipValue(ref reader);
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteBooleanValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>
/// Salesforce datetimes ("2026-12-03T08:15:27.000+0000") and dates ("2026-12-31") read straight from the UTF-8 bytes
/// (no string, no culture-aware parse: 11 of them per deal on a first sync); any other shape goes through
/// <see cref="SalesforceConnector.Date"/>, which gives the same value for these.
/// </summary>
internal sealed class SfLenientDate : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

    internal static DateTimeOffset? ReadValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            SfLenient.SkipValue(ref reader);
            return null;
        }

        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            if (TryParse(reader.ValueSpan, out var fast))
            {
                return fast;
            }
        }
        else if ((reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length) <= 64)
        {
            // Escaped ("+" written as "\u002B", as System.Text.Json writers do by default) or split across buffers as
            // the page streams in: unescaped into a stack buffer, then the same fast parse.
            Span<byte> unescaped = stackalloc byte[64];
            if (TryParse(unescaped[..reader.CopyString(unescaped)], out var copied))
            {
                return copied;
            }
        }

        return SalesforceConnector.Date(reader.GetString());
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteStringValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    /// <summary>The exact shapes Salesforce sends; false for anything else (the caller falls back to the general parse).</summary>
    internal static bool TryParse(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length is not (10 or 24 or 28) || s[4] != '-' || s[7] != '-'
            || !Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        if (s.Length == 10)
        {
            value = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
            return true;
        }

        if (s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.'
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)
            || !Digits(s, 20, 3, out var millisecond) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        TimeSpan offset;
        if (s.Length == 24)
        {
            if (s[23] != 'Z')
            {
                return false;
            }

            offset = TimeSpan.Zero;
        }
        else
        {
            if (s[23] is not ((byte)'+' or (byte)'-') || !Digits(s, 24, 2, out var offsetHours) || !Digits(s, 26, 2, out var offsetMinutes)
                || offsetMinutes > 59 || (offsetHours * 60) + offsetMinutes > 14 * 60)
            {
                return false;
            }

            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (s[23] == '-')
            {
                offset = -offset;
            }
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, millisecond, offset);
        return true;
    }

    internal static bool TryParse(string text, out DateTimeOffset value)
    {
        Span<byte> bytes = stackalloc byte[32];
        if (text.Length > bytes.Length || Encoding.UTF8.GetBytes(text, bytes) is var n && n != text.Length)
        {
            value = default;
            return false;
        }

        return TryParse(bytes[..text.Length], out value);
    }

    private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        foreach (var b in s.Slice(start, count))
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = value * 10 + (b - '0');
        }

        return true;
    }
}

/// <summary>
/// A page's OpportunityHistory rows (a full sync reads ten a deal, a million for 100,000 deals), registered for
/// <c>List&lt;SfHistoryRow&gt;</c> in <see cref="SalesforceJson"/>. Read like the generated
/// code would with the lenient converters — the three fields, anything else skipped, a field of another JSON type as
/// null — but the opportunity id and the stage name are strings shared between rows: rows come grouped by opportunity
/// and stages are few, so most rows allocate only the row itself (ADR 0028).
/// </summary>
internal sealed class SfHistoryRowsConverter : JsonConverter<List<SfHistoryRow>>
{
    /// <summary>Distinct stage names remembered per page; a page with more keeps reading, allocating the rest.</summary>
    private const int MaxStages = 64;

    public override List<SfHistoryRow> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("OpportunityHistory records are not an array");
        }

        var rows = new List<SfHistoryRow>();
        var stages = new List<string>();
        string? lastId = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                rows.Add(null!);   // as the generated code reads a null record; the connector skips it
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("an OpportunityHistory record is not an object");
            }

            string? id = null;
            string? stage = null;
            DateTimeOffset? at = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("OpportunityId"u8))
                {
                    reader.Read();
                    id = reader.TokenType != JsonTokenType.String ? Skip(ref reader)
                        : lastId is not null && reader.ValueTextEquals(lastId) ? lastId
                        : lastId = reader.GetString();
                }
                else if (reader.ValueTextEquals("StageName"u8))
                {
                    reader.Read();
                    stage = reader.TokenType == JsonTokenType.String ? Stage(ref reader, stages) : Skip(ref reader);
                }
                else if (reader.ValueTextEquals("CreatedDate"u8))
                {
                    reader.Read();
                    at = SfLenientDate.ReadValue(ref reader);
                }
                else
                {
                    reader.Read();
                    Skip(ref reader);
                }
            }

            rows.Add(new SfHistoryRow { OpportunityId = id, StageName = stage, CreatedDate = at });
        }

        return rows;
    }

    public override void Write(Utf8JsonWriter writer, List<SfHistoryRow> value, JsonSerializerOptions options) =>
        throw new NotSupportedException("OpportunityHistory rows are only read");

    private static string Stage(ref Utf8JsonReader reader, List<string> stages)
    {
        foreach (var known in stages)
        {
            if (reader.ValueTextEquals(known))
            {
                return known;
            }
        }

        var stage = reader.GetString()!;
        if (stages.Count < MaxStages)
        {
            stages.Add(stage);
        }

        return stage;
    }

    private static string? Skip(ref Utf8JsonReader reader)
    {
        SfLenient.SkipValue(ref reader);
        return null;
    }
}
