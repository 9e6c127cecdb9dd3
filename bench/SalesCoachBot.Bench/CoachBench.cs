using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Understanding;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Bench;

/// <summary>
/// <c>coach</c>: whole turns through the real <see cref="ICoachBot"/> (a scope and DbContext per turn,
/// as the host does; no answer cache) over 100,000 deals and 1,000,000 history rows in SQLite.
/// </summary>
internal static class CoachBench
{
    private const double WhatsNextGoalMs = 5;
    private const double ConfirmGoalMs = 10;
    private const double UnderstandGoalMs = 1;

    private sealed record DealRow(long Id, string ExternalId, string StageId, int StageVersion, long TeamId, long OwnerId);

    public static async Task<int> RunAsync(DataSize size, int requests, string provider = "sqlite", bool listsOnly = false)
    {
        await using var db = await BenchDatabase.CreateAsync(provider);
        var data = DataSet.Generate(size, db.Map, db.Time.GetUtcNow());
        try
        {
            Console.WriteLine($"== coach turns, {db.Description} ({Machine.Load()})");
            await db.LoadAsync(data, Console.Out);
            var deals = await LoadDealsAsync(db);
            var owners = await LoadOwnerEmailsAsync(db);
            var map = db.Map;

            // Deals are split so no deal is confirmed twice and warm-up never touches a measured deal.
            var order = Enumerable.Range(0, deals.Count).Select(i => (int)((long)i * 104_729 % deals.Count)).ToArray();
            var warm = order.AsSpan(0, 300).ToArray();
            var cardDeals = order.AsSpan(300, requests).ToArray();
            var textDeals = order.AsSpan(300 + requests, requests).ToArray();
            var nameDeals = order.AsSpan(300 + (2 * requests), requests).ToArray();

            // Warm-up: JIT, EF query caches, the name index (built on the first name lookup).
            foreach (var (d, i) in warm.Select((d, i) => (d, i)))
            {
                await TurnAsync(db, owners[deals[d].OwnerId], new TextInput(Phrase(d, i)));
                await TurnAsync(db, owners[deals[d].OwnerId], new TextInput($"done {map.GetStage(new StageId(deals[d].StageId)).RequiredItems.First().Id} for #{deals[d].ExternalId}"));
            }

            if (!listsOnly)
            {
                await TurnsAsync(db, deals, owners, order, warm, cardDeals, textDeals, nameDeals);
            }

            // Lists read every open deal the person may see and assess each for stalls before showing the first few: a rep's
            // own (~250 here), a manager's team at one stage (~5,000 read), an admin's biggest (all 100,000).
            var stageName = map.OrderedStages()[1].Name;
            var myDeals = new Samples("my deals (rep: own open deals)");
            var teamAtStage = new Samples($"deals in {stageName} (manager: one team)");
            var biggest = new Samples("biggest deals (admin: every team)");
            var listed = (Rep: 0, Manager: 0, Admin: 0);
            // Where an admin's long list spends its time: each SQL command with its duration.
            using (var sql = new SqlCounter())
            {
                await ExplainAsync(sql, "biggest deals (admin)", () => TurnAsync(db, DataSet.AdminEmail, new TextInput("what are our biggest deals")));
                await ExplainAsync(sql, "closest to closing (admin)", () => TurnAsync(db, DataSet.AdminEmail, new TextInput("which deal is closest to closing")));
                await ExplainAsync(sql, "what's due this week (admin)", () => TurnAsync(db, DataSet.AdminEmail, new TextInput("what's due this week")));
                await ExplainAsync(sql, "stalled (admin)", () => TurnAsync(db, DataSet.AdminEmail, new TextInput("stalled")));
                await ExplainAsync(sql, "what's due this week (manager)", () => TurnAsync(db, "manager03@bench.example", new TextInput("what's due this week")));
            }

            for (var i = 0; i < 200; i++)
            {
                var answer = await myDeals.TimeAsync(() => TurnAsync(db, DataSet.RepEmail(i % DataSet.Teams, i / DataSet.Teams % DataSet.RepsPerTeam), new TextInput("my deals")));
                listed.Rep += answer.Card is { Kind: CardKind.DealList, Sections.Count: > 0 } ? 1 : 0;
            }

            for (var i = 0; i < 40; i++)
            {
                var answer = await teamAtStage.TimeAsync(() => TurnAsync(db, $"manager{i % DataSet.Teams:00}@bench.example", new TextInput($"which deals are in {stageName}")));
                listed.Manager += answer.Card is { Kind: CardKind.DealList, Sections.Count: > 0 } ? 1 : 0;
            }

            for (var i = 0; i < 10; i++)
            {
                var answer = await biggest.TimeAsync(() => TurnAsync(db, DataSet.AdminEmail, new TextInput("what are our biggest deals")));
                listed.Admin += answer.Card is { Kind: CardKind.DealList, Sections.Count: > 0 } ? 1 : 0;
            }

            // "oldest deals" over every team; a rep's name asked as a deal ("whats next for Rep 03-04"), which finds no deal
            // and is answered as that owner's list.
            var oldest = new Samples("oldest deals (admin: every team)");
            var ownerAsked = new Samples("whats next for OWNER (admin: an owner's list)");
            var byOwner = (Oldest: 0, Owner: 0);
            for (var i = 0; i < 10; i++)
            {
                var answer = await oldest.TimeAsync(() => TurnAsync(db, DataSet.AdminEmail, new TextInput("what are our oldest deals")));
                byOwner.Oldest += answer.Card is { Kind: CardKind.DealList, Sections.Count: > 0 } ? 1 : 0;
            }

            for (var i = 0; i < 10; i++)
            {
                var answer = await ownerAsked.TimeAsync(() => TurnAsync(db, DataSet.AdminEmail, new TextInput($"whats next for Rep {i % DataSet.Teams:00}-{i % DataSet.RepsPerTeam:00}")));
                byOwner.Owner += answer.Card is { Kind: CardKind.DealList, Sections.Count: > 0 } ? 1 : 0;
            }

            // The answers themselves, fingerprinted: a change that only makes a list faster must leave these as they were
            // (the data's dates follow today's, so compare runs of the same day).
            var fingerprints = new (string What, string Email, string Text)[]
            {
                ("my deals", DataSet.RepEmail(3, 4), "my deals"),
                ("stage list", "manager03@bench.example", $"which deals are in {stageName}"),
                ("biggest", DataSet.AdminEmail, "what are our biggest deals"),
                ("biggest 5", DataSet.AdminEmail, "what are our biggest 5 deals"),
                ("oldest", DataSet.AdminEmail, "what are our oldest deals"),
                ("manager biggest", "manager03@bench.example", "what are our biggest deals"),
                ("owner", DataSet.AdminEmail, "whats next for Rep 03-04"),
                ("closest", DataSet.AdminEmail, "which deal is closest to closing"),
                ("manager closest", "manager03@bench.example", "which deal is closest to closing"),
                ("rep closest", DataSet.RepEmail(3, 4), "which deal is closest to closing"),
                ("stalled", DataSet.AdminEmail, "stalled"),
                ("manager stalled", "manager03@bench.example", "stalled"),
                ("rep stalled", DataSet.RepEmail(3, 4), "stalled"),
                ("due", DataSet.AdminEmail, "what's due this week"),
                ("manager due", "manager03@bench.example", "what's due this week"),
                ("rep due", DataSet.RepEmail(3, 4), "what's due this week"),
                ("moved", DataSet.AdminEmail, "what moved this month"),
                ("manager moved", "manager03@bench.example", "what moved this month"),
            };
            foreach (var (what, email, text) in fingerprints)
            {
                var answer = await TurnAsync(db, email, new TextInput(text));
                var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(answer.Text)))[..12];
                Console.WriteLine($"-- answer \"{text}\" ({what}): {hash}, {answer.Text.Split('\n')[0]}");
            }

            // "closest to closing", "stalled" and "what's due" over every team (the admin) and one team (a manager).
            var closestAdmin = new Samples("closest to closing (admin: every team)");
            var stalledAdmin = new Samples("stalled (admin: every team)");
            var stalledManager = new Samples("stalled (manager: one team)");
            var dueAdmin = new Samples("what's due this week (admin: every team)");
            var dueManager = new Samples("what's due this week (manager: one team)");
            var more = (Closest: 0, StalledAdmin: 0, StalledManager: 0, DueAdmin: 0, DueManager: 0);
            for (var i = 0; i < 10; i++)
            {
                var answer = await closestAdmin.TimeAsync(() => TurnAsync(db, DataSet.AdminEmail, new TextInput("which deal is closest to closing")));
                more.Closest += answer.Card is { Kind: CardKind.DealList, Sections.Count: > 0 } ? 1 : 0;
                answer = await stalledAdmin.TimeAsync(() => TurnAsync(db, DataSet.AdminEmail, new TextInput("stalled")));
                more.StalledAdmin += answer.Card is { Kind: CardKind.DealList, Sections.Count: > 0 } ? 1 : 0;
                answer = await dueAdmin.TimeAsync(() => TurnAsync(db, DataSet.AdminEmail, new TextInput("what's due this week")));
                more.DueAdmin += answer.Card is { Kind: CardKind.DealList, Sections.Count: > 0 } ? 1 : 0;
            }

            for (var i = 0; i < 40; i++)
            {
                var answer = await stalledManager.TimeAsync(() => TurnAsync(db, $"manager{i % DataSet.Teams:00}@bench.example", new TextInput("stalled")));
                more.StalledManager += answer.Card is { Kind: CardKind.DealList, Sections.Count: > 0 } ? 1 : 0;
                answer = await dueManager.TimeAsync(() => TurnAsync(db, $"manager{i % DataSet.Teams:00}@bench.example", new TextInput("what's due this week")));
                more.DueManager += answer.Card is { Kind: CardKind.DealList, Sections.Count: > 0 } ? 1 : 0;
            }

            // "what moved": the stage changes of a period, counted and the newest 25 listed, from the 1,000,000 history rows.
            // "undo that": the latest confirmation in force of the person, found among all confirmations of the last day.
            var movedManager = new Samples("what moved this month (manager: one team)");
            var movedAdmin = new Samples("what moved this month (admin: every team)");
            var undoLast = new Samples("undo that (rep: latest confirmation)");
            var moved = (Manager: 0, Admin: 0, Undone: 0);
            for (var i = 0; i < 40; i++)
            {
                var answer = await movedManager.TimeAsync(() => TurnAsync(db, $"manager{i % DataSet.Teams:00}@bench.example", new TextInput("what moved this month")));
                moved.Manager += answer.Card is { Kind: CardKind.DealList } ? 1 : 0;
            }

            for (var i = 0; i < 10; i++)
            {
                var answer = await movedAdmin.TimeAsync(() => TurnAsync(db, DataSet.AdminEmail, new TextInput("what moved this month")));
                moved.Admin += answer.Card is { Kind: CardKind.DealList } ? 1 : 0;
            }

            using var undoHash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            foreach (var d in textDeals.Take(100))
            {
                var answer = await undoLast.TimeAsync(() => TurnAsync(db, owners[deals[d].OwnerId], new TextInput("undo that")));
                moved.Undone += answer.Text.Contains("Withdrew", StringComparison.Ordinal) ? 1 : 0;
                undoHash.AppendData(System.Text.Encoding.UTF8.GetBytes(answer.Text + "\n"));
            }

            // After the timed turns, so the printed one withdraws nothing they would have: one more rep's "undo that".
            Console.WriteLine($"-- answer \"undo that\" (100 reps): {Convert.ToHexString(undoHash.GetHashAndReset())[..12]}");
            using (var sql = new SqlCounter())
            {
                // EF Core decides whether a listener wants command events at most once a second (its logging cache time):
                // right after the timed turns it would still skip them.
                await Task.Delay(TimeSpan.FromSeconds(1.5));
                await ExplainAsync(sql, "undo that (rep)", () => TurnAsync(db, owners[deals[textDeals[100]].OwnerId], new TextInput("undo that")));
            }

            Console.WriteLine($"{myDeals.Report()}  [lists {listed.Rep}/{myDeals.Count}]");
            Console.WriteLine($"{teamAtStage.Report()}  [lists {listed.Manager}/{teamAtStage.Count}]");
            Console.WriteLine($"{biggest.Report()}  [lists {listed.Admin}/{biggest.Count}]");
            Console.WriteLine($"{oldest.Report()}  [lists {byOwner.Oldest}/{oldest.Count}]");
            Console.WriteLine($"{ownerAsked.Report()}  [lists {byOwner.Owner}/{ownerAsked.Count}]");
            Console.WriteLine($"{closestAdmin.Report()}  [lists {more.Closest}/{closestAdmin.Count}]");
            Console.WriteLine($"{stalledAdmin.Report()}  [lists {more.StalledAdmin}/{stalledAdmin.Count}]");
            Console.WriteLine($"{stalledManager.Report()}  [lists {more.StalledManager}/{stalledManager.Count}]");
            Console.WriteLine($"{dueAdmin.Report()}  [lists {more.DueAdmin}/{dueAdmin.Count}]");
            Console.WriteLine($"{dueManager.Report()}  [lists {more.DueManager}/{dueManager.Count}]");
            Console.WriteLine($"{movedManager.Report()}  [lists {moved.Manager}/{movedManager.Count}]");
            Console.WriteLine($"{movedAdmin.Report()}  [lists {moved.Admin}/{movedAdmin.Count}]");
            Console.WriteLine($"{undoLast.Report()}  [withdrew {moved.Undone}/{undoLast.Count}]");
            return 0;
        }
        finally
        {
            data.Delete();
        }
    }

    /// <summary>The turns with goals: what's next by name, understanding alone, confirm by card and by text (skipped by <c>--only lists</c>).</summary>
    private static async Task TurnsAsync(
        BenchDatabase db, List<DealRow> deals, Dictionary<long, string> owners, int[] order, int[] warm, int[] cardDeals, int[] textDeals, int[] nameDeals)
    {
        var map = db.Map;
        // One turn of each kind with its SQL printed: where a turn's time goes.
        using var sql = new SqlCounter();
        await ExplainAsync(sql, "what's next by loose name", () => TurnAsync(db, owners[deals[warm[0]].OwnerId], new TextInput(Phrase(warm[0], 0))));
        var explained = deals[order[^1]];
        var explainedStage = map.GetStage(new StageId(explained.StageId));
        await ExplainAsync(sql, "confirm + advance (card)", () => TurnAsync(db, owners[explained.OwnerId], new ActionInput(
            new ConfirmItemsPayload(new DealId(explained.Id), explainedStage.Id, explained.StageVersion), [.. explainedStage.RequiredItems.Select(item => item.Id)])));

        var whatsNext = new Samples("what's next, loose name (rep)");
        var whatsNextAdmin = new Samples("what's next, loose name (admin: all deals)");
        int found = 0, chose = 0, other = 0;
        for (var i = 0; i < nameDeals.Length; i++)
        {
            var d = nameDeals[i];
            var answer = await whatsNext.TimeAsync(() => TurnAsync(db, owners[deals[d].OwnerId], new TextInput(Phrase(d, i))));
            var company = DataSet.NameOf(d).Company;
            if (answer.Card?.Kind == CardKind.Checklist && answer.Text.StartsWith(company, StringComparison.Ordinal))
            {
                found++;
            }
            else if (answer.Card?.Kind == CardKind.ChooseDeal)
            {
                chose++;
            }
            else
            {
                if (other++ < 3)
                {
                    Console.WriteLine($"   not resolved: \"{Phrase(d, i)}\" -> {answer.Text.Split('\n')[0]}");
                }
            }

            if (i % 2 == 0)
            {
                await whatsNextAdmin.TimeAsync(() => TurnAsync(db, DataSet.AdminEmail, new TextInput(Phrase(d, i))));
            }
        }

        // The pure parts of a what's-next turn alone, to tell CPU in Core from time in the database.
        var parser = db.Services.GetRequiredService<CommandParser>();
        var parse = new Samples("  of which: CommandParser.Parse alone");
        var resolve = new Samples("  of which: DealResolver.Resolve alone (rep)");
        DealNameIndex index;
        await using (var scope = db.Services.CreateAsyncScope())
        {
            index = new DealNameIndex(await scope.ServiceProvider.GetRequiredService<IDealStore>().ListNamesAsync(null, CancellationToken.None));
        }

        var resolver = new DealResolver();
        for (var i = 0; i < nameDeals.Length; i++)
        {
            var d = nameDeals[i];
            var command = await parse.TimeAsync(() => Task.FromResult(parser.Parse(Phrase(d, i))));
            if (command is WhatsNextCommand { Deal: NameReference name })
            {
                var scope = new DealScope([deals[d].TeamId], deals[d].OwnerId);
                await resolve.TimeAsync(() => Task.FromResult(resolver.Resolve(name, index, scope)));
            }
        }

        // Issue 17's goal: understanding (parse + resolve together) p95 <= 1 ms on 100,000 deals, per language.
        var understandEn = new Samples("parse + resolve, English (rep)");
        var understandAr = new Samples("parse + resolve, Arabic (rep)");
        var understood = (En: 0, Ar: 0);
        for (var i = 0; i < nameDeals.Length; i++)
        {
            var d = nameDeals[i];
            var scope = new DealScope([deals[d].TeamId], deals[d].OwnerId);
            var en = Phrase(d, i);
            var ar = ArabicPhrase(d, i);
            understood.En += await understandEn.TimeAsync(() => Task.FromResult(ParseAndResolve(parser, resolver, index, en, scope))) ? 1 : 0;
            understood.Ar += await understandAr.TimeAsync(() => Task.FromResult(ParseAndResolve(parser, resolver, index, ar, scope))) ? 1 : 0;
        }

        var confirmCard = new Samples("confirm + advance (card action, all required)");
        var advanced = 0;
        foreach (var d in cardDeals)
        {
            var deal = deals[d];
            var stage = map.GetStage(new StageId(deal.StageId));
            var input = new ActionInput(
                new ConfirmItemsPayload(new DealId(deal.Id), stage.Id, deal.StageVersion),
                [.. stage.RequiredItems.Select(item => item.Id)]);
            var answer = await confirmCard.TimeAsync(() => TurnAsync(db, owners[deal.OwnerId], input));
            advanced += answer.Text.Contains(" moved from ", StringComparison.Ordinal) ? 1 : 0;
        }

        var confirmText = new Samples("confirm by text \"done ITEM for #id\"");
        var textAdvanced = 0;
        foreach (var d in textDeals)
        {
            var deal = deals[d];
            var stage = map.GetStage(new StageId(deal.StageId));
            var answer = await confirmText.TimeAsync(() => TurnAsync(db, owners[deal.OwnerId], new TextInput($"done {stage.RequiredItems.First().Id} for #{deal.ExternalId}")));
            textAdvanced += answer.Text.Contains(" moved from ", StringComparison.Ordinal) ? 1 : 0;
        }

        Console.WriteLine($"-- {Machine.Load()}; SQL commands per turn: {sql.Commands / (double)(whatsNext.Count + whatsNextAdmin.Count + confirmCard.Count + confirmText.Count):F1} on average");
        Console.WriteLine($"{whatsNext.Report(WhatsNextGoalMs)}  [checklist {found}, choice list {chose}, other {other}]");
        Console.WriteLine(whatsNextAdmin.Report(WhatsNextGoalMs));
        Console.WriteLine(parse.Report());
        Console.WriteLine(resolve.Report());
        Console.WriteLine($"{understandEn.Report(UnderstandGoalMs)}  [resolved {understood.En}/{nameDeals.Length}]");
        Console.WriteLine($"{understandAr.Report(UnderstandGoalMs)}  [resolved {understood.Ar}/{nameDeals.Length}]");
        Console.WriteLine($"{confirmCard.Report(ConfirmGoalMs)}  [advanced {advanced}/{cardDeals.Length}]");
        Console.WriteLine($"{confirmText.Report(ConfirmGoalMs)}  [advanced {textAdvanced}/{textDeals.Length}: one item; stages with more required items only confirm]");
    }

    private static async Task ExplainAsync(SqlCounter sql, string what, Func<Task<BotAnswer>> turn)
    {
        sql.Capture = [];
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await turn();
        var took = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        Console.WriteLine($"-- one turn, {what}: {took.TotalMilliseconds:F2} ms, {sql.Capture.Count} SQL commands");
        foreach (var command in sql.Capture)
        {
            Console.WriteLine($"   {(command.Length > 160 && !SqlCounter.Full ? command[..160] + "…" : command)}");
        }

        sql.Capture = null;
    }

    /// <summary>How reps type a deal's name: casing, punctuation, filler, word order, a typo.</summary>
    private static bool ParseAndResolve(CommandParser parser, DealResolver resolver, DealNameIndex index, string text, DealScope scope) =>
        parser.Parse(text) is WhatsNextCommand { Deal: NameReference name } && resolver.Resolve(name, index, scope) is DealResolution.Found;

    /// <summary>The same questions as <see cref="Phrase"/>, in Arabic (MSA, Gulf, Levantine, Egyptian), the name in Latin.</summary>
    private static string ArabicPhrase(int deal, int variant)
    {
        var (company, project) = DataSet.NameOf(deal);
        var typo = project.Length > 5 ? project.Remove(project.Length / 2, 1) : project;
        return (variant % 6) switch
        {
            0 => $"ما التالي لصفقة {company} {project}",
            1 => $"{company} {project} وش التالي؟",
            2 => $"وين وصلنا مع {company} {project}",
            3 => $"شو وضع {company} {typo.ToLowerInvariant()}",
            4 => $"إيش باقي على صفقة {company.ToUpperInvariant()} {project}",
            _ => $"إيه اللي فاضل في {company} {project}؟",
        };
    }

    private static string Phrase(int deal, int variant)
    {
        var (company, project) = DataSet.NameOf(deal);
        var lower = $"{company} {project}".ToLowerInvariant();
        var typo = project.Length > 5 ? project.Remove(project.Length / 2, 1) : project;
        return (variant % 6) switch
        {
            0 => $"whats next for {lower}",
            1 => $"{company} {project} - what's next?",
            2 => $"where are we on {company} {project}",
            3 => $"whats nxt for {company} {typo.ToLowerInvariant()}",
            4 => $"checklist for {company.ToUpperInvariant()} {project}",
            _ => $"how do I move {company} {project} forward?",
        };
    }

    private static async Task<BotAnswer> TurnAsync(BenchDatabase db, string email, TurnInput input)
    {
        await using var scope = db.Services.CreateAsyncScope();
        var bot = scope.ServiceProvider.GetRequiredService<ICoachBot>();
        var turn = new ChatTurn(new ChatUser(ChatChannel.Cli, Email: email), ConversationKey.For(ChatChannel.Cli, "bench"), input);
        return await bot.HandleAsync(turn, CancellationToken.None);
    }

    private static async Task<List<DealRow>> LoadDealsAsync(BenchDatabase db)
    {
        await using var context = db.Services.GetRequiredService<SalesCoachDbContextFactory>().CreateDbContext();
        var rows = await context.Deals.AsNoTracking()
            .Select(d => new DealRow(d.Id.Value, d.ExternalId, d.StageId.Value, d.StageVersion, d.TeamId, d.OwnerId))
            .ToListAsync();

        // Indexed by generated deal number (D0, D1, ...), the order DataSet names them in.
        return [.. rows.OrderBy(r => int.Parse(r.ExternalId.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture))];
    }

    private static async Task<Dictionary<long, string>> LoadOwnerEmailsAsync(BenchDatabase db)
    {
        await using var context = db.Services.GetRequiredService<SalesCoachDbContextFactory>().CreateDbContext();
        return await context.People.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Email);
    }
}
