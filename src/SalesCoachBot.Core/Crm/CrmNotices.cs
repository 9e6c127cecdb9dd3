using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Crm;

/// <summary>
/// What people are told about the CRM connection (the one place for these strings): a change the CRM refused, to the
/// person who made it, and a paused sync, to admins. Both arrive as direct messages through the nudge outbox.
/// </summary>
public static class CrmNotices
{
    /// <summary>"Salesforce refused moving Zenith (#006…) to Proposal: FIELD_CUSTOM_VALIDATION_EXCEPTION: …".</summary>
    public static BotAnswer Refused(string crm, CrmRefusal refusal, string crmMessage, ProcessMap map)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        ArgumentNullException.ThrowIfNull(map);
        string Stage(Domain.StageId? id) => id is { } s ? map.FindStage(s)?.Name ?? s.Value : "?";
        var what = refusal.Kind switch
        {
            CrmPushKind.Stage => $"moving {refusal.DealName} (#{refusal.ExternalId}) to {Stage(refusal.Target)}",
            CrmPushKind.Note => $"the note on {refusal.DealName} (#{refusal.ExternalId})",
            _ => $"the next step of {refusal.DealName} (#{refusal.ExternalId})",
        };
        var kept = refusal.KeptStage is { } back ? $" The deal stays at {Stage(back)} here too; fix it in {crm} or here, then try again." : string.Empty;
        var text = $"{crm} refused {what}: {crmMessage}.{kept}";
        return new BotAnswer(text, new Card
        {
            Kind = CardKind.Info,
            Title = $"{crm} refused a change: {refusal.DealName}",
            Body = [text],
            Actions = [new CardAction("Open deal", new ShowChecklistPayload(refusal.DealId), CardActionStyle.Primary)],
        });
    }

    /// <summary>To admins when the CRM refuses the credential: the sync is paused, nothing is lost.</summary>
    public static BotAnswer Paused(string crm, string reason)
    {
        var text = $"The {crm} sync is paused: {reason}. Nothing is lost: changes made here wait in the outbox, and the sync "
            + $"resumes from where it stopped once the credential works again (renew it, then run \"crm sync\" or wait for the next poll).";
        return new BotAnswer(text, new Card { Kind = CardKind.Info, Title = $"{crm} sync paused", Body = [text] });
    }
}
