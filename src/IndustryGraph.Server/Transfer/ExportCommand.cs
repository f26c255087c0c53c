using System.CommandLine;
using System.Diagnostics;
using System.Text;
using IndustryGraph.Server.Cli;
using IndustryGraph.Storage.Sqlite;

namespace IndustryGraph.Server.Transfer;

/// <summary><c>export --format csv|json|cypher|graphml --out PATH</c>.</summary>
public static class ExportCommand
{
    public static Command Build()
    {
        var format = new Option<string>("--format") { Description = "csv (a seed folder), json (one file import reads back), cypher (MERGE script for Neo4j 5) or graphml (Gephi, yEd).", Required = true };
        format.AcceptOnlyFromAmong("csv", "json", "cypher", "graphml");
        var output = new Option<string>("--out") { Description = "A folder for csv, a file for the other formats.", Required = true };
        var db = CommandLine.DbOption();
        var command = new Command("export", "Write the graph of --db in another format.") { format, output, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var clock = Stopwatch.StartNew();
            var store = SqliteGraphStore.Open(parse.GetValue(db)!);
            var graph = await store.ReadAllAsync(cancellationToken);
            var path = parse.GetValue(output)!;
            var exportFormat = Enum.Parse<ExportFormat>(parse.GetValue(format)!, ignoreCase: true);
            Export(graph, exportFormat, path);
            Console.WriteLine($"Exported {store.Path} as {exportFormat.ToString().ToLowerInvariant()} to {path}: {graph.Entities.Count:N0} entities, " +
                $"{graph.Relationships.Count:N0} relationships, {graph.Facts.Count:N0} facts in {clock.Elapsed.TotalSeconds:0.0} s.");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Writes the export next to its place under a temporary name and renames it into place when complete, so a
    /// failed export (full disk, a value a format cannot hold) leaves the earlier file, or none, never half of one.
    /// </summary>
    public static void Export(Domain.Graph.GraphDataset graph, ExportFormat format, string path)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (format == ExportFormat.Csv)
            {
                GraphExporter.WriteCsv(graph, temporary);
                MoveFolderInto(temporary, fullPath);
                return;
            }

            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Write(graph, format, file);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
            else if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static void Write(Domain.Graph.GraphDataset graph, ExportFormat format, Stream file)
    {
        switch (format)
        {
            case ExportFormat.Json:
                GraphExporter.WriteJson(graph, file);
                break;
            case ExportFormat.Cypher:
                using (var writer = new StreamWriter(file, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" })
                {
                    GraphExporter.WriteCypher(graph, writer);
                }

                break;
            default:
                GraphExporter.WriteGraphML(graph, file);
                break;
        }

        file.Flush();
    }

    /// <summary>A folder of complete files into place: renamed whole when the target does not exist, else file by file (each rename atomic).</summary>
    private static void MoveFolderInto(string written, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(written, target);
            return;
        }

        foreach (var file in Directory.GetFiles(written))
        {
            File.Move(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
    }
}
