using System.Text.Json.Nodes;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data.Demo;

namespace SalesCoachBot.Host.Tests.Fuzzing;

/// <summary>A real deal of the demo data, for card payloads that name it.</summary>
internal sealed record SeedDeal(DealId Id, string Stage, int StageVersion, string Item);

/// <summary>
/// Well-formed inputs the mutations start from, shaped like what Teams and Slack really send (the captures in the
/// channel tests), from the demo rep so they reach the coach. Ids that must not repeat (conversation, event and
/// envelope ids) carry the case number: a repeated event id is only de-duplicated, a repeated Teams conversation
/// is paced.
/// </summary>
internal static class FuzzSeeds
{
    public const string TenantId = "tenant-1";
    public const string SlackTeamId = "T0FUZZ";
    public const string ServiceUrl = "https://smba.fuzz.test/amer/";

    private const string Bot = "28:fuzz-bot";

    public static IReadOnlyList<Func<int, JsonObject>> Teams(SeedDeal deal)
    {
        JsonObject Confirm() => Payload(new ConfirmItemsPayload(deal.Id, new StageId(deal.Stage), deal.StageVersion), (deal.Item, "true"));
        JsonObject Execute(string verb, JsonObject data) => new()
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };

        return
        [
            n => Activity("message", "personal", n, "what's next for initech"),
            n => Activity("message", "channel", n, "<at>Sales Coach</at> my deals", mention: true),
            n => Activity("message", "groupChat", n, "<at>Sales Coach</at> pipeline EMEA last 30 days", mention: true),
            n => With(Activity("message", "personal", n), a => { a["value"] = Confirm(); a["replyToId"] = $"card-{n}"; }),
            n => With(Activity("invoke", "personal", n), a => { a["name"] = "adaptiveCard/action"; a["value"] = Execute("confirm", Confirm()); }),
            n => With(Activity("invoke", "channel", n), a => { a["name"] = "adaptiveCard/action"; a["value"] = Execute("command", Payload(new RunCommandPayload("stalled"))); }),
            n => With(Activity("invoke", "personal", n), a => { a["name"] = "adaptiveCard/action"; a["value"] = Execute("checklist", Payload(new ShowChecklistPayload(deal.Id))); }),
            n => With(Activity("invoke", "personal", n), a => { a["name"] = "adaptiveCard/action"; a["value"] = Execute("snooze", Payload(new SnoozeDealPayload(deal.Id, 7))); }),
            n => With(Activity("invoke", "personal", n), a =>
            {
                a["name"] = "adaptiveCard/action";
                a["value"] = Execute("undo", Payload(new UndoItemPayload(deal.Id, new StageId(deal.Stage), deal.StageVersion, new ChecklistItemId(deal.Item))));
            }),
            n => With(Activity("conversationUpdate", "channel", n), a => a["membersAdded"] = new JsonArray(new JsonObject { ["id"] = Bot, ["name"] = "Sales Coach" })),
            n => With(Activity("conversationUpdate", "groupChat", n), a => a["membersRemoved"] = new JsonArray(new JsonObject { ["id"] = Bot })),
            n => With(Activity("installationUpdate", "personal", n), a => a["action"] = n % 2 == 0 ? "add" : "remove-upgrade"),
            n => With(Activity("messageReaction", "personal", n), a => a["reactionsAdded"] = new JsonArray(new JsonObject { ["type"] = "like" })),
            n => With(Activity("message", "personal", n, "my deals"), a => a["from"]!["aadObjectId"] = "11111111-2222-3333-4444-000000000000"),
            n => With(Activity("message", "personal", n, "help"), a => a["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "text/html", ["content"] = "<p>help</p>" })),
            n => With(Activity("invoke", "personal", n), a => { a["name"] = "composeExtension/query"; a["value"] = new JsonObject { ["commandId"] = "search" }; }),
        ];
    }

    public static IReadOnlyList<Func<int, List<KeyValuePair<string, string>>>> SlackCommands() =>
    [
        n => Command(n, "next initech"),
        n => Command(n, "done demo held for 1002 public"),
        n => Command(n, "stalled"),
        n => [.. Command(n, "my deals"), new("enterprise_id", "E0FUZZ"), new("is_enterprise_install", "false")],
        n => Command(n, "help", user: "U0NOBODY"),
    ];

    public static IReadOnlyList<Func<int, JsonObject>> SlackInteractions(SeedDeal deal)
    {
        JsonObject Button(ActionPayload payload, string actionId = "coach-button-0") => new()
        {
            ["type"] = "button",
            ["action_id"] = actionId,
            ["block_id"] = "b0",
            ["value"] = payload.ToJson(),
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Go" },
            ["action_ts"] = "1715000001.000200",
        };

        return
        [
            n => Interaction(n, Button(new RunCommandPayload("my deals"))),
            n => With(Interaction(n, Button(new ConfirmItemsPayload(deal.Id, new StageId(deal.Stage), deal.StageVersion), "coach-confirm")), p =>
                p["state"] = new JsonObject
                {
                    ["values"] = new JsonObject
                    {
                        ["coach-checklist-0"] = new JsonObject
                        {
                            ["coach-tick-0"] = new JsonObject
                            {
                                ["type"] = "checkboxes",
                                ["selected_options"] = new JsonArray(new JsonObject { ["value"] = deal.Item, ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "x" } }),
                            },
                        },
                    },
                }),
            n => With(Interaction(n, Button(new ShowChecklistPayload(deal.Id))), p => p["container"]!["is_ephemeral"] = true),
            n => Interaction(n, new JsonObject { ["type"] = "checkboxes", ["action_id"] = "coach-tick-0", ["block_id"] = "coach-checklist-0", ["selected_options"] = new JsonArray() }),
            n => Interaction(n, Button(new SnoozeDealPayload(deal.Id, 3))),
            n => Interaction(n, Button(new UndoItemPayload(deal.Id, new StageId(deal.Stage), deal.StageVersion, new ChecklistItemId(deal.Item)))),
            n => With(Interaction(n, Button(new RunCommandPayload("stalled"))), p =>
            {
                // App Home: no channel, a view container.
                p.Remove("channel");
                p.Remove("response_url");
                p["container"] = new JsonObject { ["type"] = "view", ["view_id"] = $"V{n}" };
            }),
            n => new JsonObject
            {
                ["type"] = "view_submission", ["team"] = new JsonObject { ["id"] = SlackTeamId, ["domain"] = "fuzz" },
                ["user"] = User(), ["api_app_id"] = "A0FUZZ", ["trigger_id"] = $"{n}.1.abc",
                ["view"] = new JsonObject
                {
                    ["id"] = $"V{n}", ["type"] = "modal", ["callback_id"] = "coach",
                    ["state"] = new JsonObject { ["values"] = new JsonObject { ["b"] = new JsonObject { ["a"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "next initech" } } } },
                },
            },
            n => new JsonObject { ["type"] = "shortcut", ["callback_id"] = "coach", ["team"] = new JsonObject { ["id"] = SlackTeamId }, ["user"] = User(), ["trigger_id"] = $"{n}.2.abc" },
        ];
    }

    public static IReadOnlyList<Func<int, JsonObject>> SlackEvents() =>
    [
        n => new JsonObject { ["token"] = "legacy", ["challenge"] = $"challenge-{n}", ["type"] = "url_verification" },
        n => EventCallback(n, new JsonObject { ["type"] = "app_mention", ["user"] = "U0DEMO", ["text"] = "<@U0BOT> next initech", ["channel"] = "C0FUZZ", ["ts"] = $"1715000000.{n:D6}" }),
        n => EventCallback(n, new JsonObject { ["type"] = "message", ["channel_type"] = "im", ["user"] = "U0DEMO", ["text"] = "my deals", ["channel"] = "D0FUZZ", ["ts"] = $"1715000000.{n:D6}" }),
        n => EventCallback(n, new JsonObject { ["type"] = "app_mention", ["user"] = "U0DEMO", ["text"] = "<@U0BOT> stalled", ["channel"] = "C0FUZZ", ["thread_ts"] = "1715000000.000001", ["ts"] = $"1715000000.{n:D6}" }),
        n => EventCallback(n, new JsonObject { ["type"] = "app_home_opened", ["user"] = "U0DEMO", ["tab"] = "home", ["channel"] = "D0FUZZ" }),
        n => EventCallback(n, new JsonObject { ["type"] = "message", ["subtype"] = "bot_message", ["bot_id"] = "B0BOT", ["text"] = "hi", ["channel"] = "C0FUZZ" }),
        n => EventCallback(n, new JsonObject { ["type"] = "tokens_revoked", ["tokens"] = new JsonObject { ["oauth"] = new JsonArray("U0DEMO"), ["bot"] = new JsonArray("U0BOT") } }),
        n => EventCallback(n, new JsonObject { ["type"] = "reaction_added", ["user"] = "U0DEMO", ["reaction"] = "thumbsup" }),
    ];

    /// <summary>Socket Mode envelopes around the three kinds of payload (a slash command's payload is its form as an object).</summary>
    public static IReadOnlyList<Func<int, JsonObject>> SlackSocket(SeedDeal deal)
    {
        var events = SlackEvents().Skip(1).ToList();
        var interactions = SlackInteractions(deal);
        var commands = SlackCommands();
        return
        [
            .. events.Select(e => (Func<int, JsonObject>)(n => Envelope(n, "events_api", e(n)))),
            .. interactions.Select(i => (Func<int, JsonObject>)(n => Envelope(n, "interactive", i(n)))),
            .. commands.Select(c => (Func<int, JsonObject>)(n =>
            {
                var payload = new JsonObject();
                foreach (var (key, value) in c(n))
                {
                    payload[key] = value;
                }

                return Envelope(n, "slash_commands", payload);
            })),
        ];
    }

    /// <summary>Envelope ids are unique per case; the fuzzer waits for the ack with the same id.</summary>
    public static string EnvelopeId(int n) => $"fuzz-envelope-{n}";

    private static JsonObject Envelope(int n, string type, JsonObject payload) => new()
    {
        ["envelope_id"] = EnvelopeId(n),
        ["type"] = type,
        ["payload"] = payload,
        ["accepts_response_payload"] = type == "slash_commands",
        ["retry_attempt"] = 0,
        ["retry_reason"] = string.Empty,
    };

    private static JsonObject Activity(string type, string conversationType, int n, string? text = null, bool mention = false)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = $"fuzz-{n}",
            ["timestamp"] = "2026-11-27T09:00:00.000Z",
            ["channelId"] = "msteams",
            ["serviceUrl"] = ServiceUrl,
            ["from"] = new JsonObject { ["id"] = "29:dana", ["name"] = "Dana Demo", ["aadObjectId"] = DemoData.DemoRepTeamsAadObjectId },
            ["recipient"] = new JsonObject { ["id"] = Bot, ["name"] = "Sales Coach" },
            ["conversation"] = new JsonObject
            {
                ["id"] = conversationType == "channel" ? $"19:fuzz-{n}@thread.tacv2;messageid={n}" : $"a:fuzz-{n}",
                ["conversationType"] = conversationType,
                ["tenantId"] = TenantId,
                ["isGroup"] = conversationType != "personal",
            },
            ["channelData"] = new JsonObject
            {
                ["tenant"] = new JsonObject { ["id"] = TenantId },
                ["team"] = conversationType == "channel" ? new JsonObject { ["id"] = "19:team@thread.tacv2" } : null,
                ["channel"] = conversationType == "channel" ? new JsonObject { ["id"] = $"19:fuzz-{n}@thread.tacv2" } : null,
            },
            ["locale"] = "en-US",
            ["textFormat"] = "plain",
            ["entities"] = new JsonArray(new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-US", ["platform"] = "Web" }),
        };
        if (text is not null)
        {
            activity["text"] = text;
        }

        if (mention)
        {
            ((JsonArray)activity["entities"]!).Add(new JsonObject
            {
                ["type"] = "mention",
                ["text"] = "<at>Sales Coach</at>",
                ["mentioned"] = new JsonObject { ["id"] = Bot, ["name"] = "Sales Coach" },
            });
        }

        return activity;
    }

    private static JsonObject Payload(ActionPayload payload, params (string Name, string Value)[] extra)
    {
        var data = JsonNode.Parse(payload.ToJson())!.AsObject();
        foreach (var (name, value) in extra)
        {
            data[name] = value;
        }

        return data;
    }

    private static JsonObject With(JsonObject node, Action<JsonObject> change)
    {
        change(node);
        return node;
    }

    private static List<KeyValuePair<string, string>> Command(int n, string text, string user = "U0DEMO") =>
    [
        new("token", "legacy-token"), new("team_id", SlackTeamId), new("team_domain", "fuzz"), new("channel_id", "C0FUZZ"),
        new("channel_name", "sales"), new("user_id", user), new("user_name", "dana"), new("command", "/coach"), new("text", text),
        new("api_app_id", "A0FUZZ"), new("response_url", $"https://hooks.slack.fuzz.test/commands/{SlackTeamId}/{n}/x"), new("trigger_id", $"{n}.1.abc"),
    ];

    private static JsonObject User() => new() { ["id"] = "U0DEMO", ["username"] = "dana", ["name"] = "dana", ["team_id"] = SlackTeamId };

    private static JsonObject Interaction(int n, JsonObject action) => new()
    {
        ["type"] = "block_actions",
        ["user"] = User(),
        ["api_app_id"] = "A0FUZZ",
        ["token"] = "legacy",
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = $"1715000000.{n % 1_000_000:D6}", ["channel_id"] = "C0FUZZ", ["is_ephemeral"] = false },
        ["trigger_id"] = $"{n}.1.abc",
        ["team"] = new JsonObject { ["id"] = SlackTeamId, ["domain"] = "fuzz" },
        ["channel"] = new JsonObject { ["id"] = "C0FUZZ", ["name"] = "sales" },
        ["message"] = new JsonObject { ["ts"] = $"1715000000.{n % 1_000_000:D6}", ["type"] = "message", ["text"] = "card" },
        ["response_url"] = $"https://hooks.slack.fuzz.test/actions/{SlackTeamId}/{n}/x",
        ["actions"] = new JsonArray(action),
    };

    private static JsonObject EventCallback(int n, JsonObject ev) => new()
    {
        ["token"] = "legacy",
        ["team_id"] = SlackTeamId,
        ["api_app_id"] = "A0FUZZ",
        ["event"] = ev,
        ["type"] = "event_callback",
        ["event_id"] = $"Ev{n:D8}",
        ["event_time"] = 1715000000 + n,
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = SlackTeamId, ["user_id"] = "U0BOT", ["is_bot"] = true }),
        ["is_ext_shared_channel"] = false,
    };
}
