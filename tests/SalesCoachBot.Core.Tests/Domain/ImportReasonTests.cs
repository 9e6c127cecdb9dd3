using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Tests.Domain;

/// <summary>Issue import50: an import's close or reopen stored language-neutral, read in the reader's language and by "what moved".</summary>
public sealed class ImportReasonTests
{
    private static readonly Phrases English = ReplyTexts.Shared.In(ReplyLanguage.English);
    private static readonly Phrases Arabic = ReplyTexts.Shared.In(ReplyLanguage.Arabic);
    private static readonly ProcessMap Map = ProcessMapLoader.Parse(ProcessMapLoader.DefaultYaml).Map!;

    /// <summary>The text without the Unicode isolates Arabic replies put around Latin words.</summary>
    private static string Plain(string text) => new([.. text.Where(c => c is < '\u2066' or > '\u2069')]);

    public static TheoryData<string, string, string> Stored => new()
    {
        { new ImportReason(DealStatus.Lost, DealStatus.Open, "price").Stored, "imported, lost (price)", "مستوردة، خاسرة (السعر)" },
        { new ImportReason(DealStatus.Won, DealStatus.Open).Stored, "imported, won", "مستوردة، رابحة" },
        { new ImportReason(DealStatus.Nurture, DealStatus.Open).Stored, "imported, in nurture", "مستوردة، قيد الرعاية" },
        { new ImportReason(DealStatus.Lost, DealStatus.Won, "price").Stored, "imported, lost (price); was won", "مستوردة، خاسرة (السعر)؛ كانت رابحة" },
        { new ImportReason(DealStatus.Open, DealStatus.Lost, "no budget: cut").Stored, "Reopened by import; was lost (no budget: cut)", "أُعيد فتحها بالاستيراد؛ كانت خاسرة (no budget: cut)" },
        { new ImportReason(DealStatus.Open, DealStatus.Nurture).Stored, "Reopened by import; was in nurture", "أُعيد فتحها بالاستيراد؛ كانت قيد الرعاية" },
        // Rows imports stored in English before: read as the same outcome, worded in the reader's language.
        { "import; lost (price)", "imported, lost (price)", "مستوردة، خاسرة (السعر)" },
        { "import; lost", "imported, lost", "مستوردة، خاسرة" },
        { "import; won", "imported, won", "مستوردة، رابحة" },
        { "import; was won", "imported, lost; was won", "مستوردة، خاسرة؛ كانت رابحة" },
    };

    [Theory]
    [MemberData(nameof(Stored))]
    public void Describe_WhatAnImportStores_ReadsInEachLanguage(string stored, string english, string arabic)
    {
        Assert.Equal(english, ImportReason.Describe(stored, English, Map));
        Assert.Equal(arabic, Plain(ImportReason.Describe(stored, Arabic, Map)));
    }

    [Fact]
    public void Stored_IsLanguageNeutralAndRoundTrips_ReasonMayHoldAColon()
    {
        var reason = new ImportReason(DealStatus.Lost, DealStatus.Open, "price: too high");

        Assert.Equal("import:lost:open:price: too high", reason.Stored);
        Assert.Equal(reason, ImportReason.Parse(reason.Stored));
        Assert.Equal(new ImportReason(DealStatus.Won, DealStatus.Open), ImportReason.Parse("import:won:open"));
    }

    [Theory]
    [InlineData("import")]
    [InlineData("imports were late")]
    [InlineData("import:maybe:open")]
    [InlineData("import:1:open")]
    [InlineData("Reopened; was lost (price)")]
    [InlineData("Buyer said no: price")]
    public void Parse_AnyOtherReason_IsNoImportOutcomeAndShowsAsStored(string text)
    {
        Assert.Null(ImportReason.Parse(text));
        Assert.Equal(text, ImportReason.Describe(text, English, Map));
    }

    [Fact]
    public void Stored_ALostReasonTooLongForTheColumn_IsCutToIt()
    {
        var stored = new ImportReason(DealStatus.Lost, DealStatus.Open, new string('x', 500)).Stored;

        Assert.Equal(ImportReason.MaxStoredLength, stored.Length);
        Assert.Equal(DealStatus.Lost, ImportReason.Parse(stored)!.Outcome);
    }

    [Fact]
    public void OutcomeOf_OnlyAnImportsCloseOrReopenRow_NotAReasonTypedInChat()
    {
        var stored = new ImportReason(DealStatus.Lost, DealStatus.Open, "price").Stored;

        Assert.Equal(DealStatus.Lost, ImportReason.OutcomeOf(StageChangeKind.Closed, null, stored));
        Assert.Equal(DealStatus.Won, ImportReason.OutcomeOf(StageChangeKind.Closed, null, "import; won"));
        Assert.Null(ImportReason.OutcomeOf(StageChangeKind.Closed, 7, stored));
        Assert.Null(ImportReason.OutcomeOf(StageChangeKind.Imported, null, ImportReason.StageChange));
        Assert.Null(ImportReason.OutcomeOf(StageChangeKind.Closed, null, "Buyer said no: price"));
    }

    [Fact]
    public void Classify_AnImportsLossOfADealWonSince_CountsTheLossNotTheWin()
    {
        StageChangeLine Line(DealStatus now, DealStatus? outcome) =>
            new(new DealId(1), "1", "Hooli", "rita", 1, "EMEA", null, "demo", "demo", StageChangeKind.Closed, DateTimeOffset.UnixEpoch, now, outcome);

        // Closed lost by import last month, reopened and won since: the row is still the loss.
        Assert.Equal(MoveKind.Lost, StageMovesUseCase.Classify(Line(DealStatus.Won, DealStatus.Lost), Map));
        Assert.Equal(MoveKind.Nurture, StageMovesUseCase.Classify(Line(DealStatus.Lost, DealStatus.Nurture), Map));
        Assert.Equal(MoveKind.Won, StageMovesUseCase.Classify(Line(DealStatus.Open, DealStatus.Won), Map));
        // A chat close records no outcome in its row: the deal's status tells nurture from lost, as before.
        Assert.Equal(MoveKind.Nurture, StageMovesUseCase.Classify(Line(DealStatus.Nurture, null), Map));
    }

    [Fact]
    public void HistoryLine_AnImportedLoss_InTheReadersLanguage()
    {
        var entry = new TimelineEntry(TimelineEntryKind.StageChange, DateTimeOffset.UnixEpoch, null)
        {
            StageChange = StageChangeKind.Closed,
            Stage = new StageId("demo"),
            Text = new ImportReason(DealStatus.Lost, DealStatus.Open, "price").Stored,
        };

        Assert.Contains("imported, lost (price)", HistoryUseCase.Line(entry, Map, TimeZoneInfo.Utc, English), StringComparison.Ordinal);
        var arabic = Plain(HistoryUseCase.Line(entry, Map, TimeZoneInfo.Utc, Arabic));
        Assert.Contains("مستوردة، خاسرة (السعر)", arabic, StringComparison.Ordinal);
        Assert.DoesNotContain("import", arabic, StringComparison.Ordinal);
    }
}
