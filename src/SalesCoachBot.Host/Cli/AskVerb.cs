using System.Text.Json;
using System.Text.Json.Nodes;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Host.Cli;

/// <summary>
/// <c>ask "TEXT" --as EMAIL [--conversation ID] [--json]</c>: one chat turn as that person, no chat
/// platform needed. The conversation id persists in the database, so links survive between runs.
/// </summary>
internal sealed class AskVerb(IDirectoryStore directory, ICoachBot bot, IEnumerable<ICardRenderer> renderers) : ICliVerb
{
    public const string Usage = "ask \"TEXT\" --as EMAIL [--conversation ID] [--json]";

    private static readonly JsonSerializerOptions Json = new(ActionPayload.JsonOptions) { WriteIndented = true };

    public async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken)
    {
        var parsed = CliArgs.Parse(args, "--json");
        var unknown = parsed.OptionNames.Except(["--as", "--conversation", "--json"]).ToList();
        if (parsed.Positional.Count != 1 || parsed.Get("--as") is not { Length: > 0 } email || unknown.Count > 0)
        {
            await context.Error.WriteLineAsync($"{Mistake(parsed, unknown)}{Environment.NewLine}usage: {Usage}");
            return ExitCodes.Usage;
        }

        if (await directory.FindPersonByEmailAsync(email, cancellationToken) is null)
        {
            await context.Error.WriteLineAsync($"No person with email '{email}'. Import people first (import people FILE.csv).");
            return ExitCodes.Usage;
        }

        var conversation = ConversationKey.For(ChatChannel.Cli, parsed.Get("--conversation") ?? $"default:{email.ToLowerInvariant()}");
        var turn = new ChatTurn(new ChatUser(ChatChannel.Cli, Email: email), conversation, new TextInput(parsed.Positional[0]));
        var answer = await bot.HandleAsync(turn, cancellationToken);

        if (parsed.Has("--json"))
        {
            var output = new JsonObject
            {
                ["text"] = answer.Text,
                ["card"] = answer.Card is null ? null : JsonSerializer.SerializeToNode(answer.Card, Json),
            };
            foreach (var renderer in renderers)
            {
                output[renderer.Name] = answer.Card is null ? null : renderer.Render(answer);
            }

            await context.Out.WriteLineAsync(output.ToJsonString(Json));
        }
        else
        {
            await context.Out.WriteLineAsync(answer.Text);
        }

        return ExitCodes.Done;
    }

    /// <summary>The one thing wrong with a command line, in the order a reader would fix it.</summary>
    private static string Mistake(CliArgs parsed, List<string> unknown) => parsed.Positional.Count switch
    {
        0 => "ask needs the TEXT to say, in quotes",
        > 1 => "ask takes one TEXT: put it in quotes",
        _ when unknown.Count > 0 => $"unknown option '{unknown[0]}'",
        _ => "ask needs --as EMAIL (the person asking)",
    };
}
