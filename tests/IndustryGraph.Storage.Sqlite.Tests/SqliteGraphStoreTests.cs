using IndustryGraph.Domain.Store;
using IndustryGraph.Storage.Contract;
using Microsoft.Data.Sqlite;

namespace IndustryGraph.Storage.Sqlite.Tests;

/// <summary>What only the SQLite adapter does; the shared contract runs in <see cref="SqliteReadContractTests"/> and its siblings.</summary>
public sealed class SqliteGraphStoreTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Opening_creates_a_wal_database_at_the_latest_schema_and_reopening_changes_nothing()
    {
        await SqliteGraphStore.Open(folder.DbPath).ImportAsync(SampleGraph.Build(), ImportMode.Replace);
        var reopened = SqliteGraphStore.Open(folder.DbPath);
        using var connection = new SqliteConnection($"Data Source={folder.DbPath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
        command.CommandText = "PRAGMA user_version";
        Assert.Equal((long)Migrations.Latest, command.ExecuteScalar());
        Assert.Equal(14, (await reopened.ReadAllAsync()).Entities.Count);
    }
}
