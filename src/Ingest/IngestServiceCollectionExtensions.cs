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
    /// <summary>Registers the database, the site secret and the file ingest. Configuration: <c>Database:Path</c>, <c>SiteSecret:Path</c>.</summary>
    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration("Database");
        builder.Services.AddOptions<SiteSecretOptions>().BindConfiguration("SiteSecret");
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new Database(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, sp.GetServices<IIngestObserver>()));
        builder.Services.AddSingleton(sp => new SiteSecret(sp.GetRequiredService<IOptions<SiteSecretOptions>>().Value));
        builder.Services.AddSingleton<FileIngestor>();
        return builder;
    }
}
