using System.Text;
using SalesCoachBot.Slack.Verification;

namespace SalesCoachBot.Slack.Tests;

/// <summary>Form bodies through ASP.NET Core's parser: a field counts only when Slack sent it once, with a value.</summary>
public sealed class SlackFormTests
{
    [Theory]
    [InlineData("command=%2Fcoach&text=next+Globex+renewal", "text", "next Globex renewal")]
    [InlineData("text=%E2%9C%85+done+%F0%9F%98%80", "text", "✅ done 😀")]
    [InlineData("TEXT=upper+case+key", "text", "upper case key")]
    [InlineData("te%78t=encoded+key", "text", "encoded key")]
    [InlineData("text=a=b=c", "text", "a=b=c")]
    [InlineData("&&text=a%26b%3Dc&&", "text", "a&b=c")]
    [InlineData("text=", "text", null)]
    [InlineData("text&user_id=U1", "text", null)]
    [InlineData("text=one&text=two", "text", null)]
    [InlineData("Text=one&text=two", "text", null)]
    [InlineData("user_id=U1", "text", null)]
    [InlineData("", "text", null)]
    public void Field_FormBody_ValueOnlyWhenSentOnceWithAValue(string body, string name, string? expected) =>
        Assert.Equal(expected, SlackForm.Parse(Encoding.UTF8.GetBytes(body)).Field(name));

    [Fact]
    public void Field_SlashBodyOfTheBench_ReadsEveryField()
    {
        var form = SlackForm.Parse("token=x&team_id=T0BENCH01&channel_id=C0BENCH01&user_id=U0DEMO&user_name=dana.demo&command=%2Fcoach&text=next+Globex+renewal"u8);

        Assert.Equal("/coach", form.Field("command"));
        Assert.Equal("next Globex renewal", form.Field("text"));
        Assert.Equal("T0BENCH01", form.Field("team_id"));
    }
}
