using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Tests.ProcessMaps;

/// <summary>Each error and warning of the map linter, with the position it points at.</summary>
public sealed class ProcessMapLintTests
{
    private static MapLoadResult Lint(string yaml) => ProcessMapLoader.Parse(yaml);

    private static string Only(MapLoadResult result, MapDiagnosticSeverity severity) =>
        Assert.Single(result.Diagnostics, d => d.Severity == severity).Format("m.yaml");

    private static string Replace(string from, string to) => TestMaps.Small.Replace(from, to, StringComparison.Ordinal);

    [Fact]
    public void Parse_UnknownKey_IsAnErrorWithASuggestion()
    {
        var result = Lint(Replace("    stallAfterDays: 10", "    stallAfter: 10"));

        Assert.Null(result.Map);
        Assert.Equal("m.yaml:11:5: error: unknown key 'stallAfter' in a stage (did you mean 'stallAfterDays'?)", Only(result, MapDiagnosticSeverity.Error));
    }

    [Fact]
    public void Parse_UnknownTopLevelKey_IsAnError()
    {
        var result = Lint("colour: blue\n" + TestMaps.Small);

        Assert.StartsWith("m.yaml:1:1: error: unknown key 'colour' in the map", Only(result, MapDiagnosticSeverity.Error), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownStageInBranch_IsAnErrorAtTheTarget()
    {
        var result = Lint(Replace("to: qualify }", "to: qualification }"));

        Assert.Contains("error: branch 'needs-unclear' of stage 'demo' goes to unknown stage 'qualification'", Only(result, MapDiagnosticSeverity.Error), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NextToReservedOutcome_IsAnError()
    {
        var result = Lint(Replace("next: signed", "next: lost"));

        Assert.Contains(result.Errors, e => e.Message == "'next' of stage 'demo' must be a stage; reach 'lost' with a branch");
    }

    [Fact]
    public void Parse_DuplicateStageId_IsAnErrorAtTheSecondOne()
    {
        var result = Lint(Replace("  - id: signed", "  - id: demo"));

        Assert.Contains(result.Errors, e => e.Message == "duplicate stage id 'demo' (first defined at line 18)" && e.Line == 30);
    }

    [Fact]
    public void Parse_DuplicateChecklistItemId_IsAnError()
    {
        var result = Lint(Replace("id: budget-known", "id: pain-written"));

        Assert.Equal("m.yaml:14:15: error: duplicate checklist item id 'pain-written' in stage 'qualify' (first at line 13)", Only(result, MapDiagnosticSeverity.Error));
    }

    [Fact]
    public void Parse_DuplicateYamlKey_IsAnError()
    {
        var result = Lint(Replace("    stallAfterDays: 10\n", "    stallAfterDays: 10\n    stallAfterDays: 12\n"));

        Assert.Contains(result.Errors, e => e.Line == 12 && e.Message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Parse_StageWithEmptyChecklist_IsAnError()
    {
        var result = Lint(Replace("""
                checklist:
                  - { id: contract-stored, text: "Signed contract stored with the deal", required: true }
            """, "    checklist: []"));

        Assert.Equal("m.yaml:36:16: error: stage 'signed' has no checklist: list what must be done before a deal may leave it", Only(result, MapDiagnosticSeverity.Error));
    }

    [Fact]
    public void Parse_StartOrWonNotAStage_AreErrors()
    {
        var result = Lint(Replace("start: qualify", "start: qualifying").Replace("won: signed", "won: closed", StringComparison.Ordinal));

        Assert.Equal(
            ["m.yaml:3:8: error: start 'qualifying' is not a stage (did you mean 'qualify'?)", "m.yaml:4:6: error: won 'closed' is not a stage"],
            result.Errors.Select(e => e.Format("m.yaml")));
    }

    [Fact]
    public void Parse_StageNoPathReaches_IsAnError()
    {
        var result = Lint(Replace("start: qualify", "start: demo")
            .Replace("      - { when: needs-unclear, to: qualify }\n", "", StringComparison.Ordinal));

        Assert.Equal("m.yaml:6:9: error: stage 'qualify' is not reachable from start 'demo': no 'next' or branch leads to it",
            Only(result, MapDiagnosticSeverity.Error));
    }

    [Fact]
    public void Parse_LoopWithNoWayOut_IsAnErrorNamingTheLoop()
    {
        // demo goes back to qualify and nowhere else; qualify has only next: demo.
        var yaml = Replace("""
                next: signed
                branches:
                  - { when: needs-unclear, to: qualify }
                  - { when: buyer-says-no, to: lost }
            """, """
                next: qualify
            """).Replace("""
                branches:
                  - { when: buyer-says-no, to: nurture }
            """, "", StringComparison.Ordinal).Replace("won: signed", "won: signed", StringComparison.Ordinal);

        var result = Lint(yaml);

        Assert.Contains(result.Errors, e => e.Message == "stages qualify -> demo form a loop with no way out: give one a 'next' outside the loop or a branch to nurture or lost");
        Assert.Contains(result.Errors, e => e.Message.StartsWith("stage 'signed' is not reachable", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_LoopWithABranchToLost_IsFine()
    {
        var yaml = Replace("next: signed", "next: qualify").Replace("  - id: signed", "  - id: signed\n    replaces: []", StringComparison.Ordinal)
            .Replace("to: qualify }", "to: signed }", StringComparison.Ordinal);

        var result = Lint(yaml);

        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Parse_ReservedStageIdAndNonKebabIds_AreErrors()
    {
        var result = Lint(Replace("  - id: signed", "  - id: lost").Replace("won: signed", "won: lost", StringComparison.Ordinal)
            .Replace("id: demo-held", "id: Demo Held", StringComparison.Ordinal));

        Assert.Contains(result.Errors, e => e.Message == "stage id 'lost' is reserved for the branch outcome of that name");
        Assert.Contains(result.Errors, e => e.Message == "checklist item id 'Demo Held' in stage 'demo' must be kebab-case");
    }

    [Fact]
    public void Parse_WrongTypes_AreErrorsAtTheValue()
    {
        var result = Lint(Replace("stallAfterDays: 14", "stallAfterDays: two weeks").Replace("required: false", "required: maybe", StringComparison.Ordinal));

        Assert.Contains(result.Errors, e => e.Format("m.yaml") == "m.yaml:23:21: error: 'stallAfterDays' must be a whole number, not 'two weeks'");
        Assert.Contains(result.Errors, e => e.Message == "'required' must be true or false, not 'maybe'");
    }

    [Fact]
    public void Parse_BrokenYaml_IsAnErrorWithItsPosition()
    {
        var result = Lint("name: x\nstages:\n  - id: a\n   name: b\n");

        var error = Assert.Single(result.Diagnostics);
        Assert.True(error.IsError);
        Assert.StartsWith("not valid YAML", error.Message, StringComparison.Ordinal);
        Assert.True(error.Line >= 3);
    }

    [Fact]
    public void Parse_UnclosedFlowCollection_IsAnErrorAtTheBracketThatNeverCloses()
    {
        // A stage written as "- [oops" swallows the rest of the file; YamlDotNet says so without a position.
        var yaml = Replace("  - id: demo\n", "  - [oops\n  - id: demo\n");
        Assert.Equal(18, yaml.Split('\n').ToList().FindIndex(l => l.Contains("[oops", StringComparison.Ordinal)) + 1);

        var error = Assert.Single(Lint(yaml).Diagnostics, d => d.IsError);

        Assert.StartsWith("not valid YAML", error.Message, StringComparison.Ordinal);
        Assert.Equal((18, 5), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("a: [x\nb: { c: \"]\" }\n", 1, 4)]                     // a quoted bracket closes nothing
    [InlineData("a: don't [x, y]\nb: {c: [1, 2}\n", 2, 13)]             // an apostrophe in plain text opens no quote
    [InlineData("a: [1, 2]   # a [ in a comment\nb: 3]\n", 2, 5)]       // a closer with nothing open
    [InlineData("a: [1,\n  2]\nb: { c: 1 }\n", null, null)]
    public void FlowBrackets_FirstUnbalanced_PointsAtIt(string yaml, int? line, int? column) =>
        Assert.Equal(line is null ? null : new Pos(line.Value, column!.Value), FlowBrackets.FirstUnbalanced(yaml));

    [Fact]
    public void Parse_EmptyText_IsAnError()
    {
        Assert.Equal("m.yaml:1:1: error: the map is empty: expected name, version, start, stages", Only(Lint(""), MapDiagnosticSeverity.Error));
    }

    [Fact]
    public void Parse_ReplacesAStageThatStillExists_IsAnError()
    {
        var result = Lint(Replace("    name: Demo\n", "    name: Demo\n    replaces: [qualify]\n"));

        Assert.Contains(result.Errors, e => e.Message == "stage 'demo' replaces 'qualify', which is still a stage of this map");
    }

    [Theory]
    [InlineData("Follow up with the buyer", "follow up")]
    [InlineData("Be proactive", "be proactive")]
    [InlineData("Touch base with the champion", "touch base")]
    [InlineData("Check in as needed", "check in")]
    public void Parse_VagueChecklistItem_IsAWarningAtTheText(string text, string phrase)
    {
        var result = Lint(Replace("Budget range recorded", text));

        Assert.NotNull(result.Map);
        var warning = Only(result, MapDiagnosticSeverity.Warning);
        Assert.StartsWith($"m.yaml:14:35: warning: checklist item 'budget-known' is vague or not actionable (\"{phrase}\")", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_VaguePhraseWithACheckableResult_IsNotWarned()
    {
        Assert.Empty(Lint(Replace("Budget range recorded", "Follow-up call booked with the CFO")).Diagnostics);
    }

    [Fact]
    public void Parse_ChecklistLongerThanSeven_IsAWarning()
    {
        var items = string.Concat(Enumerable.Range(1, 8).Select(i => $"      - {{ id: item-{i}, text: \"Step {i} recorded in the CRM\", required: true }}\n"));
        var result = Lint(Replace("      - { id: demo-held, text: \"Demo held with the buyer's team\", required: true }\n", items));

        Assert.NotNull(result.Map);
        Assert.Equal("m.yaml:25:7: warning: stage 'demo' has 8 checklist items: keep 7 or fewer, the 1-2 outcomes that matter", Only(result, MapDiagnosticSeverity.Warning));
    }

    [Fact]
    public void Parse_MissingEntryDefinition_IsAWarningAndTheMapStillLoads()
    {
        var result = Lint(Replace("    entry: Both sides signed the contract.\n", ""));

        Assert.NotNull(result.Map);
        Assert.Equal("m.yaml:30:9: warning: stage 'signed' has no 'entry' definition: say what qualifies a deal to be in it", Only(result, MapDiagnosticSeverity.Warning));
    }

    [Fact]
    public void Parse_NoRequiredItem_IsAWarning()
    {
        var result = Lint(Replace("\"Demo held with the buyer's team\", required: true", "\"Demo held with the buyer's team\", required: false"));

        Assert.Contains("stage 'demo' has no required checklist item", Only(result, MapDiagnosticSeverity.Warning), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeadEndBeforeWon_IsAWarning()
    {
        var result = Lint(Replace("won: signed", "won: signed").Replace("""
                next: signed
                branches:
                  - { when: needs-unclear, to: qualify }
                  - { when: buyer-says-no, to: lost }
            """, "", StringComparison.Ordinal).Replace("next: demo", "next: signed", StringComparison.Ordinal)
            .Replace("      - { when: buyer-says-no, to: nurture }\n", "      - { when: buyer-says-no, to: nurture }\n      - { when: wants-demo, to: demo }\n", StringComparison.Ordinal));

        Assert.NotNull(result.Map);
        Assert.Contains("stage 'demo' has no 'next' and no branches and comes before won 'signed'", Only(result, MapDiagnosticSeverity.Warning), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Do stuff", "'stuff' cannot be checked")]
    [InlineData("Understand needs", "'understand' names an effort, not a result")]
    [InlineData("Qualify the lead properly", "'properly' cannot be checked")]
    [InlineData("Budget approval", "it names no action and object")]
    public void Parse_ChecklistItemWithoutVerifiableOutcome_IsAWarningAtTheText(string text, string why)
    {
        var result = Lint(Replace("Budget range recorded", text));

        Assert.NotNull(result.Map);
        Assert.StartsWith($"m.yaml:14:35: warning: checklist item 'budget-known' has no verifiable outcome (\"{text}\"): {why}", Only(result, MapDiagnosticSeverity.Warning), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Send the agenda to every attendee")]
    [InlineData("CFO said yes to the price")]
    [InlineData("Pricing call on the calendar")]
    [InlineData("Security questionnaire returned by the buyer")]
    public void Parse_ChecklistItemNamingAResult_IsNotWarned(string text)
    {
        Assert.Empty(Lint(Replace("Budget range recorded", text)).Diagnostics);
    }

    [Fact]
    public void Parse_VagueActivities_IsAWarningAtTheText()
    {
        var result = Lint(Replace("activities: Qualify on pain, budget and timeline.", "activities: Do stuff with the lead."));

        Assert.Equal("m.yaml:10:17: warning: activities of stage 'qualify' are vague (\"stuff\"): say who does what, e.g. \"Book the discovery meeting with the decision maker\"", Only(result, MapDiagnosticSeverity.Warning));
    }

    [Fact]
    public void Parse_VagueEntry_IsAWarningAtTheText()
    {
        var result = Lint(Replace("entry: A first call with the buyer is on the calendar.", "entry: Understand needs"));

        Assert.Equal("m.yaml:9:12: warning: entry of stage 'qualify' is vague (\"Understand needs\"): state a fact anyone can check", Only(result, MapDiagnosticSeverity.Warning));
    }

    [Theory]
    [InlineData(12, false)]
    [InlineData(13, true)]
    public void Parse_MoreThanTwelveStages_IsAWarningAtTheStages(int count, bool warned)
    {
        var stages = string.Concat(Enumerable.Range(1, count).Select(i =>
            $"  - id: step-{i}\n" +
            $"    name: Step {i}\n" +
            "    owner: sales\n" +
            $"    entry: A named rep owns step {i} of the deal.\n" +
            $"    activities: Record the result of step {i} in the CRM.\n" +
            "    stallAfterDays: 10\n" +
            "    checklist:\n" +
            $"      - {{ id: result-recorded, text: \"Result of step {i} recorded\", required: true }}\n" +
            (i < count ? $"    next: step-{i + 1}\n" : string.Empty) +
            "    branches:\n" +
            "      - { when: buyer-says-no, to: lost }\n"));
        var result = Lint($"name: Long\nversion: 1\nstages:\n{stages}");

        Assert.NotNull(result.Map);
        var expected = warned
            ? new[] { "m.yaml:4:3: warning: the map has 13 stages: keep 12 or fewer, merge steps nobody tracks separately or start the map later (start: sales-engagement)" }
            : [];
        Assert.Equal(expected, result.Diagnostics.Select(d => d.Format("m.yaml")));
    }

    [Fact]
    public void Parse_StageWithNoNoPath_IsAWarningAtTheStage()
    {
        var result = Lint(Replace("    next: demo\n    branches:\n      - { when: buyer-says-no, to: nurture }\n", "    next: demo\n"));

        Assert.Equal("m.yaml:6:9: warning: stage 'qualify' has no \"no\" path: add a branch for when the buyer says no, e.g. { when: buyer-says-no, to: nurture } or to: lost", Only(result, MapDiagnosticSeverity.Warning));
    }

    [Fact]
    public void Parse_WonStageWithoutBranches_NeedsNoNoPath()
    {
        Assert.Empty(Lint(TestMaps.Small).Diagnostics);
    }

    [Fact]
    public void Parse_ExitItemRepeatingTheNextEntry_IsAWarningAtTheItem()
    {
        var result = Lint(Replace("Buyer's problem written down", "A demo date is agreed with the buyer"));

        Assert.Equal("m.yaml:13:35: warning: checklist item 'pain-written' of stage 'qualify' repeats the entry of the next stage 'demo': list the work done here, and let 'demo' say what state a deal is in when it arrives", Only(result, MapDiagnosticSeverity.Warning));
    }

    [Fact]
    public void Parse_StageWithoutOwner_IsAWarningAtTheStage()
    {
        var result = Lint(Replace("    owner: sales-engineer\n", ""));

        Assert.Equal("m.yaml:18:9: warning: stage 'demo' has no 'owner': say who runs it (marketing, sales, sales-engineer, implementation, customer-success)", Only(result, MapDiagnosticSeverity.Warning));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    [InlineData("")]
    public void Parse_ChecklistItemWithBlankText_IsAnErrorAtTheText(string blank)
    {
        var result = Lint(Replace("text: \"Demo held with the buyer's team\"", "text: " + blank));

        Assert.Null(result.Map);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(MapDiagnosticSeverity.Error, error.Severity);
        Assert.Equal((25, 32), (error.Line, error.Column));
        Assert.Equal("the text of checklist item 'demo-held' is empty: write the text people read", error.Message);
    }

    [Fact]
    public void Parse_ChecklistItemBlankInOneLanguage_IsAnErrorAtThatText()
    {
        var result = Lint(Replace("text: \"Demo held with the buyer's team\"", "text: { en: \"Demo held with the buyer's team\", ar: \" \" }"));

        Assert.Null(result.Map);
        Assert.Equal(
            "m.yaml:25:77: error: the text of checklist item 'demo-held' is empty in 'ar': write the text people read in that language",
            Assert.Single(result.Errors).Format("m.yaml"));
        // Not also "has no 'ar' translation" or "is one word" at the same text.
        Assert.DoesNotContain(result.Diagnostics, d => d.Line == 25 && !d.IsError);
    }

    [Fact]
    public void Parse_ChecklistItemBlankInTheMapLanguage_IsOneError()
    {
        var result = Lint(Replace("text: \"Demo held with the buyer's team\"", "text: { en: \"\", ar: \"قُدّم العرض التوضيحي\" }"));

        Assert.Equal(
            "m.yaml:25:38: error: the text of checklist item 'demo-held' is empty in 'en': write the text people read in that language",
            Assert.Single(result.Diagnostics).Format("m.yaml"));
    }

    [Fact]
    public void Parse_BlankStageNameBranchAndLostReason_AreErrorsEachOnce()
    {
        var result = Lint(Replace("    name: Demo\n", "    name: \"  \"\n")
            .Replace("when: needs-unclear", "when: \"\"", StringComparison.Ordinal)
            .Replace("reasons: [price, timing]", "reasons: [price, \" \"]", StringComparison.Ordinal));

        Assert.Null(result.Map);
        Assert.Equal(
        [
            "m.yaml:19:11: error: the name of stage 'demo' is empty: write the text people read",
            "m.yaml:28:17: error: the 'when' of a branch of stage 'demo' is empty: write the text people read",
            "m.yaml:39:28: error: a lost reason is empty: write the text people read",
        ], result.Diagnostics.Select(d => d.Format("m.yaml")));
    }

    [Fact]
    public void Parse_WrongTypeOfAKeyWritten_IsReportedOnceNotAlsoAsMissing()
    {
        var result = Lint(Replace("stallAfterDays: 14", "stallAfterDays: ten").Replace("version: 2", "version: two", StringComparison.Ordinal));

        Assert.Equal(
        [
            "m.yaml:2:10: error: 'version' must be a whole number, not 'two'",
            "m.yaml:23:21: error: 'stallAfterDays' must be a whole number, not 'ten'",
        ], result.Diagnostics.Select(d => d.Format("m.yaml")));
    }

    [Fact]
    public void Parse_ArabicMapWithArabicBranchAndLostReasonKeys_LintsClean()
    {
        var yaml = "language: ar\n" + Replace("when: buyer-says-no, to: nurture", "when: المشتري-يرفض, to: nurture")
            .Replace("when: needs-unclear", "when: المتطلبات-غير-واضحة", StringComparison.Ordinal)
            .Replace("reasons: [price, timing]", "reasons: [السعر, لا-ميزانية]", StringComparison.Ordinal)
            .Replace("Demo held with the buyer's team", "قُدّم العرض التوضيحي لفريق المشتري", StringComparison.Ordinal)
            .Replace("Budget range recorded", "سُجّل نطاق الميزانية", StringComparison.Ordinal);

        var result = Lint(yaml);

        Assert.NotNull(result.Map);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(["السعر", "لا-ميزانية"], result.Map.Outcomes.LostReasons);
        Assert.Equal(BranchTarget.Nurture, result.Map.SaidNoTarget(result.Map.Stages[0]));
    }

    [Theory]
    [InlineData("المشتري يرفض")]
    [InlineData("Buyer-Says-No")]
    [InlineData("-لا")]
    public void Parse_BranchKeyWithSpacesCapitalsOrALeadingDash_IsAnErrorInAnyScript(string when)
    {
        var result = Lint("language: ar\n" + Replace("when: needs-unclear", $"when: {when}"));

        Assert.Contains(result.Errors, e => e.Message == $"branch condition id '{when}' in stage 'demo' must be kebab-case: lowercase words joined by '-', in the map's language, no spaces");
    }

    [Fact]
    public void Parse_ArabicStageId_IsStillAnError()
    {
        var result = Lint("language: ar\n" + Replace("  - id: signed", "  - id: موقع").Replace("won: signed", "won: موقع", StringComparison.Ordinal).Replace("next: signed", "next: موقع", StringComparison.Ordinal));

        Assert.Contains(result.Errors, e => e.Message == "stage id 'موقع' must be kebab-case (lowercase words joined by '-')");
    }
}
