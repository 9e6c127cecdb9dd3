using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Host.Charts;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Teams.Cards;

namespace SalesCoachBot.Bench;

/// <summary>
/// "pipeline TEAM" taken apart: each phase <see cref="PipelineUseCase"/> runs (who may see what, the store read, the
/// report, the map's KPIs, the summary card), then what a host does with the answer (the funnel PNG, the Teams and
/// Slack JSON), each timed alone with its process CPU, plus the garbage collector's share.
/// </summary>
internal sealed class PipelinePhases
{
    private readonly Samples _audience = new("  phase: audience + team rules");
    private readonly Samples _load = new("  phase: IPipelineStore.LoadAsync");
    private readonly Samples _build = new("  phase: PipelineReport.Build");
    private readonly Samples _kpis = new("  phase: PipelineKpis.Compute");
    private readonly Samples _card = new("  phase: summary card (Render + Funnel)");
    private readonly Samples _png = new("  host: funnel PNG drawn (FunnelChartRenderer)");
    private readonly Samples _pngMemo = new("  host: funnel PNG as published (ChartRenderer)");
    private readonly Samples _teams = new("  host: Adaptive Card JSON");
    private readonly Samples _slack = new("  host: Block Kit JSON");
    private readonly FunnelChartRenderer _funnel = new();
    private readonly ChartRenderer _charts = new(new BarChartRenderer(), new FunnelChartRenderer(), new MapChartRenderer());
    private readonly TeamsCardRenderer _teamsRenderer = new(new AdaptiveCardRenderer());
    private readonly BlockKitCardRenderer _slackRenderer = new(new BlockKitRenderer());
    private TimeSpan _gcPause;
    private int _gen0, _gen1, _gen2, _runs;

    public async Task<PipelineData> RunAsync(IServiceProvider services, SalesTeam team, TurnContext context, bool measured)
    {
        var access = services.GetRequiredService<PipelineAccess>();
        var teamRules = services.GetRequiredService<TeamRulesProvider>();
        var store = services.GetRequiredService<IPipelineStore>();
        var say = context.Say;
        var days = PipelineUseCase.DefaultWindowDays;
        var pause = GC.GetTotalPauseDuration();
        var (g0, g1, g2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

        var (audience, rules) = await TimeAsync(_audience, measured, async () =>
        {
            var resolved = (AudienceResult.Allowed)await access.ResolveAsync(context.Person, team.Name, say.Pipeline("Example.Pipeline"), name => PipelineUseCase.ForTeam(name, say), say, CancellationToken.None);
            return (resolved.Audience, await teamRules.GetAsync(CancellationToken.None));
        });
        var map = ((AudienceMap.One)audience.MapIn(context.Maps, PipelineUseCase.ForTeamOnly(say), say)).Map;
        var since = context.Now.AddDays(-days);
        var data = await TimeAsync(_load, measured, () => store.LoadAsync(audience.Scope, since, context.Now, CancellationToken.None));
        var report = await TimeAsync(_build, measured, () => Task.FromResult(PipelineReport.Build(map, data, days, context.Now, rules.IdleAfterDays)));
        var kpis = await TimeAsync(_kpis, measured, () => Task.FromResult(PipelineKpis.Compute(map, report, data, say)));
        var (answer, chart) = await TimeAsync(_card, measured, () => Task.FromResult((
            PipelineUseCase.Render(report, kpis, audience, null, new PipelineDetailsPayload(team.Name, null), say),
            PipelineUseCase.Funnel(report, audience, say))));
        await TimeAsync(_png, measured, () => Task.FromResult(_funnel.RenderPng(chart)));
        await TimeAsync(_pngMemo, measured, () => Task.FromResult(_charts.RenderPng(chart)));
        await TimeAsync(_teams, measured, () => Task.FromResult(_teamsRenderer.Render(answer).ToJsonString()));
        await TimeAsync(_slack, measured, () => Task.FromResult(_slackRenderer.Render(answer).ToJsonString()));
        if (measured)
        {
            _runs++;
            _gcPause += GC.GetTotalPauseDuration() - pause;
            (_gen0, _gen1, _gen2) = (_gen0 + GC.CollectionCount(0) - g0, _gen1 + GC.CollectionCount(1) - g1, _gen2 + GC.CollectionCount(2) - g2);
        }

        return data;
    }

    public void Print()
    {
        foreach (var phase in new[] { _audience, _load, _build, _kpis, _card, _png, _pngMemo, _teams, _slack })
        {
            Console.WriteLine(phase.Report());
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  GC during the phases: {_gcPause.TotalMilliseconds / Math.Max(1, _runs):F2} ms paused per answer; collections gen0/gen1/gen2 {_gen0}/{_gen1}/{_gen2} over {_runs} answers"));
    }

    private static async Task<T> TimeAsync<T>(Samples samples, bool measured, Func<Task<T>> work) =>
        measured ? await samples.TimeAsync(work) : await work();
}
