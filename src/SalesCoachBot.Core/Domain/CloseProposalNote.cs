using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Domain;

/// <summary>
/// A teammate's proposal to close a deal as lost, as its note stores it: language-neutral (<c>proposal:lost:price</c> = the
/// map's lost reason <c>price</c>; <c>proposal:lost:</c> = no reason given; any other text after the prefix = the reason as
/// typed), so the note is worded in the reader's language where it is shown, as <see cref="ImportReason"/> does for an
/// import's rows. Notes stored before it in the proposer's words ("Dana proposed closing it as lost: price") show as stored.
/// </summary>
public sealed record CloseProposalNote(string? Reason)
{
    private const string Prefix = "proposal:lost:";

    /// <summary>The note's stored text.</summary>
    public string Stored => Prefix + (Reason ?? string.Empty);

    /// <summary>The proposal a note's text stores; null for any other note (a note typed in chat, an old proposal's words).</summary>
    public static CloseProposalNote? Parse(string? text) =>
        text is not null && text.StartsWith(Prefix, StringComparison.Ordinal)
            ? new CloseProposalNote(text.Length > Prefix.Length ? text[Prefix.Length..] : null)
            : null;

    /// <summary>
    /// A note's text as a reader in <paramref name="say"/>'s language reads it: a proposal worded for them, naming its
    /// <paramref name="author"/> (or nobody, once the person is gone), the reason in the map's words; any other note as stored.
    /// </summary>
    public static string Describe(string text, string? author, Phrases say, ProcessMap? map)
    {
        ArgumentNullException.ThrowIfNull(say);
        if (Parse(text) is not { } proposal)
        {
            return text;
        }

        var reason = proposal.Reason is { } r ? MapWording.LostReason(r, say, map) : say.Coaching("Close.NoReasonGiven");
        return author is { Length: > 0 } who
            ? say.Coaching("Close.ProposedNote", who, reason)
            : say.Coaching("Close.ProposedNote.NoAuthor", reason);
    }
}
