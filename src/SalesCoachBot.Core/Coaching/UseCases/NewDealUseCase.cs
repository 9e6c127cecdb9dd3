using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "new deal Contoso 50k EUR" / "add deal Contoso at discovery": a deal owned by the asker in their team, at the map's
/// first stage unless one is named, when no CRM manages deals (<see cref="CrmOptions"/>). A deal whose name the
/// resolver already matches (typos, a company suffix, the account's name) is answered with that deal instead, so a
/// retried or repeated request never makes a second one.
/// </summary>
internal sealed class NewDealUseCase(
    IDirectoryStore directory,
    IDealCreationStore creations,
    IDealStore deals,
    DealNameResolverCache names,
    ICacheInvalidation invalidation,
    WhatsNextUseCase whatsNext,
    IOptions<CrmOptions> crm) : ICommandHandler<NewDealCommand>
{
    /// <summary>Longest deal name (the database column's size).</summary>
    public const int MaxNameLength = 300;

    /// <summary>
    /// A deal of the same name that the asker created this recently is their own request again (a chat platform's retry,
    /// a double send): it is answered as created, not as a duplicate.
    /// </summary>
    public static readonly TimeSpan RetryWindow = TimeSpan.FromMinutes(10);

    private static readonly DealResolver Resolver = new();

    // Company suffixes that do not tell two deals apart: "Contoso Ltd" is a duplicate of "Contoso".
    private static readonly HashSet<string> CompanySuffixes = new(StringComparer.Ordinal)
    {
        "ltd", "limited", "inc", "incorporated", "corp", "corporation", "co", "company", "gmbh", "ag", "llc", "plc", "sa",
        "sas", "sarl", "bv", "nv", "ab", "as", "oy", "spa", "srl", "pty", "kg", "group",
    };

    public async Task<BotAnswer> HandleAsync(NewDealCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var say = context.Say;
        if (crm.Value.ManagesDeals)
        {
            var source = crm.Value.DisplayName;
            return Errors.Answer(say.Coaching("NewDeal.FromCrm.Title"), say.Coaching("NewDeal.FromCrm", source, Shorten(command.Name)));
        }

        var name = command.Name.Trim();
        if (name.Length == 0 || TextFolding.Words(name).Count == 0)
        {
            return Errors.Answer(say.Coaching("NewDeal.NameNeeded.Title"), say.Coaching("NewDeal.NameNeeded"));
        }

        if (name.Length > MaxNameLength)
        {
            return Errors.Answer(say.Coaching("NewDeal.NameTooLong.Title"), say.Coaching("NewDeal.NameTooLong", MaxNameLength, name.Length));
        }

        decimal? amount = null;
        string? currency = null;
        if (command.AmountText is { } typed)
        {
            // The sign from the person's words, typed or run by a button: a button's "-5k" is refused as the typed one is.
            var amountText = MoneyText.WithSign(typed, context.Turn.Words);
            switch (MoneyText.Parse(amountText, say))
            {
                case AmountParse.Parsed { Money: var money }:
                    amount = AmountPrecision.Round(money.Amount, money.Currency);
                    currency = money.Currency;
                    break;
                case AmountParse.Rejected { TooLarge: true }:
                    return Errors.Answer(say.Coaching("NewDeal.AmountTooLarge.Title"), say.Coaching("NewDeal.AmountTooLarge", Shorten(amountText), MoneyText.MaxTarget));
                default:
                    return Errors.Answer(say.Coaching("NewDeal.Amount.Title"), say.Coaching("NewDeal.Amount", Shorten(amountText), Shorten(name)));
            }
        }

        if (await TeamOfAsync(command.TeamText, context, cancellationToken) is not { } team)
        {
            return await TeamProblemAsync(command.TeamText, context, name, cancellationToken);
        }

        // The deal's team's map: its stages, its first stage, its checklist.
        var map = context.MapOfTeam(team.MapId);
        Stage stage;
        if (command.StageText is { } stageText)
        {
            switch (Matching.MatchStage(map, stageText))
            {
                case StageMatch.Found found:
                    stage = found.Stage;
                    break;
                case StageMatch.Ambiguous several:
                    return Errors.Answer(say.Errors("WhichStage.Title"), say.Coaching("NewDeal.WhichStage",
                        Shorten(stageText), CoachingWording.Or(several.Candidates.Select(s => MapWording.Name(s, say.Language)), say), Shorten(name), several.Candidates[0].Id.Value));
                default:
                    return Errors.Answer(say.Errors("UnknownStage.Title"), say.Errors("UnknownStage",
                        Shorten(stageText), CoachingWording.List(map.OrderedStages().Select(s => MapWording.Name(s, say.Language)), say)));
            }
        }
        else if (map.FindStage(map.Start) is { } start)
        {
            stage = start;
        }
        else
        {
            return Errors.Answer(say.Coaching("NewDeal.NoFirstStage.Title"), say.Coaching("NewDeal.NoFirstStage"));
        }

        if (amount is not null && string.IsNullOrWhiteSpace(currency))
        {
            return await AskCurrencyAsync(command, name, context, cancellationToken);
        }

        var deal = new NewDeal(name, amount, currency, context.Person.Id, team.Id, stage.Id,
            ConfirmItemsUseCase.StatusOnEntering(map, stage), context.Now)
        {
            MapVersion = map.Version,
        };

        // Duplicates are looked for among the deals the asker may see, and always in the deal's own team.
        var scope = AccessPolicy.VisibleTeams(context.Person) is { } visible ? (IReadOnlyCollection<long>)[.. visible.Append(team.Id).Distinct()] : null;
        var outcome = await creations.CreateAsync(deal, scope, entries => FindDuplicate(name, entries), cancellationToken);
        switch (outcome)
        {
            case DealCreation.Created created:
                names.Add(created.Deal);
                await invalidation.InvalidateAsync(CacheKey.All(CacheRegion.DealNames), CancellationToken.None);
                await invalidation.InvalidateAsync(CacheKey.Deal(created.Deal.Id), CancellationToken.None);
                return await whatsNext.ShowCurrentAsync(created.Deal.Id, context, CreatedNote(created.Deal, MapWording.Name(stage, say.Language), team.Name, amount, currency, say), cancellationToken);

            case DealCreation.Duplicate { Existing: var existing }:
                if (await RetriedAsync(existing, name, context, cancellationToken) is { } again)
                {
                    var at = context.MapOf(again).FindStage(again.Deal.StageId) is { } now ? MapWording.Name(now, say.Language) : again.Deal.StageId.Value;
                    return await whatsNext.ShowAsync(again, context, CreatedNote(existing, at, again.TeamName, again.Deal.Amount, again.Deal.Currency, say), cancellationToken);
                }

                var message = say.Coaching("NewDeal.Exists", existing.Name, "#" + existing.ExternalId, Shorten(name));
                return new BotAnswer(message, new Card
                {
                    Kind = CardKind.Error,
                    Title = say.Coaching("NewDeal.Exists.Title"),
                    Body = [message],
                    Actions = [new CardAction(say.Errors("DealChoice.WhatsNext", "#" + existing.ExternalId), new ShowChecklistPayload(existing.Id))],
                });

            default:
                throw new InvalidOperationException($"Unknown creation outcome {outcome.GetType().Name}.");
        }
    }

    /// <summary>
    /// The deal among <paramref name="entries"/> that the name resolver matches for <paramref name="name"/> (without a
    /// company suffix), open or nurtured: a won or lost deal with the same company is history, not a duplicate.
    /// </summary>
    internal static DealNameEntry? FindDuplicate(string name, IReadOnlyList<DealNameEntry> entries)
    {
        var live = entries.Where(e => e.Status is DealStatus.Open or DealStatus.Nurture).ToList();
        if (live.Count == 0)
        {
            return null;
        }

        var words = TextFolding.Words(name);
        var core = words.Where(w => !CompanySuffixes.Contains(w)).ToList();
        var text = string.Join(' ', core.Count > 0 ? core : words);
        return Resolver.Resolve(new NameReference(text), live) switch
        {
            DealResolution.Found found => found.Deal,
            DealResolution.Ambiguous several => several.Candidates[0],
            _ => null,
        };
    }

    /// <summary>The same request again: the asker's own deal of exactly this name, made within <see cref="RetryWindow"/>.</summary>
    private async Task<DealView?> RetriedAsync(DealNameEntry existing, string name, TurnContext context, CancellationToken cancellationToken)
    {
        if (existing.OwnerId != context.Person.Id
            || !string.Equals(string.Join(' ', TextFolding.Words(existing.Name)), string.Join(' ', TextFolding.Words(name)), StringComparison.Ordinal))
        {
            return null;
        }

        var view = await deals.GetAsync(existing.Id, cancellationToken);
        return view is not null && view.Deal.CreatedAt >= context.Now - RetryWindow && view.Deal.CreatedAt <= context.Now ? view : null;
    }

    private async Task<SalesTeam?> TeamOfAsync(string? teamText, TurnContext context, CancellationToken cancellationToken)
    {
        var person = context.Person;
        if (teamText is not null)
        {
            var named = await directory.FindTeamByNameAsync(teamText.Trim(), cancellationToken);
            return named is not null && (person.IsAdmin || person.TeamIds.Contains(named.Id)) ? named : null;
        }

        if (person.TeamIds.Count != 1)
        {
            return null;
        }

        var teams = await directory.ListTeamsAsync(cancellationToken);
        return teams.FirstOrDefault(t => t.Id == person.TeamIds[0]);
    }

    private async Task<BotAnswer> TeamProblemAsync(string? teamText, TurnContext context, string name, CancellationToken cancellationToken)
    {
        var person = context.Person;
        var say = context.Say;
        var teams = await directory.ListTeamsAsync(cancellationToken);
        var mine = teams.Where(t => person.TeamIds.Contains(t.Id)).Select(t => t.Name).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
        if (teamText is not null)
        {
            // Reads the same whether or not the team exists (no probing for team names).
            var yours = mine.Count == 0 ? say.Coaching("NewDeal.NoTeams") : say.Coaching("NewDeal.YourTeams", CoachingWording.List(mine, say));
            return Errors.Answer(say.Coaching("NewDeal.NotYourTeam.Title"), say.Coaching("NewDeal.NotYourTeam", Shorten(teamText), yours));
        }

        if (mine.Count == 0)
        {
            return Errors.Answer(say.Coaching("NewDeal.NoTeam.Title"), say.Coaching("NewDeal.NoTeam"));
        }

        // A button per team runs what the person wrote with the team added, in their words: the amount and stage stay.
        var typed = context.Turn.Words?.Trim() ?? Canonical.Command($"new deal {name}");
        string ForTeam(string team) => typed.TrimEnd(' ', '.', '!') + " " + Bidi.WithoutIsolates(say.Coaching("NewDeal.ForTeam.Clause", team));
        var question = say.Coaching("NewDeal.WhichTeam", CoachingWording.And(mine, say), say.Coaching("NewDeal.ForTeam.Clause", mine[0]));
        return new BotAnswer(question, new Card
        {
            Kind = CardKind.Info,
            Title = say.Coaching("NewDeal.WhichTeam.Title"),
            Body = [question],
            Actions = [.. mine.Take(MaxTeamButtons).Select(team => new CardAction(team, new RunCommandPayload(ForTeam(team))))],
        });
    }

    /// <summary>Buttons a card shows for the teams; a person in more teams says the team in words.</summary>
    private const int MaxTeamButtons = 5;

    /// <summary>
    /// "new deal Vega 12.5k": an amount without a currency is not stored (pipeline totals never add currencies up, so a
    /// bare figure would count in none). Asked back, with a button per currency the asker's open deals already use,
    /// most used first; the button runs the same command with the currency added.
    /// </summary>
    private async Task<BotAnswer> AskCurrencyAsync(NewDealCommand command, string name, TurnContext context, CancellationToken cancellationToken)
    {
        var say = context.Say;
        var amountText = command.AmountText!.Trim();
        var at = command.StageText is { } stageText ? Canonical.Command($" at {stageText}") : string.Empty;
        var forTeam = command.TeamText is { } teamText ? Canonical.Command($" for team {teamText}") : string.Empty;

        // An amount typed in Arabic is echoed as typed, and the command offered is the person's own with the currency
        // said after the amount («صفقة جديدة نيوم بـ 20 ألف يورو»), which the Arabic reading understands.
        var words = context.Turn.Words?.Trim();
        var said = command.AmountTyped;
        var amountEnd = said is not null && words?.IndexOf(said, StringComparison.Ordinal) is >= 0 and var at0 ? at0 + said.Length : -1;
        string WithCurrency(string code) => amountEnd < 0 || words is null
            ? Canonical.Command($"new deal {name} {amountText} {code}{at}{forTeam}")
            : words.Insert(amountEnd, " " + (LanguagePack.Arabic.CurrencyWord(code) ?? code));

        var used = (await deals.ListOpenByOwnerAsync(context.Person.Id, cancellationToken))
            .Select(d => d.Deal.Currency)
            .OfType<string>()
            .Where(c => c.Length > 0)
            .GroupBy(c => c.ToUpperInvariant(), StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .Take(3)
            .ToList();
        var question = say.Coaching("NewDeal.Currency", Shorten(amountEnd < 0 ? amountText : said!), WithCurrency(used.FirstOrDefault() ?? "EUR"));
        var card = new Card
        {
            Kind = CardKind.Info,
            Title = say.Coaching("NewDeal.Currency.Title"),
            Body = [question],
            Actions = [.. used.Select(code => new CardAction(code, new RunCommandPayload(WithCurrency(code))))],
        };
        return new BotAnswer(question, card);
    }

    private static string CreatedNote(DealNameEntry deal, string stage, string team, decimal? amount, string? currency, Phrases say) =>
        amount is { } a
            ? say.Coaching("NewDeal.CreatedWithAmount", deal.Name, "#" + deal.ExternalId, stage, team, DealCards.Money(a, currency, say))
            : say.Coaching("NewDeal.Created", deal.Name, "#" + deal.ExternalId, stage, team);

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}
