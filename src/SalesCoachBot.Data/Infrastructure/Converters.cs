using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Data.Infrastructure;

/// <summary>DateTimeOffset as UTC ticks (SQLite): sortable and comparable in SQL, exact to the tick.</summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));

/// <summary>DateTimeOffset normalised to UTC (PostgreSQL timestamptz rejects other offsets).</summary>
internal sealed class ToUtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(),
    v => v.ToUniversalTime());

/// <summary>A conversation key as its one text form (<see cref="ConversationKey.ToString"/>), the format rows have always had.</summary>
internal sealed class ConversationKeyConverter() : ValueConverter<ConversationKey, string>(
    v => v.ToString(),
    v => ConversationKey.Parse(v));

// The typed ids as the plain columns they have always been.
internal sealed class DealIdConverter() : ValueConverter<DealId, long>(
    v => v.Value,
    v => new DealId(v));

internal sealed class StageIdConverter() : ValueConverter<StageId, string>(
    v => v.Value,
    v => new StageId(v));

internal sealed class ChecklistItemIdConverter() : ValueConverter<ChecklistItemId, string>(
    v => v.Value,
    v => new ChecklistItemId(v));

/// <summary>A team's work week as its canonical teams.csv text (<c>mon-fri</c>, <c>sun-thu</c>), readable in the table.</summary>
internal sealed class WorkWeekConverter() : ValueConverter<WorkWeek, string>(
    v => v.ToString(),
    v => WorkWeek.Parse(v));
