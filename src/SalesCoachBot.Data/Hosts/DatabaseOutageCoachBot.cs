using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;

namespace SalesCoachBot.Data.Hosts;

/// <summary>
/// A turn that cannot reach the database (restart, failover, a pool exhausted: the "30 s outage") is answered
/// politely instead of with an HTTP 500 the chat client shows as a broken app. Nothing is half-written: every change
/// is one transaction, so a turn that failed here recorded nothing and the person can simply ask again.
/// The person's stored language cannot be read without the database, so the answer's language comes from what the turn
/// itself says: a message written in Arabic, else the chat's locale, else <c>Coaching:DefaultLanguage</c>.
/// </summary>
internal sealed partial class DatabaseOutageCoachBot(ICoachBot inner, ILogger<DatabaseOutageCoachBot> logger, ReplyTexts texts, LanguageChoice languages) : ICoachBot
{
    public async Task<BotAnswer> HandleAsync(ChatTurn turn, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.HandleAsync(turn, cancellationToken);
        }
        catch (Exception e) when (IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            Unavailable(logger, turn.Channel, e.GetBaseException().Message);
            var language = languages.For(personLanguage: null, turn.User.Locale, teamLanguages: [], (turn.Input as TextInput)?.Text);
            var say = texts.In(language);
            var answer = Errors.Answer(say.Errors("Outage.Title"), say.Errors("Outage"));

            // The card says its language, as CoachBot's answers do, so an Arabic one is laid out right to left.
            return language.Code == ReplyLanguage.EnglishCode ? answer : answer with { Card = answer.Card! with { Language = language } };
        }
    }

    /// <summary>The database could not be reached or refused new sessions; not a bug in the query.</summary>
    internal static bool IsUnavailable(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || pg.SqlState is PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.AdminShutdown
                        or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                        or PostgresErrorCodes.ObjectNotInPrerequisiteState:
                    return true;
                case PostgresException:
                    return false;
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }

    [LoggerMessage(EventId = 2110, Level = LogLevel.Warning, Message = "Database unreachable during a {Channel} turn ({Reason}); answered \"please try again\", nothing recorded")]
    private static partial void Unavailable(ILogger logger, ChatChannel channel, string reason);
}

public static class DatabaseOutageServiceCollectionExtensions
{
    /// <summary>Wraps the registered <see cref="ICoachBot"/> so a database outage gets a polite "try again". Call after AddSalesCoachCore.</summary>
    public static IServiceCollection AddDatabaseOutageAnswers(this IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ICoachBot));
        if (registered?.ImplementationType is not { } type)
        {
            return services;
        }

        // Made once: matching the constructor on every turn (ActivatorUtilities.CreateInstance) cost 3 % of a Slack command.
        var inner = ActivatorUtilities.CreateFactory(type, Type.EmptyTypes);
        services.Replace(new ServiceDescriptor(typeof(ICoachBot), sp => new DatabaseOutageCoachBot(
            (ICoachBot)inner(sp, null), sp.GetRequiredService<ILogger<DatabaseOutageCoachBot>>(),
            sp.GetRequiredService<ReplyTexts>(), sp.GetRequiredService<LanguageChoice>()), registered.Lifetime));
        return services;
    }
}
