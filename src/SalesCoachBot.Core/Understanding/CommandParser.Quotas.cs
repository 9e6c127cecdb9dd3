using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// A team's stored quota: setting it ("set the EMEA quota to 500k EUR this quarter", «هدف فريق EMEA هذا الربع 500 ألف
/// يورو») and asking about it with no amount ("how are we doing against quota", "reverse funnel for EMEA").
/// </summary>
public sealed partial class CommandParser
{
    /// <summary>
    /// The funnel's examples, which hold the quota's too: an amount with a quota word and a verb of <c>quota_set_words</c>, or
    /// a period (<c>quota_year_words</c>, …) and no word of <c>quota_question_words</c>, sets the team's quota ("set the EMEA
    /// quota to 500k EUR this quarter", "our quota is 2M EUR a year", «هدف فريق EMEA هذا الربع 500 ألف يورو»); any other
    /// amount is the reverse funnel's target ("quota 500k EUR", "what do we need to hit 2M this quarter"). Kept in one
    /// command's examples: a command of their own shifted the weight of every word they share ("is", "the", "we").
    /// </summary>
    private static ChatCommand? QuotaOrFunnel(IntentMatch m, IReadOnlyList<Token> tokens, LanguagePack pack)
    {
        var period = QuotaPeriodOf(tokens, pack);
        var quota = AnyWordOf(tokens, pack, "quota_words");
        var setVerb = AnyWordOf(tokens, pack, "quota_set_words");
        var setsIt = quota && (setVerb || (period is not null && !AnyWordOf(tokens, pack, "quota_question_words")));
        if (Funnel(tokens, pack) is not ReverseFunnelCommand read)
        {
            // "set the EMEA quota to lots": a quota set with no amount read; the answer asks for the amount.
            return quota && setVerb ? new SetQuotaCommand(string.Empty, period, QuotaTeam(m, tokens, pack)) : QuotaWithoutAmount(m, tokens, pack);
        }

        return setsIt ? new SetQuotaCommand(read.AmountText, period, QuotaTeam(m, tokens, pack) ?? read.TeamName) : read;
    }

    /// <summary>
    /// A quota asked about with no amount: planned ("reverse funnel", "what do we need to hit quota": a word of
    /// <c>reverse_funnel_words</c> or <c>quota_plan_words</c>) is the reverse funnel on the stored quota; otherwise ("am I on
    /// track for quota") its progress. Neither kind of word: not this command.
    /// </summary>
    private static ChatCommand? QuotaWithoutAmount(IntentMatch m, IReadOnlyList<Token> tokens, LanguagePack pack) =>
        AnyWordOf(tokens, pack, "reverse_funnel_words") || (AnyWordOf(tokens, pack, "quota_words") && AnyWordOf(tokens, pack, "quota_plan_words"))
            ? new ReverseFunnelCommand(string.Empty, null, QuotaTeam(m, tokens, pack))
            : AnyWordOf(tokens, pack, "quota_words") ? new QuotaProgressCommand(QuotaTeam(m, tokens, pack))
            : null;

    /// <summary>The team named, never a word of <c>quota_words</c> ("on track for quota" reads "for quota" as a team marker's).</summary>
    private static string? QuotaTeam(IntentMatch m, IReadOnlyList<Token> tokens, LanguagePack pack)
    {
        var team = m.Slot("team") is { Count: > 0 } slot ? Team(slot, pack) : TargetTeam(tokens, pack, []);
        var quota = pack.Words("quota_words");
        return team is null || team.Split(' ').All(w => quota.Contains(w.ToLowerInvariant())) ? null : team;
    }

    private static QuotaPeriod? QuotaPeriodOf(IReadOnlyList<Token> tokens, LanguagePack pack) =>
        AnyWordOf(tokens, pack, "quota_year_words") ? QuotaPeriod.Year
        : AnyWordOf(tokens, pack, "quota_month_words") ? QuotaPeriod.Month
        : AnyWordOf(tokens, pack, "quota_quarter_words") ? QuotaPeriod.Quarter
        : null;
}
