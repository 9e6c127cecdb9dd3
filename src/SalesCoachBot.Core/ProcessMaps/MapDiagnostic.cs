namespace SalesCoachBot.Core.ProcessMaps;

public enum MapDiagnosticSeverity
{
    Error,
    Warning,
}

/// <summary>One finding about a map file, at a 1-based line and column.</summary>
public sealed record MapDiagnostic(MapDiagnosticSeverity Severity, int Line, int Column, string Message)
{
    public bool IsError => Severity == MapDiagnosticSeverity.Error;

    /// <summary>The compiler-style line <c>FILE:LINE:COL: error|warning: message</c> that editors and CI understand.</summary>
    public string Format(string file) =>
        $"{file}:{Line}:{Column}: {(IsError ? "error" : "warning")}: {Message}";
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
