using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Abstractions;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>Loads team settings (idle limits) for a turn.</summary>
public sealed class TeamRulesProvider(IDirectoryStore directory, IOptions<CoachingOptions> options)
{
    private SalesTeamRules? _rules;

    public async Task<SalesTeamRules> GetAsync(CancellationToken cancellationToken) =>
        _rules ??= new SalesTeamRules(await directory.ListTeamsAsync(cancellationToken), options.Value.DefaultIdleDays, options.Value.DefaultTimeZone);
}
