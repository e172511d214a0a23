namespace VolunteerStats.Generation;

/// <summary>A region of the generated city with its real resident population (persons, 2024).</summary>
public sealed record Region(string Code, string Name, string ParentCode, string Level, long RealPopulation)
{
    public List<Region> Children { get; } = [];
}

/// <summary>
/// 杭州市 (330100) with its real GB/T 2260 districts and a few real streets of each. Street and community
/// codes (9 and 12 digits) follow the statistical division scheme but are numbered here, not looked up.
/// Populations are the districts' published resident figures rounded; streets and communities get shares.
/// </summary>
public static class Hangzhou
{
    public const string ProvinceCode = "330000";
    public const string CityCode = "330100";

    /// <summary>District code, name, resident population, the registration rate the generator aims at, and streets.</summary>
    internal static readonly (string Code, string Name, long Population, double TargetRate, string[] Streets)[] Districts =
    [
        ("330102", "上城区", 1_380_000, 0.170, ["湖滨街道", "清波街道", "小营街道", "南星街道"]),
        ("330105", "拱墅区", 1_190_000, 0.150, ["米市巷街道", "湖墅街道", "小河街道", "拱宸桥街道"]),
        ("330106", "西湖区", 1_180_000, 0.145, ["北山街道", "西溪街道", "翠苑街道", "文新街道"]),
        ("330108", "滨江区", 560_000, 0.115, ["西兴街道", "长河街道", "浦沿街道"]),
        ("330109", "萧山区", 2_030_000, 0.105, ["城厢街道", "北干街道", "蜀山街道", "宁围街道"]),
        ("330110", "余杭区", 1_350_000, 0.095, ["五常街道", "闲林街道", "仓前街道", "良渚街道"]),
        ("330111", "富阳区", 840_000, 0.135, ["富春街道", "东洲街道", "春江街道"]),
        ("330112", "临安区", 650_000, 0.085, ["锦城街道", "锦北街道", "青山湖街道"]),
        ("330113", "临平区", 1_180_000, 0.110, ["临平街道", "东湖街道", "南苑街道"]),
        ("330114", "钱塘区", 800_000, 0.070, ["下沙街道", "白杨街道", "河庄街道"]),
        ("330122", "桐庐县", 460_000, 0.160, ["城南街道", "旧县街道", "桐君街道", "分水镇"]),
        ("330127", "淳安县", 330_000, 0.190, ["千岛湖镇", "文昌镇", "石林镇", "汾口镇"]),
        ("330182", "建德市", 440_000, 0.065, ["新安江街道", "洋溪街道", "更楼街道", "寿昌镇"]),
    ];

    private static readonly string[] CommunityStems =
    [
        "东坡", "劳动路", "柳营", "吴山", "定安", "青年路", "岳王", "南山", "长寿桥", "金钱巷", "清河坊", "湖滨",
        "潮鸣", "仓河下", "大塘巷", "卖鱼桥", "左家新村", "德胜", "和睦", "大关", "香积寺", "信义坊", "瓶窑", "古墩",
        "文鼎苑", "嘉绿", "竞舟", "益乐", "花园", "紫荆", "星洲", "缤纷", "江南", "白马湖", "冠山", "湘湖", "金山",
        "高桥", "新华", "银河", "映月", "凤凰", "山水", "桂花", "荷花池", "运河", "梅林", "江滨", "春江", "湖畔",
        "钱江", "云栖", "龙井", "翠苑", "学院", "塘苗", "莫干山", "湖光", "枫桥", "天目", "石门", "紫金", "锦绣",
    ];

    /// <summary>Builds the tree: province → city → districts → streets (9 digits) → communities (12 digits).</summary>
    public static Region Build(Random random)
    {
        var province = new Region(ProvinceCode, "浙江省", "", "省", 66_270_000);
        var city = new Region(CityCode, "杭州市", ProvinceCode, "市", Districts.Sum(d => d.Population));
        province.Children.Add(city);
        var stem = 0;
        foreach (var d in Districts)
        {
            var district = new Region(d.Code, d.Name, CityCode, "区县", d.Population);
            city.Children.Add(district);
            // The listed streets hold most of a district's residents; the rest live in streets not listed.
            var streetShares = Shares(random, d.Streets.Length, 0.85);
            for (var s = 0; s < d.Streets.Length; s++)
            {
                var streetName = d.Streets[s];
                var street = new Region($"{d.Code}{s + 1:000}", streetName, d.Code, streetName.EndsWith('镇') ? "镇" : "街道",
                    RoundTo(d.Population * streetShares[s], 100));
                district.Children.Add(street);
                var communities = 2 + random.Next(2);
                var communityShares = Shares(random, communities, 0.6);
                for (var c = 0; c < communities; c++)
                {
                    var suffix = streetName.EndsWith('镇') ? "村" : "社区";
                    var name = CommunityStems[stem++ % CommunityStems.Length] + suffix;
                    street.Children.Add(new Region($"{street.Code}{c + 1:000}", name, street.Code, suffix,
                        RoundTo(street.RealPopulation * communityShares[c], 10)));
                }
            }
        }
        return province;
    }

    public static IEnumerable<Region> Flatten(Region root)
    {
        yield return root;
        foreach (var child in root.Children)
            foreach (var r in Flatten(child))
                yield return r;
    }

    private static double[] Shares(Random random, int n, double total)
    {
        var w = Enumerable.Range(0, n).Select(_ => 0.6 + random.NextDouble()).ToArray();
        var sum = w.Sum();
        return w.Select(x => x / sum * total).ToArray();
    }

    private static long RoundTo(double value, long unit) => Math.Max(unit, (long)Math.Round(value / unit) * unit);
}
