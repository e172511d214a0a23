namespace VolunteerStats.Generation;

/// <summary>Options of <c>./volstats generate</c>.</summary>
/// <param name="OutDir">Folder the exports are written to (created when missing).</param>
/// <param name="Scale">1 ≈ 3,000 volunteers and 20,000 service records; 500 ≈ the real size of the city.</param>
/// <param name="Seed">Same seed (and same day) → same bytes.</param>
/// <param name="Today">Today in Asia/Shanghai; the deliberately future dates lie after it.</param>
/// <param name="Plain">The same city as clean CSV only (UTF-8 with BOM, ISO dates, decimal hours, no title,
/// totals or bad rows), for comparing computations with other tools. Defaults to false.</param>
public sealed record GenerateOptions(string OutDir, double Scale, int Seed, DateOnly Today, bool Plain = false);

/// <summary>
/// Simulates the volunteers of 杭州市 through 2024-01..10 and writes the exports a civilization office receives:
/// regions, population, overlapping roster snapshots and monthly service-hour exports, in arrival order.
/// Populations are the real ones times <c>Scale / FullScale</c>, so that registration rates stay realistic
/// (5–20 %) at any scale.
/// </summary>
public sealed partial class CityGenerator
{
    public const int Year = 2024;
    public const int LastMonth = 10;
    public const double FullScale = 500;
    private const int RecordsAtScale1 = 20_000;

    private readonly GenerateOptions _options;
    private readonly Random _random;
    private readonly Region _province;
    private readonly List<DistrictProfile> _districts = [];
    private readonly List<Person> _persons = [];
    private readonly List<Registration> _registrations = [];
    private readonly List<Project> _projects = [];
    private readonly List<ServiceRecord> _records = [];
    private readonly HashSet<string> _idNumbers = [];
    private int _nextVolunteer = 1;

    // Activity (share of volunteers with hours) and intensity (hours per active volunteer) per district, in
    // Hangzhou.Districts order: chosen so that the three indicators are met in some districts and not in others.
    private static readonly (double Activity, double Intensity)[] Behaviour =
    [
        (0.82, 1.35), (0.76, 1.20), (0.78, 1.25), (0.66, 0.90), (0.72, 1.00), (0.64, 0.85), (0.74, 1.10),
        (0.60, 0.80), (0.70, 0.95), (0.58, 0.75), (0.80, 1.30), (0.75, 1.15), (0.62, 0.80),
    ];

    public CityGenerator(GenerateOptions options)
    {
        _options = options;
        _random = new Random(options.Seed);
        _province = Hangzhou.Build(_random);
        var city = _province.Children[0];
        for (var i = 0; i < city.Children.Count; i++)
            _districts.Add(new DistrictProfile(i, city.Children[i], Hangzhou.Districts[i].TargetRate, Behaviour[i].Activity, Behaviour[i].Intensity));
    }

    private double PopulationFactor => _options.Scale / FullScale;

    /// <summary>Simulates and writes every file; returns what was written, for the summary on standard error.</summary>
    public IReadOnlyList<WrittenFile> Run()
    {
        BuildProjects();
        BuildPeople();
        SimulateChanges();
        BuildRecords();
        Directory.CreateDirectory(_options.OutDir);
        return WriteFiles();
    }

    private void BuildPeople()
    {
        foreach (var d in _districts)
        {
            // Some of those registered are cancelled by October: register a little more than the target.
            var registrations = (int)Math.Round(d.Region.RealPopulation * PopulationFactor * d.TargetRate / 0.93);
            for (var i = 0; i < registrations; i++)
            {
                var person = NewPerson(d.Index);
                var first = NewRegistration(person, d.Index, EarliestRegistration(person));
                // About 2 % registered again in another district (moved, or a second platform account).
                if (_random.Next(100) < 2)
                {
                    var other = (d.Index + 1 + _random.Next(_districts.Count - 1)) % _districts.Count;
                    var at = first.RegisteredAt.AddDays(30 + _random.Next(1000));
                    if (DateOnly.FromDateTime(at) <= Registration.EndOf(LastMonth))
                    {
                        var second = NewRegistration(person, other, at);
                        if (_random.Next(100) < 30 && second.RegisteredOn.Year < Year)
                        {
                            first.CancelledAt = second.RegisteredOn;
                            first.CancelMonth = 0;
                        }
                    }
                }
            }
        }
    }

    private Person NewPerson(int district)
    {
        var male = _random.Next(100) < 46;
        var u = _random.Next(100);
        var age = u < 25 ? 17 + _random.Next(6) : u < 65 ? 23 + _random.Next(23) : u < 85 ? 46 + _random.Next(15) : 61 + _random.Next(15);
        var birth = new DateOnly(Year - age, 1, 1).AddDays(_random.Next(365));
        var local = _random.Next(100) < 72;
        var area = local ? IdNumbers.LocalAreas[_random.Next(IdNumbers.LocalAreas.Length)] : IdNumbers.OtherAreas[_random.Next(IdNumbers.OtherAreas.Length)];
        string id;
        do id = IdNumbers.Make(area, birth, _random.Next(1000), male);
        while (!_idNumbers.Add(id));
        var political = age < 28
            ? (_random.Next(100) < 55 ? "共青团员" : _random.Next(100) < 15 ? "中共党员" : "群众")
            : (_random.Next(100) < 24 ? "中共党员" : _random.Next(100) < 3 ? "民主党派" : "群众");
        var person = new Person { IdNumber = id, Name = ChineseNames.Next(_random, male), Male = male, Birth = birth, Political = political, District = district };
        _persons.Add(person);
        return person;
    }

    private DateTime EarliestRegistration(Person person)
    {
        var earliest = new[] { new DateOnly(2012, 1, 1), person.Birth.AddYears(16) }.Max();
        DateOnly day;
        if (_random.Next(100) < 15)
        {
            var from = new[] { earliest, new DateOnly(Year, 1, 1) }.Max();
            day = from.AddDays(_random.Next(Registration.EndOf(LastMonth).DayNumber - from.DayNumber + 1));
        }
        else
        {
            var end = new DateOnly(Year - 1, 12, 31);
            var span = Math.Max(1, end.DayNumber - earliest.DayNumber);
            // More registrations in recent years.
            day = earliest.AddDays((int)(span * Math.Sqrt(_random.NextDouble())));
        }
        return day.ToDateTime(new TimeOnly(8 + _random.Next(14), _random.Next(60), _random.Next(60)));
    }

    private Registration NewRegistration(Person person, int district, DateTime at)
    {
        var d = _districts[district].Region;
        var street = PickByPopulation(d.Children);
        var u = _random.Next(100);
        var home = u < 15 ? d : u < 50 ? street : PickByPopulation(street.Children);
        var registration = new Registration
        {
            VolunteerId = $"ZJ{10_000_000 + _nextVolunteer++}",
            Person = person, Home = home, District = district, RegisteredAt = at, Organization = PickOrganization(district, street),
        };
        // Registrations cancelled before 2024 (left the city, asked to be removed).
        if (registration.RegisteredOn.Year <= Year - 2 && _random.Next(100) < 4)
        {
            registration.CancelledAt = registration.RegisteredOn.AddDays(200 + _random.Next(new DateOnly(Year - 1, 12, 31).DayNumber - registration.RegisteredOn.DayNumber - 199));
            registration.CancelMonth = 0;
        }
        person.Registrations.Add(registration);
        _registrations.Add(registration);
        return registration;
    }

    /// <summary>Month by month: cancellations (注销) and organization moves that later snapshots show.</summary>
    private void SimulateChanges()
    {
        for (var month = 1; month <= LastMonth; month++)
        {
            var start = new DateOnly(Year, month, 1);
            var end = Registration.EndOf(month);
            foreach (var r in _registrations)
            {
                if (!r.VisibleAt(month) || r.CancelledAt is not null) continue;
                if (_random.Next(1000) < 7)
                {
                    var from = new[] { start, r.RegisteredOn }.Max();
                    r.CancelledAt = from.AddDays(_random.Next(end.DayNumber - from.DayNumber + 1));
                    r.CancelMonth = month;
                }
                else if (_random.Next(1000) < 12)
                {
                    var street = r.Home.Level is "区县" ? r.Home.Children[_random.Next(r.Home.Children.Count)] : r.Home.Level is "社区" or "村" ? Parent(r.Home) : r.Home;
                    var org = PickOrganization(r.District, street);
                    if (org != r.OrganizationAt(month)) r.OrgChanges.Add((month, org));
                }
            }
        }
    }

    private Region Parent(Region community) =>
        _districts.SelectMany(d => d.Region.Children).First(s => s.Code == community.ParentCode);

    private Region PickByPopulation(List<Region> regions)
    {
        var total = regions.Sum(r => r.RealPopulation);
        var x = _random.NextInt64(total);
        foreach (var r in regions)
        {
            if (x < r.RealPopulation) return r;
            x -= r.RealPopulation;
        }
        return regions[^1];
    }

    private double NextGaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
