using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// Arabic phrasing breadth, batch 46b: the move to "the next stage" and the Arabic lines batch 46 left, with wordings
/// around them in Modern Standard Arabic and Gulf, Levantine and Egyptian dialects (each row says how it reads now).
/// A change that is not sure is asked back ("confirm? …").
/// </summary>
public sealed class ArabicWordingBatch46bTests
{
    [Theory]
    // "the next stage": the stage after the deal's own on its map (MoveDealCommand.ToNextStage), in English and Arabic;
    // asked back when unsure, as any move. «اللي قبلها» ("the one before") moves nothing: the help answer.
    [InlineData("move hooli to the next stage", "move 1012 | next | -")]
    [InlineData("push Hooli to the next stage", "move 1012 | next | -")]
    [InlineData("انقل Hooli للمرحلة الجاية", "move 1012 | next | -")]
    [InlineData("حرك Hooli للمرحلة التالية", "move 1012 | next | -")]
    [InlineData("انقل Hooli للمرحلة اللي بعدها", "move 1012 | next | -")]
    [InlineData("انقل Hooli للمرحلة الجاية لأن العميل وافق", "move 1012 | next | العميل وافق")]
    [InlineData("ودي Initech للمرحلة اللي بعدها", "move 1002 | next | -")]
    [InlineData("انقل Hooli إلى المرحلة القادمة", "move 1012 | next | -")]
    [InlineData("نقل Globex للمرحلة الجاية", "move 1003 | next | -")]
    [InlineData("حول Initech للمرحلة التالية بسبب الموافقة", "move 1002 | next | الموافقة")]
    [InlineData("قدم Stark للمرحلة الجاية", "move 1006 | next | -")]
    [InlineData("ممكن ننقل Hooli للمرحلة الجاية؟", "confirm? move 1012 | next | -")]
    [InlineData("انقل #1012 للمرحلة التالية", "move 1012 | next | -")]
    [InlineData("انقل Hooli للمرحله الجايه", "move 1012 | next | -")]
    [InlineData("ودّي Tailwind على المرحلة الجاية", "move 1010 | next | -")]
    // fix/parse51: the stage before the deal's own, as "move Hooli to the previous stage".
    [InlineData("رجع Hooli للمرحلة اللي قبلها", "move 1012 | previous | -")]
    // Asked about, not moved: the stage after Hooli's is a question, answered with Hooli's card (fix/phrasing47).
    [InlineData("ما هي المرحلة التالية لـ Hooli", "next 1012")]
    // «صفقاتنا» ("our deals"), the biggest first: the teams' deals (DealOrder.Biggest), as «أكبر صفقاتي» is one's own.
    [InlineData("أكبر صفقاتي", "mydeals")]
    [InlineData("أكبر صفقاتنا", "mydeals")]
    [InlineData("وش أكبر صفقاتنا", "mydeals")]
    [InlineData("ايش أكبر صفقة عندنا", "mydeals")]
    [InlineData("أكبر الصفقات", "mydeals")]
    [InlineData("صفقاتنا الأقرب للإغلاق", "mydeals")]
    [InlineData("شو أكبر صفقاتنا هلق", "mydeals")]
    // The deals at a stage: a stage the language file names is no team of the stalled list.
    [InlineData("الصفقات في العرض", "deals proposal")]
    [InlineData("الصفقات في عرض السعر", "deals proposal")]
    [InlineData("الصفقات في العرض التوضيحي", "deals demo")]
    [InlineData("وش الصفقات في الديمو", "deals demo")]
    [InlineData("الصفقات اللي في مرحلة العرض", "deals proposal")]
    [InlineData("كم صفقة في العرض", "deals proposal")]
    [InlineData("الصفقات في الاتفاق الشفهي", "deals verbal-agreement")]
    [InlineData("الصفقات المتعثرة في EMEA", "stalled emea")]
    // «وش وضع NAME» ("what's NAME's status") stays a deal's question: read as a rep's status, «شو وضع Initech» (issue 17's own
    // example) searched every visible deal for an owner first, and the coach bench's Arabic what's-next lost 1 in 6. Left:
    // a rep's name there is no deal (the answer says so); «كيف ماشي Dana» asks after a rep.
    [InlineData("وش وضع Dana هالحين", "next notfound(-)")]
    [InlineData("وش وضع Riley", "next notfound(-)")]
    [InlineData("شو وضع Dana هلق", "next notfound(-)")]
    [InlineData("ايه وضع Riley دلوقتي", "next notfound(-)")]
    [InlineData("ما وضع Dana الآن", "next notfound(-)")]
    [InlineData("وش وضع Hooli هالحين", "next 1012")]
    [InlineData("وش وضع Hooli", "next 1012")]
    [InlineData("وش وضع مؤسسة الأفق", "next 1027")]
    // A loss or a win with a week is the closed list over the calendar week (this one so far, or the last), never what is due.
    [InlineData("خسرنا هالأسبوع", "closed lost - this-week")]
    [InlineData("وش خسرنا هالأسبوع", "closed lost - this-week")]
    [InlineData("كسبنا هالأسبوع", "closed won - this-week")]
    [InlineData("الصفقات اللي خسرناها هالأسبوع", "closed lost - this-week")]
    [InlineData("ايش خسرنا الأسبوع هذا", "closed lost - this-week")]
    [InlineData("خسرنا هالشهر", "closed lost - this-month")]
    [InlineData("شو خسرنا الأسبوع الماضي", "closed lost - last-week")]
    [InlineData("خسرنا Globex", "lost 1003 | -")]
    // «لو بدنا …» ("if we want …"): a target said as a condition is the reverse funnel.
    [InlineData("لو بدنا ٣ مليون الربع الجاي شو لازم", "funnel 3 million | next quarter | -")]
    [InlineData("لو نبي ٢ مليون هالسنة وش نحتاج", "funnel 2 million | this year | -")]
    [InlineData("إذا بدنا نوصل ٥٠٠ ألف هالربع شو لازم نعمل", "funnel 500 thousand | this quarter | -")]
    [InlineData("لو عايزين نحقق مليون هالربع نعمل ايه", "funnel 1 million | this quarter | -")]
    [InlineData("لو بدنا ١٫٥ مليون شو لازم", "funnel 1.5 million")]
    [InlineData("لو بدنا ٣ مليون لفريق EMEA شو لازم", "funnel 3 million | - | emea")]
    // More wordings around these. Left as they read, none changing anything unasked: «خلي Hooli يروح …» (a deal
    // «Hooli يروح», "did you mean Hooli"), «انقلها للمرحلة الجاية» ("move it": the chat's deal, since fix/phrasing47), «اكبر ٥ صفقات عندنا» (the
    // five biggest since lists47), «فيه صفقات في العرض؟» (the deals in proposal since lists47), «العرض» alone (one's deals, not a team), a month ahead for the funnel
    // (its period kept as typed, which the funnel answers as a period it cannot read), a team and a period together.
    [InlineData("ابي انقل Hooli للمرحلة الجاية", "move 1012 | next | -")]
    [InlineData("انقل Acme Corp للمرحلة التالية لأن العميل وقع", "move 1001 | next | العميل وقع")]
    [InlineData("خلي Hooli يروح للمرحلة الجاية", "move notfound(1012) | next | -")]
    [InlineData("انقل Hooli لمرحلة بعدها", "move 1012 | next | -")]
    [InlineData("انقلها للمرحلة الجاية", "move this | next | -")]
    [InlineData("اكبر ٥ صفقات عندنا", "mydeals")]
    [InlineData("ايه أكبر صفقاتنا", "mydeals")]
    // lead57: the team's deals, sorted (MyDealsUseCase reads words no stage has as a team's), no longer every team's.
    [InlineData("أكبر صفقاتنا في EMEA", "deals stage?(emea:NotFound)")]
    [InlineData("الصفقات في مرحلة الديمو", "deals demo")]
    [InlineData("فيه صفقات في العرض؟", "deals proposal")]
    [InlineData("العرض", "mydeals")]
    [InlineData("شو وضع Riley هالأيام", "pipeline riley 1")]
    [InlineData("وش وضع Globex هالحين", "next 1003")]
    [InlineData("كيف وضع Dana", "next notfound(-)")]
    [InlineData("خسرنا شي هالأسبوع؟", "closed lost - this-week")]
    [InlineData("ربحنا هالأسبوع", "closed won - this-week")]
    [InlineData("كم صفقة خسرنا هالأسبوع", "closed lost - this-week")]
    [InlineData("لو بدنا ٢٠٠ ألف الشهر الجاي شو لازم", "funnel 200 thousand | الشهر الجاي شو لازم | -")]
    [InlineData("لو بدنا مليونين السنة الجاية شو لازم", "funnel 2 million | next year | -")]
    [InlineData("إذا بدنا ٣ مليون لفريق Americas الربع الجاي شو لازم", "unknown")]
    [InlineData("لو عايزين ٢ مليون الربع الجاي لازم نعمل ايه", "funnel 2 million | next quarter | -")]
    // Read right already, kept so the fixes do not move them.
    [InlineData("وش صفقات Dana", "owner dana")]
    [InlineData("انقل Hooli للعرض", "move 1012 | proposal | -")]
    public void Arabic_wording_reads_as_meant(string text, string expected) =>
        Assert.Equal(expected, UnderstandingTestData.Read(text));

    [Theory]
    [InlineData("أكبر صفقاتنا", false)]
    [InlineData("وش أكبر صفقاتنا", false)]
    [InlineData("أكبر صفقاتي", true)]
    public void Biggest_deals_are_ours_or_mine(string text, bool mine)
    {
        var command = Assert.IsType<MyDealsCommand>(new CommandParser().Parse(text));

        Assert.Equal((DealOrder.Biggest, mine), (command.Order, command.Mine));
    }
}
