using System.Text;

namespace SalesCoachBot.Host.Tests.Fuzzing;

/// <summary>
/// What the fuzzer expects the bot to do with a Socket Mode frame. A wrong expectation fails the fuzz test for the next
/// input instead: an oversized frame of invalid UTF-8 ended the socket (as it must), the fuzzer did not wait for the
/// new one, and the following envelope went to the dead socket and was never acked (CI, random seed 46072500).
/// </summary>
public sealed class SocketFrameExpectationTests
{
    private const int OverOneMebibyte = 1024 * 1024 + 1;

    [Fact]
    public void OversizedTextFrame_ValidUtf8_SkippedWithoutAckAndTheSocketStays()
    {
        var frame = Envelope(padding: OverOneMebibyte);

        Assert.Equal((null, false), FuzzRunner.Expect(frame, binary: false));
    }

    [Fact]
    public void OversizedTextFrame_InvalidUtf8_EndsTheSocket()
    {
        var frame = Envelope(padding: OverOneMebibyte);
        frame[^10] = 0xC3;   // a lead byte followed by ASCII: not UTF-8

        Assert.Equal((null, true), FuzzRunner.Expect(frame, binary: false));
    }

    [Fact]
    public void OversizedBinaryFrame_InvalidUtf8_IgnoredAndTheSocketStays()
    {
        var frame = Envelope(padding: OverOneMebibyte);
        frame[^10] = 0xC3;

        Assert.Equal((null, false), FuzzRunner.Expect(frame, binary: true));
    }

    [Fact]
    public void SmallInteractiveEnvelope_AckExpectedForItsId()
    {
        var frame = Envelope(padding: 0);

        Assert.Equal(("fuzz-envelope-1", false), FuzzRunner.Expect(frame, binary: false));
    }

    private static byte[] Envelope(int padding) => Encoding.UTF8.GetBytes(
        $$"""{"envelope_id":"fuzz-envelope-1","type":"interactive","payload":{"type":"block_actions","note":"{{new string('x', padding)}}"},"accepts_response_payload":false}""");
}
