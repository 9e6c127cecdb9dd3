using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Testing;

/// <summary>
/// An in-memory stand-in for the database at the store boundary. Changes run under one lock, the
/// same guarantee the real stores give per deal. The Core tests drive the use cases over it; the Data
/// tests compare the EF stores with it.
/// </summary>
public sealed class InMemoryStores : IDirectoryStore, IDealStore, IConversationStore, IDealJournal, IDealCreationStore
{
    private readonly object _gate = new();
    private readonly Dictionary<ConversationKey, (DealId DealId, long PersonId)> _links = [];

    public List<SalesTeam> Teams { get; } = [];
    public List<Person> People { get; } = [];
    public List<Deal> Deals { get; } = [];
    public List<Confirmation> Confirmations { get; } = [];
    public List<StageHistoryEntry> History { get; } = [];
    public List<Snooze> Snoozes { get; } = [];
    public List<DealNote> Notes { get; } = [];
    public List<DealActivity> Activities { get; } = [];
    public List<DealNextStepEvent> NextStepEvents { get; } = [];

    public SalesTeam AddTeam(string name, int idleDays = 14)
    {
        var team = new SalesTeam { Id = Teams.Count + 1, Name = name, IdleAfterDays = idleDays };
        Teams.Add(team);
        return team;
    }

    public Person AddPerson(string email, PersonRole role, params SalesTeam[] teams)
    {
        var person = new Person { Id = People.Count + 1, Email = email, Name = email.Split('@')[0], Role = role };
        person.Memberships.AddRange(teams.Select(t => new TeamMembership { PersonId = person.Id, TeamId = t.Id }));
        People.Add(person);
        return person;
    }

    public Deal AddDeal(string externalId, string name, Person owner, SalesTeam team, string stage, DateTimeOffset enteredAt)
    {
        var deal = new Deal
        {
            Id = new DealId(Deals.Count + 1),
            ExternalId = externalId,
            Name = name,
            OwnerId = owner.Id,
            TeamId = team.Id,
            StageId = new StageId(stage),
            StageEnteredAt = enteredAt,
            CreatedAt = enteredAt,
            LastActivityAt = enteredAt,
        };
        Deals.Add(deal);
        return deal;
    }

    public Task<PersonView?> FindPersonAsync(ChatUser user, CancellationToken cancellationToken)
    {
        var person = People.FirstOrDefault(p => user.TeamsAadObjectId is not null && p.TeamsAadObjectId == user.TeamsAadObjectId)
            ?? People.FirstOrDefault(p => user.SlackUserId is not null && p.SlackUserId == user.SlackUserId && user.IsInSlackWorkspace(p.SlackTeamId))
            ?? People.FirstOrDefault(p => user.Email is not null && string.Equals(p.Email, user.Email, StringComparison.OrdinalIgnoreCase));
        return Task.FromResult(person is null ? null : View(person));
    }

    public Task<PersonView?> FindPersonByEmailAsync(string email, CancellationToken cancellationToken) =>
        FindPersonAsync(new ChatUser(ChatChannel.Cli, Email: email), cancellationToken);

    public Task<IReadOnlyList<SalesTeam>> ListTeamsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SalesTeam>>(Teams.ToList());

    public Task<SalesTeam?> FindTeamByNameAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(Teams.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)));

    public Task<bool> SetQuotaAsync(long teamId, TeamQuota quota, long byPersonId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (Teams.FirstOrDefault(t => t.Id == teamId) is not { } team)
        {
            return Task.FromResult(false);
        }

        (team.QuotaAmount, team.QuotaCurrency, team.QuotaPeriod, team.QuotaSetByPersonId, team.QuotaSetAt) = (quota.Amount, quota.Currency, quota.Period, byPersonId, at);
        return Task.FromResult(true);
    }

    public Task<TeamRoster> ListRosterAsync(IReadOnlyCollection<long> teamIds, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var members = People
                .SelectMany(p => p.Memberships.Where(m => teamIds.Contains(m.TeamId)).Select(m => (Person: p, m.TeamId)))
                .OrderBy(x => x.TeamId).ThenBy(x => x.Person.Name, StringComparer.Ordinal).ThenBy(x => x.Person.Id)
                .Select(x => new TeamMember(x.TeamId, x.Person.Id, x.Person.Name, x.Person.Role, x.Person.Language,
                    Deals.Count(d => d.OwnerId == x.Person.Id && d.TeamId == x.TeamId && d.Status == DealStatus.Open)))
                .ToList();
            var open = Deals.Where(d => d.Status == DealStatus.Open && teamIds.Contains(d.TeamId))
                .GroupBy(d => d.TeamId).ToDictionary(g => g.Key, g => g.Count());
            return Task.FromResult(new TeamRoster(members, open));
        }
    }

    public Task<DealView?> GetAsync(DealId id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(Deals.FirstOrDefault(d => d.Id == id) is { } deal ? DealView(deal) : null);
        }
    }

    public Task<DealView?> FindByExternalIdAsync(string externalId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var deal = Deals.FirstOrDefault(d => string.Equals(d.ExternalId, externalId, StringComparison.OrdinalIgnoreCase));
            return Task.FromResult(deal is null ? null : DealView(deal));
        }
    }

    public Task<IReadOnlyList<DealNameEntry>> ListNamesAsync(IReadOnlyCollection<long>? teamIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DealNameEntry>>(Deals
            .Where(d => teamIds is null || teamIds.Contains(d.TeamId))
            .Select(d => new DealNameEntry(d.Id, d.ExternalId, d.Name, d.Account, d.TeamId, d.OwnerId, d.Status))
            .ToList());

    public Task<IReadOnlyList<DealView>> ListOpenByOwnerAsync(long ownerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DealView>>(Deals.Where(d => d.OwnerId == ownerId && d.Status == DealStatus.Open).Select(DealView).ToList());

    public Task<IReadOnlyList<DealView>> ListOpenAsync(IReadOnlyCollection<long>? teamIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DealView>>(Deals
            .Where(d => d.Status == DealStatus.Open && (teamIds is null || teamIds.Contains(d.TeamId)))
            .Select(DealView).ToList());

    public Task<IReadOnlyList<DealView>> ListOpenAtStagesAsync(
        IReadOnlyCollection<long>? teamIds, IReadOnlyCollection<StageId> stages, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DealView>>(Deals
            .Where(d => d.Status == DealStatus.Open && (teamIds is null || teamIds.Contains(d.TeamId)) && stages.Contains(d.StageId))
            .Select(DealView).ToList());

    public Task<IReadOnlyList<DealView>> ListOpenOfOwnersAsync(DealScope? scope, IReadOnlyCollection<long> ownerIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DealView>>([.. OpenIn(scope).Where(d => ownerIds.Contains(d.OwnerId)).Select(DealView)]);

    public Task<IReadOnlyList<DealOwner>> ListOpenOwnersAsync(DealScope? scope, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DealOwner>>([.. OpenIn(scope).Select(d => d.OwnerId).Distinct().Select(id => new DealOwner(id, People.First(p => p.Id == id).Name))]);

    public Task<IReadOnlyList<OpenDealCurrency>> CountOpenByCurrencyAsync(DealScope? scope, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OpenDealCurrency>>([.. OpenIn(scope)
            .GroupBy(d => (Currency: d.Amount is null ? null : d.Currency, HasAmount: d.Amount is not null))
            .Select(g => new OpenDealCurrency(g.Key.Currency, g.Key.HasAmount, g.Count()))]);

    public Task<int> CountStalledAsync(DealScope? scope, StallLimits limits, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(OpenIn(scope).Count(d => Core.Stalls.StallRule.IsStalled(
            d.Status, d.StageEnteredAt, d.LastActivityAt, d.NextStepAt, DealView(d).SnoozedUntil,
            limits.Stages.FirstOrDefault(l => (l.TeamIds is null || l.TeamIds.Contains(d.TeamId)) && l.StageIds.Contains(d.StageId))?.Days ?? 0,
            limits.Idle.FirstOrDefault(l => l.TeamIds is null || l.TeamIds.Contains(d.TeamId))?.Days ?? 0,
            now)));

    public Task<IReadOnlyList<DealStep>> ListOpenStepsAsync(
        DealScope? scope, DateTimeOffset? datedBefore, bool withoutDay, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DealStep>>([.. OpenIn(scope)
            .Where(d => d.NextStepAt is { } at ? at < datedBefore : withoutDay)
            .Select(d => DealStep.Of(DealView(d)))]);

    public Task<IReadOnlyList<StalledDeal>> ListStalledOpenAsync(
        IReadOnlyCollection<long>? teamIds, StallLimits limits, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StalledDeal>>([.. Deals
            .Where(d => d.Status == DealStatus.Open && (teamIds is null || teamIds.Contains(d.TeamId)))
            .Select(DealView)
            .Where(v => Core.Stalls.StallRule.IsStalled(
                v.Deal.Status, v.Deal.StageEnteredAt, v.Deal.LastActivityAt, v.Deal.NextStepAt, v.SnoozedUntil,
                limits.Stages.FirstOrDefault(l => (l.TeamIds is null || l.TeamIds.Contains(v.Deal.TeamId)) && l.StageIds.Contains(v.Deal.StageId))?.Days ?? 0,
                limits.Idle.FirstOrDefault(l => l.TeamIds is null || l.TeamIds.Contains(v.Deal.TeamId))?.Days ?? 0,
                now))
            .Select(StalledDeal.Of)]);

    public Task<IReadOnlyList<DealView>> ListBiggestOpenAsync(
        DealScope? scope, IReadOnlyCollection<OpenDealCurrency> currencies, int count, CancellationToken cancellationToken)
    {
        var group = OpenIn(scope)
            .Where(d => currencies.Any(c => c.HasAmount ? d.Amount is not null && d.Currency == c.Currency : d.Amount is null))
            .ToList();
        var edge = group.Select(d => d.Amount ?? 0m).OrderDescending().Skip(count - 1).Take(1).ToList();
        return Task.FromResult<IReadOnlyList<DealView>>([.. group.Where(d => edge.Count == 0 || d.Amount is null || d.Amount >= edge[0]).Select(DealView)]);
    }

    public Task<IReadOnlyList<DealView>> ListOldestOpenAsync(DealScope? scope, int count, CancellationToken cancellationToken)
    {
        var open = OpenIn(scope).ToList();
        var edge = open.Select(d => d.CreatedAt).Order().Skip(count - 1).Take(1).ToList();
        return Task.FromResult<IReadOnlyList<DealView>>([.. open.Where(d => edge.Count == 0 || d.CreatedAt <= edge[0]).Select(DealView)]);
    }

    private IEnumerable<Deal> OpenIn(DealScope? scope) =>
        Deals.Where(d => d.Status == DealStatus.Open && (scope is null || scope.TeamIds.Contains(d.TeamId) || d.OwnerId == scope.OwnerId));

    public Task<IReadOnlyDictionary<string, int>> CountOpenByStageAsync(long? teamId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(Deals
            .Where(d => d.Status == DealStatus.Open && (teamId is null || d.TeamId == teamId))
            .GroupBy(d => d.StageId.Value).ToDictionary(g => g.Key, g => g.Count()));

    public Task<LatestConfirmation?> FindLatestConfirmationAsync(
        long? personId, DealId? deal, DealScope? scope, DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var latest = Confirmations
                .Where(c => c.WithdrawnAt is null && c.ConfirmedAt >= since)
                .Where(c => personId is null || c.PersonId == personId)
                .Where(c => deal is null || c.DealId == deal)
                .Where(c => scope is null || Deals.Any(d => d.Id == c.DealId && (scope.TeamIds.Contains(d.TeamId) || d.OwnerId == scope.OwnerId)))
                .OrderByDescending(c => c.ConfirmedAt)
                .ThenByDescending(c => c.Id)
                .FirstOrDefault();
            return Task.FromResult(latest is null ? null : new LatestConfirmation(latest.DealId, latest.StageId, latest.StageVersion, latest.ItemId, latest.ConfirmedAt));
        }
    }

    public Task<LatestClose?> FindLatestCloseAsync(long personId, DealId? deal, DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var latest = Deals
                .Where(d => d.ClosedByPersonId == personId && d.Status is DealStatus.Lost or DealStatus.Nurture && d.StageEnteredAt >= since)
                .Where(d => deal is null || d.Id == deal)
                .OrderByDescending(d => d.StageEnteredAt)
                .ThenByDescending(d => d.Id.Value)
                .FirstOrDefault();
            return Task.FromResult(latest is null ? null : new LatestClose(latest.Id, latest.StageEnteredAt));
        }
    }

    /// <summary>Runs inside the next change, before it reads the deal: what another host did in between.</summary>
    public Action<Deal>? BeforeNextChange { get; set; }

    public Task<T?> ChangeDealAsync<T>(DealId id, Func<DealState, DealChangePlan<T>> decide, CancellationToken cancellationToken)
        where T : class
    {
        lock (_gate)
        {
            var deal = Deals.FirstOrDefault(d => d.Id == id);
            if (deal is null)
            {
                return Task.FromResult<T?>(null);
            }

            if (BeforeNextChange is { } meanwhile)
            {
                BeforeNextChange = null;
                meanwhile(deal);
            }

            var plan = decide(new DealState(DealView(deal)));
            // As the database store: an undo whose note, activity or step is withdrawn already writes nothing.
            var alreadyWithdrawn = (plan.WithdrawNote is { } noteId && !Notes.Any(n => n.Id == noteId && n.DealId == deal.Id && n.WithdrawnAt is null))
                || (plan.WithdrawActivity is { } activityId && !Activities.Any(a => a.Id == activityId && a.DealId == deal.Id && a.WithdrawnAt is null))
                || (plan.NextStep?.Undoes is { } stepId && !NextStepEvents.Any(e => e.Id == stepId && e.DealId == deal.Id && e.WithdrawnAt is null));
            if (alreadyWithdrawn && plan.IfAlreadyWithdrawn is { } undone)
            {
                return Task.FromResult<T?>(undone);
            }

            var withdrawnAt = plan.ActivityAt ?? deal.LastActivityAt;
            foreach (var withdrawnNote in Notes.Where(n => n.Id == plan.WithdrawNote && n.DealId == deal.Id && n.WithdrawnAt is null))
            {
                (withdrawnNote.WithdrawnAt, withdrawnNote.WithdrawnByPersonId) = (withdrawnAt, plan.WithdrawnBy);
            }

            foreach (var withdrawnActivity in Activities.Where(a => a.Id == plan.WithdrawActivity && a.DealId == deal.Id && a.WithdrawnAt is null))
            {
                (withdrawnActivity.WithdrawnAt, withdrawnActivity.WithdrawnByPersonId) = (withdrawnAt, plan.WithdrawnBy);
            }

            foreach (var step in NextStepEvents.Where(e => e.Id == plan.NextStep?.Undoes && e.DealId == deal.Id))
            {
                (step.WithdrawnAt, step.WithdrawnByPersonId) = (withdrawnAt, plan.NextStep?.ByPersonId);
            }

            foreach (var confirmation in plan.Confirm)
            {
                if (!Active(deal).Any(c => c.ItemId == confirmation.Item))
                {
                    Confirmations.Add(new Confirmation
                    {
                        Id = Confirmations.Count + 1,
                        DealId = deal.Id,
                        StageId = deal.StageId,
                        StageVersion = deal.StageVersion,
                        ItemId = confirmation.Item,
                        PersonId = confirmation.PersonId,
                        ConfirmedAt = confirmation.At,
                        Channel = confirmation.Channel,
                        Conversation = plan.Source?.Conversation,
                    });
                }
            }

            foreach (var item in plan.Withdraw)
            {
                foreach (var c in Active(deal).Where(c => c.ItemId == item).ToList())
                {
                    c.WithdrawnAt = plan.ActivityAt;
                    c.WithdrawnByPersonId = plan.WithdrawnBy;
                    c.WithdrawnConversation = plan.Source?.Conversation;
                }
            }

            if (plan.Transition is { } t)
            {
                deal.StageId = t.ToStage;
                deal.Status = t.Status;
                deal.StageVersion++;
                deal.StageEnteredAt = t.Kind == StageChangeKind.MapChange ? deal.StageEnteredAt : t.At;
                deal.LostReason = t.LostReason ?? deal.LostReason;
                deal.ReengageAt = t.ReengageAt;
                deal.ClosedAt = t.Status is DealStatus.Won or DealStatus.Lost ? t.At : deal.ClosedAt;
                deal.ClosedByPersonId = t.Status == DealStatus.Open ? null : t.ByPersonId;
                if (t.Kind == StageChangeKind.Reopened)
                {
                    deal.LostReason = null;
                    deal.ClosedAt = null;
                }

                History.Add(new StageHistoryEntry
                {
                    Id = History.Count + 1,
                    DealId = deal.Id,
                    StageId = t.ToStage,
                    EnteredAt = t.At,
                    Kind = t.Kind,
                    ByPersonId = t.ByPersonId,
                    Reason = t.Reason,
                    Conversation = plan.Source?.Conversation,
                    MapVersion = t.MapVersion ?? plan.Source?.MapVersion,
                    Outcome = t.Status,
                });
                foreach (var carried in t.Carry)
                {
                    Confirmations.Add(new Confirmation
                    {
                        Id = Confirmations.Count + 1,
                        DealId = deal.Id,
                        StageId = deal.StageId,
                        StageVersion = deal.StageVersion,
                        ItemId = carried.Item,
                        PersonId = carried.PersonId,
                        ConfirmedAt = carried.At,
                        Channel = carried.Channel,
                    });
                }
            }

            if (!string.IsNullOrWhiteSpace(plan.Note))
            {
                Notes.Add(new DealNote { Id = Notes.Count + 1, DealId = deal.Id, PersonId = plan.NoteBy, At = plan.ActivityAt ?? deal.LastActivityAt, Text = plan.Note });
            }

            // The same retry rule as the database store: same author and text (and kind, day) within the window.
            var noteWasThere = plan.AddNote is { } retried
                && Notes.Any(n => n.DealId == deal.Id && n.PersonId == retried.PersonId && n.At >= retried.At - NewNote.RetryWindow && n.Text == retried.Text);
            if (plan.AddNote is { } note && !noteWasThere)
            {
                Notes.Add(new DealNote { Id = Notes.Count + 1, DealId = deal.Id, PersonId = note.PersonId, At = note.At, Text = note.Text, Conversation = plan.Source?.Conversation });
            }

            if (plan.LogActivity is { } activity && !Activities.Any(a => a.DealId == deal.Id && a.PersonId == activity.PersonId && a.Kind == activity.Kind
                && a.RecordedAt >= activity.At - NewNote.RetryWindow && (a.OccurredAt - activity.OccurredAt).Duration() <= NewNote.RetryWindow && a.Text == activity.Text))
            {
                Activities.Add(new DealActivity
                {
                    Id = Activities.Count + 1,
                    DealId = deal.Id,
                    Kind = activity.Kind,
                    PersonId = activity.PersonId,
                    OccurredAt = activity.OccurredAt,
                    RecordedAt = activity.At,
                    Text = activity.Text,
                    DayOnly = activity.DayOnly,
                    Conversation = plan.Source?.Conversation,
                });
            }

            if ((plan.EndSnooze?.At ?? plan.Snooze?.At) is { } endAt)
            {
                foreach (var running in Snoozes.Where(s => s.DealId == deal.Id && s.Until > endAt))
                {
                    running.Until = endAt;
                    running.EndedByPersonId = plan.EndSnooze?.PersonId ?? plan.Snooze?.PersonId;
                    running.EndedConversation = plan.Source?.Conversation;
                }
            }

            if (plan.Snooze is { } snooze)
            {
                Snoozes.Add(new Snooze { Id = Snoozes.Count + 1, DealId = deal.Id, PersonId = snooze.PersonId, CreatedAt = snooze.At, Until = snooze.Until, Reason = snooze.Reason, Conversation = plan.Source?.Conversation });
            }

            if (plan.NextStep is { } nextStep)
            {
                var recorded = NextStepHistory.Event(deal, nextStep, plan.Source?.Conversation);
                recorded.Id = NextStepEvents.Count + 1;
                NextStepEvents.Add(recorded);
                (deal.NextStep, deal.NextStepAt, deal.NextStepSetAt, deal.NextStepRemindedAt) = (nextStep.Text, nextStep.At, nextStep.Done ? null : nextStep.SetAt, null);
            }

            if (plan.ActivityAt is { } at && at > deal.LastActivityAt)
            {
                deal.LastActivityAt = at;
            }

            return Task.FromResult<T?>(noteWasThere && plan.IfNoteAlreadyStored is { } instead ? instead : plan.Result);
        }
    }

    public Task<IReadOnlyList<NoteView>> RecentNotesAsync(DealId deal, int count, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<NoteView>>(Notes
                .Where(n => n.DealId == deal && n.WithdrawnAt is null)
                .OrderByDescending(n => n.At).ThenByDescending(n => n.Id)
                .Take(count)
                .Select(n => new NoteView(People.FirstOrDefault(p => p.Id == n.PersonId)?.Name, n.At, n.Text))
                .ToList());
        }
    }

    public Task<LatestAct?> FindLatestActAsync(
        long? personId, DealId? deal, DealScope? scope, DateTimeOffset since, UndoableAct? kind, ActivityKind? activity, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            bool Fits(long? by, DealId on) => by is not null && (personId is null || by == personId) && (deal is null || on == deal)
                && (scope is null || Deals.Any(d => d.Id == on && (scope.TeamIds.Contains(d.TeamId) || d.OwnerId == scope.OwnerId)));
            var notes = kind is null or UndoableAct.Note
                ? Notes.Where(n => n.WithdrawnAt is null && n.At >= since && Fits(n.PersonId, n.DealId))
                    .Select(n => (Order: n.Id, Act: new LatestAct(UndoableAct.Note, n.Id, n.DealId, n.PersonId, n.At) { Text = n.Text }))
                : [];
            var activities = kind is null or UndoableAct.Activity
                ? Activities.Where(a => a.WithdrawnAt is null && a.RecordedAt >= since && (activity is null || a.Kind == activity) && Fits(a.PersonId, a.DealId))
                    .Select(a => (Order: a.Id, Act: new LatestAct(UndoableAct.Activity, a.Id, a.DealId, a.PersonId, a.RecordedAt)
                    {
                        Text = a.Text,
                        Activity = a.Kind,
                        OccurredAt = a.OccurredAt,
                        DayOnly = a.DayOnly,
                    }))
                : [];
            var steps = kind is null or UndoableAct.NextStep
                ? NextStepEvents.Where(e => e.WithdrawnAt is null && e.Kind != NextStepEventKind.Undone && e.At >= since && Fits(e.PersonId, e.DealId)
                        && e.Id == NextStepEvents.Where(o => o.DealId == e.DealId && o.WithdrawnAt is null && o.Kind != NextStepEventKind.Undone).Max(o => o.Id))
                    .Select(e => (Order: e.Id, Act: new LatestAct(UndoableAct.NextStep, e.Id, e.DealId, e.PersonId, e.At)
                    {
                        Text = e.Text,
                        Due = e.DueAt,
                        StepChange = e.Kind,
                        PreviousText = e.PreviousText,
                        PreviousDue = e.PreviousDueAt,
                    }))
                : [];
            var latest = notes.Concat(activities).Concat(steps).OrderByDescending(x => x.Act.At).Select(x => x.Act).FirstOrDefault();
            return Task.FromResult(latest);
        }
    }

    public Task<PersonActs> ListActsAsync(
        long personId, IReadOnlyCollection<long>? teamIds, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            bool On(DealId id) => teamIds is null || Deals.Any(d => d.Id == id && teamIds.Contains(d.TeamId));
            bool In(DateTimeOffset at) => at >= from && at < to;
            var stages = History.Where(h => h.ByPersonId == personId && PersonActs.IsOwnStageChange(h.Kind) && In(h.EnteredAt) && On(h.DealId))
                .OrderByDescending(h => h.EnteredAt).ThenByDescending(h => h.Id).Take(limit).ToList();
            var confirmations = Confirmations.Where(c => c.PersonId == personId && c.WithdrawnAt is null && In(c.ConfirmedAt) && On(c.DealId))
                .OrderByDescending(c => c.ConfirmedAt).ThenByDescending(c => c.Id).Take(limit).ToList();
            var notes = Notes.Where(n => n.PersonId == personId && n.WithdrawnAt is null && In(n.At) && On(n.DealId))
                .OrderByDescending(n => n.At).ThenByDescending(n => n.Id).Take(limit).ToList();
            var activities = Activities.Where(a => a.PersonId == personId && a.WithdrawnAt is null && In(a.OccurredAt) && On(a.DealId))
                .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).Take(limit).ToList();
            var steps = NextStepEvents.Where(e => e.PersonId == personId && e.WithdrawnAt is null && e.Kind != NextStepEventKind.Undone && In(e.At) && On(e.DealId))
                .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(limit).ToList();
            var ids = stages.Select(h => h.DealId).Concat(confirmations.Select(c => c.DealId)).Concat(notes.Select(n => n.DealId))
                .Concat(activities.Select(a => a.DealId)).Concat(steps.Select(e => e.DealId)).ToHashSet();
            var deals = Deals.Where(d => ids.Contains(d.Id))
                .Select(d => new ActDeal(d.Id, d.ExternalId, d.Name, d.TeamId, Teams.FirstOrDefault(t => t.Id == d.TeamId)?.MapId)).ToList();
            return Task.FromResult(new PersonActs(deals, stages, confirmations, notes, activities, steps));
        }
    }

    public Task<IReadOnlyList<TimelineEntry>> TimelineAsync(DealId deal, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(DealTimeline.Merge(
                History.Where(h => h.DealId == deal).ToList(),
                Confirmations.Where(c => c.DealId == deal).ToList(),
                Notes.Where(n => n.DealId == deal).ToList(),
                Activities.Where(a => a.DealId == deal).ToList(),
                Snoozes.Where(s => s.DealId == deal).ToList(),
                NextStepEvents.Where(e => e.DealId == deal).ToList(),
                id => People.FirstOrDefault(p => p.Id == id)?.Name));
        }
    }

    public Task<DealCreation> CreateAsync(
        NewDeal deal, IReadOnlyCollection<long>? nameScope, Func<IReadOnlyList<DealNameEntry>, DealNameEntry?> findDuplicate, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var names = Deals
                .Where(d => d.Status is DealStatus.Open or DealStatus.Nurture && (nameScope is null || nameScope.Contains(d.TeamId)))
                .Select(Entry)
                .ToList();
            if (findDuplicate(names) is { } existing)
            {
                return Task.FromResult<DealCreation>(new DealCreation.Duplicate(existing));
            }

            var next = Deals.Select(d => long.TryParse(d.ExternalId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0).DefaultIfEmpty(1000).Max() + 1;
            var created = new Deal
            {
                Id = new DealId(Deals.Count + 1),
                ExternalId = next.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Name = deal.Name,
                Amount = deal.Amount,
                Currency = deal.Currency,
                OwnerId = deal.OwnerId,
                TeamId = deal.TeamId,
                StageId = deal.StageId,
                Status = deal.Status,
                StageEnteredAt = deal.At,
                CreatedAt = deal.At,
                LastActivityAt = deal.At,
            };
            Deals.Add(created);
            History.Add(new StageHistoryEntry
            {
                Id = History.Count + 1,
                DealId = created.Id,
                StageId = deal.StageId,
                EnteredAt = deal.At,
                Kind = StageChangeKind.Entered,
                ByPersonId = deal.OwnerId,
                Reason = "Created in chat",
                Outcome = created.Status,
            });
            return Task.FromResult<DealCreation>(new DealCreation.Created(Entry(created)));
        }

        static DealNameEntry Entry(Deal d) => new(d.Id, d.ExternalId, d.Name, d.Account, d.TeamId, d.OwnerId, d.Status);
    }

    public Task<DealId?> GetLinkedDealAsync(ConversationKey conversation, CancellationToken cancellationToken) =>
        Task.FromResult(_links.TryGetValue(conversation, out var link) ? link.DealId : (DealId?)null);

    public Task LinkAsync(ConversationKey conversation, DealId deal, long personId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        _links[conversation] = (deal, personId);
        return Task.CompletedTask;
    }

    public Task<bool> UnlinkAsync(ConversationKey conversation, CancellationToken cancellationToken) =>
        Task.FromResult(_links.Remove(conversation));

    /// <summary>The did-you-mean questions waiting for a typed answer, by conversation and person.</summary>
    public Dictionary<(ConversationKey Conversation, long PersonId), (string CommandText, DateTimeOffset At)> Questions { get; } = [];

    public Task AskAsync(ConversationKey conversation, long personId, string commandText, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Questions[(conversation, personId)] = (commandText, at);
        }

        return Task.CompletedTask;
    }

    public Task<string?> TakeQuestionAsync(
        ConversationKey conversation, long personId, DateTimeOffset since, string? commandText, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!Questions.TryGetValue((conversation, personId), out var question) || question.At < since
                || (commandText is not null && question.CommandText != commandText))
            {
                return Task.FromResult<string?>(null);
            }

            Questions.Remove((conversation, personId));
            return Task.FromResult<string?>(question.CommandText);
        }
    }

    private IEnumerable<Confirmation> Active(Deal deal) =>
        Confirmations.Where(c => c.DealId == deal.Id && c.StageVersion == deal.StageVersion && c.WithdrawnAt is null);

    private PersonView View(Person person) =>
        new(person.Id, person.Email, person.Name, person.Role, person.Memberships.Select(m => m.TeamId).ToList()) { Language = person.Language };

    private DealView DealView(Deal deal)
    {
        var owner = People.First(p => p.Id == deal.OwnerId);
        var snoozed = Snoozes.Where(s => s.DealId == deal.Id).Select(s => (DateTimeOffset?)s.Until).Max();
        var confirmations = Active(deal)
            .Select(c => new ConfirmationView(c.ItemId, c.PersonId, People.First(p => p.Id == c.PersonId).Name, c.ConfirmedAt, c.Channel))
            .ToList();
        var team = Teams.First(t => t.Id == deal.TeamId);
        return new DealView(deal, owner.Name, owner.Email, team.Name, snoozed, confirmations) { TeamMapId = team.MapId };
    }
}
