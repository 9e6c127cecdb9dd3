using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.MicroBench.Before;
using SalesCoachBot.Slack;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Slack.Verification;
using SalesCoachBot.Slack.WebApi;

namespace SalesCoachBot.MicroBench;

/// <summary>
/// The edge of a Slack <c>/coach</c> request, each step as it was (<c>Before</c>, the baseline of its category) and
/// as it is now: reading the body, the v0 signature, the form fields, the Block Kit ack's JSON. The whole request
/// costs ~41–60 µs of CPU (bench/README.md), so a hand-written step must save ≥ 4 µs to be worth keeping.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class SlackEdgeBenchmarks
{
    /// <summary>The slash body of the channel benchmark (bench/channels/slash-body.txt).</summary>
    internal static readonly byte[] SlashBody = Encoding.UTF8.GetBytes(
        "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0BENCH01&team_domain=acme-sales&enterprise_id=E0BENCH01&enterprise_name=Acme%20Corp"
        + "&channel_id=C0BENCH01&channel_name=deals&user_id=U0DEMO&user_name=dana.demo&command=%2Fcoach&text=next+Globex+renewal"
        + "&api_app_id=A0BENCH01&is_enterprise_install=false&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT0BENCH01%2F1234567890"
        + "%2FaBcDeFgHiJkLmNoPqRsTuVwX&trigger_id=1234567890.1234567890.0123456789abcdef0123456789abcdef");

    private static readonly string[] CommandFields =
        ["command", "text", "user_id", "user_name", "team_id", "channel_id", "response_url", "trigger_id", "enterprise_id"];

    private const string Secret = "bench-signing-secret-0123456789abcdef";
    private const long Timestamp = 1_800_000_000;
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(Timestamp);
    private static readonly string TimestampHeader = Timestamp.ToString(CultureInfo.InvariantCulture);

    private readonly SlackSignature signature = new(Secret, TimeSpan.FromMinutes(5));
    private readonly BeforeSlackSignature before = new(Secret, TimeSpan.FromMinutes(5));
    private readonly string?[] values = new string?[CommandFields.Length];
    private byte[] withRoom = [];
    private string signatureHeader = "";
    private ResponseMessage ack = null!;

    [GlobalSetup]
    public void Setup()
    {
        signatureHeader = signature.Compute(Timestamp, SlashBody);
        withRoom = new byte[BeforeSlackSignature.PrefixRoom + SlashBody.Length];
        SlashBody.CopyTo(withRoom, BeforeSlackSignature.PrefixRoom);
        ack = ResponseMessage.From(new BlockKitRenderer().Render(ChecklistAnswer()), "ephemeral");
        if (!SlackWireJson.SerializeToUtf8Bytes(ack, SlackJsonContext.Wire.ResponseMessage).AsSpan()
                .SequenceEqual(BeforeSlackWireJson.Write(ack, SlackJsonContext.Wire.ResponseMessage)))
        {
            throw new InvalidOperationException("The per-call writer must write the bytes the thread-static one wrote.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => before.Dispose();

    [Benchmark(Baseline = true), BenchmarkCategory("read body")]
    public Task<byte[]?> Body_Before() => BeforeBodyReads.SlackAsync(Request().Request, CancellationToken.None);

    [Benchmark, BenchmarkCategory("read body")]
    public async Task<byte[]?> Body_PipeReader() =>
        (await SlackVerificationFilter.ReadBodyAsync(Request().Request, 64 * 1024, CancellationToken.None)).Body;

    [Benchmark(Baseline = true), BenchmarkCategory("signature")]
    public SignatureCheck Signature_Before() =>
        before.VerifyInPlace(TimestampHeader, signatureHeader, withRoom, Now);

    [Benchmark, BenchmarkCategory("signature")]
    public SignatureCheck Signature_PooledMac() =>
        signature.Verify(TimestampHeader, signatureHeader, SlashBody, Now);

    [Benchmark(Baseline = true), BenchmarkCategory("form")]
    public string? Form_Before()
    {
        BeforeSlackForm.Read(SlashBody, CommandFields, values);
        return values[1];
    }

    /// <summary>What the form reader does now: ASP.NET Core's pair enumerator, only the wanted values decoded.</summary>
    [Benchmark, BenchmarkCategory("form")]
    public string? Form_QueryStringEnumerable() => SlackForm.Read(SlashBody, CommandFields)[1];

    /// <summary>For comparison: the whole dictionary.</summary>
    [Benchmark, BenchmarkCategory("form")]
    public string? Form_ParseQuery()
    {
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(SlashBody));
        string? text = null;
        foreach (var name in CommandFields)
        {
            text = form.TryGetValue(name, out var v) && v.Count == 1 ? v[0] : text;
        }

        return text;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("ack json")]
    public int Json_Before() => BeforeSlackWireJson.Write(ack, SlackJsonContext.Wire.ResponseMessage).Length;

    /// <summary>What the ack does now: a buffer of its own, the generated fast path, a writer that leaves quotes and non-ASCII as they are.</summary>
    [Benchmark, BenchmarkCategory("ack json")]
    public int Json_PerCallWriter()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        SlackWireJson.Write(buffer, ack, SlackJsonContext.Wire.ResponseMessage);
        return buffer.WrittenCount;
    }

    /// <summary>For comparison: the serializer's one-shot call (its default encoder escapes quotes, &lt;, &gt;, &amp; and non-ASCII).</summary>
    [Benchmark, BenchmarkCategory("ack json")]
    public int Json_SerializeToUtf8Bytes() => JsonSerializer.SerializeToUtf8Bytes(ack, SlackJsonContext.Wire.ResponseMessage).Length;

    private static DefaultHttpContext Request()
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.ContentLength = SlashBody.Length;
        context.Request.Body = new MemoryStream(SlashBody, writable: false);
        return context;
    }

    /// <summary>An answer shaped like the bench's "next Globex renewal": a stage checklist of 6 items, 2 confirmed.</summary>
    internal static BotAnswer ChecklistAnswer()
    {
        var deal = new DealId(1003);
        var stage = new StageId("proposal");
        var confirm = new CardAction("Confirm", new ConfirmItemsPayload(deal, stage, 2), CardActionStyle.Primary);
        CardChecklistItem Item(int i, bool done) => new(
            new ChecklistItemId($"item-{i}"), $"Step {i}: the evidence the rep attaches before the deal moves on ({i} of 6)", Required: i % 3 != 0,
            done ? ChecklistItemState.Confirmed : ChecklistItemState.Open,
            done ? "Dana Demo" : null, done ? new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero) : null);
        var card = new Card
        {
            Kind = CardKind.Checklist,
            Title = "Globex renewal — Proposal",
            Subtitle = "Owner Dana Demo · 12 days in stage",
            Body = ["Send a written proposal that matches the agreed scope and price.", "Stalled: no activity for 9 days (team limit 7)."],
            Facts = [new CardFact("Amount", "120,000 EUR"), new CardFact("Close date", "2026-12-31"), new CardFact("Next step", "Call with procurement")],
            Checklist = new CardChecklist(deal, stage, 2, [.. Enumerable.Range(1, 6).Select(i => Item(i, i <= 2))], confirm),
        };
        return new BotAnswer("Globex renewal is in Proposal: 3 required items open.", card);
    }
}
