using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Store;
using Microsoft.Data.Sqlite;
using static IndustryGraph.Storage.Sqlite.Tests.SampleGraph;

namespace IndustryGraph.Storage.Sqlite.Tests;

/// <summary>The store contract on a real SQLite file, plus what only the SQLite adapter does.</summary>
public sealed class SqliteGraphStoreTests : GraphStoreContract, IDisposable
{
    private readonly TempStore temp = new();

    protected override IGraphStore Store => temp.Store;

    public void Dispose() => temp.Dispose();

    private async Task<ImportSummary> LoadSampleAsync() => await temp.Store.ImportAsync(Build(), ImportMode.Replace);

    [Fact]
    public async Task Opening_creates_a_wal_database_at_the_latest_schema_and_reopening_changes_nothing()
    {
        await LoadSampleAsync();
        var reopened = SqliteGraphStore.Open(temp.PathOf);
        using var connection = new SqliteConnection($"Data Source={temp.PathOf}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
        command.CommandText = "PRAGMA user_version";
        Assert.Equal((long)Migrations.Latest, command.ExecuteScalar());
        Assert.Equal(14, (await reopened.ReadAllAsync()).Entities.Count);
    }

    [Fact]
    public async Task A_dry_run_reports_the_changes_and_writes_nothing()
    {
        var summary = await temp.Store.ImportAsync(Build(), ImportMode.Replace, dryRun: true, progress: null);
        Assert.Equal(14, summary.EntitiesAdded);
        Assert.Empty((await Store.ReadAllAsync()).Entities);
        Assert.Equal(0, await Store.GetDataVersionAsync());
    }
}
