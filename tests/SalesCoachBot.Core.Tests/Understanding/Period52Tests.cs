using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// audit52 LEFT 4: "digest for Americas" was read as binding the chat to the team's nudges. Only a request that says
/// where ("here", "this channel", "use …") binds; otherwise that team's stalled digest is what is asked for.
/// </summary>
public sealed class Period52Tests
{
    [Theory]
    [InlineData("digest for Americas", "stalled americas")]
    [InlineData("ملخص فريق EMEA", "stalled emea")]
    [InlineData("send the emea digest here", "nudges emea")]
    [InlineData("use this channel for EMEA nudges", "nudges emea")]
    [InlineData("ملخص فريق EMEA هنا", "nudges emea")]
    [InlineData("وجّه تنبيهات EMEA لهالقناة", "nudges emea")]
    public void Parse_DigestForATeam_ShowsItUnlessToldWhereToSendIt(string text, string expected) =>
        Assert.Equal(expected, UnderstandingTestData.Read(text));
}

/// <summary>
/// audit52 LEFT 5, 9, 20: reassigning a deal, close dates and map lint are not done in chat; they got "I can't find a deal
/// matching …", «لا أعرف مرحلة اسمها «Sam»» or "I don't know a team called "lint"". Now one honest line says where it is done.
/// </summary>
public sealed class NotOffered52Tests : IDisposable
{
    private const string Reassign = "I don't change deal owners: change it in the CRM, or run import deals with the new owner_email.";
    private const string ReassignArabic = "لا أغيّر مالك الصفقة: غيّره في نظام إدارة العملاء، أو شغّل import deals بقيمة owner_email الجديدة.";
    private readonly BotHarness _bot = new();

    public NotOffered52Tests()
    {
        _bot.AddDeal("1010", "Tailwind Traders", owner: _bot.Rep);
        _bot.AddDeal("1002", "Initech", owner: _bot.TeamMate);
    }

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("reassign Tailwind to tom", "notoffered reassign")]
    [InlineData("change the owner of Initech to rita", "notoffered reassign")]
    [InlineData("غيّر مالك صفقة Initech إلى tom", "notoffered reassign")]
    [InlineData("deals closing this month", "notoffered closedates")]
    [InlineData("وش الصفقات اللي تقفل هالشهر", "notoffered closedates")]
    [InlineData("lint the map", "notoffered maplint")]
    [InlineData("which deal is closest to closing", "mydeals")]
    public void Parse_WhatIsNotDoneInChat_SaidSo(string text, string expected) =>
        Assert.StartsWith(expected, UnderstandingTestData.Read(text), StringComparison.Ordinal);

    [Theory]
    [InlineData("reassign Tailwind to tom")]
    [InlineData("change the owner of Initech to rita")]
    public async Task Reassign_InEnglish_SaysWhereOwnersChange(string text)
    {
        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Equal(Reassign, answer.Text);
    }

    [Theory]
    [InlineData("غيّر مالك صفقة Initech إلى tom")]
    // «حوّل» is a move verb: moving a deal "to" an owner's name is the reassign, not a stage called "tom".
    [InlineData("حوّل Tailwind لـ tom")]
    public async Task Reassign_InArabic_SaysWhereOwnersChange(string text)
    {
        _bot.Manager.Language = "ar";

        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Equal(ReassignArabic, SalesCoachBot.Core.Localization.Bidi.WithoutIsolates(answer.Text));
    }

    [Fact]
    public async Task CloseDates_BothLanguages_SaysTheyAreNotTracked()
    {
        var english = await _bot.AskAsync("deals closing this month", _bot.Manager);
        _bot.Manager.Language = "ar";
        var arabic = await _bot.AskAsync("وش الصفقات اللي تقفل هالشهر", _bot.Manager);

        Assert.Equal("I don't track close dates. Ask for your biggest or oldest deals, or what's due this week.", english.Text);
        Assert.Equal("لا أتابع تواريخ الإغلاق المتوقعة. اسأل عن أكبر صفقاتك أو أقدمها، أو عمّا هو مستحق هذا الأسبوع.", arabic.Text);
    }

    [Fact]
    public async Task MapLint_InChat_NamesTheCommandLineVerb()
    {
        var english = await _bot.AskAsync("lint the map", _bot.Admin);
        _bot.Admin.Language = "ar";
        var arabic = await _bot.AskAsync("lint للخريطة", _bot.Admin);

        Assert.Equal("Map lint is a command-line verb, not a chat command: map lint FILE.", english.Text);
        Assert.Equal("فحص الخريطة أمر في سطر الأوامر وليس في المحادثة: map lint FILE.", SalesCoachBot.Core.Localization.Bidi.WithoutIsolates(arabic.Text));
    }

    [Fact]
    public async Task MoveToAStageNobodyIsCalled_StillUnknownStage()
    {
        _bot.Manager.Language = "ar";

        var answer = await _bot.AskAsync("حوّل Tailwind لـ المريخ", _bot.Manager);

        Assert.DoesNotContain("import deals", answer.Text, StringComparison.Ordinal);
    }
}
