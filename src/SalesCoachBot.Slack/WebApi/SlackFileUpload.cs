using SalesCoachBot.Slack.BlockKit;

namespace SalesCoachBot.Slack.WebApi;

/// <summary>
/// A file to share in a channel through Slack's external upload (no public URL needed): a chart PNG, for example.
/// Slack shows <see cref="Blocks"/> with the file when given, else <see cref="InitialComment"/> (it ignores blocks
/// when both are sent, so only one is).
/// </summary>
internal sealed record SlackFileUpload(string Channel, string FileName, ReadOnlyMemory<byte> Content)
{
    public string? Title { get; init; }

    /// <summary>Read by screen readers (Slack's <c>alt_txt</c>, at most 1,000 characters).</summary>
    public string? AltText { get; init; }

    public string? InitialComment { get; init; }

    public IReadOnlyList<Block>? Blocks { get; init; }

    public string? ThreadTs { get; init; }
}

/// <summary><c>files.getUploadURLExternal</c>: where to POST the bytes, and the id the file will have.</summary>
internal sealed record FilesUploadUrlResponse : SlackApiResponse
{
    public string? UploadUrl { get; init; }

    public string? FileId { get; init; }
}

/// <summary>One entry of <c>files.completeUploadExternal</c>'s <c>files</c> argument and answer.</summary>
internal sealed record SlackFileReference(string Id, string? Title);

internal sealed record FilesCompleteUploadResponse : SlackApiResponse
{
    public IReadOnlyList<SlackFileReference> Files { get; init; } = [];
}
