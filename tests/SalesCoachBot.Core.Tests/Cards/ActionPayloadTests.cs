using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Tests.Cards;

public sealed class ActionPayloadTests
{
    public static TheoryData<ActionPayload> Payloads() =>
    [
        new ConfirmItemsPayload(new DealId(42), new StageId("demo"), 3),
        new ShowChecklistPayload(new DealId(7)),
        new UndoItemPayload(new DealId(42), new StageId("demo"), 3, new ChecklistItemId("demo-held")),
        new SnoozeDealPayload(new DealId(9), 3),
        new RunCommandPayload("what's next for #1002"),
    ];

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Payload_ThroughJson_ParsesBackEqual(ActionPayload payload)
    {
        var parsed = ActionPayload.TryParse(payload.ToJson());

        Assert.Equal(payload, parsed);
    }

    [Fact]
    public void ConfirmPayload_Json_CarriesDealStageAndVersion()
    {
        var json = new ConfirmItemsPayload(new DealId(42), new StageId("demo"), 3).ToJson();

        Assert.Equal("""{"kind":"confirm","deal":42,"stage":"demo","stageVersion":3}""", json);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"kind":"explode","deal":1}""")]
    [InlineData("""{"deal":1}""")]
    [InlineData("[1,2]")]
    public void TryParse_ForeignOrBrokenJson_ReturnsNull(string? json) =>
        Assert.Null(ActionPayload.TryParse(json));

    [Fact]
    public void TryParse_ElementHoldingInvalidUtf8_ReturnsNullRatherThanThrowing()
    {
        // Found by the fuzzer (issue 13): a document parsed from bytes keeps invalid UTF-8 until it is read as text.
        using var doc = System.Text.Json.JsonDocument.Parse((byte[])[.. """{"kind":"command","text":"x"""u8, 0xFF, .. "\"}"u8]);

        Assert.Null(ActionPayload.TryParse(doc.RootElement));
    }
}
