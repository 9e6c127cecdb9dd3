using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "what's next for DEAL": the deal's stage, why it matters, and its exit checklist. Words that name no deal but one of
/// the person's teams ("how's EMEA looking this quarter") ask for that team's pipeline instead (its digest when asked as a
/// summary: "EMEA summary", «ملخص EMEA»); words that name a stage
/// of the map ("what's required for verbal agreement") get the stage's page; a name an owner has («وش وضع Dana») gets
/// that owner's deals.
/// </summary>
internal sealed class WhatsNextUseCase(
    DealLocator locator, TeamRulesProvider teamRules, IDealJournal journal,
    DealNameResolverCache names, IDealStore deals, IDirectoryStore directory, CommandParser parser, CommandDispatcher commands,
    StageInfoUseCase stages)
    : ICommandHandler<WhatsNextCommand>, ICommandHandler<ShowChecklistPayload>
{
    public async Task<BotAnswer> HandleAsync(WhatsNextCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateAsync(command.Deal, context, id => $"what's next for #{id}", cancellationToken);
        if (lookup is not DealLookup.Found found)
        {
            return (command.AskedForSummary ? await TeamDigestAsync(command.Deal, command.Language, context, cancellationToken) : null)
                ?? await TeamPipelineAsync(command.Deal, command.Language, context, cancellationToken, command.TeamPeriod)
                ?? await StageOrOwnerAsync(command.Deal, command.Language, context, cancellationToken)
                ?? await HelpAskedAsync(command, context, cancellationToken)
                ?? ((DealLookup.Answered)lookup).Answer;
        }

        return await ShowAsync(found.Deal, context, note: null, cancellationToken);
    }

    /// <summary>"help xyz": help asked about words that name nothing the person may see is the whole help, not "no such deal".</summary>
    private async Task<BotAnswer?> HelpAskedAsync(WhatsNextCommand command, TurnContext context, CancellationToken cancellationToken) =>
        command.AskedForHelp && command.Deal is NameReference name && await names.NamesNoDealAsync(deals, name, context.Person, cancellationToken)
            ? await commands.DispatchAsync(new HelpCommand { Language = command.Language }, context, cancellationToken)
            : null;

    /// <summary>
    /// Words that name no deal the person may see, read again (only once no deal matched, so a deal's card costs nothing
    /// more): a stage of the person's map gets its page ("what's required for verbal agreement"), an owner of deals the
    /// person may see gets that owner's list, as "Dana's deals" does («وش وضع Dana هالحين»). Null when they are neither.
    /// </summary>
    private async Task<BotAnswer?> StageOrOwnerAsync(DealReference deal, string language, TurnContext context, CancellationToken cancellationToken)
    {
        if (deal is not NameReference name || !await names.NamesNoDealAsync(deals, name, context.Person, cancellationToken))
        {
            return null;
        }

        if (await stages.AnswerIfStageAsync(name.Text, context, cancellationToken) is { } stage)
        {
            return stage;
        }

        // Only the owners' names are read here: the owner's list reads their deals.
        var owners = await deals.ListOpenOwnersAsync(AccessPolicy.FindableDeals(context.Person), cancellationToken);
        return OwnerNames.Meant(owners.Select(owner => owner.Name), name.Text).Count > 0
            ? await commands.DispatchAsync(new MyDealsCommand(Mine: false) { OwnerName = name.Text, Language = language }, context, cancellationToken)
            : null;
    }

    /// <summary>
    /// "how's EMEA looking", "what's next for EMEA this quarter": the words, naming no deal the person may see, read again
    /// as a pipeline request; answered as one when they name a team the person belongs to or manages. Null otherwise,
    /// so a name that is no team keeps its "no such deal" answer. A period typed outside the words (<paramref name="period"/>)
    /// is the pipeline's when the words have none.
    /// </summary>
    public async Task<BotAnswer?> TeamPipelineAsync(DealReference deal, string language, TurnContext context, CancellationToken cancellationToken, PipelineCommand? period = null)
    {
        if (deal is not NameReference name || parser.Parse("pipeline " + name.Text) is not PipelineCommand { TeamName: { } teamName } pipeline
            || !await names.NamesNoDealAsync(deals, name, context.Person, cancellationToken))
        {
            return null;
        }

        return await AccessPolicy.FindVisibleTeamAsync(directory, teamName, context.Person, cancellationToken) is not null
            ? await commands.DispatchAsync(
                pipeline.WindowDays is null && pipeline.Period is null && period is not null
                    ? pipeline with { Language = language, WindowDays = period.WindowDays, Period = period.Period }
                    : pipeline with { Language = language },
                context,
                cancellationToken)
            : null;
    }

    /// <summary>
    /// "EMEA summary", «ملخص EMEA»: words naming no deal but a team the person may see, asked for as a summary, get the
    /// team's digest (its stalled list), as «ملخص فريق EMEA» and "EMEA digest" do. Null otherwise.
    /// </summary>
    private async Task<BotAnswer?> TeamDigestAsync(DealReference deal, string language, TurnContext context, CancellationToken cancellationToken)
    {
        if (deal is not NameReference name || parser.Parse("pipeline " + name.Text) is not PipelineCommand { TeamName: { } teamName }
            || !await names.NamesNoDealAsync(deals, name, context.Person, cancellationToken))
        {
            return null;
        }

        return await AccessPolicy.FindVisibleTeamAsync(directory, teamName, context.Person, cancellationToken) is not null
            ? await commands.DispatchAsync(new StalledCommand(teamName) { Language = language }, context, cancellationToken)
            : null;
    }

    /// <summary>"should we move Globex to demo?": the deal's card, with a note that nothing changed.</summary>
    public async Task<BotAnswer> AdviseAsync(DealReference deal, TurnContext context, CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateAsync(deal, context, id => $"what's next for #{id}", cancellationToken);
        return lookup is DealLookup.Found found
            ? await ShowAsync(found.Deal, context, context.Say.Coaching("Advice.NothingChanged", found.Deal.Deal.Name), cancellationToken)
            : ((DealLookup.Answered)lookup).Answer;
    }

    /// <summary>A "Checklist" button: the deal's current card.</summary>
    public Task<BotAnswer> HandleAsync(ShowChecklistPayload command, TurnContext context, CancellationToken cancellationToken) =>
        ShowCurrentAsync(command.Deal, context, note: null, cancellationToken);

    /// <summary>Re-reads the deal (after a change) and shows its current card with a note on what happened.</summary>
    public async Task<BotAnswer> ShowCurrentAsync(DealId deal, TurnContext context, string? note, CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateByIdAsync(deal, context, cancellationToken);
        return lookup is DealLookup.Found found
            ? await ShowAsync(found.Deal, context, note, cancellationToken)
            : ((DealLookup.Answered)lookup).Answer;
    }

    public async Task<BotAnswer> ShowAsync(DealView deal, TurnContext context, string? note, CancellationToken cancellationToken)
    {
        var rules = await teamRules.GetAsync(cancellationToken);
        // A deal read by id, or the view a change left, brings its latest notes (cached with it); a listed deal does not.
        var notes = deal.LatestNotes ?? await journal.RecentNotesAsync(deal.Id, DealCards.NotesShown, cancellationToken);
        return DealCards.Checklist(deal, context.MapOf(deal), rules, context.Now, note, notes, context.Say);
    }
}
