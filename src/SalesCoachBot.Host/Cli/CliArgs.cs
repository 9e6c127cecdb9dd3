namespace SalesCoachBot.Host.Cli;

/// <summary>Small helper for the verbs' flags: positional arguments plus <c>--name value</c> options.</summary>
internal sealed class CliArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    private CliArgs(List<string> positional) => Positional = positional;

    public IReadOnlyList<string> Positional { get; }

    /// <summary>Parses args; <paramref name="flags"/> are options that take no value.</summary>
    public static CliArgs Parse(IReadOnlyList<string> args, params string[] flags)
    {
        var positional = new List<string>();
        var parsed = new CliArgs(positional);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    parsed._options[arg[..eq]] = arg[(eq + 1)..];
                }
                else if (flags.Contains(arg) || i + 1 >= args.Count)
                {
                    parsed._options[arg] = null;
                }
                else
                {
                    parsed._options[arg] = args[++i];
                }
            }
            else if (arg is "-o" && i + 1 < args.Count)
            {
                parsed._options["-o"] = args[++i];
            }
            else
            {
                positional.Add(arg);
            }
        }

        return parsed;
    }

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Get(string name) => _options.GetValueOrDefault(name);

    public IEnumerable<string> OptionNames => _options.Keys;
}
