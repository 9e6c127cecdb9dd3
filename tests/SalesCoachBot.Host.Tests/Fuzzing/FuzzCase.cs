using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using SalesCoachBot.Host.Tests.Hosting;

namespace SalesCoachBot.Host.Tests.Fuzzing;

/// <summary>The endpoints the fuzzer drives; each has its own corpus folder.</summary>
internal enum FuzzTarget
{
    Teams,
    SlackCommands,
    SlackInteractions,
    SlackEvents,
    SlackSocket,
}

/// <summary>
/// One input: the exact bytes sent (a request body, or a Socket Mode frame), with its content type, where it came
/// from (corpus file, or seed and case number) and the mutations that made it. Authentication is added when it is
/// sent, so a saved case replays with a fresh, valid signature.
/// </summary>
internal sealed record FuzzCase(FuzzTarget Target, byte[] Body, string? ContentType, string Origin, string Description)
{
    /// <summary>Socket Mode: send as a binary frame rather than text.</summary>
    public const string BinaryFrame = "binary";

    public string Hash => Convert.ToHexStringLower(SHA256.HashData(Body))[..16];

    public override string ToString() => $"{Target} {Origin} ({Description}; {Body.Length} bytes)";
}

/// <summary>
/// Inputs that once failed, kept as files under <c>Fuzzing/FuzzCorpus/&lt;target&gt;/</c> and replayed before every
/// run. A new failure is written there (in the source tree when the tests run from a checkout) to be committed.
/// </summary>
internal static class FuzzCorpus
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private sealed record CorpusFile(string Target, string? ContentType, string Description, string Body);

    /// <summary>The corpus folder: the source tree's when found (so new cases land there), else the copy beside the tests.</summary>
    public static string Root { get; } = FindRoot();

    public static string Folder(FuzzTarget target) => Path.Combine(Root, Name(target));

    public static IReadOnlyList<FuzzCase> Load(FuzzTarget target)
    {
        var folder = Folder(target);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(path =>
        {
            var file = JsonSerializer.Deserialize<CorpusFile>(File.ReadAllText(path), Json)!;
            return new FuzzCase(target, Unpack(file.Body), file.ContentType, "corpus " + Path.GetFileName(path), file.Description);
        })];
    }

    /// <summary>Writes the case unless the corpus has it already; returns its path.</summary>
    public static string Save(FuzzCase failing, string why)
    {
        var folder = Folder(failing.Target);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{Name(failing.Target)}-{failing.Hash}.json");
        if (!File.Exists(path))
        {
            var file = new CorpusFile(Name(failing.Target), failing.ContentType, $"{why}; {failing.Description}", Pack(failing.Body));
            File.WriteAllText(path, JsonSerializer.Serialize(file, Json) + "\n");
        }

        return path;
    }

    public static string Name(FuzzTarget target) => target switch
    {
        FuzzTarget.Teams => "teams",
        FuzzTarget.SlackCommands => "slack-commands",
        FuzzTarget.SlackInteractions => "slack-interactions",
        FuzzTarget.SlackEvents => "slack-events",
        _ => "slack-socket",
    };

    // Bodies are gzipped: a 240 KB run of "<at>" is a few hundred bytes on disk.
    private static string Pack(byte[] body)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize))
        {
            gzip.Write(body);
        }

        return Convert.ToBase64String(buffer.ToArray());
    }

    private static byte[] Unpack(string packed)
    {
        using var gzip = new GZipStream(new MemoryStream(Convert.FromBase64String(packed)), CompressionMode.Decompress);
        using var body = new MemoryStream();
        gzip.CopyTo(body);
        return body.ToArray();
    }

    private static string FindRoot() => HostProcess.RepoRoot() is { } root
        ? Path.Combine(root, "tests", "SalesCoachBot.Host.Tests", "Fuzzing", "FuzzCorpus")
        : Path.Combine(AppContext.BaseDirectory, "Fuzzing", "FuzzCorpus");
}
