using System.Text;
using SalesCoachBot.Slack.Verification;

namespace SalesCoachBot.Slack.Tests;

public sealed class SlackSignatureTests
{
    internal const string DocSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    internal const long DocTimestamp = 1531420618;
    internal const string DocSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    internal static readonly byte[] DocBody = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", "doc-vector-slash-command.txt"));
    internal static readonly DateTimeOffset DocNow = DateTimeOffset.FromUnixTimeSeconds(DocTimestamp + 1);

    private static SlackSignature Verifier(string secret = DocSecret) => new(secret, TimeSpan.FromSeconds(300));

    [Fact]
    public void Compute_SlackDocumentedVector_MatchesSlacksSignature() =>
        Assert.Equal(DocSignature, Verifier().Compute(DocTimestamp, DocBody));

    [Fact]
    public void Verify_SlackDocumentedVector_IsValid() =>
        Assert.Equal(SignatureCheck.Valid, Verifier().Verify("1531420618", DocSignature, DocBody, DocNow));

    [Fact]
    public void Compute_ManyBodiesOnManyThreads_EachMatchesAFreshHmac()
    {
        // One verifier serves every request at once: no request may see another's bytes (each takes a keyed HMAC
        // instance from a pool and feeds it the base string in two parts).
        var signature = Verifier();
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var body = Encoding.UTF8.GetBytes($"token=x&text=request+{i}&" + new string('a', i % 300));
            var expected = "v0=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
                Encoding.UTF8.GetBytes(DocSecret), Encoding.UTF8.GetBytes($"v0:{DocTimestamp + i}:").Concat(body).ToArray()));

            Assert.Equal(expected, signature.Compute(DocTimestamp + i, body));
            Assert.Equal(SignatureCheck.Valid, signature.Verify((DocTimestamp + i).ToString(System.Globalization.CultureInfo.InvariantCulture), expected, body, DateTimeOffset.FromUnixTimeSeconds(DocTimestamp + i)));
        });
    }

    [Fact]
    public void Verify_UppercaseHexSignature_IsValid() =>
        Assert.Equal(SignatureCheck.Valid, Verifier().Verify("1531420618", "v0=" + DocSignature[3..].ToUpperInvariant(), DocBody, DocNow));

    [Fact]
    public void Verify_BodyTamperedByOneByte_IsMismatch()
    {
        var tampered = DocBody.Concat(Encoding.ASCII.GetBytes(" ")).ToArray();
        Assert.Equal(SignatureCheck.Mismatch, Verifier().Verify("1531420618", DocSignature, tampered, DocNow));
    }

    [Fact]
    public void Verify_WrongSecret_IsMismatch() =>
        Assert.Equal(SignatureCheck.Mismatch, Verifier(DocSecret + "x").Verify("1531420618", DocSignature, DocBody, DocNow));

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    [InlineData(-600)]
    public void Verify_TimestampOutsideFiveMinutesEitherWay_IsOutsideWindow(int nowMinusTimestamp) =>
        Assert.Equal(SignatureCheck.OutsideWindow, Verifier().Verify("1531420618", DocSignature, DocBody, DateTimeOffset.FromUnixTimeSeconds(DocTimestamp + nowMinusTimestamp)));

    [Theory]
    [InlineData(300)]
    [InlineData(-300)]
    public void Verify_TimestampExactlyFiveMinutesAway_IsValid(int nowMinusTimestamp) =>
        Assert.Equal(SignatureCheck.Valid, Verifier().Verify("1531420618", DocSignature, DocBody, DateTimeOffset.FromUnixTimeSeconds(DocTimestamp + nowMinusTimestamp)));

    [Theory]
    [InlineData(null, DocSignature, SignatureCheck.MissingHeaders)]
    [InlineData("1531420618", null, SignatureCheck.MissingHeaders)]
    [InlineData("", "", SignatureCheck.MissingHeaders)]
    [InlineData("15314e0618", DocSignature, SignatureCheck.MalformedTimestamp)]
    [InlineData("-1531420618", DocSignature, SignatureCheck.MalformedTimestamp)]
    [InlineData("99999999999999999999", DocSignature, SignatureCheck.MalformedTimestamp)]
    [InlineData("1531420618", "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SignatureCheck.MalformedSignature)]
    [InlineData("1531420618", "v0=a2114d57b48e", SignatureCheck.MalformedSignature)]
    [InlineData("1531420618", "v0=zz114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SignatureCheck.MalformedSignature)]
    public void Verify_MissingOrGarbledHeaders_IsRejectedWithReason(string? timestamp, string? signature, SignatureCheck expected) =>
        Assert.Equal(expected, Verifier().Verify(timestamp, signature, DocBody, DocNow));
}
