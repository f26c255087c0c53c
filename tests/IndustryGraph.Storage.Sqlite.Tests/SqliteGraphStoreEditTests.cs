using IndustryGraph.Domain.Audit;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Store;

namespace IndustryGraph.Storage.Sqlite.Tests;

public sealed class SqliteGraphStoreEditTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "industrygraph-tests", Guid.NewGuid().ToString("N"));

    public SqliteGraphStoreEditTests() => Directory.CreateDirectory(directory);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private static readonly SourceRef Curated = SourceRef.FromCuration("test");

    private async Task<SqliteGraphStore> StoreAsync()
    {
        var store = SqliteGraphStore.Open(Path.Combine(directory, "graph.db"));
        await store.ImportAsync(new GraphDataset(
            [new Entity("d-one", EntityKind.District, "一区", [], [], [Curated]), new Entity("park-a", EntityKind.Park, "甲园", [], [], [Curated])],
            [new Fact("park-a", "land_area", "5.3平方公里", 5.3, "平方公里", null, [Curated])], []), ImportMode.Merge);
        return store;
    }

    [Fact]
    public async Task Total_counts_follow_creates_deletes_and_new_relationships_and_are_skipped_when_not_asked()
    {
        var store = await StoreAsync();
        var edit = new EditContext("alice", SourceRef.FromCuration("survey"));
        async Task<int> Count(EntityListQuery query) => (await store.ListEntitiesAsync(query)).TotalCount;
        var parks = new EntityListQuery(EntityKind.Park);
        var parksInDistrict = new EntityListQuery(EntityKind.Park) { InDistrict = "d-one" };
        Assert.Equal((1, 0), (await Count(parks), await Count(parksInDistrict)));

        await store.CreateEntityAsync(new Entity("park-b", EntityKind.Park, "乙园", [], [], []), edit);
        await store.AddRelationshipAsync("park-a", RelationshipTypes.LocatedIn, "d-one", edit);
        Assert.Equal((2, 1), (await Count(parks), await Count(parksInDistrict)));

        await store.DeleteEntityAsync("park-a", edit);
        Assert.Equal((1, 0), (await Count(parks), await Count(parksInDistrict)));
        Assert.Equal(-1, await Count(parks with { IncludeTotalCount = false }));
    }

    [Fact]
    public async Task Each_edit_bumps_the_data_version_and_is_audited_with_before_after_and_provenance()
    {
        var store = await StoreAsync();
        var version = await store.GetDataVersionAsync();
        var edit = new EditContext("alice", SourceRef.FromCuration("survey"));

        await store.UpdateFactAsync(new FactSelector("park-a", "land_area", null), new FactChanges("6平方公里", null, null, null), edit);
        await store.AddRelationshipAsync("park-a", RelationshipTypes.LocatedIn, "d-one", edit);

        Assert.Equal(version + 2, await store.GetDataVersionAsync());
        var fact = Assert.Single((await store.GetFactsAsync(["park-a"]))["park-a"]);
        Assert.Equal((6d, "平方公里"), (fact.Number!.Value, fact.Unit!));
        var page = await store.QueryAuditAsync(new AuditQuery { Actor = "alice", Limit = 10 });
        var valueChange = Assert.Single(page.Entries, entry => entry.Field == "fact land_area");
        Assert.Equal(("5.3平方公里", "6平方公里", "park-a"), (valueChange.Before, valueChange.After, valueChange.EntityKey));
        Assert.Equal(SourceRef.FromCuration("survey"), valueChange.Provenance);
    }

    [Fact]
    public async Task A_refused_edit_changes_nothing()
    {
        var store = await StoreAsync();
        var version = await store.GetDataVersionAsync();
        var edit = new EditContext("alice", Curated);
        var refused = await Assert.ThrowsAsync<EditRejectedException>(() => store.AddRelationshipAsync("d-one", RelationshipTypes.OperatedBy, "park-a", edit));
        Assert.Equal(EditProblem.Invalid, refused.Problem);
        var missing = await Assert.ThrowsAsync<EditRejectedException>(() => store.DeleteFactAsync(new FactSelector("park-a", "no_such_fact", null), edit));
        Assert.Equal(EditProblem.NotFound, missing.Problem);
        Assert.Equal(version, await store.GetDataVersionAsync());
        Assert.Equal(0, (await store.QueryAuditAsync(new AuditQuery { Actor = "alice" })).TotalCount);
    }
}
