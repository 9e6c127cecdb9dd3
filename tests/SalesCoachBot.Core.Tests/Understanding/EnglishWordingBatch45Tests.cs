using Xunit;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// fix/english45: short, sloppy chat English reps and managers type (typos, tmrw / thx / u, missing apostrophes, Slack
/// "@coach", a deal before or after the verb), each read exactly as shown. Changes never guessed: asked back, or help.
/// </summary>
public sealed class EnglishWordingBatch45Tests
{
    [Theory]
    // "how is NAME doing": a rep's deals when the name is no deal's (MyDealsUseCase asks the owners first at run time);
    // a deal's name is its card, a team's its pipeline (WhatsNextUseCase).
    [InlineData("how is Dana doing", "owner dana")]
    [InlineData("how's Riley getting on", "owner riley")]
    [InlineData("hows Dana getting on", "owner dana")]
    [InlineData("how is Riley doing this week", "owner riley")]
    [InlineData("what's Dana up to", "owner dana")]
    [InlineData("how is Initech doing", "next 1002")]
    [InlineData("how's the Hooli deal doing", "next 1012")]
    [InlineData("yo how's initech doing", "next 1002")]
    [InlineData("how's it doing", "next this")]
    [InlineData("hows pied piper going", "next 1016")]
    [InlineData("how is the team tracking", "pipeline - -")]
    // A stage said as news, with "now" or "went to"; "maybe" after "now" is a branch's hedge, never a stage.
    [InlineData("Hooli is now in proposal", "move 1012 | proposal | -")]
    [InlineData("hooli is in proposal now", "confirm? move 1012 | proposal | -")]
    [InlineData("Globex moved to demo", "move 1003 | demo | -")]
    [InlineData("Globex went to demo today", "move 1003 | demo | -")]
    [InlineData("we're in proposal with Fabrikam now", "move 1005 | proposal | -")]
    [InlineData("Globex is still interested", "unknown")]
    [InlineData("Initech is a bad fit", "branch 1002 | not a fit")]
    // A no or a loss said loosely keeps its reason, and is asked back when not exact.
    [InlineData("Hooli don't want to proceed", "no 1012")]
    [InlineData("Hooli doesnt want to proceed", "no 1012")]
    [InlineData("Wonka is dead, no budget", "confirm? lost 1019 | no budget")]
    [InlineData("Wonka is dead because no budget", "lost 1019 | no budget")]
    [InlineData("Stark went with someone cheaper", "no 1006 | cheaper")]
    [InlineData("Stark went with someone else", "no 1006")]
    // The buyer wanting to talk again changes nothing by itself (it was a move to a stage "talk"): help.
    [InlineData("Stark wants to talk again", "unknown")]
    [InlineData("Hooli wants to move to demo", "unknown")]
    // Thanks said to the bot by name, and text-speak thanks.
    [InlineData("thx coach", "thanks")]
    [InlineData("ty", "thanks")]
    [InlineData("ty coach", "thanks")]
    [InlineData("thx bot", "thanks")]
    [InlineData("thank u", "thanks")]
    [InlineData("tysm", "thanks")]
    [InlineData("coach", "help")]
    [InlineData("hi coach", "help")]
    // Deals gone cold or quiet, and the digest, are the stalled list; "could" is no typo of "cold".
    [InlineData("deals gone cold", "stalled -")]
    [InlineData("deals gone quiet", "stalled -")]
    [InlineData("which deals went quiet", "stalled -")]
    [InlineData("what's gone stale", "stalled -")]
    [InlineData("show me the digest", "stalled -")]
    [InlineData("today's digest", "stalled -")]
    [InlineData("what's in the digest", "stalled -")]
    [InlineData("what's in today's digest", "stalled -")]
    [InlineData("send me the digest", "stalled -")]
    [InlineData("digest pls", "stalled -")]
    [InlineData("send emea nudges here", "nudges emea")]
    [InlineData("could you move Globex to demo?", "move 1003 | demo | -")]
    // tmrw, tmr: tomorrow; "don't have" a next step is missing one.
    [InlineData("what's due tmrw", "due all 1")]
    [InlineData("what's due tmrw?", "due all 1")]
    [InlineData("what's on my plate tmrw", "due all 1")]
    [InlineData("which deals dont have a next step", "due missing 7")]
    [InlineData("snooze globex til tmrw", "snooze 1003 | til tmrw | -")]
    // A clause about the buyer after a comma or a dash is no part of the deal's name.
    [InlineData("reopen Hooli, they're back", "reopen 1012")]
    [InlineData("reopen Hooli - they're back", "reopen 1012")]
    [InlineData("reopen Hooli, they called", "reopen 1012")]
    // A new deal's team after its amount or its stage; after the name alone "for" may be the name's.
    [InlineData("new deal Nimbus 75k USD for EMEA", "newdeal nimbus | 75k usd | - | emea")]
    [InlineData("new deal Nimbus 75k for APAC", "newdeal nimbus | 75k | - | apac")]
    [InlineData("new opp Fourth Coffee 10k GBP at demo for EMEA", "newdeal fourth coffee | 10k gbp | demo | emea")]
    [InlineData("add deal Vega 25,000 EUR in discovery", "newdeal vega | 25,000 eur | discovery | -")]
    [InlineData("new deal Bank for Savings", "newdeal bank for savings | - | - | -")]
    // Smaller ones: "a wk" is a week, a done item then "for DEAL - done", "nvm", "rn".
    [InlineData("snooze hooli for a wk", "snooze 1012 | a wk | -")]
    [InlineData("champion named for stark - done", "done 1006 | champion named")]
    [InlineData("nvm", "cancel")]
    [InlineData("what am i on rn", "mydeals")]
    // Second round: text-speak 4 and 2 for "for" and "to" (never before a unit or "deals"), a move's reason after a comma,
    // vm, yday, thnx, "instead" after who they chose, "sup with", a checked item by accident.
    [InlineData("untick verbal yes 4 initech", "undo 1002 | verbal yes")]
    [InlineData("confirm requirements listed 4 soylent", "done 1013 | requirements listed")]
    [InlineData("move hooli 2 proposal", "move 1012 | proposal | -")]
    [InlineData("pipeline 4 emea", "pipeline emea -")]
    [InlineData("what do we need 2 hit 2m this q", "funnel 2m | this q | -")]
    [InlineData("snooze hooli 2 weeks", "snooze 1012 | 2 weeks | -")]
    [InlineData("what's next 4 hooli", "next 1012")]
    [InlineData("move initech to demo pls, call went great", "move 1002 | demo | call went great")]
    [InlineData("Initech went with hubspot instead", "no 1002 | hubspot")]
    [InlineData("Wonka dont want to go ahead", "no 1019")]
    [InlineData("left hooli a vm", "activity 1012 | call now -")]
    [InlineData("had a call w wonka yday", "activity 1019 | call yesterday -")]
    [InlineData("met hooli yday", "activity 1012 | meeting yesterday -")]
    [InlineData("reopen initech, they came back", "reopen 1002")]
    [InlineData("thnx", "thanks")]
    [InlineData("sup with hooli", "next 1012")]
    [InlineData("any movement on stark", "next 1006")]
    [InlineData("i checked demo held by accident on hooli", "undo 1012 | demo held")]
    [InlineData("untick verbal yes for initech", "undo 1002 | verbal yes")]
    [InlineData("pause globex 1 week, buyer on vacation", "snooze 1003 | 1 week | buyer on vacation")]
    [InlineData("stark -> demo", "unknown")]
    // Third round: a stage's change in other verbs, "bc" cutting a branch's reason off the name, a deal linked "here",
    // where a message went; questions, hedges and negations stay no change.
    [InlineData("globex progressed to proposal", "move 1003 | proposal | -")]
    [InlineData("update hooli to proposal", "move 1012 | proposal | -")]
    [InlineData("change stage of hooli to demo", "move 1012 | demo | -")]
    [InlineData("set stage to proposal for hooli", "move 1012 | proposal | -")]
    [InlineData("stark is at proposal now", "next 1006")]
    [InlineData("Hooli is disqualified now", "branch 1012 | disqualified")]
    [InlineData("disqualify lamna bc no budget", "branch 1024 | disqualified")]
    [InlineData("link hooli here", "link 1012")]
    [InlineData("pinged initech on slack", "activity 1002 | other now slack")]
    [InlineData("done quote delivered for hooli", "done 1012 | quote delivered")]
    [InlineData("dont move hooli yet", "unknown")]
    [InlineData("hooli isnt lost", "unknown")]
    [InlineData("we might lose wonka", "unknown")]
    [InlineData("should i mark wonka lost?", "advice 1019")]
    [InlineData("can we snooze hooli 2 wks?", "confirm? snooze 1012 | 2 wks | -")]
    [InlineData("could u move stark to demo", "move 1006 | demo | -")]
    [InlineData("how is EMEA doing this month", "owner emea")]
    [InlineData("how is Dana Demo doing", "owner dana demo")]
    // Fourth round: "how are you doing" is a greeting, no rep called "you"; a question word opens no owner's name; the
    // digest and cold or quiet deals said other ways; a new deal's team after "in" or "for the … team".
    [InlineData("how are you doing", "help")]
    [InlineData("how are Dana's deals", "owner dana")]
    [InlineData("what is Sam up to", "owner sam")]
    [InlineData("how's dana doing this quarter", "owner dana")]
    [InlineData("how is the pipeline doing", "pipeline - -")]
    [InlineData("how's my team doing", "pipeline - -")]
    [InlineData("daily digest", "stalled -")]
    [InlineData("what was in this morning's digest", "stalled -")]
    [InlineData("send the digest here", "stalled -")]
    [InlineData("send the emea digest here", "nudges emea")]
    [InlineData("cold deals", "stalled -")]
    [InlineData("quiet deals", "stalled -")]
    [InlineData("new deal Nimbus 75k USD in EMEA", "newdeal nimbus | 75k usd | - | emea")]
    [InlineData("new deal Nimbus 75k USD at discovery for EMEA", "newdeal nimbus | 75k usd | discovery | emea")]
    [InlineData("create deal Orion 5,000 EUR for APAC", "newdeal orion | 5,000 eur | - | apac")]
    [InlineData("Wonka is dead, they have no budget", "confirm? lost 1019 | they have no budget")]
    [InlineData("Stark went with us", "unknown")]
    [InlineData("what's due 2moro", "due all 1")]
    [InlineData("thanks coach!", "thanks")]
    [InlineData("thank you bot", "thanks")]
    // The call asked about is no part of the deal's name (the twin of «متى آخر مرة اتصلنا بـ Hooli»).
    [InlineData("when did we last call Hooli", "history 1012")]
    public void Parse_ChatEnglish_ReadAsMeant(string text, string expected)
    {
        Assert.Equal(expected, UnderstandingTestData.Read(text));
    }
}
