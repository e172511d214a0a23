using VolunteerStats.Cli.CommandLine;

return await CliApp.RunAsync(args);
