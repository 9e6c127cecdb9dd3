namespace SalesCoachBot.Core.Abstractions;

/// <summary>
/// Where background work (digest scheduler and dispatcher, CRM sync, the cache listener, the probes) says that it could
/// not reach the database, and that it could again. An outage is logged once when it starts, as a reminder now and then
/// while it lasts, and once when it ends, instead of a stack trace per worker and round.
/// </summary>
public interface IDatabaseOutages
{
    /// <summary>
    /// True when <paramref name="exception"/> means the database cannot be reached (then it is recorded here, and the
    /// caller only tries again later); false for anything else, which the caller handles as before.
    /// </summary>
    bool Report(string worker, Exception exception);

    /// <summary>The database answered: ends an outage, if one was going on.</summary>
    void Reachable();
}
