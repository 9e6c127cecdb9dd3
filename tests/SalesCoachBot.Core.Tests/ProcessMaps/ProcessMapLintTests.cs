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
}
