namespace VolunteerStats.Generation;

public sealed partial class CityGenerator
{
    // City-wide organizations; two carry a comma or ASCII quotes, which CSV exports must quote.
    private static readonly string[] CityOrganizations =
    [
        "杭州市青年志愿者协会", "杭州市红十字会志愿服务队", "杭州图书馆志愿者服务队", "杭州市公安局交警支队志愿者大队",
        "浙江大学青年志愿者指导中心", "杭州市阳光助残志愿服务队,西湖分队", "杭州市\"爱心驿站\"志愿服务队", "杭州市“小青荷”志愿者联盟",
    ];

    private static readonly (string Name, string Category)[] CityProjects =
    [
        ("西湖景区文明引导", "文明引导"), ("杭州图书馆阅读推广", "文化宣传"), ("地铁站点文明乘车引导", "交通引导"),
        ("杭州马拉松赛会服务", "大型赛会"), ("杭州东站春运志愿服务", "交通引导"), ("无偿献血宣传招募", "卫生健康"),
        ("文明交通引导,地铁1号线", "交通引导"), ("垃圾分类宣传\n（周末场）", "环境保护"), ("\"最美杭州人\"事迹宣讲", "文化宣传"),
        ("亚残运会城市志愿服务回访", "大型赛会"),
    ];

    private static readonly (string Name, string Category)[] StreetProjects =
    [
        ("垃圾分类督导", "环境保护"), ("关爱独居老人", "助老助残"), ("文明交通劝导", "交通引导"), ("社区环境整治", "环境保护"),
        ("四点半课堂", "教育助学"), ("反诈宣传进社区", "平安守护"), ("邻里互助", "社区服务"), ("防疫健康宣传", "卫生健康"),
    ];

    private static readonly (string Name, string Category)[] DistrictProjects =
    [
        ("新时代文明实践志愿服务", "文化宣传"), ("防汛防台应急志愿服务", "应急救援"), ("无偿献血志愿服务", "卫生健康"),
        ("助残帮扶志愿服务", "助老助残"),
    ];

    private void BuildProjects()
    {
        var n = 1;
        foreach (var (name, category) in CityProjects)
            _projects.Add(new Project($"XM330100{n++:000}", name, CityOrganizations[_random.Next(CityOrganizations.Length)], category, -1));
        foreach (var d in _districts)
        {
            var k = 1;
            foreach (var (name, category) in DistrictProjects)
                _projects.Add(new Project($"XM{d.Region.Code}{k++:000}", d.Region.Name + name, d.Region.Name + (k % 2 == 0 ? "新时代文明实践中心" : "青年志愿者协会"), category, d.Index));
            foreach (var street in d.Region.Children)
                for (var j = 0; j < 2; j++)
                {
                    var (name, category) = StreetProjects[_random.Next(StreetProjects.Length)];
                    _projects.Add(new Project($"XM{d.Region.Code}{k++:000}", street.Name + name, d.Region.Name + street.Name + "新时代文明实践所", category, d.Index));
                }
        }
    }

    private string PickOrganization(int district, Region street)
    {
        var d = _districts[district].Region;
        var u = _random.Next(100);
        if (u < 40) return d.Name + street.Name + "志愿者服务队";
        if (u < 65 && street.Children.Count > 0) return street.Children[_random.Next(street.Children.Count)].Name + "志愿服务站";
        if (u < 85) return d.Name + "青年志愿者协会";
        return CityOrganizations[_random.Next(CityOrganizations.Length)];
    }

    /// <summary>Service records: active volunteers, hours per volunteer heavy-tailed (a few become star volunteers).</summary>
    private void BuildRecords()
    {
        var yearStart = new DateOnly(Year, 1, 1);
        var yearEnd = Registration.EndOf(LastMonth);
        var candidates = new List<(Person Person, DateOnly From, DateOnly To, double Weight)>();
        foreach (var person in _persons)
        {
            var d = _districts[person.District];
            if (_random.NextDouble() >= d.Activity) continue;
            var from = new[] { yearStart, person.Registrations.Min(r => r.RegisteredOn) }.Max();
            // Hours stop once every registration of the person is cancelled.
            var to = person.Registrations.All(r => r.CancelledAt is not null) ? person.Registrations.Max(r => r.CancelledAt!.Value) : yearEnd;
            if (to < from) continue;
            var window = (to.DayNumber - from.DayNumber + 1) / (double)(yearEnd.DayNumber - yearStart.DayNumber + 1);
            candidates.Add((person, from, to, d.Intensity * Math.Exp(0.8 * NextGaussian()) * window));
        }
        var byDistrict = _projects.Where(p => p.District >= 0).GroupBy(p => p.District).ToDictionary(g => g.Key, g => g.ToArray());
        var total = RecordsAtScale1 * _options.Scale;
        var sum = candidates.Sum(c => c.Weight);
        foreach (var (person, from, to, weight) in candidates)
        {
            var expected = total * weight / sum;
            var count = Math.Min(250, (int)expected + (_random.NextDouble() < expected % 1 ? 1 : 0));
            for (var i = 0; i < count; i++)
            {
                var date = from.AddDays(_random.Next(to.DayNumber - from.DayNumber + 1));
                var registration = person.Registrations.Where(r => r.RegisteredOn <= date).OrderBy(r => r.CancelledAt is not null && r.CancelledAt <= date).First();
                var local = byDistrict[registration.District];
                var project = _random.Next(100) < 75 ? local[_random.Next(local.Length)] : _projects[_random.Next(CityProjects.Length)];
                var hours = HourChoices[_random.Next(HourChoices.Length)];
                _records.Add(new ServiceRecord { Registration = registration, Project = project, Date = date, Hours = hours, FirstHours = hours, IdNumberOnly = _random.Next(100) == 0 });
            }
        }
        // Record numbers follow the order the platform received them: by date.
        var ordered = _records.OrderBy(r => r.Date).ThenBy(_ => _random.Next()).ToList();
        _records.Clear();
        _records.AddRange(ordered);
        for (var i = 0; i < _records.Count; i++) _records[i].Id = $"FW{2_400_001 + i}";
    }

    private static readonly decimal[] HourChoices = [1m, 1m, 1.5m, 2m, 2m, 2m, 2.5m, 3m, 3m, 3m, 4m, 4m, 5m, 6m, 8m, 0.5m, 2m, 1.5m, 3.5m, 2m];
}
