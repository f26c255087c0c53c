using IndustryGraph.Server.Cli;

using IndustryGraph.Server.Hosting;

var parse = CommandLine.Build().Parse(args);
return await StorageFaultReporting.RunAsync(
    // On SIGTERM the server drains: the host stops taking requests and lets those in flight finish (its shutdown
    // timeout, 30 s, the same as a request's clock). The command line would otherwise end the process 2 s after the
    // signal, resetting them.
    () => parse.InvokeAsync(new System.CommandLine.InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(35) }),
    () => parse.GetValue<string>("--db"));
