using System.CommandLine;
using System.Diagnostics;
using System.Text;
using IndustryGraph.Server.Cli;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Hosting;

namespace IndustryGraph.Server.Transfer;

/// <summary><c>export --format csv|json|cypher|graphml --out PATH</c>.</summary>
public static class ExportCommand
{
    public static Command Build()
    {
        var format = new Option<string>("--format") { Description = "csv (a seed folder), json (one file import reads back), cypher (the Neo4j adapter's statements as a cypher-shell script) or graphml (Gephi, yEd).", Required = true };
        format.AcceptOnlyFromAmong("csv", "json", "cypher", "graphml");
        var output = new Option<string>("--out") { Description = "A folder for csv, a file for the other formats.", Required = true };
        var storeOptions = new StoreOptions();
        var command = new Command("export", "Write the graph of the store in another format.") { format, output };
        storeOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandLine.WithStoreAsync(storeOptions.Read(parse), async services =>
        {
            var clock = Stopwatch.StartNew();
            var store = services.GetRequiredService<IGraphStore>();
            var graph = await store.ReadAllAsync(cancellationToken);
            var path = parse.GetValue(output)!;
            var exportFormat = Enum.Parse<ExportFormat>(parse.GetValue(format)!, ignoreCase: true);
            Export(graph, exportFormat, path);
            Console.WriteLine($"Exported {store.Location} as {exportFormat.ToString().ToLowerInvariant()} to {path}: {graph.Entities.Count:N0} entities, " +
                $"{graph.Relationships.Count:N0} relationships, {graph.Facts.Count:N0} facts in {clock.Elapsed.TotalSeconds:0.0} s.");
            return 0;
        }));
        return command;
    }

    public static void Export(Domain.Graph.GraphDataset graph, ExportFormat format, string path)
    {
        if (format == ExportFormat.Csv)
        {
            GraphExporter.WriteCsv(graph, path);
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        switch (format)
        {
            case ExportFormat.Json:
                GraphExporter.WriteJson(graph, file);
                break;
            case ExportFormat.Cypher:
                using (var writer = new StreamWriter(file, new UTF8Encoding(false)) { NewLine = "\n" })
                {
                    Storage.Neo4j.CypherScript.Write(graph, writer);
                }

                break;
            default:
                GraphExporter.WriteGraphML(graph, file);
                break;
        }
    }
}
