using System.Buffers;
using BenchmarkDotNet.Attributes;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Slack;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Slack.WebApi;

namespace SalesCoachBot.MicroBench;

/// <summary>
/// The pieces of a Slack <c>/coach</c> answer that every checklist card repeats: a button's payload as text, one
/// localised text with arguments, and the whole card as Block Kit written to JSON.
/// </summary>
[MemoryDiagnoser]
public class CardBenchmarks
{
    private readonly ConfirmItemsPayload _payload = new(new DealId(1003), new StageId("proposal"), 2);
    private readonly Phrases _english = ReplyTexts.Shared.In(ReplyLanguage.English);
    private readonly BotAnswer _answer = SlackEdgeBenchmarks.ChecklistAnswer();
    private readonly BlockKitRenderer _renderer = new();

    [Benchmark]
    public string PayloadJson() => _payload.ToJson();

    [Benchmark]
    public string TextWithArguments() => _english.Cards("Checklist.Title", "Globex renewal", "Proposal / quote");

    [Benchmark]
    public int SlackCardJson()
    {
        var message = ResponseMessage.From(_renderer.Render(_answer), "ephemeral");
        var buffer = new ArrayBufferWriter<byte>(4096);
        SlackWireJson.Write(buffer, message, SlackJsonContext.Wire.ResponseMessage);
        return buffer.WrittenCount;
    }
}
