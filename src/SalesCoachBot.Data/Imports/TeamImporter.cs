using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Data.Configurations;

namespace SalesCoachBot.Data.Imports;

/// <summary>
/// Sales teams upserted by name (case-insensitive). Empty cells keep stored values (or defaults). A quota (<c>quota</c>,
/// <c>quota_currency</c>, <c>quota_period</c>) replaces the team's one current quota, recorded as set by the import now.
/// </summary>
internal sealed class TeamImporter(SalesCoachDbContext db, ProcessMapSet maps, TimeProvider time, Action<long> progress)
{
    public static readonly CsvSchema Schema = new(
        ["team"], ["time_zone", "nudge_time", "weekdays_only", "idle_after_days", "map", "language", "workdays", "quota", "quota_currency", "quota_period"]);

    private sealed record Row(
        long Line, string Name, string? TimeZoneId, TimeOnly? NudgeTime, bool? WeekdaysOnly, int? IdleAfterDays, string? MapId, string? Language, WorkWeek? Workdays,
        decimal? Quota = null, string? QuotaCurrency = null, QuotaPeriod? QuotaPeriod = null);

    public async Task<ImportResult> RunAsync(CsvTable table, CancellationToken cancellationToken)
    {
        var tally = new ImportTally();
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var rows = new List<Row>();
        long count = 0;
        foreach (var csv in table.Rows())
        {
            progress(++count);
            var errors = new List<string>();
            var row = Parse(csv, seen, errors, maps);
            if (row is null)
            {
                tally.Reject(csv.Line, errors);
            }
            else
            {
                rows.Add(row);
            }
        }

        foreach (var chunk in rows.Chunk(CsvImportService.BatchSize))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var names = chunk.Select(r => SalesCoachDbContext.NormalizeName(r.Name)).ToList();
            var existing = await db.Teams
                .Where(t => names.Contains(EF.Property<string>(t, SalesTeamConfiguration.NormalizedName)))
                .ToDictionaryAsync(t => SalesCoachDbContext.NormalizeName(t.Name), StringComparer.Ordinal, cancellationToken);
            foreach (var row in chunk)
            {
                if (existing.TryGetValue(SalesCoachDbContext.NormalizeName(row.Name), out var team))
                {
                    if (row.MapId is { } newMap && maps.For(team.MapId).Id != newMap
                        && await StrandedAsync(team, maps.Find(newMap)!, cancellationToken) is { Count: > 0 } stranded)
                    {
                        tally.Reject(row.Line, [$"team '{team.Name}' cannot switch to map '{newMap}': {stranded.Count} open deal(s) sit in stages it does not have ({string.Join(", ", stranded.Take(10))}); move them to a stage of '{newMap}' first"]);
                        continue;
                    }

                    Apply(team, row, time.GetUtcNow());
                    db.ChangeTracker.DetectChanges();
                    if (db.Entry(team).State == EntityState.Modified)
                    {
                        tally.Updated++;
                    }
                    else
                    {
                        tally.Unchanged++;
                    }
                }
                else
                {
                    team = new SalesTeam { Name = row.Name };
                    Apply(team, row, time.GetUtcNow());
                    db.Teams.Add(team);
                    tally.Added++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return tally.ToResult();
    }

    /// <summary>Open deals of the team whose stage the new map lacks (a switch would leave them unreadable).</summary>
    private async Task<IReadOnlyList<string>> StrandedAsync(SalesTeam team, ProcessMap map, CancellationToken cancellationToken)
    {
        var open = await db.Deals.AsNoTracking()
            .Where(d => d.TeamId == team.Id && d.Status == DealStatus.Open)
            .Select(d => new { d.ExternalId, d.StageId })
            .ToListAsync(cancellationToken);
        return [.. open.Where(d => map.FindStage(d.StageId) is null).Select(d => $"{d.ExternalId} in {d.StageId}")];
    }

    private static void Apply(SalesTeam team, Row row, DateTimeOffset now)
    {
        var quota = (row.Quota ?? team.QuotaAmount, row.QuotaCurrency ?? team.QuotaCurrency, row.QuotaPeriod ?? team.QuotaPeriod);
        if (quota != (team.QuotaAmount, team.QuotaCurrency, team.QuotaPeriod))
        {
            // Set by RevOps' file, not by a person in chat: no one is recorded as its setter.
            (team.QuotaAmount, team.QuotaCurrency, team.QuotaPeriod, team.QuotaSetByPersonId, team.QuotaSetAt) = (quota.Item1, quota.Item2, quota.Item3, null, now);
        }

        team.TimeZoneId = row.TimeZoneId ?? team.TimeZoneId;
        team.NudgeTime = row.NudgeTime ?? team.NudgeTime;
        team.WeekdaysOnly = row.WeekdaysOnly ?? team.WeekdaysOnly;
        team.IdleAfterDays = row.IdleAfterDays ?? team.IdleAfterDays;
        team.Language = row.Language ?? team.Language;
        team.MapId = row.MapId ?? team.MapId;
        team.Workdays = row.Workdays ?? team.Workdays;
    }

    private static Row? Parse(CsvRow csv, Dictionary<string, long> seen, List<string> errors, ProcessMapSet maps)
    {
        if (csv.Error is not null)
        {
            errors.Add(csv.Error);
            return null;
        }

        var name = csv.Get("team");
        if (name is null)
        {
            errors.Add("team is empty");
        }
        else if (CsvValues.TooLong("team", name, 200, out var tooLong) || CsvValues.HasControl("team", name, out tooLong))
        {
            errors.Add(tooLong!);
        }
        else if (seen.TryGetValue(SalesCoachDbContext.NormalizeName(name), out var first))
        {
            errors.Add($"duplicate team '{name}' (already on line {first})");
        }
        else
        {
            seen[SalesCoachDbContext.NormalizeName(name)] = csv.Line;
        }

        var zone = csv.Get("time_zone");
        if (zone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            errors.Add($"time_zone '{zone}' is not a known IANA time zone (e.g. Europe/Berlin)");
        }

        TimeOnly? nudgeTime = null;
        if (csv.Get("nudge_time") is { } timeText)
        {
            if (TimeOnly.TryParseExact(timeText, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                nudgeTime = parsed;
            }
            else
            {
                errors.Add($"nudge_time '{timeText}' is not a time of day as HH:mm (e.g. 09:00)");
            }
        }

        bool? weekdaysOnly = null;
        if (csv.Get("weekdays_only") is { } boolText)
        {
            weekdaysOnly = boolText.ToLowerInvariant() switch
            {
                "true" or "yes" or "1" => true,
                "false" or "no" or "0" => false,
                _ => null,
            };
            if (weekdaysOnly is null)
            {
                errors.Add($"weekdays_only '{boolText}' is not true or false");
            }
        }

        int? idleDays = null;
        if (csv.Get("idle_after_days") is { } daysText)
        {
            if (int.TryParse(daysText, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 3650)
            {
                idleDays = days;
            }
            else
            {
                errors.Add($"idle_after_days '{daysText}' is not a whole number of days between 1 and 3650");
            }
        }

        var mapId = csv.Get("map");
        if (mapId is not null && maps.Find(mapId) is null)
        {
            errors.Add($"map '{mapId}' is not a configured process map (the maps are: {string.Join(", ", maps.All.Select(m => m.Id))})");
        }

        var language = CsvValues.Language(csv.Get("language"), errors);

        WorkWeek? workdays = null;
        if (csv.Get("workdays") is { } weekText)
        {
            if (WorkWeek.TryParse(weekText, out var week))
            {
                workdays = week;
            }
            else
            {
                errors.Add($"workdays '{weekText}' is not a working week: a range or list of days such as sun-thu, mon-fri or mon,tue,wed,thu,sun");
            }
        }

        var (quota, quotaCurrency, quotaPeriod) = Quota(csv, errors);
        return errors.Count > 0 ? null : new Row(csv.Line, name!, zone, nudgeTime, weekdaysOnly, idleDays, mapId, language, workdays, quota, quotaCurrency, quotaPeriod);
    }

    /// <summary>
    /// <c>quota</c> (an amount above zero, rounded for its currency), <c>quota_currency</c> (a 3-letter code, required with a
    /// quota: wins in other currencies are not converted) and <c>quota_period</c> (<c>quarter</c>, <c>month</c> or <c>year</c>).
    /// </summary>
    private static (decimal? Amount, string? Currency, QuotaPeriod? Period) Quota(CsvRow csv, List<string> errors)
    {
        string? currency = null;
        if (csv.Get("quota_currency") is { } currencyText)
        {
            if (CsvValues.TryCurrency(currencyText, out var code, out var error))
            {
                currency = code;
            }
            else
            {
                errors.Add("quota_currency: " + error);
            }
        }

        decimal? amount = null;
        if (csv.Get("quota") is { } amountText)
        {
            if (!CsvValues.TryAmount(amountText, currency, out var value, out var error))
            {
                errors.Add("quota: " + error);
            }
            else if (value <= 0)
            {
                errors.Add($"quota '{amountText}' is not above zero");
            }
            else if (csv.Get("quota_currency") is null)
            {
                errors.Add($"quota '{amountText}' has no quota_currency: give its 3-letter code (e.g. EUR)");
            }
            else
            {
                amount = value;
            }
        }

        QuotaPeriod? period = null;
        if (csv.Get("quota_period") is { } periodText)
        {
            period = periodText.ToLowerInvariant() switch
            {
                "quarter" => QuotaPeriod.Quarter,
                "month" => QuotaPeriod.Month,
                "year" => QuotaPeriod.Year,
                _ => null,
            };
            if (period is null)
            {
                errors.Add($"quota_period '{periodText}' is not quarter, month or year");
            }
        }

        return (amount, currency, period);
    }
}
