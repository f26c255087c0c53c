using IndustryGraph.Server.Cli;

return await CommandLine.Build().Parse(args).InvokeAsync();
