namespace SalesCoachBot.Core.ProcessMaps;

/// <summary>The map in force. Reloads replace it atomically; readers take a snapshot per request.</summary>
public interface IProcessMapSource
{
    ProcessMap Current { get; }
}

/// <summary>A fixed map, for tests and command-line verbs.</summary>
public sealed class FixedProcessMapSource(ProcessMap map) : IProcessMapSource
{
    public ProcessMap Current { get; } = map;
}
