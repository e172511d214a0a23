using VolunteerStats.Ingest.Headers;

namespace VolunteerStats.Tests.Headers;

/// <summary>FieldCatalog (src/Ingest/Headers/FieldCatalog.cs): header cells to contract fields.</summary>
public class FieldCatalogTests
{
    [Theory]
    [InlineData("服务时长（小时）", "hours")]
    [InlineData(" 服务时长 ", "hours")]
    [InlineData("时长(分钟)", "minutes")]
    [InlineData("服务时长（ｍｉｎｕｔｅｓ）", "minutes")]
    [InlineData("Service_Date", "service_date")]
    [InlineData("ｓｅｒｖｉｃｅ＿ｄａｔｅ", "service_date")]
    public void FieldFor_IgnoresCaseSpacesUnitsAndFullWidthForms(string header, string field) =>
        Assert.Equal(field, FieldCatalog.FieldFor(FileKind.ServiceRecords, header));
}
