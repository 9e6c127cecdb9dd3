using System.Buffers;
using System.Text;
using System.Text.Json;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Slack.WebApi;

namespace SalesCoachBot.Slack.Tests;

/// <summary>The hand-written Block Kit JSON writer is held to the serializer's output, byte for byte.</summary>
public sealed class BlockKitJsonTests
{
    public static TheoryData<string> Names => BlockKitGoldenTests.Names;

    private static string Hand(ResponseMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        BlockKitJson.Write(buffer, message);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Hand(SlackMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        BlockKitJson.Write(buffer, message);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Write_EveryGoldenAnswer_IsByteForByteTheSerializersJson(string name)
    {
        var message = new BlockKitRenderer().Render(BlockKitGoldenTests.Samples[name]);

        Assert.Equal(JsonSerializer.Serialize(message, SlackJsonContext.Wire.SlackMessage), Hand(message));
        foreach (var response in new[]
        {
            ResponseMessage.From(message),
            ResponseMessage.From(message, "ephemeral"),
            ResponseMessage.From(message, "in_channel", replaceOriginal: false),
            ResponseMessage.From(message, replaceOriginal: true),
        })
        {
            var expected = JsonSerializer.Serialize(response, SlackJsonContext.Wire.ResponseMessage);
            Assert.Equal(expected, Hand(response));
            Assert.Equal(expected, Encoding.UTF8.GetString(BlockKitJson.ToUtf8Bytes(response)));
        }
    }

    [Fact]
    public void Write_TextThatNeedsEscaping_EscapesExactlyAsTheSerializer()
    {
        const string Tricky = "Quotes \" and \\ back, <tags> & ampersands, tab\there, line\nbreak, é, 😀, \u2028, \u0001 control";
        var card = new Card
        {
            Kind = CardKind.Checklist,
            Title = Tricky,
            Subtitle = Tricky,
            Body = [Tricky],
            Facts = [new CardFact(Tricky, Tricky)],
            Checklist = new CardChecklist(new DealId(1), new StageId("demo"), 2,
                [new CardChecklistItem(new ChecklistItemId("a\"b"), Tricky, true, ChecklistItemState.Open)],
                new CardAction(Tricky, new ConfirmItemsPayload(new DealId(1), new StageId("demo"), 2), CardActionStyle.Primary)),
        };
        var message = new BlockKitRenderer().Render(new BotAnswer(Tricky, card));
        var response = ResponseMessage.From(message, "in_channel", replaceOriginal: true);

        Assert.Equal(JsonSerializer.Serialize(response, SlackJsonContext.Wire.ResponseMessage), Hand(response));
    }

    [Fact]
    public void Write_EmptyAndBlockIdsAndImages_MatchTheSerializer()
    {
        var message = new ResponseMessage("Working on it…", []) { ResponseType = "ephemeral" };
        Assert.Equal(JsonSerializer.Serialize(message, SlackJsonContext.Wire.ResponseMessage), Hand(message));

        var blocks = new ResponseMessage("x",
        [
            new DividerBlock { BlockId = "d1" },
            new ImageBlock("https://example.com/a.png", "alt") { BlockId = "i1" },
            new HeaderBlock(TextObject.Plain("h")) { BlockId = "h1" },
            new ContextBlock([TextObject.Markdown("c")]) { BlockId = "c1" },
            new SectionBlock(TextObject.Markdown("s")) { BlockId = "s1", Accessory = new ButtonElement(TextObject.Plain("b")) { ActionId = "a1" } },
        ]);
        Assert.Equal(JsonSerializer.Serialize(blocks, SlackJsonContext.Wire.ResponseMessage), Hand(blocks));
    }

    [Fact]
    public async Task Write_ManyThreadsAtOnce_EachGetsItsOwnMessage()
    {
        var messages = BlockKitGoldenTests.Samples.Values.Select(a => ResponseMessage.From(new BlockKitRenderer().Render(a), "ephemeral")).ToList();
        var expected = messages.Select(m => JsonSerializer.Serialize(m, SlackJsonContext.Wire.ResponseMessage)).ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => (i, json: Hand(messages[i % messages.Count])))));

        Assert.All(results, r => Assert.Equal(expected[r.i % messages.Count], r.json));
    }

    [Fact]
    public void PooledBufferWriter_GrowsPastItsFirstArray_KeepingWhatWasWritten()
    {
        using var writer = new PooledBufferWriter(16);
        for (var i = 0; i < 100; i++)
        {
            var span = writer.GetSpan(7);
            "abcdefg"u8.CopyTo(span);
            writer.Advance(7);
        }

        Assert.Equal(700, writer.WrittenCount);
        Assert.Equal(string.Concat(Enumerable.Repeat("abcdefg", 100)), Encoding.ASCII.GetString(writer.WrittenMemory.Span));
    }
}
