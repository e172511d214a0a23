using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VolunteerStats.Reports.Briefings;
using VolunteerStats.Reports.Charts;

namespace VolunteerStats.Reports;

/// <summary>
/// At server start: says, once and in words, which system packages the charts and the briefing's PDF need and are
/// missing (the server runs either way; a chart without a CJK font fails with the same message instead of drawing boxes).
/// </summary>
public sealed class ReportsPrerequisites(PdfConverter pdf, ILogger<ReportsPrerequisites> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _ = ChartFonts.Family;
        }
        catch (CjkFontMissingException e)
        {
            logger.LogWarning("Charts: {Problem}", e.Message);
        }
        if (pdf.MissingPrerequisites() is { } missing)
            logger.LogWarning("Briefings: .docx and .html are written, but {Missing}", missing);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
