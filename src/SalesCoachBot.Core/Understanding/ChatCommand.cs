namespace SalesCoachBot.Core.Understanding;

/// <summary>How a person referred to a deal in what they typed.</summary>
public abstract record DealReference
{
    /// <summary>"this deal", or no deal named: the deal linked to the conversation.</summary>
    public static readonly DealReference ThisDeal = new LinkedDealReference();
}

/// <summary>"1042", "#1042", "deal 1042".</summary>
public sealed record ExternalIdReference(string ExternalId) : DealReference;

/// <summary>A loose name: "acme corp", "the globex renewal".</summary>
public sealed record NameReference(string Text) : DealReference;

public sealed record LinkedDealReference : DealReference;

/// <summary>A chat command understood from free text. The canonical forms are in the README command table.</summary>
public abstract record ChatCommand;

public sealed record WhatsNextCommand(DealReference Deal) : ChatCommand;

/// <summary>"done ITEM for DEAL": <see cref="ItemText"/> is the item's words or id, possibly several separated by "and" / ",".</summary>
public sealed record ConfirmItemsCommand(DealReference Deal, IReadOnlyList<string> ItemTexts) : ChatCommand;

public sealed record UndoItemCommand(DealReference Deal, string ItemText) : ChatCommand;

public sealed record LinkConversationCommand(DealReference Deal) : ChatCommand;

public sealed record UnlinkConversationCommand : ChatCommand;

public sealed record UseChannelForNudgesCommand(string TeamName) : ChatCommand;

public sealed record MyDealsCommand : ChatCommand;

public sealed record MoveDealCommand(DealReference Deal, string StageText, string? Reason) : ChatCommand;

public sealed record MarkLostCommand(DealReference Deal, string? Reason) : ChatCommand;

public sealed record SaidNoCommand(DealReference Deal) : ChatCommand;

public sealed record StageInfoCommand(string StageText) : ChatCommand;

/// <summary>"pipeline [TEAM] [last N days]"; <see cref="WindowDays"/> null means the default window.</summary>
public sealed record PipelineCommand(string? TeamName, int? WindowDays) : ChatCommand;

public sealed record StalledCommand(string? TeamName) : ChatCommand;

/// <summary>"what do we need to hit 2M": the amount as typed, parsed by the use case so it can explain bad input.</summary>
public sealed record ReverseFunnelCommand(string AmountText) : ChatCommand;

/// <summary>
/// "new deal Contoso 50k EUR at discovery [for team EMEA]": the parts as typed, read by the use case so it can explain
/// bad input (an amount it cannot read, an unknown stage or team).
/// </summary>
public sealed record NewDealCommand(string Name, string? AmountText, string? StageText, string? TeamText) : ChatCommand;

public sealed record HelpCommand : ChatCommand;

/// <summary>Nothing understood; <see cref="Text"/> is what was typed (trimmed), for a helpful answer.</summary>
public sealed record UnknownCommand(string Text) : ChatCommand;
