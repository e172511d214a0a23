namespace VolunteerStats.Dashboard.Pages.Shared;

public enum Lang { Zh, En }

/// <summary>One piece of page text in both languages.</summary>
public sealed record L(string Zh, string En)
{
    public string this[Lang lang] => lang == Lang.Zh ? Zh : En;
}

/// <summary>Every string the pages show, in one place: Chinese first, English beside it.</summary>
public static class Str
{
    // Site
    public static readonly L Brand = new("志愿服务指标监测", "Volunteer Service Indicators");
    public static readonly L BrandSub = new("文明城市测评 · 志愿服务", "Civilized City evaluation · volunteering");
    public static readonly L NavOverview = new("总览", "Overview");
    public static readonly L NavRanking = new("排名", "Ranking");
    public static readonly L NavRegions = new("区划", "Regions");
    public static readonly L NavStars = new("星级志愿者", "Star volunteers");
    public static readonly L NavQuality = new("数据质量", "Data quality");
    public static readonly L NavUpload = new("上传数据", "Upload");
    public static readonly L NavScreen = new("大屏", "Big screen");
    public static readonly L NavUsers = new("用户管理", "Users");
    public static readonly L SignOut = new("退出", "Sign out");
    public static readonly L SwitchLanguage = new("English", "中文");
    public static readonly L DataAsOf = new("数据截至", "Data as of");
    public static readonly L LatestServiceDate = new("最新服务日期", "latest service date");
    public static readonly L LastFileLoaded = new("最近导入", "last file loaded");
    public static readonly L DataVersion = new("数据版本", "data version");
    public static readonly L DataUpdating = new("（新导入的数据正在计算，稍后刷新即可看到）", " (newly loaded data are being computed; reload shortly)");
    public static readonly L NoData = new("暂无数据：请先导入行政区划、人口、注册和服务时长文件。", "No data yet: load the regions, population, registration and service-hour files first.");
    public static readonly L Query = new("查询", "Show");
    public static readonly L Year = new("年度", "Year");
    public static readonly L Through = new("截至月份", "Through");
    public static readonly L Level = new("层级", "Level");
    public static readonly L Parent = new("上级区划", "Parent region");
    public static readonly L All = new("全部", "All");
    public static readonly L Forbidden = new("您的账号无权查看该区划。", "Your account may not see this region.");
    public static readonly L NotFound = new("没有这个区划。", "No such region.");
    public static readonly L Downloads = new("下载", "Download");
    public static readonly L Role = new("角色", "Role");

    // Levels
    public static readonly L Province = new("省", "Province");
    public static readonly L City = new("市", "City");
    public static readonly L District = new("区县", "District");
    public static readonly L Street = new("街道（乡镇）", "Street");
    public static readonly L Community = new("社区（村）", "Community");

    // Indicators
    public static readonly L RegistrationRate = new("注册率", "Registration rate");
    public static readonly L ActiveRate = new("活跃率", "Active rate");
    public static readonly L AvgHours = new("人均服务时长", "Hours per volunteer");
    public static readonly L AvgHoursShort = new("人均时长", "Avg hours");
    public static readonly L Target = new("目标", "Target");
    public static readonly L Met = new("达标", "Met");
    public static readonly L NotMet = new("未达标", "Not met");
    public static readonly L Unknown = new("未知", "Unknown");
    public static readonly L Rank = new("排名", "Rank");
    public static readonly L Code = new("区划代码", "Code");
    public static readonly L Name = new("名称", "Name");
    public static readonly L Population = new("常住人口", "Population");
    public static readonly L Registered = new("注册志愿者", "Registered");
    public static readonly L Active = new("活跃志愿者", "Active");
    public static readonly L TotalHours = new("服务总时长", "Total hours");
    public static readonly L HoursTarget = new("时长目标", "Hours target");
    public static readonly L Score = new("得分", "Score");
    public static readonly L VolunteersGap = new("注册缺口", "Registration gap");
    public static readonly L ActiveGap = new("活跃缺口", "Active gap");
    public static readonly L HoursGap = new("时长缺口", "Hours gap");
    public static readonly L GapNone = new("已达标", "met");
    public static readonly L HoursUnit = new("小时", "h");
    public static readonly L ThisMonth = new("本月", "This month");
    public static readonly L SinceLastMonth = new("较上月", "vs last month");
    public static readonly L MetCount = new("达标", "met");
    public static readonly L RegionsWord = new("个区划", "regions");

    public static string VolunteersNeeded(Lang lang, string n) => lang == Lang.Zh ? $"还差 {n} 名注册志愿者" : $"{n} more registered volunteers";
    public static string ActiveNeeded(Lang lang, string n) => lang == Lang.Zh ? $"还差 {n} 名活跃志愿者" : $"{n} more active volunteers";
    public static string HoursNeeded(Lang lang, string n) => lang == Lang.Zh ? $"还差 {n} 小时" : $"{n} more hours";
    public static string TargetIs(Lang lang, string t) => lang == Lang.Zh ? $"目标 ≥ {t}" : $"target ≥ {t}";
    public static string MetOf(Lang lang, int met, int all) => lang == Lang.Zh ? $"{met} / {all} 达标" : $"{met} of {all} met";

    // Ranking page
    public static readonly L RankingTitle = new("志愿服务指标排名", "Volunteer indicator ranking");
    public static readonly L RankingHint = new("点击表头排序，点击区划查看详情。✓ 达标　✗ 未达标　— 无数据", "Click a heading to sort, a region for its details. ✓ met  ✗ not met  — no data");
    public static readonly L AllThreeMet = new("三项全部达标", "all three met");
    public static string RankingHeading(Lang lang, string scope, string level, string month) =>
        lang == Lang.Zh ? $"{scope}各{level}志愿服务指标排名（{month}）" : $"{level} ranking{(scope.Length > 0 ? " in " + scope : "")}, {month}";

    // Region page
    public static readonly L Trend = new("逐月趋势", "Month by month");
    public static readonly L SubRegions = new("下级区划排名", "Sub-regions ranked");
    public static readonly L NoSubRegions = new("没有下级区划。", "No sub-regions.");
    public static readonly L WhoTheVolunteersAre = new("志愿者构成", "Who the volunteers are");
    public static readonly L Organization = new("所属组织", "Organization");
    public static readonly L NotGiven = new("未填写", "not given");
    public static readonly L NoVolunteersHere = new("该区划在本月末没有在册的注册志愿者。", "No registered volunteers in this region at the month end.");
    public static readonly L Figures = new("查看数据", "Figures");
    public static readonly L Total = new("合计", "Total");
    public static readonly L RankAmongSiblings = new("同级排名", "Rank among peers");

    // Overview
    public static readonly L OverviewTitle = new("总览", "Overview");
    public static readonly L YearEndForecast = new("年末预测", "Year-end forecast");
    public static readonly L Behind = new("落后区划", "Regions behind");
    public static readonly L SeeRanking = new("查看完整排名", "See the full ranking");

    // Stars
    public static readonly L StarsTitle = new("星级志愿者", "Star volunteers");
    public static readonly L StarsByRegion = new("各区划星级志愿者人数", "Star volunteers per region");
    public static readonly L TopVolunteers = new("志愿者时长排行", "Top volunteers by hours");
    public static readonly L TopOrganizations = new("组织时长排行", "Top organizations by hours");
    public static readonly L HoursThisYear = new("本年时长", "Hours this year");
    public static readonly L HoursCumulative = new("累计时长", "Cumulative hours");
    public static readonly L Stars = new("星级", "Stars");
    public static readonly L Volunteers = new("志愿者", "Volunteers");
    public static readonly L StarsRule = new("依据《志愿服务记录办法》：累计服务 100、300、600、1000、1500 小时分别为一至五星。姓名已脱敏。",
        "By the Volunteer Service Records Measures: 100, 300, 600, 1000, 1500 cumulative hours make one to five stars. Names are masked.");

    // Quality
    public static readonly L QualityTitle = new("数据质量", "Data quality");
    public static readonly L Check = new("检查项", "Check");
    public static readonly L Subject = new("对象", "Subject");
    public static readonly L Rows = new("行数", "Rows");
    public static readonly L Example = new("示例", "Example");
    public static readonly L QualityTrend = new("每晚质量快照趋势", "Nightly quality snapshots");
    public static readonly L NoSnapshots = new("尚无质量快照（服务器每晚 02:30 记录一次）。", "No snapshots yet (the server takes one at 02:30 every night).");
    public static readonly L Files = new("已导入文件", "Files loaded");
    public static readonly L File = new("文件", "File");
    public static readonly L Kind = new("类型", "Kind");
    public static readonly L LoadedAt = new("导入时间", "Loaded at");
    public static readonly L RowsRead = new("读取", "Read");
    public static readonly L Inserted = new("新增", "Inserted");
    public static readonly L Updated = new("更新", "Updated");
    public static readonly L Unchanged = new("未变", "Unchanged");
    public static readonly L Unmatched = new("未匹配", "Unmatched");
    public static readonly L Rejected = new("拒收", "Rejected");
    public static readonly L AllClean = new("全部通过", "all clean");

    public static readonly Dictionary<string, L> Checks = new()
    {
        ["rejects"] = new("拒收行（文件 / 原因）", "Rejected rows (file / reason)"),
        ["unmatched_records"] = new("未匹配到志愿者的服务记录", "Service records without a volunteer"),
        ["regions_without_population"] = new("缺少常住人口的区划", "Regions without population"),
        ["codes_not_in_regions"] = new("不在区划表中的区划代码", "Codes missing from the regions list"),
        ["id_check_digit_wrong"] = new("身份证校验位错误", "Wrong ID check digit"),
        ["volunteer_days_over_24h"] = new("单日服务超过 24 小时", "Volunteer-days over 24 hours"),
        ["records_before_registration"] = new("服务日期早于注册日期", "Service before registration"),
    };

    public static readonly Dictionary<string, L> Kinds = new()
    {
        ["registrations"] = new("志愿者注册信息", "Registrations"),
        ["service_records"] = new("志愿服务时长记录", "Service records"),
        ["regions"] = new("行政区划", "Regions"),
        ["population"] = new("常住人口", "Population"),
    };

    // Upload
    public static readonly L UploadTitle = new("上传数据文件", "Upload export files");
    public static readonly L UploadDrop = new("把导出文件拖到这里，或点击选择（可多选）", "Drop export files here, or click to choose (several at once)");
    public static readonly L UploadHint = new("支持四类文件：志愿者注册信息、志愿服务时长记录、行政区划、常住人口；CSV（UTF-8 或 GBK）或 Excel。",
        "Four kinds of file: registrations, service records, regions, population; CSV (UTF-8 or GBK) or Excel.");
    public static readonly L UploadWaiting = new("等待导入…", "Waiting for the load…");
    public static readonly L UploadDone = new("导入完成", "Loaded");
    public static readonly L UploadFailed = new("导入失败", "Failed");

    // Screen
    public static readonly L ScreenTitle = new("志愿服务指标大屏", "Volunteer indicators");
    public static readonly L ScreenOffline = new("服务器暂时无法连接，正在重试…", "Server unreachable, retrying…");

    public static L LevelName(string level) => level switch
    {
        "province" => Province,
        "city" => City,
        "district" => District,
        "street" => Street,
        _ => Community,
    };
}
