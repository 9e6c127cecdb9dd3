using System.Text.Json;
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
        new PipelineDetailsPayload("EMEA", 90),
        new PipelineDetailsPayload(null, null),
        new PipelineDetailsPayload("EMEA", null, "last-month"),
        new AddNotePayload(new DealId(42)),
        new AddNotePayload(new DealId(42), "CFO wants an ROI case by Q1"),
        new NoteFormPayload(new DealId(42)),
        new ShowHistoryPayload(new DealId(42), 2),
        new SaidNoPayload(new DealId(42), 3),
        new SaidNoPayload(new DealId(42), 3, "went with a competitor"),
        new SaidNoPayload(new DealId(42), 3, "لا-ميزانية"),
        new ReopenDealPayload(new DealId(42), 4),
        new SaidNoFormPayload(new DealId(42), 3),
        new SetNextStepPayload(new DealId(42)),
        new SetNextStepPayload(new DealId(42), "2026-12-10", "call the CFO \"today\" <b>"),
        new NextStepFormPayload(new DealId(42)),
        new RunCommandPayload("ما التالي لصفقة Initech"),
    ];

    [Fact]
    public void AddNotePayload_LongestArabicNote_FitsThePayloadLimit()
    {
        var json = new AddNotePayload(new DealId(42), new string('ن', Abstractions.NewNote.MaxLength)).ToJson();

        Assert.True(json.Length <= ActionPayload.MaxJsonLength, $"{json.Length} characters");
        Assert.Equal(new AddNotePayload(new DealId(42), new string('ن', Abstractions.NewNote.MaxLength)), ActionPayload.TryParse(json));
    }

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

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Payload_WrittenForACardOrForTheOutbox_IsTheSameJson(ActionPayload payload)
    {
        // Cards write payloads with the generated contract, the outbox stores whole cards with JsonOptions.
        var json = payload.ToJson();

        Assert.Equal(JsonSerializer.Serialize(payload, ActionPayload.JsonOptions), json);
        Assert.Equal(JsonSerializer.Serialize(payload, ActionPayload.JsonTypeInfo), json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(payload.Kind, document.RootElement.GetProperty("kind").GetString());
    }

    [Fact]
    public void TryParse_CardDataWithInputsAndTheKindLast_ReadsThePayload()
    {
        // Teams merges the card's inputs into the data it sends back, in no particular order.
        using var data = JsonDocument.Parse("""{"demo-held":"true","deal":42,"stage":"demo","stageVersion":3,"msteams":{},"kind":"confirm"}""");

        Assert.Equal(new ConfirmItemsPayload(new DealId(42), new StageId("demo"), 3), ActionPayload.TryParse(data.RootElement));
    }

    [Theory]
    [InlineData("""{"kind":"explode","deal":1}""")]
    [InlineData("""{"kind":"confirm","deal":"x","stage":"demo","stageVersion":3}""")]
    [InlineData("""[1,2]""")]
    [InlineData("\"confirm\"")]
    public void TryParse_ForeignCardData_ReturnsNull(string json)
    {
        using var data = JsonDocument.Parse(json);

        Assert.Null(ActionPayload.TryParse(data.RootElement));
    }

    [Fact]
    public void TryParse_CardDataOverTheLimit_ReturnsNull()
    {
        using var data = JsonDocument.Parse($$"""{"kind":"command","text":"{{new string('a', ActionPayload.MaxJsonLength)}}"}""");

        Assert.Null(ActionPayload.TryParse(data.RootElement));
    }
}
