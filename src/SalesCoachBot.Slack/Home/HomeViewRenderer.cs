using System.Globalization;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Home;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Slack.WebApi;

namespace SalesCoachBot.Slack.Home;

/// <summary>
/// The App Home tab: one section per open deal (stage, days in stage, stalled marker, next unconfirmed item) with a
/// Checklist button, then the stalled count of each team a manager leads. Never over Slack's 100 blocks: what does
/// not fit is counted in a last line that points to <c>/coach my deals</c>. Written in the person's language
/// (<see cref="HomeOverview.Language"/>); Slack has no direction flag, so Arabic relies on the isolates around Latin names.
/// </summary>
internal sealed class HomeViewRenderer(ReplyTexts? texts = null)
{
    private readonly ReplyTexts _texts = texts ?? ReplyTexts.Shared;

    public const int MaxBlocks = 100;
    public const int MaxTeamRows = 20;
    public const string CallbackId = "coach-home";

    /// <summary>The commands a person is most likely to need next, under the heading (the full list is <c>/coach help</c>).</summary>
    internal static string TryLine(Phrases say) => say.Home("TryLine");

    public HomeView Render(HomeOverview overview)
    {
        var say = _texts.In(overview.Language);
        var blocks = new List<Block>();
        if (overview.PersonName is null)
        {
            blocks.Add(new HeaderBlock(TextObject.Plain(say.Home("Header.Unknown"))));
            blocks.Add(new SectionBlock(TextObject.Markdown(say.Errors("UnknownPerson"))));
            return new HomeView(blocks) { CallbackId = CallbackId };
        }

        var stalled = overview.Deals.Count(d => d.IsStalled);
        blocks.Add(new HeaderBlock(TextObject.Plain(SlackText.Shorten(say.Home("Header"), BlockKitLimits.HeaderText))));
        blocks.Add(new ContextBlock([TextObject.Markdown(
            overview.Deals.Count == 0 ? say.Home("None") : say.Home("Summary", say.Count(Phrases.Area.Home, "OpenDeals", overview.Deals.Count),
                say.Count(Phrases.Area.Home, "StalledDeals", stalled)))]));
        blocks.Add(new ContextBlock([TextObject.Markdown(TryLine(say))]));

        var teams = overview.Teams.Take(MaxTeamRows).ToList();
        var teamBlocks = teams.Count == 0 ? 0 : 2 + teams.Count + (overview.Teams.Count > teams.Count ? 1 : 0);
        var room = MaxBlocks - blocks.Count - teamBlocks - 1;
        var shown = overview.Deals.Take(room).ToList();
        for (var i = 0; i < shown.Count; i++)
        {
            var deal = shown[i];
            var lines = say.Home("Deal.Title", SlackText.Escape(deal.Name), "#" + SlackText.Escape(deal.ExternalId)) + "\n" +
                        say.Home(deal.IsStalled ? "Deal.StageStalled" : "Deal.Stage", SlackText.Escape(deal.StageName), say.Count(Phrases.Area.Home, "Days", deal.DaysInStage)) + "\n" +
                        (deal.NextItem is { } next ? say.Home("Deal.Next", SlackText.Escape(next)) : say.Home("Deal.AllConfirmed"));
            blocks.Add(new SectionBlock(TextObject.Markdown(SlackText.Shorten(lines, BlockKitLimits.SectionText)))
            {
                BlockId = "coach-home-deal-" + i.ToString(CultureInfo.InvariantCulture),
                Accessory = new ButtonElement(TextObject.Plain(say.Home("Button.Checklist")))
                {
                    ActionId = BlockKitRenderer.ButtonActionPrefix + "home-" + i.ToString(CultureInfo.InvariantCulture),
                    Value = new ShowChecklistPayload(deal.Deal).ToJson(),
                },
            });
        }

        if (overview.Deals.Count > shown.Count)
        {
            blocks.Add(new ContextBlock([TextObject.Markdown(say.Home("MoreDeals", say.Count(Phrases.Area.Home, "MoreDeals.Count", overview.Deals.Count - shown.Count)))]));
        }

        if (teams.Count > 0)
        {
            blocks.Add(new DividerBlock());
            blocks.Add(new HeaderBlock(TextObject.Plain(say.Home("Teams"))));
            foreach (var team in teams)
            {
                blocks.Add(new SectionBlock(TextObject.Markdown(say.Home(team.Stalled > 0 ? "Team.LineWarning" : "Team.Line",
                    SlackText.Escape(team.TeamName), say.Count(Phrases.Area.Home, "StalledDeals", team.Stalled), say.Count(Phrases.Area.Home, "Team.Open", team.Open)))));
            }

            if (overview.Teams.Count > teams.Count)
            {
                blocks.Add(new ContextBlock([TextObject.Markdown(say.Home("MoreTeams", say.Count(Phrases.Area.Home, "MoreTeams.Count", overview.Teams.Count - teams.Count)))]));
            }
        }

        return new HomeView(blocks) { CallbackId = CallbackId };
    }
}
