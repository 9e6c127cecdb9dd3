using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Home;
using SalesCoachBot.Slack.Processing;
using SalesCoachBot.Slack.WebApi;
using SalesCoachBot.Slack.Workspaces;

namespace SalesCoachBot.Slack.Home;

/// <summary><c>app_home_opened</c> → the person's overview from the core → <c>views.publish</c> with their workspace's token.</summary>
internal sealed class SlackHomePublisher(
    IServiceScopeFactory scopes,
    HomeViewRenderer renderer,
    ISlackApiClient api,
    SlackUserDirectory users,
    ILogger<SlackHomePublisher> logger)
{
    public async Task PublishAsync(SlackWorkspace workspace, string userId, CancellationToken cancellationToken)
    {
        // The email finds the person; the locale is one of the hints for the language the home is written in.
        var found = await users.FindAsync(workspace, userId, cancellationToken).ConfigureAwait(false);
        HomeOverview overview;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var home = scope.ServiceProvider.GetRequiredService<HomeOverviewUseCase>();
            overview = await home.GetAsync(new ChatUser(ChatChannel.Slack, SlackUserId: userId, Email: found.Email, Locale: found.Locale, SlackTeamId: workspace.TeamId, SlackEnterpriseId: workspace.EnterpriseId), cancellationToken).ConfigureAwait(false);
        }

        var result = await api.PublishViewAsync(workspace, new ViewsPublishRequest(userId, renderer.Render(overview)), cancellationToken).ConfigureAwait(false);
        if (!result.Ok)
        {
            SlackLog.HomePublishFailed(logger, result.Error!);
        }
    }
}
