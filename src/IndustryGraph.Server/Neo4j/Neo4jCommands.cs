using System.CommandLine;
using System.Diagnostics;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Cli;
using IndustryGraph.Server.Hosting;
using IndustryGraph.Server.Transfer;
using IndustryGraph.Storage.Neo4j;

namespace IndustryGraph.Server.Neo4j;

/// <summary><c>neo4j schema</c>, <c>neo4j init</c> and <c>migrate --from sqlite --to neo4j</c>.</summary>
public static class Neo4jCommands
{
    public static IEnumerable<Command> Build() => [Neo4jCommand(), MigrateCommand()];

    private static Command Neo4jCommand()
    {
        var schema = new Command("schema", "Print the constraints and indexes the Neo4j store needs (uniqueness on keys, full-text on names and aliases with the CJK analyzer).");
        schema.SetAction(_ =>
        {
            foreach (var statement in Neo4jSchema.Statements)
            {
                Console.WriteLine(statement + ";");
            }

            return 0;
        });

        var options = new StoreOptions();
        var init = new Command("init", "Apply those constraints and indexes to --neo4j-url/--neo4j-database (each is IF NOT EXISTS: running it again changes nothing).");
        options.AddTo(init);
        init.SetAction((parse, cancellationToken) =>
        {
            var settings = options.Read(parse) with { Kind = StoreKind.Neo4j };
            return CommandLine.WithStoreAsync(settings, async services =>
            {
                var schema = services.GetRequiredService<IStoreSchema>();
                await schema.ApplyAsync(cancellationToken);
                Console.WriteLine($"Applied {schema.Statements.Count} constraints and indexes to {services.GetRequiredService<IGraphStore>().Location}.");
                return 0;
            });
        });
        return new Command("neo4j", "The Neo4j store's schema.") { schema, init };
    }

    private static Command MigrateCommand()
    {
        var from = new Option<string>("--from") { Description = "The store to copy from.", DefaultValueFactory = _ => "sqlite" };
        from.AcceptOnlyFromAmong("sqlite");
        var to = new Option<string>("--to") { Description = "The store to copy into.", DefaultValueFactory = _ => "neo4j" };
        to.AcceptOnlyFromAmong("neo4j");
        var options = new StoreOptions();
        var command = new Command("migrate", "Copy the graph of the SQLite store (--db) into Neo4j (--neo4j-url, --neo4j-database) by stable keys, in batches, in one transaction; running it again changes nothing.")
        {
            from, to,
        };
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var settings = options.Read(parse);
            if (settings.IsMissingFile)
            {
                Console.Error.WriteLine($"--db: {settings.DbPath} does not exist; nothing to migrate.");
                return Task.FromResult(1);
            }

            return CommandLine.WithStoreAsync(settings with { Kind = StoreKind.Sqlite }, source =>
                CommandLine.WithStoreAsync(settings with { Kind = StoreKind.Neo4j }, target => MigrateAsync(
                    source.GetRequiredService<IGraphStore>(), target.GetRequiredService<IGraphStore>(), cancellationToken)));
        });
        return command;
    }

    public static async Task<int> MigrateAsync(IGraphStore source, IGraphStore target, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var progress = ProgressReporter.Create("migrate");
        progress.Phase($"reading {source.Location}");
        var graph = await source.ReadAllAsync(cancellationToken);
        progress.Phase($"writing {graph.Entities.Count:N0} entities, {graph.Relationships.Count:N0} relationships, {graph.Facts.Count:N0} facts to {target.Location}");
        progress.Start(graph.RowCount);
        var summary = await target.ImportAsync(graph, new ImportOptions(ImportMode.Merge) { Origin = $"migrate from {source.Location}", Progress = progress }, cancellationToken);
        progress.Dispose();
        Console.WriteLine($"Migrated {source.Location} to {target.Location}: {ImportCommand.Describe(summary)}; data version {summary.DataVersion}, {clock.Elapsed.TotalSeconds:0.0} s. " +
            "API keys and the audit trail stay in the source (keys are stored hashed; create new ones with keys create --store neo4j).");
        return 0;
    }
}
