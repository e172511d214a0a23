using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using VolunteerStats.Reports.Briefings;
using VolunteerStats.Reports.Charts;
using VolunteerStats.Reports.Exports;

namespace VolunteerStats.Reports;

public static class ReportsHostExtensions
{
    /// <summary>Registers what turns indicators into documents people read: charts, the briefing, workbooks.
    /// Configuration: <c>Briefing</c> (<see cref="BriefingOptions"/>). Call <c>AddIngest()</c> and <c>AddMetrics()</c> first.</summary>
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BriefingOptions>().BindConfiguration(BriefingOptions.Section)
            .Validate(o => o.PdfTimeout > TimeSpan.Zero && o.PdfTimeout <= TimeSpan.FromMinutes(10), "Briefing:PdfTimeout must be between 0 and 10 minutes.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ChartService>();
        builder.Services.AddSingleton<WorkbookExporter>();
        builder.Services.AddSingleton<BriefingBuilder>();
        builder.Services.AddSingleton<BriefingWriter>();
        builder.Services.AddSingleton<PdfConverter>();
        builder.Services.AddSingleton<BriefingService>();
        builder.Services.AddHostedService<ReportsPrerequisites>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

}
