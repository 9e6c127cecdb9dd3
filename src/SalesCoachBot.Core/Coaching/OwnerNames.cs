using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching;

/// <summary>How a typed name finds the owners of deals: "Dana's deals", "what's stalled for Dana", "Riley's wins".</summary>
internal static class OwnerNames
{
    /// <summary>"Dana Demo" is called "dana demo" and "Dana"; case and accents aside.</summary>
    public static bool IsCalled(string ownerName, string typed)
    {
        var owner = TextFolding.Words(ownerName);
        var said = TextFolding.Words(typed);
        return said.Count > 0 && (owner.SequenceEqual(said, StringComparer.Ordinal) || (said.Count == 1 && owner.Count > 0 && owner[0] == said[0]));
    }

    /// <summary>
    /// The owner as the data names them when every name in <paramref name="owners"/> is the same person's ("Dana Demo" for
    /// "dana"); else the name as typed.
    /// </summary>
    public static string Named(IEnumerable<string> owners, string typed) =>
        owners.Distinct(StringComparer.Ordinal).ToList() is [var one] ? one : typed;
}
