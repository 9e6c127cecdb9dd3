using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace SalesCoachBot.Teams.Activities;

/// <summary>
/// The one check at the edge that every string of an activity can be read. The activity model reads
/// some fields only when they are used (<c>channelData</c>, <c>value</c>, the card action's verb and
/// data), and reading a string with invalid UTF-8 or an escaped lone surrogate (<c>\ud800</c>) throws
/// there, deep in a turn. Checked once here, every later read of the body succeeds.
/// </summary>
internal static class ReadableJson
{
    /// <summary>
    /// True when <paramref name="json"/> is one JSON value, at most 64 levels deep (as the deserializer
    /// allows), whose property names and strings are all valid UTF-8 and, unescaped, valid UTF-16.
    /// </summary>
    public static bool IsReadable(ReadOnlySpan<byte> json)
    {
        if (json.StartsWith("\uFEFF"u8))
        {
            json = json[3..]; // a byte order mark, as the deserializer skips it
        }

        var reader = new Utf8JsonReader(json);
        char[]? rented = null;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
                {
                    continue;
                }

                if (!reader.ValueIsEscaped)
                {
                    if (!Utf8.IsValid(reader.ValueSpan))
                    {
                        return false;
                    }

                    continue;
                }

                // Escapes decode to no more characters than they take bytes; decoding throws on a lone surrogate.
                var length = reader.ValueSpan.Length;
                if (rented is null || rented.Length < length)
                {
                    if (rented is not null)
                    {
                        ArrayPool<char>.Shared.Return(rented);
                    }

                    rented = ArrayPool<char>.Shared.Rent(length);
                }

                reader.CopyString(rented);
            }

            return true; // the reader itself refuses anything after the one value
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false; // invalid UTF-8 or UTF-16 inside an escaped string
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
