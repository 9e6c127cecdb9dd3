using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SalesCoachBot.Core;

/// <summary>
/// Relative paths in configuration are taken under the host's content root (<c>--contentRoot</c>, else the folder the
/// process started in), as a relative SQLite file is. A verb run with <c>--contentRoot</c> from another folder, or a
/// service whose working folder is not its content root, then reads the same maps and keys as the host.
/// </summary>
public static class ContentRootPaths
{
    /// <summary>An empty or absolute path as it is; a relative one as its full path under <paramref name="contentRoot"/>.</summary>
    [return: NotNullIfNotNull(nameof(path))]
    public static string? Resolve(string? path, string contentRoot) =>
        string.IsNullOrWhiteSpace(path) ? path : Path.GetFullPath(path, Path.GetFullPath(contentRoot));

    /// <summary>
    /// Resolves the options' paths after binding, with the content root of the host's environment. A container with
    /// no environment (a library or a unit test composing services by hand) leaves them as configured.
    /// </summary>
    public static OptionsBuilder<TOptions> ResolvePathsUnderContentRoot<TOptions>(this OptionsBuilder<TOptions> builder, Action<TOptions, string> resolve)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(resolve);
        return builder.PostConfigure<IServiceProvider>((options, services) =>
        {
            if (services.GetService<IHostEnvironment>() is { } environment)
            {
                resolve(options, environment.ContentRootPath);
            }
        });
    }
}
