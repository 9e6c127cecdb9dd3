using System.Globalization;
using System.Text;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "who is on EMEA", «مين في فريق EMEA»: a team's members, one line each (name, role, language, open deals they own there),
/// under a header with the team's size, zone, digest time and days, and where its digest is posted. Admins see any team,
/// managers the teams they manage, reps their own; a rep reads names and roles only (deal counts and the digest's channel
/// are a manager's view). A team the person may not see is answered as an unknown one. No team named: the person's teams
/// (an admin in none: every team), one block each.
/// </summary>
internal sealed class TeamMembersUseCase(
    IDirectoryStore directory,
    TeamRulesProvider teamRules,
    LanguageChoice languages,
    WhatsNextUseCase whatsNext,
    INudgeTargetStore? targets = null) : ICommandHandler<TeamMembersCommand>
{
    public async Task<BotAnswer> HandleAsync(TeamMembersCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var say = context.Say;
        var person = context.Person;
        var all = await directory.ListTeamsAsync(cancellationToken);
        var visible = TeamDirectory.Visible(all, person);
        List<SalesTeam> shown;
        if (command.TeamName is { Length: > 0 } name)
        {
            var team = await AccessPolicy.FindVisibleTeamAsync(directory, name, person, cancellationToken);
            if (team is null)
            {
                // "who's on Initech": no team of that name, so who works the deal (its card).
                return command.Otherwise is { } asked
                    ? await whatsNext.HandleAsync(asked with { Language = command.Language }, context, cancellationToken)
                    : TeamDirectory.UnknownTeam(name, visible, say);
            }

            shown = [team];
        }
        else
        {
            shown = [.. visible.Where(t => person.TeamIds.Contains(t.Id))];
            if (shown.Count == 0 && person.IsAdmin)
            {
                shown = visible;
            }
        }

        if (shown.Count == 0)
        {
            var none = say.Lists("Team.NoTeam");
            return new BotAnswer(none, new Card { Kind = CardKind.Info, Title = say.Lists("Team.NoTeam.Title"), Body = [none] });
        }

        var roster = await directory.ListRosterAsync([.. shown.Select(t => t.Id)], cancellationToken);
        var bound = targets is null ? [] : await targets.ListAsync(shown.Count == 1 ? shown[0].Id : null, cancellationToken);
        var rules = await teamRules.GetAsync(cancellationToken);
        var sections = new List<CardSection>();
        var text = new StringBuilder();
        foreach (var team in shown)
        {
            var members = roster.Members.Where(m => m.TeamId == team.Id).ToList();
            var full = TeamDirectory.SeesFigures(person, team.Id);
            var header = Header(team, members.Count, full ? bound.Where(b => b.TeamId == team.Id).ToList() : null, rules.Zone(team.Id), say);
            var lines = members.Select(m => new CardLine(Line(m, team, full, say))).ToList();
            if (lines.Count == 0)
            {
                lines.Add(new CardLine(say.Lists("Team.Empty")));
            }

            sections.Add(new CardSection(header, lines));
            // A blank line between teams' blocks, as a card shows them as sections.
            text.AppendLine(text.Length > 0 ? "\n" + header : header);
            lines.ForEach(l => text.Append("- ").AppendLine(l.Text));
        }

        var title = shown.Count == 1 ? say.Lists("Team.Title", shown[0].Name) : say.Lists("Team.Title.Several");
        return new BotAnswer(text.ToString().TrimEnd(), new Card { Kind = CardKind.DealList, Title = title, Sections = sections });
    }

    /// <summary>
    /// "EMEA · 4 members · digest at 09:00 Berlin on weekdays · digest posted in a Teams channel": the zone is named once,
    /// with the digest's time it sets.
    /// </summary>
    private static string Header(SalesTeam team, int members, IReadOnlyList<NudgeTarget>? bound, TimeZoneInfo zone, Phrases say)
    {
        var at = say.Language.Digits(team.NudgeTime.ToString("HH:mm", CultureInfo.InvariantCulture));
        var zoneName = say.ZoneName(zone);
        var when = !team.WeekdaysOnly ? say.Nudges("Bind.When.Daily", at, zoneName)
            : team.Workdays == WorkWeek.MondayToFriday ? say.Nudges("Bind.When.Weekdays", at, zoneName)
            : say.Nudges("Bind.When.Workdays", at, zoneName, UseChannelForNudgesUseCase.Workdays(team.Workdays, say));
        var header = say.Lists("Team.Header", team.Name, say.Count(Phrases.Area.Lists, "Team.Members", members), when);
        return bound is null ? header : header + say.Lists("Team.Separator") + Channel(bound, say);
    }

    /// <summary>Where the digest goes, by platform only: a channel id is no one's business in a list.</summary>
    private static string Channel(IReadOnlyList<NudgeTarget> bound, Phrases say)
    {
        var channels = bound.Select(b => b.Channel).OfType<ChatChannel>().Distinct().Order().ToList();
        return channels switch
        {
            [] => say.Lists("Team.Channel.None"),
            [var one] => say.Lists("Team.Channel.One", one.ToString()),
            _ => say.Lists("Team.Channel.Both", channels[0].ToString(), channels[1].ToString()),
        };
    }

    /// <summary>"Dana · rep · English · 3 open deals"; names and roles only for a rep.</summary>
    private string Line(TeamMember member, SalesTeam team, bool full, Phrases say)
    {
        var role = say.Lists("Team.Role." + member.Role);
        if (!full)
        {
            return say.Lists("Team.Line.Short", member.Name, role);
        }

        var language = ReplyLanguage.FromCode(member.Language) ?? languages.ForTeam(team.Language);
        return say.Lists("Team.Line", member.Name, role, say.Lists("Team.Language." + language.Code), say.Count(Phrases.Area.Lists, "Team.Open", member.OpenDeals));
    }
}

/// <summary>
/// "list teams", «وش الفرق»: the teams the person may see (admins every team, others their own), one line each: name,
/// language, members, open deals (not for reps, as <see cref="TeamMembersUseCase"/>) and time zone.
/// </summary>
internal sealed class ListTeamsUseCase(IDirectoryStore directory, TeamRulesProvider teamRules, LanguageChoice languages) : ICommandHandler<ListTeamsCommand>
{
    public async Task<BotAnswer> HandleAsync(ListTeamsCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var say = context.Say;
        var person = context.Person;
        var visible = TeamDirectory.Visible(await directory.ListTeamsAsync(cancellationToken), person);
        var title = say.Lists("Teams.Title");
        if (visible.Count == 0)
        {
            var none = say.Lists("Team.NoTeam");
            return new BotAnswer(none, new Card { Kind = CardKind.Info, Title = title, Body = [none] });
        }

        var roster = await directory.ListRosterAsync([.. visible.Select(t => t.Id)], cancellationToken);
        var rules = await teamRules.GetAsync(cancellationToken);
        var lines = visible.Select(team =>
        {
            var language = say.Lists("Team.Language." + languages.ForTeam(team.Language).Code);
            var members = say.Count(Phrases.Area.Lists, "Team.Members", roster.Members.Count(m => m.TeamId == team.Id));
            var zone = say.ZoneName(rules.Zone(team.Id));
            return new CardLine(TeamDirectory.SeesFigures(person, team.Id)
                ? say.Lists("Teams.Line", team.Name, language, members, say.Count(Phrases.Area.Lists, "Team.Open", roster.OpenDealsByTeam.GetValueOrDefault(team.Id)), zone)
                : say.Lists("Teams.Line.Short", team.Name, language, members, zone));
        }).ToList();
        var header = say.Count(Phrases.Area.Lists, "Teams.Count", visible.Count);
        var text = new StringBuilder().AppendLine(header);
        lines.ForEach(l => text.Append("- ").AppendLine(l.Text));
        text.Append(say.Lists("Teams.Hint", Canonical.Command(say.Lists("Team.Example", visible[0].Name))));
        return new BotAnswer(text.ToString(), new Card
        {
            Kind = CardKind.DealList,
            Title = title,
            Body = [header],
            Sections = [new CardSection(say.Lists("Teams.Section"), lines)],
            Note = say.Lists("Teams.Hint", Canonical.Command(say.Lists("Team.Example", visible[0].Name))),
        });
    }
}

/// <summary>Who may see which teams in the directory answers, and how an unseen one is answered.</summary>
internal static class TeamDirectory
{
    /// <summary>The teams the person may see, by name: every team for an admin, their own for anyone else.</summary>
    public static List<SalesTeam> Visible(IReadOnlyList<SalesTeam> all, PersonView person) =>
        [.. all.Where(t => AccessPolicy.SeesTeam(person, t.Id)).OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>Deal counts and the digest's channel: an admin's, or a manager's of the team; a rep reads names and roles.</summary>
    public static bool SeesFigures(PersonView person, long teamId) =>
        person.IsAdmin || (person.IsManager && person.TeamIds.Contains(teamId));

    /// <summary>
    /// The same answer for a team that does not exist and one the person may not see (as <see cref="Pipeline.PipelineAccess"/>
    /// answers it), so nobody learns which teams exist.
    /// </summary>
    public static BotAnswer UnknownTeam(string name, IReadOnlyList<SalesTeam> visible, Phrases say)
    {
        var known = visible.Count == 0 ? string.Empty
            : say.Pipeline("Audience.Known", string.Join(say.Nudges("ListSeparator"), visible.Select(t => say.Language.Isolate(t.Name))));
        return Errors.Answer(say.Pipeline("Audience.UnknownTeam.Title"), say.Pipeline("Audience.UnknownTeam", name, known, Canonical.Command(say.Lists("Team.Example", Sample(visible, say)))));
    }

    /// <summary>The team an example names: the first the person sees; seeing none, a placeholder ("TEAM"), never a real-looking name.</summary>
    public static string Sample(IReadOnlyList<SalesTeam> visible, Phrases say) =>
        visible.FirstOrDefault()?.Name ?? say.Lists("Team.Placeholder");
}
