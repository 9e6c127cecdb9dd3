namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>
/// The Unicode isolates Arabic replies wrap Latin names, ids and numbers in, spelled out here rather than taken from
/// the production <c>Bidi</c> helper so a test's expected text cannot follow a wrong change to it.
/// </summary>
internal static class Isolates
{
    public const char Fsi = '\u2068';
    public const char Pdi = '\u2069';

    /// <summary>"Initech" as an Arabic reply shows it: «⁨Initech⁩».</summary>
    public static string Iso(string text) => $"{Fsi}{text}{Pdi}";
}
