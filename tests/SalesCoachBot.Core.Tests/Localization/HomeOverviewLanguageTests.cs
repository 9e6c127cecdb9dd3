using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Home;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>The App Home overview carries the language it is to be written in, chosen as for a reply.</summary>
public sealed class HomeOverviewLanguageTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    private async Task<HomeOverview> OverviewAsync(string email, string? locale = null)
    {
        await using var scope = _bot.Services.CreateAsyncScope();
        var home = ActivatorUtilities.CreateInstance<HomeOverviewUseCase>(scope.ServiceProvider);
        return await home.GetAsync(new ChatUser(ChatChannel.Slack, SlackUserId: "U1", Email: email, Locale: locale), CancellationToken.None);
    }

    [Fact]
    public async Task PersonWithLanguageAr_OverviewInArabic()
    {
        _bot.Rep.Language = "ar";
        _bot.AddDeal("1002", "Initech", "discovery");

        var overview = await OverviewAsync(_bot.Rep.Email);

        Assert.Equal(ReplyLanguage.Arabic, overview.Language);
        Assert.Equal("Discovery", Assert.Single(overview.Deals).StageName);
    }

    [Fact]
    public async Task SlackLocaleArabic_UnknownPerson_ArabicRefusal()
    {
        var overview = await OverviewAsync("stranger@example.com", "ar-SA");

        Assert.Null(overview.PersonName);
        Assert.Equal(ReplyLanguage.Arabic, overview.Language);
    }

    [Fact]
    public async Task NoLanguageAnywhere_English()
    {
        var overview = await OverviewAsync(_bot.Rep.Email);

        Assert.Equal(ReplyLanguage.English, overview.Language);
    }
}
