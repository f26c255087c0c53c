using IndustryGraph.Server.Cli;

using IndustryGraph.Server.Hosting;

var parse = CommandLine.Build().Parse(args);
return await StorageFaultReporting.RunAsync(
    () => parse.InvokeAsync(new System.CommandLine.InvocationConfiguration { EnableDefaultExceptionHandler = false }),
    () => parse.GetValue<string>("--db"));
