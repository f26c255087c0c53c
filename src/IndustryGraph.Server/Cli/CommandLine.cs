using System.CommandLine;
using IndustryGraph.Domain.Seed;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Hosting;
using IndustryGraph.Server.Seed;
using IndustryGraph.Storage.Sqlite;

namespace IndustryGraph.Server.Cli;

/// <summary>The one executable: serve (the default), seed validate, seed load.</summary>
public static class CommandLine
{
    public static RootCommand Build()
    {
        var urls = new Option<string>("--urls") { Description = "Where the server listens.", DefaultValueFactory = _ => ServerHost.DefaultUrls };
        var db = DbOption();
        var seed = new Option<string>("--seed") { Description = "The seed folder a new store is loaded from.", DefaultValueFactory = _ => SeedFolder.Default };

        var cors = new Option<string?>("--cors-origins") { Description = $"Origins whose browser apps may call the API, comma-separated (default: {Cors.CorsFeature.Variable}, else none)." };
        var serve = new Command("serve", "Run the server: the workbench page at /, GraphQL at /graphql. A missing --db file is created and loaded from the seed.") { urls, db, seed, cors };
        serve.SetAction((parse, cancellationToken) => ServeAsync(new ServerOptions(parse.GetValue(urls)!, parse.GetValue(db)!, parse.GetValue(seed)!, parse.GetValue(cors)), cancellationToken));

        var root = new RootCommand("IndustryGraph: a GraphQL knowledge graph of Zhengzhou's industrial parks, enterprises, industry chains and research partners.")
        {
            urls, db, seed, cors, serve, SeedCommand(), Reports.ReportCommand.Build(),
        };
        foreach (var command in Transfer.DataCommands.Build())
        {
            root.Subcommands.Add(command);
        }

        root.SetAction((parse, cancellationToken) => ServeAsync(new ServerOptions(parse.GetValue(urls)!, parse.GetValue(db)!, parse.GetValue(seed)!, parse.GetValue(cors)), cancellationToken));
        return root;
    }

    public static Option<string> DbOption() =>
        new("--db") { Description = "The SQLite database file.", DefaultValueFactory = _ => ServerHost.DefaultDb };

    private static async Task<int> ServeAsync(ServerOptions options, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = ServerHost.Build(options);
        }
        catch (SeedValidationException exception)
        {
            await Console.Error.WriteLineAsync($"The seed in {options.SeedFolder} cannot be loaded; nothing was written.");
            WriteErrors(exception.Errors);
            return 1;
        }

        await app.StartAsync(cancellationToken);
        var address = string.Join(", ", app.Urls);
        Console.WriteLine($"IndustryGraph serving {Path.GetFullPath(options.DbPath)}: the workbench at {address}/, GraphQL at {address}/graphql");
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    private static Command SeedCommand()
    {
        var folder = new Argument<string>("folder") { Description = "A folder of seed CSV files.", DefaultValueFactory = _ => SeedFolder.Default };
        var validate = new Command("validate", "Check a seed folder and report every problem with file, line and column.") { folder };
        validate.SetAction(parse => Validate(parse.GetValue(folder)!) is null ? 1 : 0);

        var loadFolder = new Argument<string>("folder") { Description = "A folder of seed CSV files.", DefaultValueFactory = _ => SeedFolder.Default };
        var db = DbOption();
        var load = new Command("load", "Validate a seed folder and make it the whole graph of --db, in one transaction.") { loadFolder, db };
        load.SetAction(async (parse, cancellationToken) =>
        {
            var dataset = Validate(parse.GetValue(loadFolder)!);
            if (dataset is null)
            {
                return 1;
            }

            var store = SqliteGraphStore.Open(parse.GetValue(db)!);
            var summary = await store.ImportAsync(dataset, ImportMode.Replace, cancellationToken);
            Console.WriteLine($"Loaded into {store.Path}: {summary} (data version {summary.DataVersion}).");
            return 0;
        });

        return new Command("seed", "Validate or load a folder in the seed CSV format (see seed/README.md).") { validate, load };
    }

    private static Domain.Graph.GraphDataset? Validate(string folder)
    {
        var result = SeedFolder.Read(folder);
        if (result.Dataset is null)
        {
            WriteErrors(result.Errors);
            Console.Error.WriteLine($"{result.Errors.Count} problem(s) in {folder}; nothing was loaded.");
            return null;
        }

        var dataset = result.Dataset;
        Console.WriteLine($"{folder}: valid — {dataset.Entities.Count} entities, {dataset.Relationships.Count} relationships, {dataset.Facts.Count} facts.");
        return dataset;
    }

    private static void WriteErrors(IEnumerable<SeedError> errors)
    {
        foreach (var error in errors)
        {
            Console.Error.WriteLine(error);
        }
    }
}
