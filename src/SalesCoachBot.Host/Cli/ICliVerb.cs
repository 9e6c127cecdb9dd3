namespace SalesCoachBot.Host.Cli;

/// <summary>
/// What runs one command line of a verb (<c>ask</c>, <c>map</c>, <c>import</c>, <c>nudge</c>). Built by the container
/// in the run's scope, with its dependencies in the constructor; <see cref="CliVerbs"/> lists every verb and which
/// handler runs it. stdout gets results, stderr logs and progress.
/// </summary>
internal interface ICliVerb
{
    /// <summary>Exit codes: 0 done, 1 errors or rejected input, 2 usage error.</summary>
    Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken);
}

/// <summary>Where a verb writes: results to <see cref="Out"/>, logs and progress to <see cref="Error"/>.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error);

internal static class ExitCodes
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int Usage = 2;
}
