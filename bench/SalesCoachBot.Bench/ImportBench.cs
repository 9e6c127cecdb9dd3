using SalesCoachBot.Data.Imports;

namespace SalesCoachBot.Bench;

/// <summary><c>import</c>: generated CSVs into an empty database with the real importer; rows/s per file.</summary>
internal static class ImportBench
{
    public static async Task<int> RunAsync(string provider, DataSize size)
    {
        await using var db = await BenchDatabase.CreateAsync(provider);
        var data = DataSet.Generate(size, db.Map, db.Time.GetUtcNow());
        try
        {
            Console.WriteLine($"== import into {db.Description}: {size.Deals:N0} deals, {size.HistoryRows:N0} history rows ({Machine.Load()})");
            await db.LoadAsync(data, Console.Out);

            // The same deals file again: every row is read, compared and found unchanged.
            await db.ImportAsync(ImportKind.Deals, data.DealsCsv, Console.Out);
            Console.WriteLine($"   (second deals import = re-import of an unchanged file; {Machine.Load()})");
            return 0;
        }
        finally
        {
            data.Delete();
        }
    }
}
