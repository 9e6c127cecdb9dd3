namespace SalesCoachBot.Host.Tests;

/// <summary>A second team's map for the one-map-per-team tests (issue 18): three stages, unlike the shipped fourteen.</summary>
internal static class SmbTeamMap
{
    public const string Yaml = """
        id: smb
        name: SMB fast track
        version: 1
        start: qualify
        won: signed
        stages:
          - id: qualify
            name: Qualify
            owner: sales
            entry: A first call with the buyer is on the calendar.
            activities: Qualify on pain, budget and timeline in one call.
            stallAfterDays: 10
            checklist:
              - { id: pain-written, text: "Buyer's problem written down", required: true }
            next: trial
            branches:
              - { when: buyer-says-no, to: nurture }
          - id: trial
            name: Trial
            owner: sales
            entry: The buyer agreed to try the product for two weeks.
            activities: Run the trial with the buyer's team and agree the price.
            stallAfterDays: 14
            checklist:
              - { id: trial-users-active, text: "Three buyer users logged in during the trial", required: true }
              - { id: price-agreed, text: "Price agreed with the buyer", required: true }
            next: signed
            branches:
              - { when: buyer-says-no, to: lost }
          - id: signed
            name: Signed
            owner: sales
            entry: Both sides signed the order form.
            activities: Hand over to onboarding.
            stallAfterDays: 30
            checklist:
              - { id: order-stored, text: "Signed order form stored with the deal", required: true }
        """;
}
