using System.Globalization;
using System.Text;
using CsvHelper;

namespace SalesCoachBot.Data.Imports;

/// <summary>The columns a file kind allows and requires.</summary>
internal sealed record CsvSchema(IReadOnlyList<string> Required, IReadOnlyList<string> Optional)
{
    public IEnumerable<string> All => Required.Concat(Optional);
}

/// <summary>One data row: its line in the file and its fields by column, or why it cannot be read.</summary>
internal sealed class CsvRow(long line, string[] fields, IReadOnlyDictionary<string, int> columns, string? error)
{
    public long Line { get; } = line;

    public string? Error { get; } = error;

    public bool Has(string column) => columns.ContainsKey(column);

    /// <summary>The trimmed value, or null when the column is absent or the cell empty.</summary>
    public string? Get(string column) =>
        columns.TryGetValue(column, out var i) && i < fields.Length && fields[i].Length > 0 ? fields[i] : null;
}

/// <summary>
/// A CSV file checked as a whole before any row is used: strict UTF-8, a header row, only known
/// columns, every required column. Rows are then read one at a time.
/// </summary>
internal sealed class CsvTable : IDisposable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly CsvReader _reader;
    private readonly Dictionary<string, int> _columns;
    private readonly Dictionary<long, CsvMalformedReason> _malformed;

    private CsvTable(CsvReader reader, Dictionary<string, int> columns, Dictionary<long, CsvMalformedReason> malformed)
    {
        _reader = reader;
        _columns = columns;
        _malformed = malformed;
    }

    public IReadOnlyCollection<string> Columns => _columns.Keys;

    /// <summary>Opens and checks the file; returns null and a reason when the whole file is refused.</summary>
    public static CsvTable? Open(string path, CsvSchema schema, out string? error)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot read the file: {e.Message}";
            return null;
        }

        return Open(bytes, schema, out error);
    }

    public static CsvTable? Open(byte[] bytes, CsvSchema schema, out string? error)
    {
        var start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            var offset = start + Math.Max(e.Index, 0);
            var line = 1 + bytes.AsSpan(0, Math.Min(offset, bytes.Length)).Count((byte)'\n');
            error = $"the file is not valid UTF-8 (line {line}, byte offset {offset}); save it as UTF-8 and try again";
            return null;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            error = "the file contains NUL characters; it looks like UTF-16 or binary, save it as UTF-8";
            return null;
        }

        var expected = string.Join(',', schema.All);
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"the file is empty; a header row is required: {expected}";
            return null;
        }

        var malformed = new Dictionary<long, CsvMalformedReason>();
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,

            // Recorded by record number (header counted), so a row knows its own quoting problem.
            OnMalformedRecord = record => malformed.TryAdd(record.RecordNumber, record.Reason),
        };
        var reader = CsvReader.FromText(text, options);
        reader.ReadHeader();
        var header = reader.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        error = CheckHeader(header, schema, expected);
        if (error is not null)
        {
            reader.Dispose();
            return null;
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            columns[header[i]] = i;
        }

        return new CsvTable(reader, columns, malformed);
    }

    private static string? CheckHeader(string[] header, CsvSchema schema, string expected)
    {
        var known = schema.All.ToHashSet(StringComparer.Ordinal);
        if (header.Length == 0 || header.All(h => !known.Contains(h)))
        {
            return $"no header row: the first line must name the columns ({expected})";
        }

        var duplicate = header.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return $"column '{duplicate.Key}' appears twice in the header";
        }

        var unknown = header.Where(h => !known.Contains(h)).ToList();
        if (unknown.Count > 0)
        {
            return $"unknown column{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}; allowed: {expected}";
        }

        var missing = schema.Required.Where(r => !header.Contains(r)).ToList();
        return missing.Count > 0
            ? $"missing required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))}"
            : null;
    }

    public IEnumerable<CsvRow> Rows()
    {
        while (_reader.Read())
        {
            var fields = new string[_reader.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = _reader.GetString(i);
            }

            // ",,,": what a spreadsheet saves for a row it once touched. Nothing in it, so it is a blank line.
            if (fields.All(f => f.Length == 0) && !_malformed.ContainsKey(_reader.RowNumber + 1))
            {
                continue;
            }

            string? error = null;
            if (_malformed.Remove(_reader.RowNumber + 1, out var reason) && reason != CsvMalformedReason.FieldCountMismatch)
            {
                error = $"malformed CSV ({Describe(reason)})";
            }
            else if (fields.Length != _columns.Count)
            {
                error = $"has {fields.Length} fields, the header has {_columns.Count}";
            }

            yield return new CsvRow(_reader.LineNumber, fields, _columns, error);
        }
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field",
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote",
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed",
        CsvMalformedReason.LineBreakInQuotes => "a line break inside quotes",
        _ => reason.ToString(),
    };

    public void Dispose() => _reader.Dispose();
}
