using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VolunteerStats.Dashboard.Hosting;
using VolunteerStats.Ingest;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics;
using VolunteerStats.Reports;

namespace VolunteerStats.Cli.CommandLine;

/// <summary>Entry point of <c>./volstats</c>: parses the verb, builds the shared composition root, runs the command.</summary>
public static class CliApp
{
    public const string Usage = """
        VolunteerStats 志愿服务统计: volunteer-service indicators for civilization offices (文明办).

        Usage: ./volstats [--db PATH] VERB [options]

        Verbs:
          serve        Run the pipeline server: inbox → Hangfire jobs → DuckDB → API (the main job)
                         [--urls http://127.0.0.1:5080] [--data DIR] [--no-sample] [--storage inmemory|postgres --pg CONN]
          ingest       Load export files, one transaction each      [--kind K] [--format text|json] FILE...
          ingests      The files loaded, newest first               [--format table|csv|json]
          rejects      Rejected rows: file, line, reason, field     [--format table|csv|json]
          indicators   The three indicators, score, rank and gaps   --year Y [--through YYYY-MM]
                         [--level province|city|district|street|community] [--parent CODE|NAME] [--format table|csv|json]
          trend        Month-by-month indicators of one region      --region CODE|NAME --year Y [--format table|csv|json]
          stars        Star volunteers and leaderboards             --through YYYY-MM [--region CODE|NAME] [--top N] [--format table|csv|json]
          quality      Data-quality report                          [--format table|csv|json]
          generate     Write realistic sample exports of one city   --out DIR [--scale S] [--seed N]
                         [--years 2021-2024 [--padding 0.005]]  (multi-year monthly history, labelled padding)
          forecast     Year-end forecast, 80 % intervals, targets   --year Y --through YYYY-MM [--level L] [--parent CODE] [--format table|csv|json]
          anomalies    Hours that deserve a second look             --year Y [--through YYYY-MM] [--region CODE] [--format table|csv|json]
          chart        A chart as PNG or SVG                        ranking|trend|coverage --year Y [--through YYYY-MM]
                         [--level L] [--parent CODE] [--region CODE] --out FILE.png|FILE.svg
          briefing     The monthly 简报 as .docx, .html and .pdf    --month YYYY-MM [--region CODE] [--out DIR]
          export       Indicators, trend, stars, quality as .xlsx   --year Y [--through YYYY-MM] [--level L] [--parent CODE] --out FILE.xlsx

        Inputs (CSV in UTF-8 or GB18030/GBK, or XLSX: every sheet, each with its own header; the kind is told by the header):
          志愿者注册信息 registrations    志愿者编号, 注册时间, 所属区划代码 (+ 证件号码, 姓名, 状态, 注销时间, …)
          志愿服务时长记录 service hours  志愿者编号 or 证件号码, 服务日期, 服务时长(小时) or 服务时长(分钟)
          行政区划 regions                区划代码, 名称 (+ 上级代码, 级别)
          常住人口 population             区划代码, 年份, 常住人口

        The three indicators of region R, year Y, through month M (as of the month's last day):
          注册率 registration rate = registered volunteers / resident population        target ≥ 13 %
          活跃率 active rate       = volunteers with hours this year / registered        target ≥ 70 %
          人均时长 hours per head  = hours this year / registered volunteers             target ≥ 25 × M / 12 hours
          score = 100 × the mean of min(value / target, 1) over the three; an unknown value counts 0.
        docs/user-guide.md explains the formats, every reject reason and these rules in plain words.

        Global options:
          --db PATH    DuckDB file. Defaults to $VOLSTATS_DB, else data/volstats.duckdb in the repository.
                       An existing file that is not a VolunteerStats database is refused and left untouched.
          --help       This text.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        ParsedArgs parsed;
        try
        {
            parsed = new ParsedArgs(args);
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 64;
        }

        if (parsed.Verb is null || parsed.Verb == "help" || parsed.Has("--help") || parsed.Has("-h"))
        {
            Console.Out.WriteLine(Usage);
            return parsed.Verb is null && !parsed.Has("--help") && !parsed.Has("-h") ? 64 : 0;
        }

        try
        {
            return parsed.Verb switch
            {
                "ingest" => Run(parsed, Commands.IngestCommand.Run),
                "rejects" => Run(parsed, Commands.RejectsCommand.Run),
                "ingests" => Run(parsed, Commands.IngestsCommand.Run),
                "indicators" => Run(parsed, Commands.IndicatorsCommand.Run),
                "trend" => Run(parsed, Commands.TrendCommand.Run),
                "stars" => Run(parsed, Commands.StarsCommand.Run),
                "quality" => Run(parsed, Commands.QualityCommand.Run),
                "forecast" => Run(parsed, Commands.ForecastCommand.Run),
                "anomalies" => Run(parsed, Commands.AnomaliesCommand.Run),
                "chart" => Run(parsed, Commands.ChartCommand.Run),
                "briefing" => Run(parsed, Commands.BriefingCommand.Run),
                "export" => Run(parsed, Commands.ExportCommand.Run),
                "serve" => await Commands.ServeCommand.RunAsync(parsed, DatabasePath(parsed)),
                "generate" => Commands.GenerateCommand.Run(parsed),
                _ => throw new UsageException($"Unknown verb '{parsed.Verb}'. See ./volstats --help."),
            };
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 64;
        }
        catch (Exception e) when (e is IngestFailedException or DatabaseLockedException or FileNotFoundException or InvalidOperationException
            or VolunteerStats.Metrics.Indicators.IndicatorQueryException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message);
            return 2;
        }
    }

    public static string DatabasePath(ParsedArgs parsed) =>
        parsed.Get("--db")
        ?? (Environment.GetEnvironmentVariable("VOLSTATS_DB") is { Length: > 0 } env ? env
            : Path.Combine(Environment.GetEnvironmentVariable("VOLSTATS_HOME") ?? ".", "data", "volstats.duckdb"));

    public static bool IsDefaultDatabase(ParsedArgs parsed) =>
        parsed.Get("--db") is null && Environment.GetEnvironmentVariable("VOLSTATS_DB") is not { Length: > 0 };

    private static int Run(ParsedArgs parsed, Func<ParsedArgs, IServiceProvider, int> command)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = false,
        });
        builder.Configuration["Database:Path"] = DatabasePath(parsed);
        // A path the user typed must exist up to its folder; only the default data/ folder is created.
        builder.Configuration["Database:CreateFolder"] = IsDefaultDatabase(parsed) ? "true" : "false";
        builder.Logging.AddVolunteerStatsConsole(
            Environment.GetEnvironmentVariable("VOLSTATS_LOG") is { Length: > 0 } level && Enum.TryParse<LogLevel>(level, true, out var l) ? l : LogLevel.Warning);
        builder.AddIngest();
        builder.AddMetrics();
        builder.AddReports();
        using var host = builder.Build();
        return command(parsed, host.Services);
    }
}
