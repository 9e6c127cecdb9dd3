using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// A team's stored quota: setting it ("set the EMEA quota to 500k EUR this quarter", «هدف فريق EMEA هذا الربع 500 ألف
/// يورو») and asking about it with no amount ("how are we doing against quota", "reverse funnel for EMEA").
/// </summary>
public sealed partial class CommandParser
{
    /// <summary>
    /// The amount, its unit and currency read as the reverse funnel reads them (<see cref="Funnel"/>); the team from the
    /// example's slot, else after a team marker; the period from a word of <c>quota_year_words</c>, <c>quota_month_words</c>
    /// or <c>quota_quarter_words</c> (none: a quarter). No amount: not this command.
    /// </summary>
    private static SetQuotaCommand? SetQuota(IntentMatch m, IReadOnlyList<Token> tokens, LanguagePack pack)
    {
        if (Funnel(tokens, pack) is not ReverseFunnelCommand read)
        {
            // "set the EMEA quota to lots": a quota set with no amount read; the answer asks for the amount.
            return AnyWordOf(tokens, pack, "quota_words") ? new SetQuotaCommand(string.Empty, QuotaPeriodOf(tokens, pack), QuotaTeam(m, tokens, pack)) : null;
        }

        var team = m.Slot("team") is { Count: > 0 } slot ? Team(slot, pack) : read.TeamName;
        return new SetQuotaCommand(read.AmountText, QuotaPeriodOf(tokens, pack), team);
    }

    /// <summary>"how are we doing against quota", "what's the quota for EMEA": the team from the slot or after a team marker.</summary>
    private static QuotaProgressCommand QuotaProgress(IntentMatch m, IReadOnlyList<Token> tokens, LanguagePack pack) =>
        new(QuotaTeam(m, tokens, pack));

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
