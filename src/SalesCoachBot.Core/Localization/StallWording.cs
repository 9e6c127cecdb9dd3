using SalesCoachBot.Core.Stalls;

namespace SalesCoachBot.Core.Localization;

/// <summary>A stall verdict as a sentence in the reply's language (the card's status, the digest's reason).</summary>
public static class StallWording
{
    public static string Reason(StallAssessment stall, Phrases say)
    {
        var language = say.Language;
        string Booked() => stall.NextStepAt is not { } at ? string.Empty
            : stall.Zone is { } zone ? language.Moment(at, zone) : language.Day(at);
        // In the team's zone the date names its weekday, which Arabic introduces with «يوم»; the bare UTC day takes «في».
        var utc = stall.Zone is null;
        string Days(int n) => say.Count(Phrases.Area.Nudges, "Days", n);
        // After "since" or "ago" («منذ», «قبل») Arabic takes the dual's other case: «منذ يومين», not «منذ يومان».
        string DaysSince(int n) => say.Count(Phrases.Area.Nudges, "DaysSince", n);
        return stall.Why switch
        {
            StallWhy.NotOpen => say.Nudges("Stall.NotOpen", DealWording.Status(stall.Status, say)),
            StallWhy.NextStepBooked => say.Nudges(utc ? "Stall.NextStepBookedUtc" : "Stall.NextStepBooked", Booked()),
            StallWhy.Snoozed => say.Nudges("Stall.Snoozed", stall.SnoozedUntil is not { } until ? string.Empty
                : stall.Zone is { } zone ? language.DayInWords(until, zone) : language.Day(until)),
            // Why it is stalled first, the booked step after as context: it did not cause the stall, it no longer holds it off.
            StallWhy.OverStageDespiteNextStep => say.Nudges(
                (stall.IdleToo ? "Stall.OverStageAndIdleDespiteNextStep" : "Stall.OverStageDespiteNextStep") + (utc ? "Utc" : string.Empty),
                stall.Stage is { } stage ? MapWording.Name(stage, language) : say.Nudges("Stall.ThisStage"), DaysSince(stall.DaysInStage), stall.StallAfterDays, Booked(),
                DaysSince(stall.DaysIdle), stall.IdleAfterDays),
            StallWhy.OverStageAndIdle => say.Nudges("Stall.OverStageAndIdle", Days(stall.DaysInStage), stall.StallAfterDays, DaysSince(stall.DaysIdle), stall.IdleAfterDays),
            StallWhy.OverStage => say.Nudges("Stall.OverStage", Days(stall.DaysInStage), stall.StallAfterDays),
            StallWhy.Idle => say.Nudges("Stall.Idle", DaysSince(stall.DaysIdle), stall.IdleAfterDays),
            _ => say.Nudges("Stall.OnTrack", Days(stall.DaysInStage), stall.StallAfterDays, DaysSince(stall.DaysIdle)),
        };
    }
}
