using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Data.Configurations;

internal sealed class SalesTeamConfiguration : IEntityTypeConfiguration<SalesTeam>
{
    /// <summary>Shadow property: the lower-case name, unique, so "EMEA" and "emea" are one team.</summary>
    public const string NormalizedName = "NormalizedName";

    public void Configure(EntityTypeBuilder<SalesTeam> builder)
    {
        builder.ToTable("sales_teams");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(200).IsRequired();
        builder.Property<string>(NormalizedName).HasMaxLength(200).IsRequired();
        builder.HasIndex(NormalizedName).IsUnique();
        builder.Property(t => t.TimeZoneId).HasMaxLength(100).IsRequired();
        builder.Property(t => t.Language).HasMaxLength(10);
        builder.Property(t => t.MapId).HasMaxLength(100);
        builder.Property(t => t.Workdays).IsRequired();   // migration Workdays: rows stored before it work Monday to Friday
        builder.Property(t => t.QuotaAmount).HasPrecision(AmountPrecision.Digits, AmountPrecision.Decimals);
        builder.Property(t => t.QuotaCurrency).HasMaxLength(3);
        builder.Property(t => t.QuotaPeriod).HasConversion<string>().HasMaxLength(10);   // migration TeamQuotas: rows before it read Quarter
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("people");
        builder.HasKey(p => p.Id);

        // Stored lower-case (normalised on save), so the unique index is case-insensitive.
        builder.Property(p => p.Email).HasMaxLength(320).IsRequired();
        builder.HasIndex(p => p.Email).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(200).IsRequired();
        builder.Property(p => p.TeamsAadObjectId).HasMaxLength(200);
        builder.HasIndex(p => p.TeamsAadObjectId).IsUnique();
        builder.Property(p => p.SlackUserId).HasMaxLength(100);
        builder.HasIndex(p => p.SlackUserId).IsUnique();
        builder.Property(p => p.SlackTeamId).HasMaxLength(100);
        builder.Property(p => p.Language).HasMaxLength(10);
        builder.HasMany(p => p.Memberships).WithOne().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TeamMembershipConfiguration : IEntityTypeConfiguration<TeamMembership>
{
    public void Configure(EntityTypeBuilder<TeamMembership> builder)
    {
        builder.ToTable("team_memberships");
        builder.HasKey(m => new { m.PersonId, m.TeamId });
        builder.HasOne(m => m.Team).WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.TeamId);
    }
}
