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
/// A row that was imported without one of its fields (a deal's stage the file would move back), or with a side effect to
/// check (a team it named was created), with the 1-based line number in the file.
/// </summary>
public sealed record ImportWarning(long Line, string Message)
{
    public override string ToString() => $"line {Line}: warning: {Message}";
}

/// <summary>How an import treats what it would otherwise refuse or skip.</summary>
public sealed record ImportOptions
{
    public static readonly ImportOptions Default = new();

    /// <summary>
    /// Deals: apply a row's stage even when it is earlier on the map than the deal's stored stage (a deliberate move
    /// back). Without it such a stage is skipped with a warning, since a re-imported old export would move deals back.
    /// </summary>
    public bool AllowBackward { get; init; }

    /// <summary>
    /// Deals: apply a row's <c>status</c> that reopens a won or lost deal, or turns one close into the other (won to
    /// lost). Without it such a status is skipped with a warning: a re-imported old export would undo the close.
    /// </summary>
    public bool AllowReopen { get; init; }
}

/// <summary>
/// The outcome of one import. <see cref="FileError"/> is set when the whole file was refused
/// (no header, unknown column, not UTF-8); then nothing was written. <see cref="Warnings"/> name rows that were taken
/// with a field left out; they do not make the import fail.
/// </summary>
public sealed record ImportResult(
    int Added, int Updated, int Unchanged, IReadOnlyList<ImportRejection> Rejections, string? FileError, IReadOnlyList<ImportWarning> Warnings)
{
    public ImportResult(int added, int updated, int unchanged, IReadOnlyList<ImportRejection> rejections, string? fileError)
        : this(added, updated, unchanged, rejections, fileError, [])
    {
    }

    public int Rejected => Rejections.Count;

    public bool IsClean => FileError is null && Rejections.Count == 0;

    public static ImportResult Refused(string reason) => new(0, 0, 0, [], reason);

    /// <summary>The counts line; warnings are counted only when there are any, so a file without them reads as before.</summary>
    public string Summary => Warnings.Count == 0
        ? $"added {Added}, updated {Updated}, rejected {Rejected}"
        : $"added {Added}, updated {Updated}, rejected {Rejected}, warnings {Warnings.Count}";
}

/// <summary>Progress of a long import: rows read so far.</summary>
public sealed record ImportProgress(ImportKind Kind, long Rows);
