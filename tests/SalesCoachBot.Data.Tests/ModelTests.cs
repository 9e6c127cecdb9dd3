using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data.Tests;

/// <summary>
/// The entities use typed values (DealId, StageId, ChecklistItemId, ConversationKey) that value converters store as
/// the plain columns the migrations created: the model must stay column for column what the migrations say.
/// </summary>
public sealed class ModelTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void Model_EachProvider_HasNoChangesBeyondItsMigrations(DatabaseProvider provider)
    {
        // The design-time contexts never open their connection; the model is compared with the migrations' snapshot.
        using SalesCoachDbContext db = provider == DatabaseProvider.Sqlite
            ? new SqliteDesignTimeFactory().CreateDbContext([])
            : new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} model differs from its migrations: add a migration, or keep the columns as they are.");
    }
}
