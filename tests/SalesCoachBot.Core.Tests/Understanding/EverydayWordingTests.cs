using Xunit;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// Everyday wordings reps type that no example held word for word: asking what blocks a deal, crossing items off, a
/// check mark for "done", a part of the day an activity happened in, a deal's proposal said with its name, a snooze
/// "until next month", a deal's name typed alone. Each must read exactly as shown; the last rows are near misses that must keep their meaning.
/// </summary>
public sealed class EverydayWordingTests
{
    [Theory]
    // What is next for a deal, asked as what blocks it or as catching up on it.
    [InlineData("any blockers on Fabrikam", "next 1005")]
    [InlineData("what's holding up Soylent", "next 1013")]
    [InlineData("walk me through Pied Piper", "next 1016")]
    [InlineData("catch me up on Wonka", "next 1019")]
    [InlineData("what do we have to do to close Stark Industries", "next 1006")]
    // Items crossed off, or ticked with a check mark (✅ ✔ ☑) in either language.
    [InlineData("crossed off quote delivered on Oceanic", "done 1020 | quote delivered")]
    [InlineData("got demo held done for Hooli", "done 1012 | demo held")]
    [InlineData("champion named ✅ Stark", "done 1006 | champion named")]
    [InlineData("✔ demo held for Hooli", "done 1012 | demo held")]
    [InlineData("demo held ✅", "done this | demo held")]
    [InlineData("demo held ☑ لصفقة Hooli", "done 1012 | demo held")]
    [InlineData("oops, demo held isn't actually done for Hooli", "undo 1012 | demo held")]
    // A stage said as where the deal is now; a deal killed or closed out as lost.
    [InlineData("Initech is in the proposal stage now", "move 1002 | proposal | -")]
    [InlineData("close out Hooli as lost - budget cut", "lost 1012 | budget cut")]
    [InlineData("kill the Wonka deal", "lost 1019 | -")]
    [InlineData("customer said no to Hooli's proposal", "no 1012")]
    // Team words: "the numbers", "stalling".
    [InlineData("give me the numbers for the west team", "pipeline west -")]
    [InlineData("anything stalling in EMEA", "stalled emea")]
    // A note after "that"; a part of the day after the deal's name.
    [InlineData("add a note to Soylent that procurement is slow", "note 1013 | procurement is slow")]
    [InlineData("had a call with Initech this morning", "activity 1002 | call today -")]
    [InlineData("spoke to Initech earlier this morning", "activity 1002 | call today -")]
    [InlineData("had lunch with Soylent yesterday afternoon", "activity 1013 | meeting yesterday -")]
    [InlineData("who touched Globex last", "history 1003")]
    [InlineData("show the playbook", "map -")]
    [InlineData("what do I need before contract signed", "stage contract-signed")]
    [InlineData("park Initech till next month", "snooze 1002 | till next month | -")]
    [InlineData("this is the Hooli channel", "link 1012")]
    [InlineData("stop tracking this deal here", "unlink")]
    // The deal's card asked for as what is open, missing or on track; the pipeline by stage; stages left.
    [InlineData("what's still open on Initech?", "next 1002")]
    [InlineData("what's left to close Hooli", "next 1012")]
    [InlineData("what should I focus on for Wonka", "next 1019")]
    [InlineData("which items are open for Pied Piper", "next 1016")]
    [InlineData("how are we doing on Stark", "next 1006")]
    [InlineData("is Hooli on track", "next 1012")]
    [InlineData("what am I missing on Lamna", "next 1024")]
    [InlineData("what deals are in my name", "mydeals")]
    [InlineData("pipeline by stage", "pipeline - -")]
    [InlineData("how many deals in each stage", "pipeline - -")]
    [InlineData("what's our conversion from demo to proposal", "pipeline - -")]
    [InlineData("how long do deals take to close", "pipeline - -")]
    [InlineData("show me the team dashboard", "pipeline - -")]
    [InlineData("deals with no activity", "stalled -")]
    [InlineData("which deals are going stale", "stalled -")]
    [InlineData("any deals stuck in a stage", "stalled -")]
    [InlineData("what do I need to leave proposal", "stage proposal")]
    [InlineData("how do I get out of discovery", "stage discovery")]
    [InlineData("demo held for Hooli is done", "done 1012 | demo held")]
    [InlineData("tick off champion named", "done this | champion named")]
    [InlineData("demo held was ticked by mistake on Hooli", "undo 1012 | demo held")]
    [InlineData("Initech to verbal agreement", "move 1002 | verbal-agreement | -")]
    [InlineData("mark Fabrikam as lost, no budget", "lost 1005 | no budget")]
    [InlineData("quota is 2M, what do I need", "funnel 2m")]
    // A change's gerund inside the deal's words is talk about the change, in English; an Arabic name may hold one.
    [InlineData("wait before marking Globex lost", "unknown")]
    [InlineData("خسرنا مؤسسة نقل الخليج", "lost notfound(1027) | -")] // خسرنا مؤسسة نقل الخليج
    [InlineData("stuck deals at APAC", "stalled apac")]
    // A third batch: briefings on a deal, workload, the quarter, old deals, checklists of a stage, moves said as news.
    [InlineData("what needs doing on Wonka", "next 1019")]
    [InlineData("hooli - anything i should know?", "next 1012")]
    [InlineData("brief me on Stark", "next 1006")]
    [InlineData("overview of Initech", "next 1002")]
    [InlineData("what's the story with Hooli", "next 1012")]
    [InlineData("give me a rundown on Wonka", "next 1019")]
    [InlineData("what's my workload", "mydeals")]
    [InlineData("how's the quarter looking", "pipeline - this-quarter")]
    [InlineData("team performance", "pipeline - -")]
    [InlineData("what's the average cycle time", "pipeline - -")]
    [InlineData("stage by stage conversion", "pipeline - -")]
    [InlineData("deals stuck for 30 days", "stalled -")]
    [InlineData("old deals", "stalled -")]
    [InlineData("what's in the checklist for discovery", "stage discovery")]
    [InlineData("what do I have to do in the demo stage", "stage demo")]
    [InlineData("Globex moves to demo", "move 1003 | demo | -")]
    [InlineData("Oceanic lost, they went silent", "lost 1020 | they went silent")]
    [InlineData("we've lost Hooli", "lost 1012 | -")]
    [InlineData("snooze Initech until Monday - client on vacation", "snooze 1002 | until monday | client on vacation")]
    [InlineData("what's happened on Globex recently", "history 1003")]
    // A stage to go to at the end of a deal's words asks for the move (asked back: "can we" suggests it).
    [InlineData("can we move Globex to demo", "confirm? move 1003 | demo | -")]
    [InlineData("how can we move Globex along", "next 1003")]
    // Chat shorthand: "mv", "mtg", "hist", a team before "numbers", a reason after a dash, a time after a history's deal.
    [InlineData("hooli update pls", "next 1012")]
    [InlineData("what's required to advance Hooli", "next 1012")]
    [InlineData("EMEA numbers", "pipeline emea -")]
    [InlineData("mv hooli to demo", "move 1012 | demo | -")]
    [InlineData("lost hooli - price", "lost 1012 | price")]
    [InlineData("what do we need for 1.2M", "funnel 1.2m")]
    [InlineData("mtg w globex today", "activity 1003 | meeting today -")]
    [InlineData("hist hooli", "history 1012")]
    [InlineData("what changed on initech this week", "history 1002")]
    // Formal requests, with their full stops.
    [InlineData("Which of our deals have stalled?", "stalled -")]
    [InlineData("Please undo the demo held confirmation for Hooli.", "undo 1012 | demo held")]
    [InlineData("Kindly mark Fabrikam as lost due to budget constraints.", "lost 1005 | budget constraints")]
    // A deal's or a stage's name typed alone, in either script; words that merely come close, a filler alone, words of
    // the other script or too many of them name nothing.
    [InlineData("Globex?", "next 1003")]
    [InlineData("Pied Piper", "next 1016")]
    [InlineData("discovery?", "stage discovery")]
    [InlineData("مؤسسة الأفق؟", "next 1027")] // مؤسسة الأفق؟
    [InlineData("Initech Europe Holdings", "unknown")]
    [InlineData("flibbertigibbet", "unknown")]
    [InlineData("please", "unknown")]
    [InlineData("Globex مهتمين", "unknown")] // Globex مهتمين
    [InlineData("Globex renewal Wonka Industries Hooli", "unknown")]
    // Thanks said to the bot, in either language; "no thanks" still cancels and a note may thank.
    [InlineData("thank you so much", "thanks")]
    [InlineData("ok thanks", "thanks")]
    [InlineData("great, that helps", "thanks")]
    [InlineData("got it, thx", "thanks")]
    [InlineData("مشكور يا كوتش", "thanks")]
    [InlineData("تسلم يا مدرب", "thanks")]
    [InlineData("لا شكرا", "cancel")]
    [InlineData("note for Initech: thanks for the demo", "note 1002 | thanks for the demo")]
    // A quarter by name, or a period's adjective; a team right after a target; a meeting "this week".
    [InlineData("pipeline for Q3", "pipeline - quarter-3")]
    [InlineData("pipeline Q3 2025 for EMEA", "pipeline emea quarter-2025-3")]
    [InlineData("how did we do in the third quarter", "pipeline - quarter-3")]
    [InlineData("خط المبيعات للربع الثالث", "pipeline - quarter-3")]
    [InlineData("خط المبيعات لفريق EMEA الربع الأول 2026", "pipeline emea quarter-2026-1")]
    [InlineData("quarterly pipeline", "pipeline - this-quarter")]
    [InlineData("monthly pipeline for west", "pipeline west this-month")]
    [InlineData("خط المبيعات الربعي", "pipeline - this-quarter")]
    [InlineData("reverse funnel 1M EMEA", "funnel 1m | - | emea")]
    [InlineData("reverse funnel 500k EUR EMEA this quarter", "funnel 500k | this quarter | emea")]
    [InlineData("reverse funnel 1M KWD", "funnel 1m")]
    [InlineData("what do we need to hit 2 bananas", "funnel 2")]
    [InlineData("met with Hooli this week", "activity 1012 | meeting now -")]
    [InlineData("قابلت Initech هذا الأسبوع", "activity 1002 | meeting now -")]
    // A rival chosen; where a deal should be; how to get a deal to a stage (its checklist); items crossed out.
    [InlineData("Stark chose a competitor", "no 1006 | competitor")]
    [InlineData("Globex picked Salesforce instead", "no 1003 | salesforce")]
    [InlineData("Hooli belongs in proposal", "move 1012 | proposal | -")]
    [InlineData("Soylent should be in demo?", "advice 1013")]
    [InlineData("how do I get Hooli to contract signed", "next 1012")]
    [InlineData("what does Wonka need to get to proposal", "next 1019")]
    [InlineData("how do I move Hooli to demo", "unknown")]
    [InlineData("crossed out demo held on Hooli", "done 1012 | demo held")]
    // A fifth batch: a to-do list, a plate with a day, a deal not ready, an item ticked by mistake, a target said first.
    [InlineData("my to-do list", "due all 7")]
    [InlineData("what's on my plate today", "due all 0")]
    [InlineData("what's on my plate", "mydeals")]
    [InlineData("Stark is not ready yet", "branch 1006 | not now")]
    [InlineData("I ticked champion named by mistake on Stark", "undo 1006 | champion named")]
    [InlineData("deals that haven't moved", "stalled -")]
    [InlineData("target 1.5M next quarter what do we need", "funnel 1.5m | next quarter | -")]
    [InlineData("we held the demo with Hooli", "activity 1012 | meeting now -")]
    // A sixth batch: the quarter's shape, deals closed or lost, how close to a target, who works a deal, a promotion, a
    // day after a move's stage, a deal hidden from the digest, what was done on a deal; a contract "got" is asked back.
    [InlineData("how's the quarter shaping up", "pipeline - this-quarter")]
    [InlineData("how many deals did we close last month", "pipeline - last-month")]
    [InlineData("where are we losing deals", "pipeline - -")]
    [InlineData("top lost reasons", "pipeline - -")]
    [InlineData("how close are we to 2M", "funnel 2m")]
    [InlineData("who's working Initech", "next 1002")]
    [InlineData("promote Initech to demo", "move 1002 | demo | -")]
    [InlineData("Initech moved into demo today", "move 1002 | demo | -")]
    [InlineData("hide Initech from the digest for a week", "snooze 1002 | for a week | -")]
    [InlineData("what did we do on Globex", "history 1003")]
    [InlineData("we've got the signed contract for Initech", "confirm? done 1002 | signed contract")]
    [InlineData("snooze Fabrikam till the 15th", "snooze 1005 | till the 15th | -")]
    [InlineData("snooze Hooli until Dec 20 because the buyer is away", "snooze 1012 | until dec 20 | the buyer is away")]
    // A seventh batch: a person is no deal ("I'm lost"), a reminder asked for is the deal's next step (fix/lists48), a deal's
    // team met onsite, a ping.
    [InlineData("I'm lost", "unknown")]
    [InlineData("remind me to call Wonka tomorrow", "nextstep 1019 | call tomorrow")]
    [InlineData("met the Soylent team onsite today", "activity 1013 | meeting today -")]
    [InlineData("pinged Globex", "activity 1003 | other now -")]
    // An eighth batch: a deal's possessive, a meeting to come (never logged), stalled "in my pipeline", a snooze said as
    // pushing a deal to a time (a stage still moves it), a note "that …", a loss's reason after a comma.
    [InlineData("what's Hooli's next step", "next 1012")]
    [InlineData("Globex's checklist", "next 1003")]
    [InlineData("when's the next meeting with Globex", "next 1003")]
    [InlineData("any news on Wonka", "next 1019")]
    [InlineData("how much is the Globex deal worth", "next 1003")]
    [InlineData("we need to chase Globex", "next 1003")]
    [InlineData("push Hooli forward", "next 1012")]
    [InlineData("what is stalled in my pipeline", "stalled -")]
    [InlineData("anything stalled in my pipeline?", "stalled -")]
    [InlineData("push Hooli to next week", "snooze 1012 | next week | -")]
    [InlineData("push Hooli to Monday", "snooze 1012 | monday | -")]
    [InlineData("push Hooli back two weeks", "snooze 1012 | two weeks | -")]
    [InlineData("postpone Initech to Friday", "snooze 1002 | friday | -")]
    [InlineData("push Hooli to the proposal stage", "move 1012 | proposal | -")]
    [InlineData("remember for Initech that the CFO is on leave", "note 1002 | the cfo is on leave")]
    [InlineData("drop Wonka, they have no budget", "lost 1019 | they have no budget")]
    [InlineData("we lost Acme Corp, they went with a competitor", "lost 1001 | they went with a competitor")]
    // A ninth batch: a negation said with the verb, who is behind, a manager's questions about speed and size.
    [InlineData("Hooli isn't a fit", "branch 1012 | not a fit")]
    [InlineData("Hooli wasn't a good fit", "branch 1012 | not a good fit")]
    [InlineData("who's behind on their deals", "stalled -")]
    [InlineData("how long does it take us to close a deal", "pipeline - -")]
    [InlineData("how long does it take EMEA to close a deal", "pipeline emea -")]
    [InlineData("what's our average deal size", "pipeline - -")]
    // A tenth batch: a possessive before "next step" (the chat's deal before), a day said after the deal's name, the
    // buyer calling, when we last talked, what we promised.
    [InlineData("set Hooli's next step to demo on Friday", "nextstep 1012 | demo on friday")]
    [InlineData("next step for Initech on Monday: send the deck", "nextstep 1002 | send the deck on monday")]
    [InlineData("add a follow-up for Hooli on Monday: send the deck", "nextstep 1012 | send the deck on monday")]
    [InlineData("set a follow-up for Soylent next Tuesday: send pricing", "nextstep 1013 | send pricing next tuesday")]
    [InlineData("Hooli called me", "activity 1012 | call now -")]
    [InlineData("Globex emailed me yesterday", "activity 1003 | email yesterday -")]
    [InlineData("when did we last talk to Initech", "history 1002")]
    [InlineData("what did we promise Hooli", "next 1012")]
    // An eleventh batch, a manager's: a team's possessive, where deals get stuck, the deals lost, a link undone. A possessive
    // may name a rep too ("Riley's pipeline", fix/english46): the owner's deals, else the team's pipeline (MyDealsUseCase).
    [InlineData("show me EMEA's pipeline", "owner emea")]
    [InlineData("where are deals getting stuck", "stalled -")]
    [InlineData("how many deals did we lose last month", "closed lost - last-month")]
    [InlineData("how many deals did we win this quarter", "closed won - this-quarter")]
    [InlineData("this chat is no longer about Wonka", "unlink")]
    // Near misses: a day alone, "stop" before a change, a stall count, a funnel.
    [InlineData("met with Hooli yesterday", "activity 1012 | meeting yesterday -")]
    [InlineData("stop marking Hooli lost", "unknown")]
    [InlineData("how many deals are stalled", "stalled -")]
    [InlineData("what do we need to reach 2M", "funnel 2m")]
    public void Parse_EverydayWording_ReadAsMeant(string text, string expected)
    {
        Assert.Equal(expected, UnderstandingTestData.Read(text));
    }
}
