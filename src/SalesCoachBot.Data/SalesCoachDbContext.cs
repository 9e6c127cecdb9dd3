using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data.Configurations;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data;

/// <summary>
/// The database. One subclass per provider so each keeps its own migrations
/// (<c>Migrations/Sqlite</c>, <c>Migrations/Postgres</c>).
/// </summary>
public abstract class SalesCoachDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<SalesTeam> Teams => Set<SalesTeam>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<TeamMembership> Memberships => Set<TeamMembership>();
    public DbSet<Deal> Deals => Set<Deal>();
    public DbSet<StageHistoryEntry> StageHistory => Set<StageHistoryEntry>();
    public DbSet<Confirmation> Confirmations => Set<Confirmation>();
    public DbSet<DealNote> Notes => Set<DealNote>();
    public DbSet<Snooze> Snoozes => Set<Snooze>();
    public DbSet<DealActivity> Activities => Set<DealActivity>();
    public DbSet<DealNextStepEvent> NextStepEvents => Set<DealNextStepEvent>();
    public DbSet<ConversationLink> ConversationLinks => Set<ConversationLink>();
    public DbSet<PendingQuestion> PendingQuestions => Set<PendingQuestion>();

    /// <summary>
    /// The ASP.NET Core Data Protection key ring when <c>Slack:KeyRing:Store</c> is <c>Database</c>: every host of the
    /// deployment then shares it (docs/slack.md, "Keys at rest").
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public abstract DatabaseProvider Provider { get; }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        NormalizeKeys();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        NormalizeKeys();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SalesCoachDbContext).Assembly);
        SnakeCaseNames.Apply(modelBuilder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<PersonRole>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<DealStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<StageChangeKind>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<ChatChannel>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<ActivityKind>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<NextStepEventKind>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<ConversationKey>().HaveConversion<ConversationKeyConverter>();
        configurationBuilder.Properties<DealId>().HaveConversion<DealIdConverter>();
        configurationBuilder.Properties<StageId>().HaveConversion<StageIdConverter>();
        configurationBuilder.Properties<ChecklistItemId>().HaveConversion<ChecklistItemIdConverter>();
        configurationBuilder.Properties<WorkWeek>().HaveConversion<WorkWeekConverter>().HaveMaxLength(40);
    }

    // Case-insensitive keys are kept in normalized columns so the unique indexes enforce them.
    private void NormalizeKeys()
    {
        foreach (var entry in ChangeTracker.Entries<SalesTeam>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Property(SalesTeamConfiguration.NormalizedName).CurrentValue = NormalizeName(entry.Entity.Name);
            }
        }

        foreach (var entry in ChangeTracker.Entries<Person>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Entity.Email = NormalizeEmail(entry.Entity.Email);
            }
        }
    }

    public static string NormalizeName(string name) => name.Trim().ToLowerInvariant();

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}

/// <summary>The embedded default: SQLite, DateTimeOffset stored as UTC ticks so SQL can sort and compare it.</summary>
public sealed class SqliteSalesCoachDbContext(DbContextOptions<SqliteSalesCoachDbContext> options) : SalesCoachDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // SQLite's convention gives integer keys AUTOINCREMENT, but sees DealId, not the long it is stored as.
        modelBuilder.Entity<Deal>().Property(d => d.Id).UseAutoincrement();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}

/// <summary>PostgreSQL: <c>timestamptz</c> takes UTC values only, so every DateTimeOffset is written in UTC.</summary>
public sealed class PostgresSalesCoachDbContext(DbContextOptions<PostgresSalesCoachDbContext> options) : SalesCoachDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<ToUtcConverter>();
    }
}
