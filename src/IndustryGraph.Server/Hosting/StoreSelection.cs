using System.CommandLine;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Seed;
using IndustryGraph.Storage.Neo4j;
using IndustryGraph.Storage.Sqlite;

namespace IndustryGraph.Server.Hosting;

public enum StoreKind
{
    Sqlite,
    Neo4j,
}

/// <summary>Which store a command or the server uses. Neo4j credentials come from the environment, never from here.</summary>
public sealed record StoreSettings(StoreKind Kind, string DbPath, string? Neo4jUrl = null, string Neo4jDatabase = StoreSelection.DefaultNeo4jDatabase)
{
    public static StoreSettings Sqlite(string path) => new(StoreKind.Sqlite, path);

    /// <summary>How long a write waits for a lock another process holds on the file (--store sqlite); the adapter's default when null.</summary>
    public TimeSpan? BusyTimeout { get; init; }

    /// <summary>An embedded file that does not exist yet: it is created on open, so the seed is validated before.</summary>
    public bool IsMissingFile => Kind == StoreKind.Sqlite && !File.Exists(DbPath);
}

/// <summary>
/// The one place that picks the store adapter (<c>--store sqlite|neo4j</c>), for <c>serve</c> and for every
/// command that touches a store. Everything else asks the container for the ports.
/// </summary>
public static class StoreSelection
{
    public const string DefaultNeo4jDatabase = "neo4j";

    /// <summary>What a storage exception means for people (full disk, read-only, damaged, locked), from the adapter that knows its errors; null when it is no storage fault.</summary>
    public static StorageFault? ClassifyFault(Exception exception, string? path) => SqliteFaults.Classify(exception, path);

    public static IServiceCollection AddStore(this IServiceCollection services, StoreSettings settings) => settings.Kind switch
    {
        StoreKind.Neo4j => services.AddNeo4jStore(Neo4jSettingsOf(settings)),
        _ => services.AddSqliteStore(settings.DbPath, settings.BusyTimeout is { } busyTimeout ? new SqliteStoreOptions { BusyTimeout = busyTimeout } : null),
    };

    /// <summary>The Neo4j address and database of the options, with credentials from the environment.</summary>
    public static Neo4jSettings Neo4jSettingsOf(StoreSettings settings)
    {
        try
        {
            return Neo4jSettings.FromEnvironment(
                settings.Neo4jUrl ?? throw new StoreSettingsException("--store neo4j needs --neo4j-url (for example https://neo4j.example.org:7473)"),
                settings.Neo4jDatabase, Environment.GetEnvironmentVariable);
        }
        catch (Neo4jSettingsException exception)
        {
            throw new StoreSettingsException(exception.Message);
        }
    }

    /// <summary>Lets go of the embedded store's files (pooled connections), so a command can delete a store it made.</summary>
    public static void ReleaseStoreFiles() => Storage.Sqlite.SqliteStoreFiles.Release();

    /// <summary>Deletes an embedded store a command created, with its journal files.</summary>
    public static void RemoveStoreFiles(string dbPath) => Storage.Sqlite.SqliteStoreFiles.Remove(dbPath);

    /// <summary>The ports of the chosen store for a command (no web host); dispose it when done.</summary>
    public static ServiceProvider Open(StoreSettings settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddStore(settings);
        Placements.PlacementSuggesterFeature.AddPlacementSuggester(services);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// Opens the store; an empty one (a new file, or a database never written to) is filled from the seed folder
    /// first, all or nothing. A new file's seed is validated before the file is created, so a broken seed leaves
    /// nothing behind.
    /// </summary>
    public static async Task<IGraphStore> OpenWithSeedAsync(IServiceProvider services, StoreSettings settings, string seedFolder, CancellationToken cancellationToken = default)
    {
        var dataset = settings.IsMissingFile ? SeedFolder.ReadOrThrow(seedFolder) : null;
        var store = services.GetRequiredService<IGraphStore>();
        if (await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            dataset ??= SeedFolder.ReadOrThrow(seedFolder);
            await store.ImportAsync(dataset, new ImportOptions(ImportMode.Replace) { Origin = Path.GetFileName(Path.GetFullPath(seedFolder)) }, cancellationToken).ConfigureAwait(false);
        }

        return store;
    }
}

/// <summary>A store option that cannot work (a missing URL); the command prints it and exits 1.</summary>
public sealed class StoreSettingsException(string message) : Exception(message);

/// <summary>The options that choose a store, added to each command that touches one.</summary>
public sealed class StoreOptions
{
    public Option<string> Store { get; } = CreateStoreOption();

    public Option<string> Db { get; } = CreateDbOption();

    public Option<double?> BusyTimeout { get; } = new("--busy-timeout")
    {
        Description = $"Seconds a write waits for another process that holds the database file (--store sqlite) before it fails with exit code 75; default {SqliteStoreOptions.DefaultBusyTimeout.TotalSeconds}.",
    };

    public Option<string?> Neo4jUrl { get; } = new("--neo4j-url")
    {
        Description = "The Neo4j 5 server's HTTP(S) address (--store neo4j). Credentials come from NEO4J_USERNAME and NEO4J_PASSWORD, or NEO4J_TOKEN.",
    };

    public Option<string> Neo4jDatabase { get; } = new("--neo4j-database") { Description = "The Neo4j database (--store neo4j).", DefaultValueFactory = _ => StoreSelection.DefaultNeo4jDatabase };

    private static Option<string> CreateDbOption()
    {
        var option = new Option<string>("--db") { Description = "The SQLite database file (--store sqlite).", DefaultValueFactory = _ => ServerHost.DefaultDb };
        option.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError($"--db needs the path of a database file, for example --db {ServerHost.DefaultDb}");
            }
        });
        return option;
    }

    private static Option<string> CreateStoreOption()
    {
        var option = new Option<string>("--store") { Description = "sqlite (an embedded file, the default) or neo4j (a Neo4j 5 server over its HTTP Query API).", DefaultValueFactory = _ => "sqlite" };
        option.AcceptOnlyFromAmong("sqlite", "neo4j");
        return option;
    }

    public IEnumerable<Option> All => [Store, Db, BusyTimeout, Neo4jUrl, Neo4jDatabase];

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    public StoreSettings Read(ParseResult parse) => new(
        Enum.Parse<StoreKind>(parse.GetValue(Store)!, ignoreCase: true), parse.GetValue(Db)!, parse.GetValue(Neo4jUrl), parse.GetValue(Neo4jDatabase)!)
    {
        BusyTimeout = parse.GetValue(BusyTimeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
    };
}
