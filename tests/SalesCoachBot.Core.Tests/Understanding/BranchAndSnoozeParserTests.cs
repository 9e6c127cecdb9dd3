using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>Issue 15: the new phrasings for branches, reopening and snoozes.</summary>
public sealed class BranchAndSnoozeParserTests
{
    private readonly CommandParser _parser = new();

    public static TheoryData<string, ChatCommand> Phrasings => new()
    {
        { "Duff Brewery is not a fit", new FollowBranchCommand(new NameReference("Duff Brewery"), "not a fit") },
        { "Acme is not now", new FollowBranchCommand(new NameReference("Acme"), "not now") },
        { "Globex is disqualified", new FollowBranchCommand(new NameReference("Globex"), "disqualified") },
        { "disqualify #1003", new FollowBranchCommand(new ExternalIdReference("1003"), "disqualified") },
        { "mark initech as not a fit", new FollowBranchCommand(new NameReference("initech"), "not a fit") },
        { "globex said no because price", new SaidNoCommand(new NameReference("globex"), "price") },
        { "globex said no", new SaidNoCommand(new NameReference("globex")) },
        { "reopen Globex", new ReopenDealCommand(new NameReference("Globex")) },
        { "snooze Tailwind 3 days", new SnoozeCommand(new NameReference("Tailwind"), "3 days", null) },
        { "snooze #1010 until Monday because the buyer is on leave", new SnoozeCommand(new ExternalIdReference("1010"), "until Monday", "the buyer is on leave") },
        { "snooze tailwind until 2026-12-10", new SnoozeCommand(new NameReference("tailwind"), "until 2026-12-10", null) },
        { "snooze tailwind", new SnoozeCommand(new NameReference("tailwind"), string.Empty, null) },
        { "unsnooze Tailwind", new UnsnoozeCommand(new NameReference("Tailwind")) },
        { "wake up tailwind", new UnsnoozeCommand(new NameReference("tailwind")) },
    };

    [Theory]
    [MemberData(nameof(Phrasings))]
    public void Parse_Phrasing_IsTheCommand(string text, ChatCommand expected)
    {
        Assert.Equal(expected, _parser.Parse(text));
    }

    [Theory]
    [InlineData("reopen demo held for initech")]
    [InlineData("who is the owner of initech")]
    [InlineData("demo held is done")]
    [InlineData("the weather is nice today")]
    public void Parse_NotABranchOrReopen(string text)
    {
        Assert.IsNotType<FollowBranchCommand>(_parser.Parse(text));
        Assert.IsNotType<ReopenDealCommand>(_parser.Parse(text));
    }
}
