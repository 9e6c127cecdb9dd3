using SalesCoachBot.Core.Localization;

namespace SalesCoachBot.Core.ProcessMaps;

public enum MapDiagnosticSeverity
{
    Error,
    Warning,
}

/// <summary>One finding about a map file, at a 1-based line and column, and what it says (<see cref="MapText"/>).</summary>
public sealed record MapDiagnostic(MapDiagnosticSeverity Severity, int Line, int Column, MapPhrase Text)
{
    public bool IsError => Severity == MapDiagnosticSeverity.Error;

    /// <summary>
    /// What a library said about it (YamlDotNet's own message), for <c>map lint</c> and the logs only: its English words
    /// are not ours to translate, so the admins' notice gives the finding's own sentence without it.
    /// </summary>
    public string? Detail { get; init; }

    /// <summary>The finding in English, as <c>map lint</c> and the logs print it (with <see cref="Detail"/> after it).</summary>
    public string Message => Detail is null ? Text.English : $"{Text.English} ({Detail})";

    public static MapDiagnostic Error(int line, int column, string key, params object?[] args) =>
        new(MapDiagnosticSeverity.Error, line, column, new MapPhrase(key, args));

    public static MapDiagnostic Warning(int line, int column, string key, params object?[] args) =>
        new(MapDiagnosticSeverity.Warning, line, column, new MapPhrase(key, args));

    /// <summary>The compiler-style line <c>FILE:LINE:COL: error|warning: message</c> that editors and CI understand.</summary>
    public string Format(string file) =>
        $"{file}:{Line}:{Column}: {(IsError ? "error" : "warning")}: {Message}";
}

/// <summary>
/// A text of the map checks: a <see cref="MapText"/> resource key and its arguments, so one wording serves <c>map lint</c>
/// (English) and the admins' refusal notice (their language). An argument may be a phrase itself, a part the sentence
/// names ("the name of stage 'qualify'"), said in the same language; other arguments (ids, names, numbers) are the map's.
/// </summary>
public sealed record MapPhrase(string Key, params object?[] Args)
{
    /// <summary>English as operators' tools print it: plain text, figures and names as written.</summary>
    public string English => Phrases.English.Plain(Phrases.Area.Maps, Key, [.. Args.Select(a => a is MapPhrase part ? part.English : a)]);

    /// <summary>In the reader's language, for chat: digits and bidi isolates as every reply has them.</summary>
    public string In(Phrases say) => say.Maps(Key, [.. Args.Select(a => a is MapPhrase part ? part.In(say) : a)]);

    /// <summary>"the lost outcome", named where a sentence would name a stage.</summary>
    public static MapPhrase LostOutcome { get; } = new("Part.LostOutcome");

    /// <summary>"stage 'qualify'": a stage named in a sentence, by its id (or its line when it has none).</summary>
    public static MapPhrase OfStage(object label) => new("Part.Stage", label);
}

/// <summary>The outcome of reading a map: the map when it has no errors, and every finding in file order.</summary>
public sealed record MapLoadResult(ProcessMap? Map, IReadOnlyList<MapDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    public IEnumerable<MapDiagnostic> Errors => Diagnostics.Where(d => d.IsError);

    public IEnumerable<MapDiagnostic> Warnings => Diagnostics.Where(d => !d.IsError);
}

/// <summary>A map that cannot be used; the message names the file, line and reason of every error.</summary>
public sealed class ProcessMapInvalidException(string message) : Exception(message);
