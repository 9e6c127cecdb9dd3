using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data.Configurations;

namespace SalesCoachBot.Data.Imports;

/// <summary>
/// People upserted by email (case-insensitive). Teams named in <c>team</c> (separated by <c>;</c>) are
/// created if missing (with a warning on the first line that names each, as a typo makes a team too) and become the
/// person's exact set of teams; an empty cell keeps the stored teams.
/// </summary>
internal sealed class PeopleImporter(SalesCoachDbContext db, Action<long> progress)
{
    public static readonly CsvSchema Schema = new(["email", "name"], ["team", "role", "teams_aad_object_id", "slack_user_id", "slack_team_id", "language"]);

    private sealed record Row(long Line, string Email, string Name, IReadOnlyList<string>? Teams, PersonRole? Role, string? TeamsAadObjectId, string? SlackUserId, string? SlackTeamId, string? Language);

    public async Task<ImportResult> RunAsync(CsvTable table, CancellationToken cancellationToken)
    {
        var tally = new ImportTally();

        // Chat ids are unique per person: know who holds which before accepting a row.
        var people = await db.People.AsNoTracking()
            .Select(p => new { p.Email, p.TeamsAadObjectId, p.SlackUserId })
            .ToListAsync(cancellationToken);
        var aadOwners = people.Where(p => p.TeamsAadObjectId != null).ToDictionary(p => p.TeamsAadObjectId!, p => p.Email, StringComparer.Ordinal);
        var slackOwners = people.Where(p => p.SlackUserId != null).ToDictionary(p => p.SlackUserId!, p => p.Email, StringComparer.Ordinal);

        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var rows = new List<Row>();
        long count = 0;
        foreach (var csv in table.Rows())
        {
            progress(++count);
            var errors = new List<string>();
            var row = Parse(csv, seen, aadOwners, slackOwners, errors);
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
            await WriteAsync(chunk, tally, cancellationToken);
        }

        return tally.ToResult();
    }

    private async Task WriteAsync(Row[] chunk, ImportTally tally, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var teamNames = chunk.SelectMany(r => (r.Teams ?? []).Select(t => (r.Line, Name: t))).ToList();
        var normalized = teamNames.Select(t => SalesCoachDbContext.NormalizeName(t.Name)).Distinct().ToList();
        var teams = await db.Teams
            .Where(t => normalized.Contains(EF.Property<string>(t, SalesTeamConfiguration.NormalizedName)))
            .ToDictionaryAsync(t => SalesCoachDbContext.NormalizeName(t.Name), StringComparer.Ordinal, cancellationToken);
        var created = new List<ImportWarning>();
        foreach (var (line, name) in teamNames)
        {
            if (!teams.ContainsKey(SalesCoachDbContext.NormalizeName(name)))
            {
                var team = new SalesTeam { Name = name };
                db.Teams.Add(team);
                teams[SalesCoachDbContext.NormalizeName(name)] = team;
                created.Add(new ImportWarning(line, $"team '{name}' did not exist and was created"));
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        var emails = chunk.Select(r => r.Email).ToList();
        var existing = await db.People.Include(p => p.Memberships)
            .Where(p => emails.Contains(p.Email))
            .ToDictionaryAsync(p => p.Email, StringComparer.Ordinal, cancellationToken);
        foreach (var row in chunk)
        {
            var teamIds = row.Teams?.Select(t => teams[SalesCoachDbContext.NormalizeName(t)].Id).ToHashSet();
            if (existing.TryGetValue(row.Email, out var person))
            {
                var changed = false;
                changed |= Set(person.Name, row.Name, v => person.Name = v);
                changed |= row.Role is { } role && Set(person.Role, role, v => person.Role = v);
                changed |= row.TeamsAadObjectId is { } aad && Set(person.TeamsAadObjectId, aad, v => person.TeamsAadObjectId = v);
                changed |= row.SlackUserId is { } slack && Set(person.SlackUserId, slack, v => person.SlackUserId = v);
                changed |= row.SlackTeamId is { } slackTeam && Set(person.SlackTeamId, slackTeam, v => person.SlackTeamId = v);
                changed |= row.Language is { } language && Set(person.Language, language, v => person.Language = v);
                if (teamIds is not null)
                {
                    var removed = person.Memberships.RemoveAll(m => !teamIds.Contains(m.TeamId));
                    var missing = teamIds.Where(id => person.Memberships.All(m => m.TeamId != id)).ToList();
                    person.Memberships.AddRange(missing.Select(id => new TeamMembership { TeamId = id }));
                    changed |= removed > 0 || missing.Count > 0;
                }

                if (changed)
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
                db.People.Add(new Person
                {
                    Email = row.Email,
                    Name = row.Name,
                    Role = row.Role ?? PersonRole.Rep,
                    TeamsAadObjectId = row.TeamsAadObjectId,
                    SlackUserId = row.SlackUserId,
                    SlackTeamId = row.SlackTeamId,
                    Language = row.Language,
                    Memberships = [.. (teamIds ?? []).Select(id => new TeamMembership { TeamId = id })],
                });
                tally.Added++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();

        // Only once committed: a chunk that failed created nothing.
        foreach (var warning in created)
        {
            tally.Warn(warning.Line, warning.Message);
        }
    }

    private static bool Set<TValue>(TValue current, TValue value, Action<TValue> set)
    {
        if (EqualityComparer<TValue>.Default.Equals(current, value))
        {
            return false;
        }

        set(value);
        return true;
    }

    private static Row? Parse(
        CsvRow csv,
        Dictionary<string, long> seen,
        Dictionary<string, string> aadOwners,
        Dictionary<string, string> slackOwners,
        List<string> errors)
    {
        if (csv.Error is not null)
        {
            errors.Add(csv.Error);
            return null;
        }

        string? email = null;
        var emailText = csv.Get("email");
        if (emailText is null)
        {
            errors.Add("email is empty");
        }
        else if (!CsvValues.LooksLikeEmail(emailText))
        {
            errors.Add($"email '{emailText}' is not an email address");
        }
        else
        {
            email = SalesCoachDbContext.NormalizeEmail(emailText);
            if (seen.TryGetValue(email, out var first))
            {
                errors.Add($"duplicate email '{emailText}' (already on line {first})");
                email = null;
            }
            else
            {
                seen[email] = csv.Line;
            }
        }

        var name = csv.Get("name");
        if (name is null)
        {
            errors.Add("name is empty");
        }
        else if (CsvValues.TooLong("name", name, 200, out var tooLong) || CsvValues.HasControl("name", name, out tooLong))
        {
            errors.Add(tooLong!);
        }

        PersonRole? role = null;
        if (csv.Get("role") is { } roleText)
        {
            if (CsvValues.TryRole(roleText, out var parsed, out var roleError))
            {
                role = parsed;
            }
            else
            {
                errors.Add(roleError!);
            }
        }

        IReadOnlyList<string>? teams = null;
        if (csv.Get("team") is { } teamText)
        {
            teams = teamText.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .DistinctBy(SalesCoachDbContext.NormalizeName)
                .ToList();
            foreach (var team in teams.Where(t => t.Length > 200))
            {
                errors.Add($"team '{team[..20]}…' is longer than 200 characters");
            }

            if (CsvValues.HasControl("team", teamText, out var control))
            {
                errors.Add(control!);
            }
        }

        var aad = csv.Get("teams_aad_object_id");
        if (aad is not null && email is not null && aadOwners.TryGetValue(aad, out var aadOwner) && aadOwner != email)
        {
            errors.Add($"teams_aad_object_id '{aad}' already belongs to {aadOwner}");
        }

        var slack = csv.Get("slack_user_id");
        if (slack is not null && email is not null && slackOwners.TryGetValue(slack, out var slackOwner) && slackOwner != email)
        {
            errors.Add($"slack_user_id '{slack}' already belongs to {slackOwner}");
        }

        var slackTeam = csv.Get("slack_team_id");
        if (slackTeam is not null && CsvValues.TooLong("slack_team_id", slackTeam, 100, out var teamTooLong))
        {
            errors.Add(teamTooLong!);
        }

        var language = CsvValues.Language(csv.Get("language"), errors);

        if (errors.Count > 0)
        {
            return null;
        }

        // Accepted: later rows see these ids as taken.
        if (aad is not null)
        {
            aadOwners[aad] = email!;
        }

        if (slack is not null)
        {
            slackOwners[slack] = email!;
        }

        return new Row(csv.Line, email!, name!, teams, role, aad, slack, slackTeam, language);
    }
}
