using System.Text;

namespace SalesCoachBot.Core.ProcessMaps;

/// <summary>Reads process maps from YAML text, files, or the shipped default map.</summary>
public static class ProcessMapLoader
{
    /// <summary>How the shipped map is named in messages.</summary>
    public const string DefaultMapName = "default-map.yaml";

    private static readonly Lazy<string> DefaultText = new(() =>
    {
        using var stream = typeof(ProcessMapLoader).Assembly.GetManifestResourceStream("SalesCoachBot.Core.default-map.yaml")
            ?? throw new InvalidOperationException("The shipped default map is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    private static readonly Lazy<ProcessMap> DefaultMap = new(() => ParseOrThrow(DefaultText.Value, DefaultMapName));

    /// <summary>The shipped extended B2B map.</summary>
    public static ProcessMap Default => DefaultMap.Value;

    /// <summary>The shipped map's YAML, to copy and edit.</summary>
    public static string DefaultYaml => DefaultText.Value;

    /// <summary>Parses and validates a map; the map is null when there is any error.</summary>
    public static MapLoadResult Parse(string yaml) => Parse(yaml, ProcessMap.DefaultId);

    /// <summary>Parses a map whose id, when the text names none, is <paramref name="idWhenUnnamed"/>.</summary>
    public static MapLoadResult Parse(string yaml, string idWhenUnnamed) => Parse(yaml, idWhenUnnamed, teamLanguages: null);

    /// <summary>
    /// Parses a map and warns where one of <paramref name="teamLanguages"/> lacks a translation; with none given,
    /// a map that translates anything is checked against en, ar and every language it uses (ADR 0021).
    /// </summary>
    public static MapLoadResult Parse(string yaml, string idWhenUnnamed, IReadOnlyCollection<string>? teamLanguages)
    {
        var diagnostics = new List<MapDiagnostic>();
        var draft = ProcessMapReader.Read(yaml, diagnostics);
        var map = draft is null ? null : ProcessMapRules.Check(draft, diagnostics, teamLanguages);
        diagnostics.Sort((a, b) => (a.Line, a.Column).CompareTo((b.Line, b.Column)));
        if (map is { Id.Length: 0 })
        {
            map = map with { Id = idWhenUnnamed };
        }

        return new MapLoadResult(diagnostics.Any(d => d.IsError) ? null : map, diagnostics);
    }

    /// <summary>The id a map file without an <c>id</c> key gets: its name without extension, lower case ("EMEA.yaml" → emea).</summary>
    public static string IdFromFileName(string path) =>
        System.IO.Path.GetFileNameWithoutExtension(path).ToLowerInvariant().Replace(' ', '-').Replace('_', '-');

    /// <summary>Reads a map file. A missing file or one that is not UTF-8 (or UTF-16 with a BOM) is an error at 1:1.</summary>
    public static MapLoadResult LoadFile(string path) => LoadFileWithText(path).Result;

    /// <summary>The result plus the exact text parsed (null when unreadable), so reloads can tell an unchanged file.</summary>
    internal static (MapLoadResult Result, string? Text) LoadFileWithText(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // .NET's own sentence ("Access to the path … is denied.") is English: lint and the logs keep it as the detail.
            var key = ex switch
            {
                // Linux answers a folder read as a file with "access denied", which would send the admin after permissions.
                _ when Directory.Exists(path) => "File.IsFolder",
                FileNotFoundException or DirectoryNotFoundException => "File.Missing",
                UnauthorizedAccessException => "File.NoPermission",
                _ => "File.Unreadable",
            };
            // A folder's "access denied" is the very sentence the folder message replaces, and "Could not find file '…'"
            // only repeats the path the line starts with: no detail then.
            var detail = key is "File.IsFolder" or "File.Missing" ? null : ex.Message;
            return (new MapLoadResult(null, [MapDiagnostic.Error(1, 1, key) with { Detail = detail }]), null);
        }

        if (Decode(bytes) is not { } text)
        {
            return (Failed("File.NotUtf8"), null);
        }

        return (Parse(text, IdFromFileName(path)), text);
    }

    /// <summary>Loads a map or throws with every error as <c>FILE:LINE:COL: error: message</c> (the host refuses to start).</summary>
    public static ProcessMap LoadFileOrThrow(string path)
    {
        var result = LoadFile(path);
        return result.Map ?? throw Invalid(result, path);
    }

    internal static ProcessMapInvalidException Invalid(MapLoadResult result, string file) =>
        new($"The process map {file} is invalid:{Environment.NewLine}" +
            string.Join(Environment.NewLine, result.Errors.Select(d => d.Format(file))));

    private static ProcessMap ParseOrThrow(string yaml, string file)
    {
        var result = Parse(yaml);
        return result.Map ?? throw Invalid(result, file);
    }

    private static string? Decode(byte[] bytes)
    {
        if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }

        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static MapLoadResult Failed(string key, params object?[] args) => new(null, [MapDiagnostic.Error(1, 1, key, args)]);
}
