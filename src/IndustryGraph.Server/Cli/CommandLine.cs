using System.CommandLine;
using IndustryGraph.Domain.Seed;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Hosting;
using IndustryGraph.Server.Seed;

namespace IndustryGraph.Server.Cli;

/// <summary>The one executable: serve (the default), seed validate, seed load.</summary>
public static class CommandLine
{
    public static RootCommand Build()
    {
        var urls = new Option<string>("--urls") { Description = "Where the server listens.", DefaultValueFactory = _ => ServerHost.DefaultUrls };
        var store = new StoreOptions();
        var seed = new Option<string>("--seed") { Description = "The seed folder a new store is loaded from.", DefaultValueFactory = _ => SeedFolder.Default };

        var cors = new Option<string?>("--cors-origins") { Description = $"Origins whose browser apps may call the API, comma-separated (default: {Cors.CorsFeature.Variable}, else none)." };
        var serve = new Command("serve", "Run the server: the workbench page at /, GraphQL at /graphql. A missing --db file, or an empty Neo4j database, is loaded from the seed.") { urls, seed, cors };
        store.AddTo(serve);
        serve.SetAction((parse, cancellationToken) => ServeAsync(parse.GetValue(urls)!, store.Read(parse), parse.GetValue(seed)!, parse.GetValue(cors), cancellationToken));

        var root = new RootCommand("IndustryGraph: a GraphQL knowledge graph of Zhengzhou's industrial parks, enterprises, industry chains and research partners.")
        {
            urls, seed, cors, serve, SeedCommand(), Reports.ReportCommand.Build(), Placements.PlacementsCommand.Build(),
        };
        store.AddTo(root);
        foreach (var command in Transfer.DataCommands.Build())
        {
            root.Subcommands.Add(command);
        }

        root.SetAction((parse, cancellationToken) => ServeAsync(parse.GetValue(urls)!, store.Read(parse), parse.GetValue(seed)!, parse.GetValue(cors), cancellationToken));
        return root;
    }

    /// <summary>Runs a command's work on the chosen store; a store option that cannot work is reported, not thrown.</summary>
    public static Task<int> WithStoreAsync(StoreSettings settings, Func<IServiceProvider, Task<int>> work) =>
        GuardedAsync(settings, async () =>
        {
            await using var services = StoreSelection.Open(settings);
            return await work(services);
        });

    /// <summary>Runs <paramref name="work"/>; a store that cannot be configured, reached or used is one line on stderr and exit code 1.</summary>
    private static async Task<int> GuardedAsync(StoreSettings settings, Func<Task<int>> work)
    {
        try
        {
            return await work();
        }
        catch (StoreSettingsException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 1;
        }
        catch (Exception exception) when (StoreFault(exception, settings) is { } message)
        {
            await Console.Error.WriteLineAsync(message);
            return 1;
        }
    }

    /// <summary>A remote store that cannot be reached or refuses: one line naming it, never a stack trace or a credential.</summary>
    private static string? StoreFault(Exception exception, StoreSettings settings) => exception switch
    {
        HttpRequestException or TaskCanceledException when settings.Kind == StoreKind.Neo4j =>
            $"the Neo4j store at {settings.Neo4jUrl} cannot be reached ({exception.Message}); check --neo4j-url and that the server runs",
        Storage.Neo4j.Neo4jQueryException refused =>
            $"the Neo4j store at {settings.Neo4jUrl} (database {settings.Neo4jDatabase}) refused: {refused.Message}",
        _ => null,
    };

    private static Task<int> ServeAsync(string urls, StoreSettings settings, string seed, string? cors, CancellationToken cancellationToken) =>
        GuardedAsync(settings, async () =>
        {
            WebApplication app;
            try
            {
                app = ServerHost.Build(new ServerOptions(urls, settings.DbPath, seed, cors) { Store = settings });
            }
            catch (SeedValidationException exception)
            {
                await Console.Error.WriteLineAsync($"The seed in {seed} cannot be loaded; nothing was written.");
                WriteErrors(exception.Errors);
                return 1;
            }

            await app.StartAsync(cancellationToken);
            var address = string.Join(", ", app.Urls);
            Console.WriteLine($"IndustryGraph serving {app.Services.GetRequiredService<IGraphStore>().Location}: the workbench at {address}/, GraphQL at {address}/graphql");
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        });

    private static Command SeedCommand()
    {
        var folder = new Argument<string>("folder") { Description = "A folder of seed CSV files.", DefaultValueFactory = _ => SeedFolder.Default };
        var validate = new Command("validate", "Check a seed folder and report every problem with file, line and column.") { folder };
        validate.SetAction(parse => Validate(parse.GetValue(folder)!) is null ? 1 : 0);

        var loadFolder = new Argument<string>("folder") { Description = "A folder of seed CSV files.", DefaultValueFactory = _ => SeedFolder.Default };
        var store = new StoreOptions();
        var load = new Command("load", "Validate a seed folder and make it the whole graph of the store, in one transaction.") { loadFolder };
        store.AddTo(load);
        load.SetAction(async (parse, cancellationToken) =>
        {
            var dataset = Validate(parse.GetValue(loadFolder)!);
            if (dataset is null)
            {
                return 1;
            }

            return await WithStoreAsync(store.Read(parse), async services =>
            {
                var graphStore = services.GetRequiredService<IGraphStore>();
                var summary = await graphStore.ImportAsync(dataset, ImportMode.Replace, cancellationToken);
                Console.WriteLine($"Loaded into {graphStore.Location}: {summary} (data version {summary.DataVersion}).");
                return 0;
            });
        });

        return new Command("seed", "Validate or load a folder in the seed CSV format (see seed/README.md).") { validate, load };
    }

    private static Domain.Graph.GraphDataset? Validate(string folder)
    {
        var result = SeedFolder.ReadWhole(folder);
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
