namespace VolunteerStats.Generation;

/// <summary>One resident who volunteers; may hold several registrations (moved district, registered twice).</summary>
internal sealed class Person
{
    public required string IdNumber { get; init; }
    public required string Name { get; init; }
    public required bool Male { get; init; }
    public required DateOnly Birth { get; init; }
    public required string Political { get; init; }
    public required int District { get; init; }
    public List<Registration> Registrations { get; } = [];
}

/// <summary>One row of the roster, with the changes later snapshots show.</summary>
internal sealed class Registration
{
    public required string VolunteerId { get; init; }
    public required Person Person { get; init; }
    public required Region Home { get; init; }
    public required int District { get; init; }
    public required DateTime RegisteredAt { get; init; }
    public required string Organization { get; init; }

    /// <summary>Organization changes: from the end of <c>Month</c> (2024) the snapshot shows <c>Org</c>.</summary>
    public List<(int Month, string Org)> OrgChanges { get; } = [];

    public DateOnly? CancelledAt { get; set; }

    /// <summary>The 2024 month whose snapshot first shows the cancellation; 0 when cancelled before 2024.</summary>
    public int CancelMonth { get; set; }

    public DateOnly RegisteredOn => DateOnly.FromDateTime(RegisteredAt);

    public bool VisibleAt(int month) => RegisteredOn <= EndOf(month);

    public bool IsCancelledIn(int month) => CancelledAt is not null && CancelMonth <= month;

    public string OrganizationAt(int month)
    {
        var org = Organization;
        foreach (var (m, o) in OrgChanges)
            if (m <= month) org = o;
        return org;
    }

    public static DateOnly EndOf(int month) => new DateOnly(CityGenerator.Year, month, 1).AddMonths(1).AddDays(-1);
}

internal sealed record Project(string Id, string Name, string Organization, string Category, int District);

/// <summary>A service record; <see cref="FirstHours"/> is what the first export showed before a correction.</summary>
internal sealed class ServiceRecord
{
    public string Id { get; set; } = "";
    public required Registration Registration { get; init; }
    public required Project Project { get; init; }
    public required DateOnly Date { get; init; }
    public required decimal Hours { get; init; }
    public decimal FirstHours { get; set; }
    public bool IdNumberOnly { get; init; }
}

/// <summary>Per-district behaviour the generator aims at, so that some districts meet the targets and some do not.</summary>
internal sealed record DistrictProfile(int Index, Region Region, double TargetRate, double Activity, double Intensity);
