using SalesCoachBot.Core.Crm;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.ProcessMaps;

namespace SalesCoachBot.Core.Tests.Crm;

/// <summary>The map's <c>crm:</c> mapping: parsed, linted with positions, and checked against a CRM's pipelines.</summary>
public sealed class CrmMappingTests
{
    private static readonly string Mapped = TestMaps.Small
        .Replace("  - id: qualify\n", "  - id: qualify\n    crm: { pipeline: default, stages: [appointmentscheduled, qualifiedtobuy] }\n", StringComparison.Ordinal)
        .Replace("  - id: demo\n", "  - id: demo\n    crm: { pipeline: default, stages: [presentationscheduled] }\n", StringComparison.Ordinal)
        .Replace("  - id: signed\n", "  - id: signed\n    crm: { pipeline: default, stages: [closedwon] }\n", StringComparison.Ordinal)
        .Replace("lost: { reasons: [price, timing] }", "lost: { reasons: [price, timing], crm: { pipeline: default, stages: [closedlost] } }", StringComparison.Ordinal);

    private static readonly CrmSchema HubSpot = new(
        [new CrmPipeline("default", "Sales", [
            new("appointmentscheduled", "Appointment"), new("qualifiedtobuy", "Qualified"), new("presentationscheduled", "Presentation"),
            new("closedwon", "Won"), new("closedlost", "Lost")])],
        []);

    [Fact]
    public void Parse_CrmMapping_OnStagesAndLostOutcome()
    {
        var map = ProcessMapLoader.Parse(Mapped).Map!;

        var qualify = map.GetStage(new StageId("qualify")).Crm!;
        Assert.Equal("default", qualify.Pipeline.Id);
        Assert.Equal(["appointmentscheduled", "qualifiedtobuy"], qualify.Stages.Select(s => s.Id));
        Assert.Equal(["closedlost"], map.Outcomes.LostCrm!.Stages.Select(s => s.Id));
        Assert.Null(ProcessMapLoader.Parse(TestMaps.Small).Map!.GetStage(new StageId("qualify")).Crm);
    }

    [Fact]
    public void StageMap_PlacesCrmStagesBothWays()
    {
        var stages = new CrmStageMap(ProcessMapLoader.Parse(Mapped).Map!);

        Assert.Equal(new CrmPlacement(new StageId("qualify"), DealStatus.Open), stages.Place("default", "qualifiedtobuy"));
        Assert.Equal(new CrmPlacement(new StageId("signed"), DealStatus.Won), stages.Place("default", "closedwon"));
        Assert.Equal(new CrmPlacement(null, DealStatus.Lost), stages.Place("default", "closedlost"));
        Assert.Null(stages.Place("default", "somethingelse"));
        Assert.Null(stages.Place("other", "qualifiedtobuy"));
        Assert.Equal(("default", "appointmentscheduled"), stages.ToCrm(new StageId("qualify"), DealStatus.Open));
        Assert.Equal(("default", "closedlost"), stages.ToCrm(new StageId("demo"), DealStatus.Lost));
    }

    [Fact]
    public void Lint_CrmStageClaimedTwice_ErrorAtTheSecond()
    {
        var yaml = Mapped.Replace("stages: [presentationscheduled]", "stages: [qualifiedtobuy]", StringComparison.Ordinal);

        var result = ProcessMapLoader.Parse(yaml);

        Assert.Null(result.Map);
        var error = Assert.Single(result.Errors);
        Assert.Equal(
            "m.yaml:20:40: error: CRM stage 'qualifiedtobuy' of pipeline 'default' is mapped by stage 'qualify' (line 7) and stage 'demo': a CRM stage maps to exactly one map stage",
            error.Format("m.yaml"));
    }

    [Theory]
    [InlineData("crm: { stages: [presentationscheduled] }", "crm of stage 'demo' has no 'pipeline'")]
    [InlineData("crm: { pipeline: default }", "crm of stage 'demo' lists no 'stages'")]
    [InlineData("crm: { pipeline: default, stage: [x] }", "unknown key 'stage' in crm of a stage (did you mean 'stages'?)")]
    [InlineData("crm: default", "expected 'crm of a stage'")]
    public void Lint_MalformedCrmMapping_NamedWithPosition(string mapping, string expected)
    {
        var yaml = Mapped.Replace("crm: { pipeline: default, stages: [presentationscheduled] }", mapping, StringComparison.Ordinal);

        var result = ProcessMapLoader.Parse(yaml);

        Assert.Null(result.Map);
        var error = Assert.Single(result.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal)).Format("m.yaml");
        Assert.StartsWith("m.yaml:20:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AgainstCrm_UnknownIdsWithLineColumnAndUnmappedCrmStages()
    {
        var yaml = Mapped.Replace("[presentationscheduled]", "[presentationscheduledd]", StringComparison.Ordinal);
        var map = ProcessMapLoader.Parse(yaml).Map!;

        var findings = new CrmStageMap(map).Check(HubSpot).Select(f => f.Format("m.yaml")).ToList();

        Assert.Equal(2, findings.Count);
        Assert.StartsWith("m.yaml:20:40: error: crm of stage 'demo' names stage 'presentationscheduledd', which pipeline 'default' does not have", findings[0], StringComparison.Ordinal);
        Assert.Equal("m.yaml:1:1: error: CRM stage 'presentationscheduled' (Presentation) of pipeline 'default' maps to no map stage: deals there would be flagged, not placed", findings[1]);
        Assert.Empty(new CrmStageMap(ProcessMapLoader.Parse(Mapped).Map!).Check(HubSpot));
    }

    [Fact]
    public void Check_UnknownPipeline_Named()
    {
        var map = ProcessMapLoader.Parse(Mapped.Replace("crm: { pipeline: default, stages: [closedlost] }", "crm: { pipeline: enterprise, stages: [closedlost] }", StringComparison.Ordinal)).Map!;

        var findings = new CrmStageMap(map).Check(HubSpot);

        Assert.Contains(findings, f => f.Message.StartsWith("crm of the lost outcome names pipeline 'enterprise', which the CRM does not have", StringComparison.Ordinal));
    }
}
