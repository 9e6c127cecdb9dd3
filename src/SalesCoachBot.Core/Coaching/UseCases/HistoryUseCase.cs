using System.Globalization;
using System.Text;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "history of DEAL": a timeline, newest first, of stage changes (who, when, from which chat, under which map version),
/// confirmations and undos, overrides with reasons, notes, activities and snoozes; <see cref="PageSize"/> entries a
/// page, with a "More" button for the next. Whoever may see the deal may read its history.
/// </summary>
internal sealed class HistoryUseCase(DealLocator locator, IDealJournal journal)
    : ICommandHandler<HistoryCommand>, ICommandHandler<ShowHistoryPayload>
{
    public const int PageSize = 20;

    public async Task<BotAnswer> HandleAsync(HistoryCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateAsync(command.Deal, context, id => $"history of #{id}", cancellationToken);
        return lookup is DealLookup.Found found
            ? await ShowAsync(found.Deal, page: 1, context, cancellationToken)
            : ((DealLookup.Answered)lookup).Answer;
    }

    /// <summary>The "More" button: the next page replaces the card it was pressed on.</summary>
    public async Task<BotAnswer> HandleAsync(ShowHistoryPayload command, TurnContext context, CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateByIdAsync(command.Deal, context, cancellationToken);
        return lookup is DealLookup.Found found
            ? await ShowAsync(found.Deal, command.Page, context, cancellationToken) with { ReplacesCard = true }
            : ((DealLookup.Answered)lookup).Answer;
    }

    private async Task<BotAnswer> ShowAsync(DealView view, int page, TurnContext context, CancellationToken cancellationToken)
    {
        var deal = view.Deal;
        var entries = await journal.TimelineAsync(deal.Id, cancellationToken);
        var pages = Math.Max(1, (entries.Count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var shown = entries.Skip((page - 1) * PageSize).Take(PageSize).Select(e => Line(e, context.MapOf(view))).ToList();
        var heading = entries.Count == 0
            ? "Nothing recorded yet"
            : string.Create(CultureInfo.InvariantCulture, $"Entries {((page - 1) * PageSize) + 1}–{((page - 1) * PageSize) + shown.Count} of {entries.Count}, newest first");

        var actions = new List<CardAction>();
        if (page < pages)
        {
            actions.Add(new CardAction("More", new ShowHistoryPayload(deal.Id, page + 1), CardActionStyle.Primary));
        }

        actions.Add(new CardAction("Checklist", new ShowChecklistPayload(deal.Id)));
        var card = new Card
        {
            Kind = CardKind.History,
            Title = $"History of {deal.Name}",
            Subtitle = $"#{deal.ExternalId} · {view.TeamName}",
            Sections = [new CardSection(heading, shown.Select(l => new CardLine(l)).ToList())],
            Actions = actions,
        };

        var text = new StringBuilder().AppendLine(card.Title).AppendLine(card.Subtitle).Append(heading);
        foreach (var line in shown)
        {
            text.AppendLine().Append("- ").Append(line);
        }

        if (page < pages)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"Page {page} of {pages}: press More for older entries.");
        }

        return new BotAnswer(text.ToString(), card);
    }

    /// <summary>One entry: when · who · what · where · map version.</summary>
    internal static string Line(TimelineEntry entry, ProcessMap map)
    {
        var parts = new List<string> { DealCards.When(entry.At) };
        if (entry.PersonName is { Length: > 0 } who)
        {
            parts.Add(who);
        }

        parts.Add(What(entry, map));
        if (Where(entry) is { } where)
        {
            parts.Add(where);
        }

        if (entry.MapVersion is { } version)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"map v{version}"));
        }

        return string.Join(" · ", parts);
    }

    private static string What(TimelineEntry entry, ProcessMap map)
    {
        var stage = entry.Stage is { } id ? map.FindStage(id)?.Name ?? id.Value : "?";
        var reason = entry.Text is { Length: > 0 } r ? $": {r}" : string.Empty;
        return entry.Kind switch
        {
            TimelineEntryKind.StageChange => entry.StageChange switch
            {
                StageChangeKind.Entered => $"Entered {stage}",
                StageChangeKind.Advanced => $"Advanced to {stage}{reason}",
                StageChangeKind.Moved => $"Moved to {stage}{reason}",
                StageChangeKind.Override => $"Moved to {stage} as an override of the checklist{reason}",
                StageChangeKind.Closed => $"Closed in {stage}{reason}",
                StageChangeKind.MapChange => $"Moved to {stage} by the {entry.Text ?? "map change"}",
                StageChangeKind.MovedInCrm => $"Moved to {stage}{reason}",
                _ => $"In {stage} (imported)",
            },
            TimelineEntryKind.Confirmed => $"Confirmed \"{ItemText(entry, map)}\" ({stage})",
            TimelineEntryKind.Withdrawn => $"Withdrew the confirmation of \"{ItemText(entry, map)}\" ({stage})",
            TimelineEntryKind.Note => $"Note: {entry.Text}",
            TimelineEntryKind.Activity => Capitalised(LogActivityUseCase.Describe(entry.Activity ?? ActivityKind.Other, entry.Text, Localization.Phrases.English)),
            TimelineEntryKind.Snooze => $"Snoozed until {(entry.Until is { } until ? DealCards.Date(until) : "?")}",
            _ => entry.Kind.ToString(),
        };
    }

    private static string ItemText(TimelineEntry entry, ProcessMap map) =>
        entry.Stage is { } stage && entry.Item is { } item ? map.FindStage(stage)?.FindItem(item)?.Text ?? item.Value : entry.Item?.Value ?? "?";

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>The chat an entry came from, when recorded: "Teams chat 19:…", "Slack channel C…", "command line (walk)".</summary>
    internal static string? Where(TimelineEntry entry)
    {
        if (entry.Conversation is { } key)
        {
            return (key.Channel, key.IsPerson) switch
            {
                (_, true) => $"in a direct message on {key.Channel}",
                (ChatChannel.Teams, _) => $"in Teams chat {key.Id}",
                (ChatChannel.Slack, _) => $"in Slack channel {key.Id}",
                _ => $"from the command line ({key.Id})",
            };
        }

        return entry.Channel is { } channel ? $"in {channel}" : null;
    }
}
