namespace SalesCoachBot.Data.Imports;

public enum ImportKind
{
    Deals,
    People,
    Teams,
    History,
}

/// <summary>A row that was not imported, with the 1-based line number in the file.</summary>
public sealed record ImportRejection(long Line, string Reason)
{
    public override string ToString() => $"line {Line}: {Reason}";
}

/// <summary>
/// The outcome of one import. <see cref="FileError"/> is set when the whole file was refused
/// (no header, unknown column, not UTF-8); then nothing was written.
/// </summary>
public sealed record ImportResult(int Added, int Updated, int Unchanged, IReadOnlyList<ImportRejection> Rejections, string? FileError)
{
    public int Rejected => Rejections.Count;

    public bool IsClean => FileError is null && Rejections.Count == 0;

    public static ImportResult Refused(string reason) => new(0, 0, 0, [], reason);

    public string Summary => $"added {Added}, updated {Updated}, rejected {Rejected}";
}

/// <summary>Progress of a long import: rows read so far.</summary>
public sealed record ImportProgress(ImportKind Kind, long Rows);
