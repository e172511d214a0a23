using Microsoft.Extensions.Hosting;

namespace VolunteerStats.Reports;

public static class ReportsHostExtensions
{
    /// <summary>Registers what turns indicators into documents people read: charts, the briefing, workbooks.
    /// Call <c>AddIngest()</c> and <c>AddMetrics()</c> first.</summary>
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        return builder;
    }
}
