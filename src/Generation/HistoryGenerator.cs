using System.Globalization;

namespace VolunteerStats.Generation;

/// <summary>Options of <c>./volstats generate --years FIRST-LAST</c>.</summary>
/// <param name="OutDir">Folder the exports are written to (created when missing).</param>
/// <param name="FirstYear">First year of service records; the roster starts earlier.</param>
/// <param name="LastYear">Last year of service records.</param>
/// <param name="Scale">1 ≈ 3,000 volunteers and 25,000 service records a year; 70 ≈ 1.7 million records a year.</param>
/// <param name="Seed">Same seed → same bytes.</param>
/// <param name="Padding">Share of padded records injected per year (0.005 = 0.5 %), labelled in <c>labels.csv</c>. Defaults to 0.</param>
/// <param name="Today">No record is dated after the day before it.</param>
public sealed record HistoryOptions(string OutDir, int FirstYear, int LastYear, double Scale, int Seed, double Padding, DateOnly Today);

/// <summary>
/// Several years of monthly history of 杭州市 for forecasts and padding detection: the seasonality offices see (the
/// March 学雷锋 month, 12-5 国际志愿者日, the Spring Festival dip by lunar date, the summer student push, weekends),
/// trends that differ per district (steady, speeding up, stalling, rushing at year end), organizations that run
/// genuine group events every month (dozens of volunteers, the same hours), and optional labelled padding of four
/// kinds: <c>bulk_entry</c> (one organization, one day, identical hours for many people), <c>burst</c> (a day far above
/// an organization's usual volume before the year-end evaluation, for people who serve on no other day),
/// <c>over_24h</c> and <c>before_registration</c>. Writes clean CSV (UTF-8, Chinese headers) in arrival order.
/// </summary>
public sealed class HistoryGenerator(HistoryOptions options)
{
    public enum Trend { Steady, SpeedUp, Stall, YearEndRush }

    private sealed class Volunteer
    {
        public required string Id { get; init; }
        public required int District { get; init; }
        public required string Home { get; init; }
        public required int Org { get; init; }
        public required DateOnly RegisteredAt { get; init; }
        public DateOnly? CancelledAt { get; set; }
        public required double Propensity { get; init; }
        public required double Intensity { get; init; }
        public bool PaddingOnly { get; init; }
    }

    private sealed record Org(string Name, int District, string Street, bool RegularEvents, decimal EventHours)
    {
        public List<int> Members { get; } = [];
    }

    private sealed record Rec(string Id, int Volunteer, int Org, DateOnly Date, decimal Hours, string Category);

    public sealed record Label(string RecordId, string Kind, int Event, int Year);

    private readonly Random _random = new(options.Seed);
    private readonly List<Volunteer> _volunteers = [];
    private readonly List<Org> _orgs = [];
    private readonly List<Label> _labels = [];
    private Region _province = null!;
    private List<Region> _districts = [];
    private Trend[] _trends = [];
    private int _nextRecord = 1;
    private int _nextEvent = 1;

    private static readonly Trend[] TrendCycle = [Trend.Steady, Trend.SpeedUp, Trend.Stall, Trend.YearEndRush];
    private static readonly string[] Categories = ["社区服务", "文明交通", "环境保护", "助老助残", "文化宣传", "应急救援", "关爱少年儿童"];
    private static readonly decimal[] HoursChoices = [1m, 1.5m, 2m, 2m, 2m, 2.5m, 3m, 3m, 4m, 4m, 5m, 6m];

    public static Trend TrendOf(int districtIndex) => TrendCycle[districtIndex % TrendCycle.Length];

    private double PopulationFactor => options.Scale / CityGenerator.FullScale;

    private DateOnly LastDay => new[] { new DateOnly(options.LastYear, 12, 31), options.Today.AddDays(-1) }.Min();

    public IReadOnlyList<WrittenFile> Run()
    {
        if (options.FirstYear > options.LastYear) throw new ArgumentException("--years: the first year is after the last.");
        _province = Hangzhou.Build(_random);
        _districts = _province.Children[0].Children;
        _trends = [.. _districts.Select((_, i) => TrendOf(i))];
        BuildOrgs();
        BuildRoster();
        Directory.CreateDirectory(options.OutDir);
        var files = new List<WrittenFile> { WriteRegions(), WritePopulation() };
        var records = new List<(int Year, List<Rec> Records)>();
        for (var year = options.FirstYear; year <= Math.Min(options.LastYear, LastDay.Year); year++)
        {
            var clean = SimulateYear(year);
            var padded = options.Padding > 0 ? Pad(year, clean) : [];
            records.Add((year, [.. clean.Concat(padded).OrderBy(r => r.Date).ThenBy(r => r.Id, StringComparer.Ordinal)]));
        }
        // The roster after the padding, which may register people just before an entry.
        files.Add(WriteRoster());
        foreach (var (year, list) in records) files.Add(WriteRecords(year, list));
        if (options.Padding > 0) files.Add(WriteLabels());
        return files;
    }

    // ------------------------------------------------------------------ organizations and volunteers

    private void BuildOrgs()
    {
        for (var d = 0; d < _districts.Count; d++)
        {
            var district = _districts[d];
            _orgs.Add(new Org($"{district.Name}志愿者协会", d, district.Code, false, 3m));
            _orgs.Add(new Org($"{district.Name}青年志愿服务队", d, district.Code, _random.NextDouble() < 0.5, 3m));
            foreach (var street in district.Children)
            {
                _orgs.Add(new Org($"{street.Name}志愿服务站", d, street.Code, _random.NextDouble() < 0.2, 2m + _random.Next(3)));
                _orgs.Add(new Org($"{street.Name}邻里互助队", d, street.Code, false, 2m));
                _orgs.Add(new Org($"{street.Name}文明实践队", d, street.Code, _random.NextDouble() < 0.25, 3m));
            }
        }
    }

    private void BuildRoster()
    {
        var first = new DateOnly(options.FirstYear, 1, 1);
        for (var d = 0; d < _districts.Count; d++)
        {
            var district = _districts[d];
            var population = district.RealPopulation * PopulationFactor;
            var rate0 = 0.055 + 0.06 * ((d * 7) % 13) / 12.0;
            var stock = (int)Math.Round(population * rate0);
            for (var i = 0; i < stock; i++)
                AddVolunteer(d, first.AddDays(-1 - _random.Next(365 * 6)));
            for (var year = options.FirstYear; year <= options.LastYear; year++)
            {
                var k = year - options.FirstYear;
                var growth = _trends[d] switch
                {
                    Trend.SpeedUp => 0.014 * Math.Pow(1.25, k),
                    Trend.Stall => 0.020 * Math.Pow(0.45, k),
                    Trend.YearEndRush => 0.013,
                    _ => 0.015,
                };
                var weights = DayWeights(year, d, registrations: true);
                var n = (int)Math.Round(population * growth);
                for (var i = 0; i < n; i++)
                {
                    var date = Sample(weights, year);
                    if (date <= LastDay) AddVolunteer(d, date);
                }
            }
        }
        // Cancellations: about 1.5 % of the roster a year, on a random day.
        foreach (var v in _volunteers)
            for (var year = Math.Max(options.FirstYear, v.RegisteredAt.Year); year <= options.LastYear && v.CancelledAt is null; year++)
                if (_random.NextDouble() < 0.015)
                {
                    var date = new DateOnly(year, 1, 1).AddDays(_random.Next(365));
                    if (date > v.RegisteredAt && date <= LastDay) v.CancelledAt = date;
                }
    }

    private Volunteer AddVolunteer(int district, DateOnly registeredAt, bool paddingOnly = false, string? street = null)
    {
        var d = _districts[district];
        var streetRegion = street is not null ? d.Children.First(s => s.Code == street) : d.Children[_random.Next(d.Children.Count)];
        var roll = _random.NextDouble();
        var home = roll < 0.05 ? d.Code : roll < 0.15 || streetRegion.Children.Count == 0
            ? streetRegion.Code
            : streetRegion.Children[_random.Next(streetRegion.Children.Count)].Code;
        var orgs = Enumerable.Range(0, _orgs.Count).Where(o => _orgs[o].District == district && (_orgs[o].Street == streetRegion.Code || _orgs[o].Street == d.Code)).ToList();
        var org = orgs[_random.Next(orgs.Count)];
        var u = _random.NextDouble();
        var v = new Volunteer
        {
            Id = $"V{_volunteers.Count + 1:D8}", District = district, Home = home, Org = org, RegisteredAt = registeredAt,
            Propensity = 0.6 + 0.9 * u * u, Intensity = 0.5 + _random.NextDouble(), PaddingOnly = paddingOnly,
        };
        _orgs[org].Members.Add(_volunteers.Count);
        _volunteers.Add(v);
        return v;
    }

    // ------------------------------------------------------------------ seasonality

    /// <summary>Lunar New Year's Day (正月初一) of a Gregorian year.</summary>
    public static DateOnly SpringFestival(int year) =>
        DateOnly.FromDateTime(new ChineseLunisolarCalendar().ToDateTime(year, 1, 1, 0, 0, 0, 0));

    private static readonly double[] MonthWeights = [0.9, 0.8, 1.45, 1.0, 1.0, 0.95, 1.25, 1.25, 1.0, 0.9, 1.0, 1.1];

    /// <summary>Relative weight of each day of the year for service (or for new registrations) in one district.</summary>
    private double[] DayWeights(int year, int district, bool registrations = false)
    {
        var start = new DateOnly(year, 1, 1);
        var days = DateTime.IsLeapYear(year) ? 366 : 365;
        var festival = SpringFestival(year);
        var w = new double[days];
        for (var i = 0; i < days; i++)
        {
            var date = start.AddDays(i);
            var x = MonthWeights[date.Month - 1];
            if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) x *= registrations ? 0.8 : 1.5;
            var fromFestival = date.DayNumber - festival.DayNumber;
            if (fromFestival is >= -10 and <= 7) x *= 0.25; // 春节: everybody is home
            if (date.Month == 3 && date.Day is >= 1 and <= 10) x *= 1.8; // 3-5 学雷锋纪念日
            if (date.Month == 12 && date.Day is >= 1 and <= 8) x *= 2.2; // 12-5 国际志愿者日
            if (date.Month is 7 or 8 && registrations) x *= 1.4; // students register for the summer
            switch (_trends[district])
            {
                case Trend.YearEndRush when date.Month == 11: x *= 1.6; break;
                case Trend.YearEndRush when date.Month == 12: x *= 2.8; break;
                case Trend.SpeedUp: x *= 0.7 + 0.6 * i / days; break;
                case Trend.Stall: x *= 1.2 - 0.4 * i / days; break;
            }
            w[i] = x;
        }
        for (var i = 1; i < days; i++) w[i] += w[i - 1];
        return w;
    }

    private DateOnly Sample(double[] cumulative, int year)
    {
        var r = _random.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, r);
        if (i < 0) i = ~i;
        return new DateOnly(year, 1, 1).AddDays(Math.Min(i, cumulative.Length - 1));
    }

    // ------------------------------------------------------------------ service

    private string NextRecordId(int year) => $"SR{year}{_nextRecord++:D8}";

    private List<Rec> SimulateYear(int year)
    {
        var records = new List<Rec>();
        var k = year - options.FirstYear;
        var weights = Enumerable.Range(0, _districts.Count).Select(d => DayWeights(year, d)).ToArray();
        var yearStart = new DateOnly(year, 1, 1);
        var yearEnd = new[] { new DateOnly(year, 12, 31), LastDay }.Min();
        var dayTotals = new Dictionary<(int, DateOnly), decimal>();
        for (var vi = 0; vi < _volunteers.Count; vi++)
        {
            var v = _volunteers[vi];
            if (v.PaddingOnly) continue;
            var from = v.RegisteredAt > yearStart ? v.RegisteredAt : yearStart;
            var to = v.CancelledAt is { } c && c.AddDays(-1) < yearEnd ? c.AddDays(-1) : yearEnd;
            if (from > to) continue;
            // Districts differ in how many of their volunteers serve and how much, so some meet the targets and some do not.
            var baseActivity = 0.66 + 0.2 * ((v.District * 5) % 13) / 12.0;
            var baseIntensity = 0.75 + 0.6 * ((v.District * 8) % 13) / 12.0;
            var (activity, intensity) = _trends[v.District] switch
            {
                Trend.SpeedUp => (baseActivity - 0.06 + 0.04 * k, baseIntensity * (0.85 + 0.12 * k)),
                Trend.Stall => (baseActivity + 0.03 - 0.03 * k, baseIntensity * (1.05 - 0.07 * k)),
                _ => (baseActivity, baseIntensity),
            };
            if (_random.NextDouble() > Math.Min(0.98, activity * v.Propensity)) continue;
            var days = 1 + Poisson(8.0 * intensity * v.Intensity);
            for (var i = 0; i < days; i++)
            {
                var date = Sample(weights[v.District], year);
                for (var tries = 0; (date < from || date > to) && tries < 10; tries++) date = Sample(weights[v.District], year);
                if (date < from || date > to) date = from.AddDays(_random.Next(to.DayNumber - from.DayNumber + 1));
                var hours = HoursChoices[_random.Next(HoursChoices.Length)];
                var key = (vi, date);
                if (dayTotals.GetValueOrDefault(key) + hours > 12) continue;
                dayTotals[key] = dayTotals.GetValueOrDefault(key) + hours;
                var org = _random.NextDouble() < 0.85 ? v.Org : _orgs.FindIndex(o => o.District == v.District && o.Street == _districts[v.District].Code);
                records.Add(new Rec(NextRecordId(year), vi, org, date, hours, Categories[_random.Next(Categories.Length)]));
            }
        }
        // Genuine group events: organizations that run one every month, on a Saturday, the same hours for all.
        for (var oi = 0; oi < _orgs.Count; oi++)
        {
            var org = _orgs[oi];
            if (!org.RegularEvents) continue;
            for (var month = 1; month <= 12; month++)
            {
                var saturdays = Enumerable.Range(0, DateTime.DaysInMonth(year, month)).Select(d => new DateOnly(year, month, 1).AddDays(d))
                    .Where(d => d.DayOfWeek == DayOfWeek.Saturday && d <= yearEnd && Math.Abs(d.DayNumber - SpringFestival(year).DayNumber) > 10).ToList();
                if (saturdays.Count == 0) continue;
                var date = saturdays[_random.Next(saturdays.Count)];
                var members = org.Members.Where(m => _volunteers[m].RegisteredAt <= date && !_volunteers[m].PaddingOnly
                    && (_volunteers[m].CancelledAt is null || _volunteers[m].CancelledAt > date)).ToList();
                var size = Math.Min(60, (int)(members.Count * 0.5));
                if (size < 12) continue;
                size = Math.Max(12, size - _random.Next(size / 4 + 1));
                foreach (var m in members.OrderBy(_ => _random.Next()).Take(size))
                {
                    if (dayTotals.GetValueOrDefault((m, date)) + org.EventHours > 12) continue;
                    dayTotals[(m, date)] = dayTotals.GetValueOrDefault((m, date)) + org.EventHours;
                    records.Add(new Rec(NextRecordId(year), m, oi, date, org.EventHours, "社区服务"));
                }
            }
        }
        return records;
    }

    private int Poisson(double lambda)
    {
        var l = Math.Exp(-lambda);
        var k = 0;
        var p = 1.0;
        do { k++; p *= _random.NextDouble(); } while (p > l && k < 200);
        return k - 1;
    }

    // ------------------------------------------------------------------ padding

    private List<Rec> Pad(int year, List<Rec> clean)
    {
        var padded = new List<Rec>();
        var yearStart = new DateOnly(year, 1, 1);
        var yearEnd = new[] { new DateOnly(year, 12, 31), LastDay }.Min();
        var budget = options.Padding * clean.Count;
        var activeThisYear = clean.Select(r => r.Volunteer).ToHashSet();
        var servedDays = clean.GroupBy(r => (r.Volunteer, r.Date)).ToDictionary(g => g.Key, g => g.Sum(r => r.Hours));

        void Add(Rec r, string kind, int ev)
        {
            padded.Add(r);
            _labels.Add(new Label(r.Id, kind, ev, year));
        }

        DateOnly RandomDay(DateOnly from, DateOnly to) => from.AddDays(_random.Next(Math.Max(1, to.DayNumber - from.DayNumber + 1)));

        List<int> Inactive(int district, DateOnly date) => Enumerable.Range(0, _volunteers.Count)
            .Where(i => _volunteers[i].District == district && !activeThisYear.Contains(i) && !_volunteers[i].PaddingOnly
                && _volunteers[i].RegisteredAt <= date && (_volunteers[i].CancelledAt is null || _volunteers[i].CancelledAt > date))
            .ToList();

        // Bulk entry: 45 % of the padded records.
        for (var spent = 0.0; spent < budget * 0.45;)
        {
            var ev = _nextEvent++;
            var oi = PickOrg(regular: false);
            var org = _orgs[oi];
            var date = RandomDay(yearStart, yearEnd);
            while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) date = date.AddDays(1);
            if (date > yearEnd) date = yearEnd;
            var size = 20 + _random.Next(41);
            var hours = new[] { 3m, 4m, 6m, 8m }[_random.Next(4)];
            var mode = _random.NextDouble();
            var people = mode < 0.5
                ? Inactive(org.District, date).OrderBy(_ => _random.Next()).Take(size).ToList()
                : mode < 0.75
                    ? Enumerable.Range(0, size).Select(_ =>
                    {
                        AddVolunteer(org.District, date.AddDays(-1 - _random.Next(20)), true, org.Street.Length == 9 ? org.Street : null);
                        return _volunteers.Count - 1;
                    }).ToList()
                    : org.Members.Where(m => activeThisYear.Contains(m) && _volunteers[m].RegisteredAt <= date && _volunteers[m].CancelledAt is null)
                        .OrderBy(_ => _random.Next()).Take(size).ToList();
            people = [.. people.Where(p => servedDays.GetValueOrDefault((p, date)) + hours <= 24)];
            spent += Math.Max(1, people.Count);
            if (people.Count < 15) continue; // "many volunteers at once": an organization without that many people is not a bulk entry
            foreach (var p in people)
                Add(new Rec(NextRecordId(year), p, oi, date, hours, "社区服务"), "bulk_entry", ev);
        }
        // Burst before the year-end evaluation: 25 %; varied hours, for people who serve on no other day.
        var evaluationWindowStart = new DateOnly(year, 11, 15);
        if (yearEnd >= evaluationWindowStart)
            for (var spent = 0.0; spent < budget * 0.25;)
            {
                var ev = _nextEvent++;
                var oi = PickOrg(regular: false);
                var org = _orgs[oi];
                var date = RandomDay(evaluationWindowStart, yearEnd);
                var size = 15 + _random.Next(26);
                var people = Inactive(org.District, date).OrderBy(_ => _random.Next()).Take(size).ToList();
                spent += Math.Max(1, people.Count);
                if (people.Count < 15) continue;
                foreach (var p in people)
                    Add(new Rec(NextRecordId(year), p, oi, date, HoursChoices[_random.Next(HoursChoices.Length)] + 2, "社区服务"), "burst", ev);
            }
        // Over 24 hours in a day: a record on top of a day already served, taking it past 24 hours.
        var days = servedDays.Keys.ToList();
        var over = Math.Max(1, (int)Math.Round(budget * 0.15 / 1.5));
        for (var i = 0; i < over && days.Count > 0; i++)
        {
            var ev = _nextEvent++;
            var (vi, date) = days[_random.Next(days.Count)];
            var missing = 24 - servedDays[(vi, date)];
            var first = Math.Min(24m, missing / 2 + 4);
            var second = missing - first + 1 + _random.Next(6);
            Add(new Rec(NextRecordId(year), vi, _volunteers[vi].Org, date, first, "社区服务"), "over_24h", ev);
            if (second > 0) Add(new Rec(NextRecordId(year), vi, _volunteers[vi].Org, date, Math.Min(24m, second), "社区服务"), "over_24h", ev);
        }
        // Service dated before the registration: volunteers who registered this year, hours weeks before that.
        var late = Enumerable.Range(0, _volunteers.Count)
            .Where(i => _volunteers[i].RegisteredAt.Year == year && _volunteers[i].RegisteredAt.DayOfYear > 60 && !_volunteers[i].PaddingOnly
                && _volunteers[i].RegisteredAt <= yearEnd)
            .ToList();
        var before = Math.Max(1, (int)Math.Round(budget * 0.15));
        for (var i = 0; i < before && late.Count > 0; i++)
        {
            var ev = _nextEvent++;
            var vi = late[_random.Next(late.Count)];
            var n = 1 + _random.Next(2);
            for (var j = 0; j < n; j++)
            {
                var date = _volunteers[vi].RegisteredAt.AddDays(-5 - _random.Next(55));
                if (date.Year != year) continue;
                Add(new Rec(NextRecordId(year), vi, _volunteers[vi].Org, date, HoursChoices[_random.Next(HoursChoices.Length)], "社区服务"), "before_registration", ev);
            }
        }
        return padded;
    }

    private int PickOrg(bool regular)
    {
        while (true)
        {
            var oi = _random.Next(_orgs.Count);
            if (_orgs[oi].RegularEvents == regular) return oi;
        }
    }

    // ------------------------------------------------------------------ files

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private WrittenFile Write(string name, string[] header, IEnumerable<string?[]> rows)
    {
        var count = 0;
        using (var csv = new CsvExport(Path.Combine(options.OutDir, name), CsvExport.Utf8, "\n"))
        {
            csv.Row(header);
            foreach (var row in rows)
            {
                csv.Row(row);
                count++;
            }
        }
        return new WrittenFile(name, count, new Dictionary<string, int>());
    }

    private WrittenFile WriteRegions() =>
        Write("01_regions.csv", ["区划代码", "名称", "上级代码", "级别"],
            Hangzhou.Flatten(_province).Select(r => new string?[] { r.Code, r.Name, r.ParentCode, r.Level }));

    private WrittenFile WritePopulation()
    {
        var rows = new List<string?[]>();
        foreach (var r in Hangzhou.Flatten(_province).Skip(1))
            for (var year = options.FirstYear; year <= options.LastYear; year++)
            {
                var growth = 1 + 0.008 * (year - options.LastYear);
                rows.Add([r.Code, year.ToString(CultureInfo.InvariantCulture),
                    Math.Max(1, (long)Math.Round(r.RealPopulation * PopulationFactor * growth)).ToString(CultureInfo.InvariantCulture)]);
            }
        return Write("02_population.csv", ["区划代码", "年份", "常住人口"], rows);
    }

    private WrittenFile WriteRoster() =>
        Write("03_registrations.csv", ["志愿者编号", "注册时间", "所属区划代码", "所属组织", "状态", "注销时间"],
            _volunteers.Select(v => new string?[]
            {
                v.Id, D(v.RegisteredAt), v.Home, _orgs[v.Org].Name, v.CancelledAt is null ? "正常" : "注销",
                v.CancelledAt is { } c ? D(c) : "",
            }));

    private WrittenFile WriteRecords(int year, List<Rec> records) =>
        Write($"04_service_records_{year}.csv", ["记录编号", "志愿者编号", "项目编号", "项目名称", "发布组织", "服务日期", "服务时长（小时）", "服务类别"],
            records.Select(r => new string?[]
            {
                r.Id, _volunteers[r.Volunteer].Id, $"P{r.Org:D4}", _orgs[r.Org].Name + r.Category + "活动", _orgs[r.Org].Name, D(r.Date),
                r.Hours.ToString("0.##", CultureInfo.InvariantCulture), r.Category,
            }));

    private WrittenFile WriteLabels() =>
        Write("labels.csv", ["record_id", "kind", "event", "year"],
            _labels.Select(l => new string?[] { l.RecordId, l.Kind, l.Event.ToString(CultureInfo.InvariantCulture), l.Year.ToString(CultureInfo.InvariantCulture) }));
}
