using BenchmarkDotNet.Attributes;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.MicroBench;

/// <summary>
/// The per-turn work of understanding and replying that is not I/O: the recogniser (ADR 0015) on the channel
/// benches' sentence and two others, (the reply texts: <see cref="ReplyTextBenchmarks"/>).
/// </summary>
[MemoryDiagnoser]
public class UnderstandingBenchmarks
{
    private readonly CommandParser _parser = new();
    [Params("what's next for Globex renewal", "note for Initech: legal wants the MSA redlined by Friday", "ما التالي لصفقة Initech")]
    public string Text { get; set; } = string.Empty;

    [Benchmark]
    public ChatCommand Parse() => _parser.Parse(Text);
}

/// <summary>One localised card text in each language, as every card asks for a dozen of them.</summary>
[MemoryDiagnoser]
public class ReplyTextBenchmarks
{
    private readonly Phrases _english = ReplyTexts.Shared.In(ReplyLanguage.English);
    private readonly Phrases _arabic = ReplyTexts.Shared.In(ReplyLanguage.Arabic);

    [Benchmark]
    public string English() => _english.Cards("Confirm");

    [Benchmark]
    public string Arabic() => _arabic.Cards("Confirm");
}
