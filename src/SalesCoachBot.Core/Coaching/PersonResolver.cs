using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;

namespace SalesCoachBot.Core.Coaching;

/// <summary>The outcome of finding the person a name means: the person, or the answer to give instead.</summary>
internal abstract record PersonLookup
{
    /// <summary>The person, with the ids of their teams the asker may see (in order).</summary>
    public sealed record Found(long Id, string Name, IReadOnlyList<long> TeamIds) : PersonLookup;

    /// <summary>Nobody, or several people, are called so among the people the asker sees: answer with this instead.</summary>
    public sealed record Answered(BotAnswer Answer) : PersonLookup;
}

/// <summary>
/// "what did Dana do this week", "compare Dana and Riley": the people of the teams someone may see (an admin every team, a
/// manager their own), loaded once, and a typed name found among them.
/// </summary>
internal sealed class PersonResolver(IDirectoryStore directory)
{
    public async Task<VisiblePeople> VisibleToAsync(PersonView asker, CancellationToken cancellationToken)
    {
        var teams = TeamDirectory.Visible(await directory.ListTeamsAsync(cancellationToken), asker);
        var roster = teams.Count == 0 ? [] : (await directory.ListRosterAsync([.. teams.Select(t => t.Id)], cancellationToken)).Members;
        return new VisiblePeople(teams, roster);
    }
}

/// <summary>The teams someone may see (by name) and their members: a row per person and team.</summary>
internal sealed class VisiblePeople(IReadOnlyList<SalesTeam> teams, IReadOnlyList<TeamMember> members)
{
    public IReadOnlyList<SalesTeam> Teams => teams;

    /// <summary>
    /// The one person called <paramref name="typed"/>: full name or first name, case and accents aside; a name in Arabic
    /// letters also by its sound («دانا» is "Dana Demo"), as every "Dana's …" finds a person (<see cref="OwnerNames.Meant"/>). Several →
    /// the answer lists them and asks for the full name. Someone in a team the asker does not see is answered as nobody,
    /// so nobody learns who works in other teams.
    /// </summary>
    public PersonLookup Find(string typed, Phrases say)
    {
        var called = OwnerNames.Theirs(members, m => m.Name, typed).GroupBy(m => m.PersonId).Select(g => g.ToList()).ToList();
        if (called.Count == 0)
        {
            return new PersonLookup.Answered(Errors.Answer(
                say.Coaching("People.Unknown.Title"), say.Coaching("People.Unknown", say.Language.Echo(typed), Canonical.Command(say.Lists("Team.Example", TeamDirectory.Sample(teams, say))))));
        }

        if (called.Count > 1)
        {
            var names = string.Join(say.Nudges("ListSeparator"), called.Select(g => say.Language.Isolate(g.First().Name)));
            return new PersonLookup.Answered(Errors.Answer(say.Coaching("People.Several.Title"), say.Coaching("People.Several", say.Language.Echo(typed), names)));
        }

        var rows = called[0];
        return new PersonLookup.Found(rows[0].PersonId, rows[0].Name, [.. rows.Select(r => r.TeamId).Distinct().Order()]);
    }
}
