using System.Globalization;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Home;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Slack.WebApi;

namespace SalesCoachBot.Slack.Home;

/// <summary>
/// The App Home tab: one section per open deal (stage, days in stage, stalled marker, next unconfirmed item) with a
/// Checklist button, then the stalled count of each team a manager leads. Never over Slack's 100 blocks: what does
/// not fit is counted in a last line that points to <c>/coach my deals</c>.
/// </summary>
internal sealed class HomeViewRenderer
{
    public const int MaxBlocks = 100;
    public const int MaxTeamRows = 20;
    public const string CallbackId = "coach-home";

    /// <summary>The commands a person is most likely to need next, under the heading (the full list is <c>/coach help</c>).</summary>
    internal const string TryLine =
        "Try `/coach next step for DEAL: call Friday` · `/coach note for DEAL: …` · `/coach called DEAL` · `/coach snooze DEAL 3 days` · `/coach history of DEAL` · `/coach new deal NAME 50k EUR`";

    public HomeView Render(HomeOverview overview)
    {
        var blocks = new List<Block>();
        if (overview.PersonName is null)
        {
            blocks.Add(new HeaderBlock(TextObject.Plain("Sales coach")));
            blocks.Add(new SectionBlock(TextObject.Markdown(
                "I don't know you yet, so I can't show any deals. Ask your SalesCoachBot admin to add you to the people list.")));
            return new HomeView(blocks) { CallbackId = CallbackId };
        }

        var stalled = overview.Deals.Count(d => d.IsStalled);
        blocks.Add(new HeaderBlock(TextObject.Plain(SlackText.Shorten("Your open deals", BlockKitLimits.HeaderText))));
        blocks.Add(new ContextBlock([TextObject.Markdown(
            overview.Deals.Count == 0 ? "You have no open deals." : $"{Count(overview.Deals.Count, "open deal")}, {stalled} stalled · `/coach help` for commands")]));
        blocks.Add(new ContextBlock([TextObject.Markdown(TryLine)]));

        var teams = overview.Teams.Take(MaxTeamRows).ToList();
        var teamBlocks = teams.Count == 0 ? 0 : 2 + teams.Count + (overview.Teams.Count > teams.Count ? 1 : 0);
        var room = MaxBlocks - blocks.Count - teamBlocks - 1;
        var shown = overview.Deals.Take(room).ToList();
        for (var i = 0; i < shown.Count; i++)
        {
            var deal = shown[i];
            var lines = $"*{SlackText.Escape(deal.Name)}* (#{SlackText.Escape(deal.ExternalId)})\n" +
                        $"{SlackText.Escape(deal.StageName)} · {Count(deal.DaysInStage, "day")} in stage{(deal.IsStalled ? " · :warning: *stalled*" : string.Empty)}" +
                        (deal.NextItem is { } next ? $"\nNext: {SlackText.Escape(next)}" : "\nEvery checklist item is confirmed.");
            blocks.Add(new SectionBlock(TextObject.Markdown(SlackText.Shorten(lines, BlockKitLimits.SectionText)))
            {
                BlockId = "coach-home-deal-" + i.ToString(CultureInfo.InvariantCulture),
                Accessory = new ButtonElement(TextObject.Plain("Checklist"))
                {
                    ActionId = BlockKitRenderer.ButtonActionPrefix + "home-" + i.ToString(CultureInfo.InvariantCulture),
                    Value = new ShowChecklistPayload(deal.Deal).ToJson(),
                },
            });
        }

        if (overview.Deals.Count > shown.Count)
        {
            blocks.Add(new ContextBlock([TextObject.Markdown($"…and {Count(overview.Deals.Count - shown.Count, "more deal")}: `/coach my deals` lists them all.")]));
        }

        if (teams.Count > 0)
        {
            blocks.Add(new DividerBlock());
            blocks.Add(new HeaderBlock(TextObject.Plain("Your teams")));
            foreach (var team in teams)
            {
                blocks.Add(new SectionBlock(TextObject.Markdown(
                    $"*{SlackText.Escape(team.TeamName)}*: {(team.Stalled > 0 ? ":warning: " : string.Empty)}{team.Stalled} stalled of {Count(team.Open, "open deal")}")));
            }

            if (overview.Teams.Count > teams.Count)
            {
                blocks.Add(new ContextBlock([TextObject.Markdown($"…and {Count(overview.Teams.Count - teams.Count, "more team")}: `/coach stalled TEAM` for one.")]));
            }
        }

        return new HomeView(blocks) { CallbackId = CallbackId };
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n.ToString(CultureInfo.InvariantCulture)} {noun}s";
}
