namespace SalesCoachBot.Host.Cli;

/// <summary>
/// One command-line verb (<c>ask</c>, <c>map</c>, <c>import</c>, <c>nudge</c>). Implementations in
/// this assembly are discovered by <see cref="CliRunner"/>; stdout gets results, stderr logs and progress.
/// </summary>
internal interface ICliVerb
{
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Usage { get; }

    /// <summary>False for verbs that work on files alone and need no database (e.g. <c>map lint</c>).</summary>
    bool NeedsDatabase(IReadOnlyList<string> args);

    /// <summary>Exit codes: 0 done, 1 errors or rejected input, 2 usage error.</summary>
    Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken);
}

internal sealed record CliContext(IServiceProvider Services, TextWriter Out, TextWriter Error);

internal static class ExitCodes
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int Usage = 2;
}
