using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using SalesCoachBot.Slack.Verification;

namespace SalesCoachBot.Slack.Tests;

/// <summary>The field reader over verified bytes reads exactly what ASP.NET Core's query parser would.</summary>
public sealed class SlackFormTests
{
    private static readonly string[] Names = ["command", "text", "user_id", "response_url", "payload", "ssl_check", "a b"];

    public static TheoryData<string> Bodies =>
    [
        "",
        "command=%2Fcoach&text=next+Globex+renewal&user_id=U0DEMO",
        "text=&user_id=U1",                                  // empty value: null
        "text&user_id=U1",                                   // no '=': empty, null
        "text=one&text=two&user_id=U1",                      // twice: null (Slack sends each field once)
        "text=one&text=two&text=three",
        "&&text=a%26b%3Dc&&",                                // escaped separators, empty pairs
        "?text=leading+question+mark",
        "te%78t=encoded+key&user%5Fid=U2",                   // percent-encoded keys
        "a+b=spaced+key",
        "text=%E2%9C%85+done+%F0%9F%98%80",                  // UTF-8 escapes
        "text=%ZZ+bad+escape+%E2%9C",                        // invalid escapes stay as written
        "text=caf\u00e9+raw+utf8",
        "payload=%7B%22type%22%3A%22block_actions%22%7D",
        "ssl_check=1&token=x",
        "response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1%2F2%2Fabc&unknown=1",
        "text=a=b=c",
        "TEXT=upper+case+key",                               // keys are case-insensitive
        "Text=one&text=two",                                 // the same key twice in two cases: null
    ];

    private static string? Expected(string body, string name)
    {
        var form = QueryHelpers.ParseQuery(body);
        return form.TryGetValue(name, out var v) && v.Count == 1 && !string.IsNullOrEmpty(v[0]) ? v[0] : null;
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Read_AnyBody_MatchesAspNetCoresParser(string body)
    {
        var values = new string?[Names.Length];
        SlackForm.Read(Encoding.UTF8.GetBytes(body), Names, values);

        for (var i = 0; i < Names.Length; i++)
        {
            Assert.True(Expected(body, Names[i]) == values[i], $"{Names[i]}: expected '{Expected(body, Names[i])}', got '{values[i]}'");
        }
    }

    [Fact]
    public void Read_RandomBodies_MatchesAspNetCoresParser()
    {
        // Pieces that exercise every rule: separators, escapes (valid, invalid, cut short), '+', case, non-ASCII.
        string[] pieces = ["&", "=", "text", "TeXt", "user_id", "user%5Fid", "a+b", "a b", "payload", "%", "%2", "%41", "%E2%9C%85",
            "%C3", "+", "x", "é", "?", "ssl_check", "1", "%26", "%3D", "\u0131", "ı", ""];
        var random = new Random(11);
        for (var round = 0; round < 3000; round++)
        {
            var body = string.Concat(Enumerable.Range(0, random.Next(0, 14)).Select(_ => pieces[random.Next(pieces.Length)]));
            var values = new string?[Names.Length];

            SlackForm.Read(Encoding.UTF8.GetBytes(body), Names, values);

            for (var i = 0; i < Names.Length; i++)
            {
                Assert.True(Expected(body, Names[i]) == values[i], $"body '{body}', {Names[i]}: expected '{Expected(body, Names[i])}', got '{values[i]}'");
            }
        }
    }

    [Fact]
    public void Read_SlashBodyOfTheBench_ReadsEveryField()
    {
        var body = "token=x&team_id=T0BENCH01&channel_id=C0BENCH01&user_id=U0DEMO&user_name=dana.demo&command=%2Fcoach&text=next+Globex+renewal"u8;
        var values = new string?[3];

        SlackForm.Read(body, ["command", "text", "team_id"], values);

        Assert.Equal("/coach", values[0]);
        Assert.Equal("next Globex renewal", values[1]);
        Assert.Equal("T0BENCH01", values[2]);
    }
}
