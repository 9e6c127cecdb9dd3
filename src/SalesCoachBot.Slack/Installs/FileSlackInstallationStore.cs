using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Caching;

namespace SalesCoachBot.Slack.Installs;

/// <summary>
/// One file per installation under <see cref="SlackOptions.InstallationsPath"/>, its JSON encrypted with ASP.NET Core
/// Data Protection (keys under <see cref="SlackOptions.DataProtectionKeysPath"/>). Reads go through the shared cache
/// (<see cref="CacheRegion.SlackInstallations"/>, in this process only); writes replace the file atomically and then
/// invalidate its key. A file that no longer decrypts (lost keys) counts as no installation.
/// </summary>
internal sealed class FileSlackInstallationStore : ISlackInstallationStore
{
    private readonly InstallationCipher cipher;
    private readonly string folder;
    private readonly SharedCache cache;
    private readonly ICacheInvalidation invalidation;
    private readonly SemaphoreSlim writeGate = new(1, 1);

    public FileSlackInstallationStore(IDataProtectionProvider protection, IOptions<SlackOptions> options, SharedCache cache, ICacheInvalidation invalidation)
    {
        this.cache = cache;
        this.invalidation = invalidation;
        cipher = new InstallationCipher(protection);
        folder = Path.GetFullPath(options.Value.InstallationsPath);
        Directory.CreateDirectory(folder);
    }

    public async Task<SlackInstallation?> FindAsync(string key, CancellationToken cancellationToken)
    {
        // "No installation" is kept too (the cache keeps no null): events from a workspace without one read no file.
        var found = await cache.GetOrReadAsync(
            CacheKey.SlackInstallation(key), (Store: this, Key: key), static (s, ct) => s.Store.ReadAsync(s.Key, ct), cancellationToken).ConfigureAwait(false);
        return found.Installation;
    }

    private async ValueTask<Found> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var file = FileFor(key);
        var found = File.Exists(file)
            ? cipher.Unprotect(await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false))
            : null;

        return new Found(found);
    }

    public async Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken)
    {
        var key = installation.Key;
        var protectedBytes = cipher.Protect(installation);
        await writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var file = FileFor(key);
            var temp = file + ".tmp";
            await File.WriteAllBytesAsync(temp, protectedBytes, cancellationToken).ConfigureAwait(false);
            File.Move(temp, file, overwrite: true);
        }
        finally
        {
            writeGate.Release();
            await invalidation.InvalidateAsync(CacheKey.SlackInstallation(key), CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<SlackInstallation>> ListAsync(CancellationToken cancellationToken)
    {
        var found = new List<SlackInstallation>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.bin"))
        {
            // Only names a key can have: hashed names cannot be turned back into a key, and those are never Slack ids.
            var key = Path.GetFileNameWithoutExtension(file);
            if (!key.StartsWith("H-", StringComparison.Ordinal) && await FindAsync(key, cancellationToken).ConfigureAwait(false) is { } installation)
            {
                found.Add(installation);
            }
        }

        return found;
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var file = FileFor(key);
            var existed = File.Exists(file);
            File.Delete(file);
            return existed;
        }
        finally
        {
            writeGate.Release();
            await invalidation.InvalidateAsync(CacheKey.SlackInstallation(key), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Slack ids are short upper-case alphanumerics; anything else is hashed so it can never leave the folder.</summary>
    private string FileFor(string key)
    {
        var safe = key.Length <= 64 && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? key
            : "H-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return Path.Combine(folder, safe + ".bin");
    }

    /// <summary>What a read found: an installation, or none.</summary>
    private sealed record Found(SlackInstallation? Installation);
}
