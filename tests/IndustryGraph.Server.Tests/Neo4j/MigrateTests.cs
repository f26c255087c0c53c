using IndustryGraph.Domain.Access;
using IndustryGraph.Domain.Audit;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Hosting;
using IndustryGraph.Server.Neo4j;
using IndustryGraph.Storage.Contract;

namespace IndustryGraph.Server.Tests.Neo4j;

/// <summary>
/// <c>migrate</c>'s copying, which goes through the ports only, run here between two SQLite files (no Neo4j server
/// can run here; the Neo4j side of the same ports is covered by the recorded requests and the contract suite).
/// </summary>
public sealed class MigrateTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("industrygraph-migrate").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private ServiceProvider Open(string name) => StoreSelection.Open(StoreSettings.Sqlite(Path.Combine(directory, name)));

    private static async Task FillAsync(IServiceProvider source)
    {
        await source.GetRequiredService<IGraphStore>().ImportAsync(SampleGraph.Build(), ImportMode.Replace);
        var editor = source.GetRequiredService<IGraphEditor>();
        await editor.UpdateEntityAsync("park-jz", new EntityChanges("建中园", null, null), new EditContext("alice", SourceRef.FromCuration("rename")));
        var keys = source.GetRequiredService<IApiKeyStore>();
        await keys.AddKeyAsync(new ApiKey("alice", ApiRole.Editor, DateTimeOffset.UtcNow), "hash-alice");
        await keys.AddKeyAsync(new ApiKey("root", ApiRole.Admin, DateTimeOffset.UtcNow), "hash-root");
        await keys.AddKeyAsync(new ApiKey("gone", ApiRole.Reader, DateTimeOffset.UtcNow), "hash-gone");
        await keys.RevokeKeyAsync("gone");
    }

    private static async Task<(IReadOnlyList<StoredApiKey> Keys, IReadOnlyList<AuditEntry> Audit, StoreCounts Counts)> StateAsync(IServiceProvider store) =>
        (await store.GetRequiredService<IApiKeyStore>().ReadStoredKeysAsync(),
         await store.GetRequiredService<IAuditTrail>().ReadAuditAfterAsync(0, 10_000),
         await store.GetRequiredService<IGraphStore>().CountAsync());

    [Fact]
    public async Task Migrate_copies_keys_with_their_hashes_the_audit_trail_by_id_and_the_graph_and_a_second_run_changes_nothing()
    {
        await using var source = Open("source.db");
        await using var target = Open("target.db");
        await FillAsync(source);
        var (sourceKeys, sourceAudit, sourceCounts) = await StateAsync(source);

        Assert.Equal(0, await Neo4jCommands.MigrateAsync(source, target, CancellationToken.None));
        var first = await StateAsync(target);
        Assert.Equal(sourceKeys, first.Keys);
        Assert.Equal(["alice", "root"], first.Keys.Select(stored => stored.Key.Name));
        Assert.Equal(ApiRole.Admin, (await target.GetRequiredService<IApiKeyStore>().FindKeyAsync("hash-root"))?.Role);
        Assert.Null(await target.GetRequiredService<IApiKeyStore>().FindKeyAsync("hash-gone"));
        Assert.Equal(sourceAudit, first.Audit.Take(sourceAudit.Count));
        // The target's own entry for the graph's import comes after the copied ones.
        Assert.All(first.Audit.Skip(sourceAudit.Count), entry => Assert.True(entry.Id > sourceAudit[^1].Id));
        Assert.Equal((sourceCounts.Entities, sourceCounts.Relationships, sourceCounts.Facts), (first.Counts.Entities, first.Counts.Relationships, first.Counts.Facts));

        Assert.Equal(0, await Neo4jCommands.MigrateAsync(source, target, CancellationToken.None));
        var second = await StateAsync(target);
        Assert.Equal(first.Keys, second.Keys);
        Assert.Equal(first.Audit, second.Audit);
        Assert.Equal(first.Counts, second.Counts);
    }

    [Fact]
    public async Task Migrate_into_a_store_with_an_audit_trail_of_its_own_stops_before_writing_anything()
    {
        await using var source = Open("source.db");
        await using var target = Open("target.db");
        await FillAsync(source);
        await target.GetRequiredService<IGraphStore>().ImportAsync(new GraphDataset([SampleGraph.E("d-other", EntityKind.District, "其他区")], [], []), ImportMode.Replace);
        await target.GetRequiredService<IApiKeyStore>().AddKeyAsync(new ApiKey("alice", ApiRole.Reader, DateTimeOffset.UtcNow), "hash-target-alice");
        var before = await StateAsync(target);

        Assert.Equal(1, await Neo4jCommands.MigrateAsync(source, target, CancellationToken.None));
        var after = await StateAsync(target);
        Assert.Equal(before.Keys, after.Keys);
        Assert.Equal(before.Audit, after.Audit);
        Assert.Equal(before.Counts, after.Counts);
    }
}
