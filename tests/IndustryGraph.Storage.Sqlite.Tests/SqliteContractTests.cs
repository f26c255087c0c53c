using IndustryGraph.Storage.Contract;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace IndustryGraph.Storage.Sqlite.Tests;

/// <summary>A real SQLite file in its own temp folder, removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "industrygraph-store-tests", Guid.NewGuid().ToString("N"));

    public TempFolder() => Directory.CreateDirectory(directory);

    public string DbPath => Path.Combine(directory, "graph.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}

public sealed class SqliteReadContractTests : ReadContract, IDisposable
{
    private readonly TempFolder folder = new();

    protected override void AddStore(IServiceCollection services) => services.AddSqliteStore(folder.DbPath);

    public void Dispose() => folder.Dispose();
}

public sealed class SqliteImportContractTests : ImportContract, IDisposable
{
    private readonly TempFolder folder = new();

    protected override void AddStore(IServiceCollection services) => services.AddSqliteStore(folder.DbPath);

    public void Dispose() => folder.Dispose();
}

public sealed class SqliteEditContractTests : EditContract, IDisposable
{
    private readonly TempFolder folder = new();

    protected override void AddStore(IServiceCollection services) => services.AddSqliteStore(folder.DbPath);

    public void Dispose() => folder.Dispose();
}

public sealed class SqliteAccessContractTests : AccessContract, IDisposable
{
    private readonly TempFolder folder = new();

    protected override void AddStore(IServiceCollection services) => services.AddSqliteStore(folder.DbPath);

    public void Dispose() => folder.Dispose();
}

public sealed class SqlitePlacementContractTests : PlacementContract, IDisposable
{
    private readonly TempFolder folder = new();

    protected override void AddStore(IServiceCollection services) => services.AddSqliteStore(folder.DbPath);

    public void Dispose() => folder.Dispose();
}
