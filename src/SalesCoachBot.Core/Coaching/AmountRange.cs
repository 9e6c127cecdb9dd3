using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching;

/// <summary>
/// "deals over 50k", "deals between 20k and 80k EUR": the amounts a deal list keeps, read from an <see cref="AmountFilter"/>
/// with the amount reader every reply uses (<see cref="MoneyText"/>). A currency said keeps that currency's deals; none
/// compares each deal's amount in its own currency (amounts are never converted). A deal with no amount is never kept.
/// </summary>
internal sealed record AmountRange(Money? Over, Money? Under, bool Inclusive)
{
    /// <summary>The one currency said, or null when none was (any currency).</summary>
    public string? Currency => Over?.Currency ?? Under?.Currency;

    /// <summary>The range, or a refusal in the person's language when an amount is unreadable, negative, too large or backwards.</summary>
    public static (AmountRange? Range, BotAnswer? Refusal) Read(AmountFilter filter, string? words, Phrases say)
    {
        Money? over = null, under = null;
        foreach (var (typed, isOver) in new[] { (filter.Over, true), (filter.Under, false) })
        {
            if (typed is null)
            {
                continue;
            }

            // The sign typed before the amount ("-5k"), which the parser's words leave out, is read as typed.
            switch (MoneyText.Parse(MoneyText.WithSign(typed, words), say, "DealAmount"))
            {
                case AmountParse.Rejected rejected:
                    return (null, Errors.Answer(say.Lists("Amount.Which.Title"), rejected.Message));
                case AmountParse.Parsed { Money: var money } when isOver:
                    over = money;
                    break;
                case AmountParse.Parsed { Money: var money }:
                    under = money;
                    break;
            }
        }

        if (over is { Currency: { } a } && under is { Currency: { } b } && !string.Equals(a, b, StringComparison.OrdinalIgnoreCase))
        {
            return (null, Errors.Answer(say.Lists("Amount.Which.Title"), say.Lists("Amount.TwoCurrencies", filter.Over!, filter.Under!)));
        }

        if (over is not null && under is not null && over.Amount > under.Amount)
        {
            return (null, Errors.Answer(say.Lists("Amount.Which.Title"), say.Lists("Amount.Backwards", filter.Over!, filter.Under!)));
        }

        return (new AmountRange(over, under, filter.Inclusive), null);
    }

    /// <summary>Whether the deal's amount is in the range (in the currency said, when one was).</summary>
    public bool Holds(Deal deal) =>
        deal.Amount is { } amount
        && (Currency is null || PipelineAnalytics.NormalizeCurrency(deal.Currency) == PipelineAnalytics.NormalizeCurrency(Currency))
        && (Over is null || (Inclusive ? amount >= Over.Amount : amount > Over.Amount))
        && (Under is null || (Inclusive ? amount <= Under.Amount : amount < Under.Amount));

    /// <summary>"over 50,000 EUR", "between 20,000 and 80,000 (any currency)": the range as a list's header says it.</summary>
    public string Words(Phrases say)
    {
        string Amount(Money money) => say.Language.Money(money.Amount, Currency);
        var words = (Over, Under) switch
        {
            ({ } over, { } under) => say.Lists("Amount.Between", Amount(over), Amount(under)),
            ({ } over, null) => say.Lists("Amount.Over", Amount(over)),
            _ => say.Lists("Amount.Under", Amount(Under!)),
        };
        return Currency is null ? say.Lists("Amount.AnyCurrency", words) : words;
    }

    /// <summary>"3 deals with no amount left out", or null when every deal read had one.</summary>
    public static string? LeftOut(int withoutAmount, Phrases say) =>
        withoutAmount == 0 ? null : say.Count(Phrases.Area.Lists, "Amount.LeftOut", withoutAmount);
}
