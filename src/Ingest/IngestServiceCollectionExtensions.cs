using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VolunteerStats.Ingest.Identity;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Ingest;

public static class IngestHostExtensions
{
    /// <summary>
    /// Registers the database, the site secret and the file ingest. Configuration: <c>Database:Path</c>,
    /// <c>SiteSecret:Path</c>, <c>Jobs:TimeZone</c> (<see cref="LocalTimeOptions"/>).
    /// </summary>
    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration("Database");
        builder.Services.AddOptions<SiteSecretOptions>().BindConfiguration("SiteSecret");
        builder.Services.AddOptions<LocalTimeOptions>().BindConfiguration(LocalTimeOptions.Section)
            .Validate(o => LocalTimeOptions.IsKnownZone(o.TimeZone), "Jobs:TimeZone is not a time zone known to this machine (e.g. Asia/Shanghai).")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new Database(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, sp.GetServices<IIngestObserver>(),
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new SiteSecret(sp.GetRequiredService<IOptions<SiteSecretOptions>>().Value));
        builder.Services.AddSingleton<FileIngestor>();
        return builder;
    }
}
