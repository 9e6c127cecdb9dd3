using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Crm;

/// <summary>
/// What people are told about the CRM connection (the one place for these strings): a change the CRM refused, to the
/// person who made it, and a paused sync, to admins. Both arrive as direct messages through the nudge outbox, in the
/// language <c>say</c> carries (the person's own for a refusal, the default for admins).
/// </summary>
public static class CrmNotices
{
    /// <summary>"Salesforce refused moving Zenith (#006…) to Proposal: FIELD_CUSTOM_VALIDATION_EXCEPTION: …".</summary>
    public static BotAnswer Refused(string crm, CrmRefusal refusal, string crmMessage, ProcessMap map, Phrases? say = null)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        ArgumentNullException.ThrowIfNull(map);
        say ??= Phrases.English;
        var language = say.Language;
        string Stage(Domain.StageId? id) => id is { } s ? map.FindStage(s) is { } stage ? MapWording.Name(stage, language) : s.Value : "?";
        var deal = "#" + refusal.ExternalId;
        var what = refusal.Kind switch
        {
            CrmPushKind.Stage => say.Coaching("Crm.Refused.Stage", refusal.DealName, deal, Stage(refusal.Target)),
            CrmPushKind.Note => say.Coaching("Crm.Refused.Note", refusal.DealName, deal),
            _ => say.Coaching("Crm.Refused.NextStep", refusal.DealName, deal),
        };
        var text = refusal.KeptStage is { } back
            ? say.Coaching("Crm.Refused.Kept", crm, what, crmMessage, Stage(back))
            : say.Coaching("Crm.Refused", crm, what, crmMessage);
        return Marked(new BotAnswer(text, new Card
        {
            Kind = CardKind.Info,
            Title = say.Coaching("Crm.Refused.Title", crm, refusal.DealName),
            Body = [text],
            Actions = [new CardAction(say.Coaching("Crm.OpenDeal"), new ShowChecklistPayload(refusal.DealId), CardActionStyle.Primary)],
        }), language);
    }

    /// <summary>To admins when the CRM refuses the credential: the sync is paused, nothing is lost.</summary>
    public static BotAnswer Paused(string crm, string reason, Phrases? say = null)
    {
        say ??= Phrases.English;
        var text = say.Coaching("Crm.Paused", crm, reason);
        return Marked(new BotAnswer(text, new Card { Kind = CardKind.Info, Title = say.Coaching("Crm.Paused.Title", crm), Body = [text] }), say.Language);
    }

    // The card says its language (as a turn's answers do), so renderers lay an Arabic one out right to left.
    private static BotAnswer Marked(BotAnswer answer, ReplyLanguage language) => Coaching.CoachBot.InLanguage(answer, language);
}
