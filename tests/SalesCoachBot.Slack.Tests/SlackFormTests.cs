using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using SalesCoachBot.Slack.Verification;

namespace SalesCoachBot.Slack.Tests;

/// <summary>The form fields read exactly as ASP.NET Core's query parser reads them; a field counts only when sent once with a value.</summary>
public sealed class SlackFormTests
{
    private static readonly string[] Names = ["command", "text", "user_id", "response_url", "payload", "ssl_check", "a b"];

    private static string? Expected(string body, string name)
    {
        var form = QueryHelpers.ParseQuery(body);
        return form.TryGetValue(name, out var v) && v.Count == 1 && !string.IsNullOrEmpty(v[0]) ? v[0] : null;
    }

    [Theory]
    [InlineData("command=%2Fcoach&text=next+Globex+renewal", "text", "next Globex renewal")]
    [InlineData("text=%E2%9C%85+done+%F0%9F%98%80", "text", "✅ done 😀")]
    [InlineData("TEXT=upper+case+key", "text", "upper case key")]
    [InlineData("te%78t=encoded+key", "text", "encoded key")]
    [InlineData("?text=leading+question+mark", "text", "leading question mark")]
    [InlineData("text=a=b=c", "text", "a=b=c")]
    [InlineData("&&text=a%26b%3Dc&&", "text", "a&b=c")]
    [InlineData("text=", "text", null)]
    [InlineData("text&user_id=U1", "text", null)]
    [InlineData("text=one&text=two", "text", null)]
    [InlineData("Text=one&text=two", "text", null)]
    [InlineData("user_id=U1", "text", null)]
    [InlineData("", "text", null)]
    public void Read_FormBody_ValueOnlyWhenSentOnceWithAValue(string body, string name, string? expected) =>
        Assert.Equal(expected, SlackForm.Read(Encoding.UTF8.GetBytes(body), name)[0]);

    [Fact]
    public void Read_RandomBodies_MatchesParseQuery()
    {
        // Pieces that exercise every rule: separators, escapes (valid, invalid, cut short), '+', case, non-ASCII.
        string[] pieces = ["&", "=", "text", "TeXt", "user_id", "user%5Fid", "a+b", "a b", "payload", "%", "%2", "%41", "%E2%9C%85",
            "%C3", "+", "x", "é", "?", "ssl_check", "1", "%26", "%3D", "\u0131", "ı", ""];
        var random = new Random(11);
        for (var round = 0; round < 3000; round++)
        {
            var body = string.Concat(Enumerable.Range(0, random.Next(0, 14)).Select(_ => pieces[random.Next(pieces.Length)]));

            var values = SlackForm.Read(Encoding.UTF8.GetBytes(body), Names);

            for (var i = 0; i < Names.Length; i++)
            {
                Assert.True(Expected(body, Names[i]) == values[i], $"body '{body}', {Names[i]}: expected '{Expected(body, Names[i])}', got '{values[i]}'");
            }
        }
    }

    [Fact]
    public void Read_SlashBodyOfTheBench_ReadsEveryField()
    {
        var values = SlackForm.Read(
            "token=x&team_id=T0BENCH01&channel_id=C0BENCH01&user_id=U0DEMO&user_name=dana.demo&command=%2Fcoach&text=next+Globex+renewal"u8,
            "command", "text", "team_id");

        Assert.Equal("/coach", values[0]);
        Assert.Equal("next Globex renewal", values[1]);
        Assert.Equal("T0BENCH01", values[2]);
    }
}
