using System.CommandLine;

namespace IndustryGraph.Server.Transfer;

/// <summary>The commands that move data in and out of the store.</summary>
public static class DataCommands
{
    public static IEnumerable<Command> Build() => [ImportCommand.Build(), Register.ImportRegisterCommand.Build(), ExportCommand.Build(), GenerateCommand.Build(), BenchCommand.Build(), Access.KeysCommand.Build(), .. Neo4j.Neo4jCommands.Build()];
}
