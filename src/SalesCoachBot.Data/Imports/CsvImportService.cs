using SalesCoachBot.Core.Caching;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Data.Imports;

/// <summary>
/// <c>import deals|people|teams|history FILE.csv</c>: each row is validated completely before anything
/// is written; good rows are upserted in batches, each batch in one transaction.
/// </summary>
public sealed class CsvImportService(SalesCoachDbContext db, IProcessMapSource maps, TimeProvider time, ICacheInvalidation? caches = null)
{
    internal const int BatchSize = 2_000;
    internal const int ProgressEvery = 10_000;

    public Task<ImportResult> ImportAsync(
        ImportKind kind, string path, IProgress<ImportProgress>? progress, CancellationToken cancellationToken) =>
        ImportAsync(kind, path, ImportOptions.Default, progress, cancellationToken);

    public async Task<ImportResult> ImportAsync(
        ImportKind kind, string path, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        using var table = CsvTable.Open(path, SchemaOf(kind), out var error);
        if (table is null)
        {
            return ImportResult.Refused(error ?? "the file cannot be read");
        }

        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        try
        {
            return kind switch
            {
                ImportKind.Deals => await new DealImporter(db, maps.Maps, time, options, Report(kind, progress)).RunAsync(table, cancellationToken),
                ImportKind.People => await new PeopleImporter(db, Report(kind, progress)).RunAsync(table, cancellationToken),
                ImportKind.Teams => await new TeamImporter(db, maps.Maps, time, Report(kind, progress)).RunAsync(table, cancellationToken),
                ImportKind.History => await new HistoryImporter(db, maps.Maps, time, Report(kind, progress)).RunAsync(table, cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
            };
        }
        finally
        {
            // Imported rows may touch any person, team, deal or deal name cached anywhere.
            if (caches is not null)
            {
                await caches.InvalidateAsync(CacheKey.All(CacheRegion.DealViews), CancellationToken.None);
                await caches.InvalidateAsync(CacheKey.All(CacheRegion.DealNames), CancellationToken.None);
                await caches.InvalidateAsync(CacheKey.Directory, CancellationToken.None);
            }

            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    internal static CsvSchema SchemaOf(ImportKind kind) => kind switch
    {
        ImportKind.Deals => DealImporter.Schema,
        ImportKind.People => PeopleImporter.Schema,
        ImportKind.Teams => TeamImporter.Schema,
        ImportKind.History => HistoryImporter.Schema,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static Action<long> Report(ImportKind kind, IProgress<ImportProgress>? progress) => rows =>
    {
        if (rows % ProgressEvery == 0)
        {
            progress?.Report(new ImportProgress(kind, rows));
        }
    };
}

/// <summary>Counts and rejections shared by the importers.</summary>
internal sealed class ImportTally
{
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public List<ImportRejection> Rejections { get; } = [];
    public List<ImportWarning> Warnings { get; } = [];

    public void Reject(long line, IEnumerable<string> reasons) => Rejections.Add(new ImportRejection(line, string.Join("; ", reasons)));

    public void Warn(long line, string message) => Warnings.Add(new ImportWarning(line, message));

    public ImportResult ToResult() => new(Added, Updated, Unchanged, Rejections, null, Warnings);
}
