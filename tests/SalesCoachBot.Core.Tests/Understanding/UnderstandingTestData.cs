using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>Deals and a map shaped like the demo data, plus a compact description of an understood command.</summary>
internal static class UnderstandingTestData
{
    public static readonly IReadOnlyList<DealNameEntry> Deals =
    [
        Deal(1001, "Acme Corp", "Acme Corporation"),
        Deal(1002, "Initech"),
        Deal(1003, "Globex renewal", "Globex"),
        Deal(1004, "Northwind Traders"),
        Deal(1005, "Fabrikam"),
        Deal(1006, "Stark Industries"),
        Deal(1007, "Umbrella Corp"),
        Deal(1008, "Contoso expansion", "Contoso Ltd"),
        Deal(1009, "Wayne Enterprises"),
        Deal(1010, "Tailwind Traders"),
        Deal(1011, "Acme Corp - EU rollout", "Acme Corporation"),
        Deal(1012, "Hooli"),
        Deal(1013, "Soylent"),
        Deal(1014, "Cyberdyne Systems"),
        Deal(1015, "Vandelay Industries"),
        Deal(1016, "Pied Piper"),
        Deal(1017, "Dunder Mifflin"),
        Deal(1018, "Massive Dynamic"),
        Deal(1019, "Wonka Industries"),
        Deal(1020, "Oceanic Airlines"),
        Deal(1021, "Blue Yonder Airlines"),
        Deal(1022, "Initech", status: DealStatus.Lost),
        Deal(1023, "Gringotts Bank"),
        Deal(1024, "Lamna Healthcare"),
        Deal(1025, "Monsters Inc"),
        Deal(1026, "Globex pilot", "Globex", DealStatus.Won),
        Deal(1027, "\u0645\u0624\u0633\u0633\u0629 \u0627\u0644\u0623\u0641\u0642"), // مؤسسة الأفق
        Deal(1028, "\u0634\u0631\u0643\u0629 \u0627\u0644\u0646\u062E\u0628\u0629 \u0644\u0644\u062A\u062C\u0627\u0631\u0629"), // شركة النخبة للتجارة
    ];

    public static DealNameEntry Deal(long id, string name, string? account = null, DealStatus status = DealStatus.Open, long teamId = 1) =>
        new(new DealId(id), id.ToString(System.Globalization.CultureInfo.InvariantCulture), name, account, teamId, 7, status);

    public static readonly ProcessMap Map = BuildMap();

    private static ProcessMap BuildMap()
    {
        (string Id, string Name, string[] Items)[] stages =
        [
            ("brand-awareness", "Brand awareness", ["campaign-logged"]),
            ("brand-engagement", "Brand engagement", ["buyer-acted"]),
            ("mql", "Marketing qualified lead", ["fit-checked"]),
            ("sales-engagement", "Sales engagement", ["pain-confirmed", "budget-confirmed"]),
            ("sql", "Sales qualified lead", ["discovery-booked"]),
            ("discovery", "Discovery / needs analysis", ["requirements-listed", "demo-booked", "champion-named"]),
            ("demo", "Demo / solution", ["demo-held", "follow-up-sent"]),
            ("proposal", "Proposal / estimate / quote", ["quote-delivered", "verbal-yes"]),
            ("verbal-agreement", "Verbal agreement", ["contract-process-agreed"]),
            ("contract-signed", "Contract signed", ["signed-copy-stored"]),
            ("implementation", "Implementation", ["kickoff-held", "system-tested"]),
            ("go-live", "Go live", ["live-confirmed"]),
            ("new-customer", "New customer", ["onboarding-done"]),
            ("existing-customer", "Existing customer", ["review-held"]),
        ];

        var list = new List<Stage>();
        for (var i = 0; i < stages.Length; i++)
        {
            var (id, name, items) = stages[i];
            list.Add(new Stage(
                new StageId(id),
                name,
                "sales",
                "entry",
                "activities",
                14,
                [.. items.Select(item => new ChecklistItem(new ChecklistItemId(item), item.Replace('-', ' '), true))],
                i + 1 < stages.Length ? new StageId(stages[i + 1].Id) : null,
                [],
                [],
                []));
        }

        return new ProcessMap("Test", 1, new StageId("brand-awareness"), new StageId("contract-signed"), list, MapOutcomes.Default);
    }

    private static readonly CommandParser Parser = new();

    /// <summary>What <paramref name="text"/> is read as, its deals resolved against <see cref="Deals"/> (see <see cref="Describe"/>).</summary>
    public static string Read(string text)
    {
        using var index = new DealNameIndex(Deals);
        return Describe(Parser.Parse(text), new DealResolver(), index);
    }

    /// <summary>"next 1001", "done 1002 | demo held", "ambiguous(1001,1011)": what a command means, deals resolved.</summary>
    public static string Describe(ChatCommand command, DealResolver resolver, DealNameIndex index)
    {
        var stages = new StageMatcher();
        string Deal(DealReference reference) => reference is LinkedDealReference
            ? "this"
            : resolver.Resolve(reference, index) switch
            {
                DealResolution.Found found => found.Deal.ExternalId,
                DealResolution.Ambiguous ambiguous => $"ambiguous({string.Join(',', ambiguous.Candidates.Select(c => c.ExternalId).Order(StringComparer.Ordinal))})",
                DealResolution.NotFound notFound => $"notfound({notFound.Closest?.ExternalId ?? "-"})",
                _ => "?",
            };
        string Stage(string text) => stages.Match(Map, text) switch
        {
            StageMatch.Found found => found.Stage.Id.Value,
            var other => $"stage?({text.ToLowerInvariant()}:{other.GetType().Name})",
        };
        static string Lower(string? text) => text is null ? "-" : text.ToLowerInvariant();

        return command switch
        {
            // As WhatsNextUseCase answers: words that come close to no deal, asked with a period ("how's EMEA looking this
            // quarter"), are read again as a team's pipeline over that period (TeamPipelineAsync; these deals have no team by name).
            WhatsNextCommand { Deal: NameReference name, TeamPeriod: { } period } when resolver.Resolve(name, index) is DealResolution.NotFound { Closest: null }
                => $"pipeline {name.Text.ToLowerInvariant()} {period.WindowDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? period.Period?.Code ?? "-"}",
            WhatsNextCommand c => $"next {Deal(c.Deal)}",
            ConfirmItemsCommand c => $"done {Deal(c.Deal)} | {string.Join(" ; ", c.ItemTexts.Select(Lower))}",
            UndoItemCommand c => $"undo {Deal(c.Deal)} | {Lower(c.ItemText)}",
            UndoLastCommand c => $"undolast {Deal(c.Deal)}",
            LinkConversationCommand c => $"link {Deal(c.Deal)}",
            UnlinkConversationCommand => "unlink",
            UseChannelForNudgesCommand c => $"nudges {Lower(c.TeamName)}",
            // As MyDealsUseCase answers "how is NAME doing": these deals have no owner by name, so a name a deal has (or comes
            // close to) is that deal's card; other names are asked as a rep's.
            MyDealsCommand { OwnerName: not null, Otherwise: { } asked } when resolver.Resolve(asked.Deal, index) is not DealResolution.NotFound { Closest: null }
                => Describe(asked, resolver, index),
            MyDealsCommand { OwnerName: { } owner, StageText: { } at } => $"owner {owner.ToLowerInvariant()} | {Stage(at)}",
            MyDealsCommand { OwnerName: { } owner } => $"owner {owner.ToLowerInvariant()}",
            MyDealsCommand { StageText: { } stage, Mine: true } => $"mydeals {Stage(stage)}",
            MyDealsCommand { StageText: { } stage } => $"deals {Stage(stage)}",
            MyDealsCommand => "mydeals",
            // "what's due for Dana": an owner read where none was meant ("due for me today") would show up as a miss.
            DueCommand { OwnerName: { } dueOwner } c => $"due {c.Focus.ToString().ToLowerInvariant()} {c.WithinDays} owner {dueOwner.ToLowerInvariant()}",
            DueCommand c => $"due {c.Focus.ToString().ToLowerInvariant()} {c.WithinDays}",
            MoveDealCommand { ToNextStage: true } c => $"move {Deal(c.Deal)} | next | {Lower(c.Reason)}",
            MoveDealCommand { ToPreviousStage: true } c => $"move {Deal(c.Deal)} | previous | {Lower(c.Reason)}",
            MoveDealCommand c => $"move {Deal(c.Deal)} | {Stage(c.StageText)} | {Lower(c.Reason)}",
            MarkLostCommand c => $"lost {Deal(c.Deal)} | {Lower(c.Reason)}",
            SaidNoCommand c => $"no {Deal(c.Deal)}" + (c.Reason is null ? string.Empty : $" | {Lower(c.Reason)}"),
            StageInfoCommand c => $"stage {Stage(c.StageText)}",
            // As AboutUseCase answers: a stage of the map, else what's next for the deal, else help when no deal comes close.
            AboutCommand c => stages.Match(Map, c.StageText) is StageMatch.Found or StageMatch.Ambiguous ? $"stage {Stage(c.StageText)}"
                : c.Deal is NameReference name && resolver.Resolve(name, index) is DealResolution.NotFound { Closest: var closest }
                    && (c.NameAlone || closest is null) ? "unknown"
                : $"next {Deal(c.Deal)}",
            PipelineCommand c => $"pipeline {Lower(c.TeamName)} {c.WindowDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? c.Period?.Code ?? "-"}",
            StalledCommand c => $"stalled {Lower(c.TeamName)}",
            ClosedDealsCommand c => $"closed {(c.Lost ? "lost" : "won")}{(c.Mine ? " mine" : string.Empty)} {Lower(c.TeamName)} "
                + (c.WindowDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? c.Period?.Code ?? "-"),
            StageMovesCommand c => $"moves{(c.Mine ? " mine" : string.Empty)} {Lower(c.TeamName)} "
                + (c.WindowDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? c.Period?.Code ?? "-"),
            ReverseFunnelCommand c => $"funnel {Lower(c.AmountText)}" + (c.PeriodText is null && c.TeamName is null ? string.Empty : $" | {Lower(c.PeriodText)} | {Lower(c.TeamName)}"),
            NewDealCommand c => $"newdeal {Lower(c.Name)} | {Lower(c.AmountText)} | {(c.StageText is null ? "-" : Stage(c.StageText))} | {Lower(c.TeamText)}",
            ShowMapCommand c => $"map {Lower(c.TeamName)}",
            // As TeamMembersUseCase answers "who's on NAME": these teams are none of the deals' names, so a name a deal has (or
            // comes close to) is that deal's card.
            TeamMembersCommand { Otherwise: { } onDeal } when resolver.Resolve(onDeal.Deal, index) is not DealResolution.NotFound { Closest: null }
                => Describe(onDeal, resolver, index),
            TeamMembersCommand c => $"members {Lower(c.TeamName)}",
            ListTeamsCommand => "teams",
            CompareRepsCommand c => $"compare {c.First?.ToLowerInvariant() ?? "me"} | {c.Second?.ToLowerInvariant() ?? "me"} | {c.WindowDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} | {c.Period?.Code ?? "-"}",
            SnoozeCommand c => $"snooze {Deal(c.Deal)} | {Lower(c.DurationText)} | {Lower(c.Reason)}",
            UnsnoozeCommand c => $"unsnooze {Deal(c.Deal)}",
            ReopenDealCommand c => $"reopen {Deal(c.Deal)}",
            FollowBranchCommand c => $"branch {Deal(c.Deal)} | {Lower(c.WhenText)}",
            ConfirmIntentCommand c => $"confirm? {Describe(c.Guess, resolver, index)}",
            CancelCommand => "cancel",
            AnswerCommand c => Describe(c.Otherwise, resolver, index), // read as the words say when no question is waiting
            ThanksCommand => "thanks",
            NotOfferedCommand c => $"notoffered {c.Topic.ToString().ToLowerInvariant()}",
            SetNextStepCommand c => $"nextstep {Deal(c.Deal)} | {Lower(c.Text)}",
            AddNoteCommand c => $"note {Deal(c.Deal)} | {Lower(c.Text)}",
            HistoryCommand c => $"history {Deal(c.Deal)}",
            ChangeQuestionCommand c => $"{(c.Advice ? "advice" : "question")} {Deal(c.Deal)}",
            LogActivityCommand c => $"activity {Deal(c.Deal)} | {c.Kind.ToString().ToLowerInvariant()} {c.Day.ToString().ToLowerInvariant()} {Lower(c.About)}",
            HelpCommand => "help",
            MyActsCommand c => $"acts{(c.ConfirmationsOnly ? " confirmed" : string.Empty)} {c.PersonName?.ToLowerInvariant() ?? "me"} | "
                + (c.Day?.ToString().ToLowerInvariant() ?? c.WindowDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? c.Period?.Code ?? "-"),
            UnknownCommand => "unknown",
            _ => command.GetType().Name,
        };
    }
}
