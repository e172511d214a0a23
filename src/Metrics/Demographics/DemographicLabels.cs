namespace VolunteerStats.Metrics.Demographics;

/// <summary>What people read for a dimension and a value, in Chinese or English; a missing value reads 未填写 (not given).</summary>
public static class DemographicLabels
{
    public static string Dimension(string dimension, bool english) => (dimension, english) switch
    {
        (DemographicsService.Age, false) => "年龄段",
        (DemographicsService.Gender, false) => "性别",
        (DemographicsService.Political, false) => "政治面貌",
        (DemographicsService.Organization, false) => "所属组织",
        (DemographicsService.Category, false) => "服务类别",
        (DemographicsService.Age, true) => "Age band",
        (DemographicsService.Gender, true) => "Gender",
        (DemographicsService.Political, true) => "Political status",
        (DemographicsService.Organization, true) => "Organization",
        (DemographicsService.Category, true) => "Service category (most hours)",
        _ => dimension,
    };

    public static string Value(string dimension, string? value, bool english) => value switch
    {
        null => english ? "Not given" : "未填写",
        DemographicsService.NoService => english ? "No service this year" : "本年无服务",
        DemographicsService.Others => english ? "Others" : "其他",
        "0-17" when dimension == DemographicsService.Age => english ? "Under 18" : "18岁以下",
        "18-35" when dimension == DemographicsService.Age => english ? "18–35" : "18–35岁",
        "36-45" when dimension == DemographicsService.Age => english ? "36–45" : "36–45岁",
        "46-59" when dimension == DemographicsService.Age => english ? "46–59" : "46–59岁",
        "60+" when dimension == DemographicsService.Age => english ? "60 and over" : "60岁及以上",
        "男" when dimension == DemographicsService.Gender && english => "Male",
        "女" when dimension == DemographicsService.Gender && english => "Female",
        _ => value,
    };
}
