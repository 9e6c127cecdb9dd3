using SalesCoachBot.Core.Crm;
using SalesCoachBot.Core.Localization;

namespace SalesCoachBot.Core.Tests.Crm;

/// <summary>Reasons a CRM sync stores in English, read back in the reader's language.</summary>
public sealed class CrmReasonsTests
{
    private static readonly Phrases English = ReplyTexts.Shared.In(ReplyLanguage.English);
    private static readonly Phrases Arabic = ReplyTexts.Shared.In(ReplyLanguage.Arabic);

    /// <summary>The text without the Unicode isolates Arabic replies put around Latin words.</summary>
    private static string Plain(string text) => new([.. text.Where(c => c is < '\u2066' or > '\u2069')]);

    public static TheoryData<string, string, string> Stored => new()
    {
        { CrmReasons.Imported("HubSpot"), "from HubSpot", "من HubSpot" },
        { CrmReasons.Moved("Salesforce"), "moved in Salesforce", "نُقلت في Salesforce" },
        { CrmReasons.Lost("HubSpot"), "lost in HubSpot", "سُجّلت خاسرة في HubSpot" },
        { CrmReasons.LostBecause("HubSpot", "went with a competitor"), "lost in HubSpot: went with a competitor", "سُجّلت خاسرة في HubSpot: went with a competitor" },
        { CrmReasons.Deleted("HubSpot"), "deleted in HubSpot", "حُذفت في HubSpot" },
        { CrmReasons.SkippingItems(CrmReasons.Moved("HubSpot"), ["Budget confirmed", "Champion named"]),
            "moved in HubSpot; skipped unconfirmed required items: Budget confirmed, Champion named",
            "نُقلت في HubSpot؛ وتخطّت بنودًا مطلوبة لم يؤكدها أحد: Budget confirmed, Champion named" },
        { CrmReasons.NewOwnersTeam("Salesforce", "emea", "demo", "discovery"),
            "moved to its new owner's team in Salesforce: map 'emea' places stage 'demo' at 'discovery'",
            "نُقلت إلى فريق مالكها الجديد في Salesforce: خريطة «emea» تضع المرحلة «demo» في «discovery»" },
        { CrmReasons.Back("INVALID_STAGE"), "moved back, as the CRM refused the move: INVALID_STAGE", "أُعيدت لأن نظام CRM رفض النقل: INVALID_STAGE" },
    };

    [Theory]
    [MemberData(nameof(Stored))]
    public void Describe_WhatTheSyncStores_ReadsInEachLanguage(string stored, string english, string arabic)
    {
        Assert.Equal(english, CrmReasons.Describe(stored, English));
        Assert.Equal(arabic, Plain(CrmReasons.Describe(stored, Arabic)));
    }

    [Fact]
    public void Describe_LowerCasedAsThePipelineCountsIt_KeepsTheCrmsSpelling()
    {
        Assert.Equal("حُذفت في HubSpot", Plain(CrmReasons.Describe("deleted in hubspot", Arabic)));
    }

    [Theory]
    [InlineData("lost in pricing")]               // a person's own words, not a CRM's
    [InlineData("from a competitor")]
    [InlineData("price")]
    [InlineData("went with a competitor")]
    [InlineData("")]
    public void Describe_AnyOtherText_AsStored(string text)
    {
        Assert.Equal(text, CrmReasons.Describe(text, Arabic));
        Assert.Equal(text, CrmReasons.Describe(text, English));
    }
}
