using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Caching;

namespace SalesCoachBot.Slack.Installs;

/// <summary>
/// Installations in the host's database, encrypted as the files are, so a workspace installed through one host is
/// served by all of them (ADR 0016). Reads go through the shared cache; a save or delete invalidates the key on every
/// host (PostgreSQL NOTIFY when configured). Installation files from before are moved in once per process, never over
/// a row already there: a token rotated since wins over an old file.
/// </summary>
internal sealed class DatabaseSlackInstallationStore(
    IChannelInstallationRecords records,
    IDataProtectionProvider protection,
    IOptions<SlackOptions> options,
    SharedCache cache,
    ICacheInvalidation invalidation,
    ILogger<DatabaseSlackInstallationStore> logger) : ISlackInstallationStore
{
    private readonly InstallationCipher cipher = new(protection);
    private readonly SemaphoreSlim importGate = new(1, 1);
    private volatile bool imported;

    public async Task<SlackInstallation?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await ImportFilesOnceAsync(cancellationToken).ConfigureAwait(false);
        var found = await cache.GetOrReadAsync(
            CacheKey.SlackInstallation(key), (Store: this, Key: key), static (s, ct) => s.Store.ReadAsync(s.Key, ct), cancellationToken).ConfigureAwait(false);
        return found.Installation;
    }

    private async ValueTask<Found> ReadAsync(string key, CancellationToken cancellationToken) =>
        new(await records.FindAsync(key, cancellationToken).ConfigureAwait(false) is { } payload ? cipher.Unprotect(payload) : null);

    public async Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken)
    {
        await ImportFilesOnceAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await records.SaveAsync(installation.Key, cipher.Protect(installation), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await invalidation.InvalidateAsync(CacheKey.SlackInstallation(installation.Key), CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<SlackInstallation>> ListAsync(CancellationToken cancellationToken)
    {
        await ImportFilesOnceAsync(cancellationToken).ConfigureAwait(false);
        var found = new List<SlackInstallation>();
        foreach (var key in await records.ListKeysAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await FindAsync(key, cancellationToken).ConfigureAwait(false) is { } installation)
            {
                found.Add(installation);
            }
        }

        return found;
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await ImportFilesOnceAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await records.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await invalidation.InvalidateAsync(CacheKey.SlackInstallation(key), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Moves the files of <see cref="SlackOptions.InstallationsPath"/> (how installations were kept before) into the
    /// database, so switching loses no workspace; each moved file is renamed <c>*.imported</c> and kept as a backup.
    /// </summary>
    private async Task ImportFilesOnceAsync(CancellationToken cancellationToken)
    {
        if (imported)
        {
            return;
        }

        await importGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (imported)
            {
                return;
            }

            var folder = Path.GetFullPath(options.Value.InstallationsPath);
            var moved = 0;
            foreach (var file in Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.bin") : [])
            {
                var key = Path.GetFileNameWithoutExtension(file);
                var payload = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
                // Hashed names ("H-…") cannot be turned back into a key; Slack's never need one.
                if (key.StartsWith("H-", StringComparison.Ordinal) || cipher.Unprotect(payload) is not { } installation || installation.Key != key)
                {
                    SlackLog.InstallationFileUnreadable(logger, file);
                    continue;
                }

                await records.AddIfAbsentAsync(key, payload, cancellationToken).ConfigureAwait(false);
                await invalidation.InvalidateAsync(CacheKey.SlackInstallation(key), CancellationToken.None).ConfigureAwait(false);
                try
                {
                    File.Move(file, file + ".imported", overwrite: true);
                }
                catch (IOException)
                {
                    // Another host on the same volume moved it first: the row is there either way.
                }

                moved++;
            }

            if (moved > 0)
            {
                SlackLog.InstallationFilesImported(logger, moved, folder);
            }

            imported = true;
        }
        finally
        {
            importGate.Release();
        }
    }

    /// <summary>What a read found: an installation, or none (kept in the cache too).</summary>
    private sealed record Found(SlackInstallation? Installation);
}
