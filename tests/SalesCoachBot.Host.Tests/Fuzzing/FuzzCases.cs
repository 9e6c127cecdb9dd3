using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;

namespace SalesCoachBot.Host.Tests.Fuzzing;

/// <summary>
/// The inputs of a run for each endpoint: the systematic pass (every field of a few seeds with each kind of invalid
/// text) and the mutations, alternating between the fixed seed and the run's random seed case by case, so a short
/// time budget still covers both.
/// </summary>
internal static class FuzzCases
{
    private const string Json = "application/json";
    private const string Form = "application/x-www-form-urlencoded";

    /// <summary>The demo deal the card payloads name (Initech, #1002), as the database has it.</summary>
    public static async Task<SeedDeal> DealAsync(FuzzHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var view = (await scope.ServiceProvider.GetRequiredService<IDealStore>().FindByExternalIdAsync("1002", CancellationToken.None))!;
        return new SeedDeal(view.Id, view.Deal.StageId.Value, view.Deal.StageVersion, "demo-held");
    }

    /// <summary>Case numbers of the mutation pass: even ones from the fixed seed, odd ones from the random seed.</summary>
    private static IEnumerable<(int Index, Random Random, string Origin)> Numbered(int count)
    {
        for (var i = FuzzSettings.OnlyCase ?? 0; i < (FuzzSettings.OnlyCase + 1 ?? count); i++)
        {
            var seed = i % 2 == 0 ? FuzzSettings.FixedSeed : FuzzSettings.RandomSeed;
            yield return (i, FuzzSettings.For(seed, i), $"seed {seed} case {i}");
        }
    }

    public static IEnumerable<FuzzCase> TeamsEveryField(IReadOnlyList<Func<int, JsonObject>> seeds)
    {
        var n = 1_000_000;
        foreach (var seed in new[] { 0, 1, 3, 4, 9 }.Select(i => seeds[i]))
        {
            foreach (var (body, what) in JsonFuzz.EveryField(seed, () => n++))
            {
                yield return new FuzzCase(FuzzTarget.Teams, body, Json, $"every field {n}", what);
            }
        }

        // The worst cases for the mention stripping: 60,000 unclosed tags, and 24,000 closed ones, in a channel.
        foreach (var (text, what) in new[] { (string.Concat(Enumerable.Repeat("<at>", 60_000)), "60,000 <at>"), (string.Concat(Enumerable.Repeat("<at>x</at>", 24_000)), "24,000 <at>x</at>") })
        {
            var activity = seeds[1](n++);
            activity["text"] = text;
            yield return new FuzzCase(FuzzTarget.Teams, JsonFuzz.Serialize(activity, new Splices()), Json, "big mention", what);
        }
    }

    public static IEnumerable<FuzzCase> TeamsMutations(IReadOnlyList<Func<int, JsonObject>> seeds, int count)
    {
        foreach (var (i, random, origin) in Numbered(count))
        {
            var seed = seeds[random.Next(seeds.Count)](i);
            JsonNode[] others = [seeds[random.Next(seeds.Count)](i), seeds[random.Next(seeds.Count)](i)];
            var (body, what) = JsonFuzz.Mutate(seed, random, others);
            yield return new FuzzCase(FuzzTarget.Teams, body, FuzzRunner.ContentType(random, Json), origin, what);
        }
    }

    public static IEnumerable<FuzzCase> CommandsEveryField(IReadOnlyList<Func<int, List<KeyValuePair<string, string>>>> seeds)
    {
        foreach (var (body, what) in FormFuzz.EveryField(FormFuzz.Fields(seeds[0](1_000_000))))
        {
            yield return new FuzzCase(FuzzTarget.SlackCommands, body, Form, "every field", what);
        }
    }

    public static IEnumerable<FuzzCase> CommandsMutations(IReadOnlyList<Func<int, List<KeyValuePair<string, string>>>> seeds, int count)
    {
        foreach (var (i, random, origin) in Numbered(count))
        {
            var fields = seeds[random.Next(seeds.Count)](i);
            if (random.Next(3) == 0)
            {
                // A well-formed command with text the parser has to make sense of.
                var (text, how) = CommandText(random);
                fields = [.. fields.Select(f => f.Key == "text" ? new KeyValuePair<string, string>("text", text) : f)];
                yield return new FuzzCase(FuzzTarget.SlackCommands, FormFuzz.Body(FormFuzz.Fields(fields)), Form, origin, how);
                continue;
            }

            var (body, what) = FormFuzz.Mutate(FormFuzz.Fields(fields), random, r =>
            {
                var (value, how) = CommandText(r);
                return (FormFuzz.Encode(value), how);
            });
            yield return new FuzzCase(FuzzTarget.SlackCommands, body, FuzzRunner.ContentType(random, Form), origin, what);
        }
    }

    public static IEnumerable<FuzzCase> InteractionsEveryField(IReadOnlyList<Func<int, JsonObject>> seeds)
    {
        var n = 1_000_000;
        foreach (var seed in new[] { 0, 1 }.Select(i => seeds[i]))
        {
            foreach (var (json, what) in JsonFuzz.EveryField(seed, () => n++))
            {
                yield return new FuzzCase(FuzzTarget.SlackInteractions, PayloadForm(json), Form, $"every field {n}", what);
            }
        }
    }

    public static IEnumerable<FuzzCase> InteractionsMutations(IReadOnlyList<Func<int, JsonObject>> seeds, int count)
    {
        foreach (var (i, random, origin) in Numbered(count))
        {
            var seed = seeds[random.Next(seeds.Count)](i);
            if (random.Next(4) == 0)
            {
                var form = FormFuzz.Fields([new("payload", seed.ToJsonString())]);
                var (formBody, formWhat) = FormFuzz.Mutate(form, random);
                yield return new FuzzCase(FuzzTarget.SlackInteractions, formBody, FuzzRunner.ContentType(random, Form), origin, "form: " + formWhat);
                continue;
            }

            var (json, what) = JsonFuzz.Mutate(seed, random, [seeds[random.Next(seeds.Count)](i)]);
            yield return new FuzzCase(FuzzTarget.SlackInteractions, PayloadForm(json), FuzzRunner.ContentType(random, Form), origin, what);
        }
    }

    public static IEnumerable<FuzzCase> EventsEveryField(IReadOnlyList<Func<int, JsonObject>> seeds)
    {
        var n = 1_000_000;
        foreach (var seed in new[] { 1, 2 }.Select(i => seeds[i]))
        {
            foreach (var (body, what) in JsonFuzz.EveryField(seed, () => n++))
            {
                yield return new FuzzCase(FuzzTarget.SlackEvents, body, Json, $"every field {n}", what);
            }
        }
    }

    public static IEnumerable<FuzzCase> EventsMutations(IReadOnlyList<Func<int, JsonObject>> seeds, int count)
    {
        foreach (var (i, random, origin) in Numbered(count))
        {
            var (body, what) = JsonFuzz.Mutate(seeds[random.Next(seeds.Count)](i), random, [seeds[random.Next(seeds.Count)](i)]);
            yield return new FuzzCase(FuzzTarget.SlackEvents, body, FuzzRunner.ContentType(random, Json), origin, what);
        }
    }

    /// <summary>Socket Mode frames must be text; invalid UTF-8 there ends the socket, so the pass uses the escapes.</summary>
    public static IEnumerable<FuzzCase> SocketEveryField(IReadOnlyList<Func<int, JsonObject>> seeds, int interactive, int command)
    {
        var n = 1_000_000;
        foreach (var seed in new[] { 0, interactive, command }.Select(i => seeds[i]))
        {
            foreach (var (body, what) in JsonFuzz.EveryField(seed, () => n++))
            {
                if (System.Text.Unicode.Utf8.IsValid(body))
                {
                    yield return new FuzzCase(FuzzTarget.SlackSocket, body, null, $"every field {n}", what);
                }
            }
        }
    }

    public static IEnumerable<FuzzCase> SocketMutations(IReadOnlyList<Func<int, JsonObject>> seeds, int count)
    {
        foreach (var (i, random, origin) in Numbered(count))
        {
            var (body, what) = JsonFuzz.Mutate(seeds[random.Next(seeds.Count)](i), random, [seeds[random.Next(seeds.Count)](i)]);
            var binary = random.Next(50) == 0;
            if (!binary && !System.Text.Unicode.Utf8.IsValid(body) && random.Next(25) != 0)
            {
                // Mostly keep the socket: invalid UTF-8 becomes U+FFFD; now and then it is sent as is (and ends the socket).
                body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body));
                what += ", invalid UTF-8 replaced";
            }

            yield return new FuzzCase(FuzzTarget.SlackSocket, body, binary ? FuzzCase.BinaryFrame : null, origin, what + (binary ? ", binary frame" : string.Empty));
        }
    }

    /// <summary>A Teams message that writes (links its conversation to a deal), for the database watch's own check.</summary>
    public static FuzzCase TeamsWrite(IReadOnlyList<Func<int, JsonObject>> seeds)
    {
        var activity = seeds[0](3_000_000);
        activity["text"] = "link this chat to initech";
        return new FuzzCase(FuzzTarget.Teams, JsonFuzz.Serialize(activity, new Splices()), Json, "database probe", "link this chat");
    }

    /// <summary>A slash command that writes (links its channel to a deal), for the database watch's own check.</summary>
    public static FuzzCase CommandWrite(IReadOnlyList<Func<int, List<KeyValuePair<string, string>>>> seeds)
    {
        var fields = seeds[0](3_000_000).Select(f => f.Key == "text" ? new KeyValuePair<string, string>("text", "link this chat to initech") : f);
        return new FuzzCase(FuzzTarget.SlackCommands, FormFuzz.Body(FormFuzz.Fields(fields)), Form, "database probe", "link this chat");
    }

    /// <summary>An unmutated envelope: the bot must still ack it (Socket Mode still alive).</summary>
    public static FuzzCase SocketProbe(IReadOnlyList<Func<int, JsonObject>> seeds, int n) =>
        new(FuzzTarget.SlackSocket, Encoding.UTF8.GetBytes(seeds[0](n).ToJsonString()), null, $"probe {n}", "unmutated envelope");

    /// <summary>An interaction form: <c>payload</c> = the JSON bytes, percent-encoded (invalid UTF-8 included).</summary>
    private static byte[] PayloadForm(byte[] json) => [.. "payload="u8, .. FormFuzz.Encode(json)];

    /// <summary>A chat command, mostly well-formed, sometimes with a word doubled, a piece inserted or cut short.</summary>
    private static (string Text, string What) CommandText(Random random)
    {
        var text = FuzzValues.Commands[random.Next(FuzzValues.Commands.Length)];
        switch (random.Next(5))
        {
            case 0 when text.Length > 0:
                var at = random.Next(text.Length);
                return (text[..at] + FuzzValues.Strings[random.Next(FuzzValues.Strings.Length)] + text[at..], $"command \"{Short(text)}\" with an insert");
            case 1:
                var words = text.Split(' ');
                return (string.Join(' ', words.Concat(words)), $"command \"{Short(text)}\" twice");
            case 2 when text.Length > 1:
                return (text[..random.Next(1, text.Length)], $"command \"{Short(text)}\" cut short");
            default:
                return (text, $"command \"{Short(text)}\"");
        }
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
