namespace SalesCoachBot.Core.Domain;

/// <summary>
/// The days a team works (teams.csv <c>workdays</c>): Monday to Friday unless the team says otherwise, e.g. Sunday to
/// Thursday in Saudi Arabia. Written as a range (<c>sun-thu</c>, wrapping past the week's end: <c>sat-wed</c>), a list
/// (<c>mon,tue,wed,thu,sun</c>), or both (<c>mon-wed,sat</c>), with three-letter or full English day names.
/// </summary>
public readonly record struct WorkWeek
{
    private static readonly string[] Short = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private static readonly DayOfWeek[] MondayFirst =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private WorkWeek(int mask) => Mask = mask;

    /// <summary>The default week, and the week of teams stored before the column existed.</summary>
    public static WorkWeek MondayToFriday { get; } = new(0b0111110);

    /// <summary>One bit per <see cref="DayOfWeek"/> (bit 0: Sunday).</summary>
    private int Mask { get; }

    public bool Includes(DayOfWeek day) => (Mask & (1 << (int)day)) != 0;

    /// <summary>Reads the teams.csv form; false for an empty week, an unknown day name or a malformed range.</summary>
    public static bool TryParse(string? text, out WorkWeek week)
    {
        week = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var mask = 0;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length > 2 || Day(ends[0]) is not { } first || (ends.Length == 2 ? Day(ends[1]) : first) is not { } last)
            {
                return false;
            }

            for (var day = (int)first; ; day = (day + 1) % 7)
            {
                mask |= 1 << day;
                if (day == (int)last)
                {
                    break;
                }
            }
        }

        week = new WorkWeek(mask);
        return true;
    }

    /// <summary>Reads a stored week; a value that does not read is a broken invariant.</summary>
    public static WorkWeek Parse(string text) =>
        TryParse(text, out var week) ? week : throw new FormatException($"'{text}' is not a work week such as mon-fri or sun-thu.");

    /// <summary>The canonical form: one range when the days run on (<c>sun-thu</c>), else a list from Monday (<c>mon,wed,fri</c>).</summary>
    public override string ToString()
    {
        if (Mask == 0)
        {
            return string.Empty;
        }

        if (Mask == 0b1111111)
        {
            return "mon-sun";
        }
        return Range is var (first, last) ? $"{Short[(int)first]}-{Short[(int)last]}" : string.Join(',', Days.Select(d => Short[(int)d]));
    }

    /// <summary>The working days, Monday first.</summary>
    public IReadOnlyList<DayOfWeek> Days
    {
        get
        {
            var week = this;
            return [.. MondayFirst.Where(week.Includes)];
        }
    }

    /// <summary>The first and last day when the days run on without a gap (<c>sun-thu</c>) and are more than one; else null.</summary>
    public (DayOfWeek First, DayOfWeek Last)? Range
    {
        get
        {
            var week = this;
            var days = Days;
            var starts = days.Where(d => !week.Includes((DayOfWeek)(((int)d + 6) % 7))).ToList();
            return starts.Count == 1 && days.Count > 1 ? (starts[0], (DayOfWeek)(((int)starts[0] + days.Count - 1) % 7)) : null;
        }
    }

    /// <summary>The day the week starts: the first of the run of days (Sunday for sun-thu), else the first from Monday.</summary>
    public DayOfWeek First => Range?.First ?? Days.FirstOrDefault(DayOfWeek.Monday);

    /// <summary>The day the week ends: the last of the run of days (Thursday for sun-thu), else the last from Monday.</summary>
    public DayOfWeek Last => Range?.Last ?? (Days is [.., var last] ? last : DayOfWeek.Friday);

    private static DayOfWeek? Day(string name) => Dates.DateInWords.Weekday(name.ToLowerInvariant());
}
