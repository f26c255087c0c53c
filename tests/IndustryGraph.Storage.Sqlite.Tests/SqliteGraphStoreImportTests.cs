using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Store;

namespace IndustryGraph.Storage.Sqlite.Tests;

public sealed class SqliteGraphStoreImportTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "industrygraph-tests", Guid.NewGuid().ToString("N"));

    public SqliteGraphStoreImportTests() => Directory.CreateDirectory(directory);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private static readonly SourceRef Curated = SourceRef.FromCuration("test");

    private static Entity Park(string key, string name) => new(key, EntityKind.Park, name, [], [], [Curated]);

    private static GraphDataset Graph(params Entity[] entities) =>
        new([new Entity("d-one", EntityKind.District, "一区", [], [], [Curated]), .. entities],
            [new Fact("park-a", "land_area", "5.3平方公里", 5.3, "平方公里", null, [Curated])],
            [.. entities.Select(entity => new Relationship(entity.Key, RelationshipTypes.LocatedIn, "d-one", [Curated]))]);

    [Fact]
    public async Task A_dry_run_reports_what_would_change_and_writes_nothing()
    {
        var store = SqliteGraphStore.Open(Path.Combine(directory, "graph.db"));
        await store.ImportAsync(Graph(Park("park-a", "甲园")), ImportMode.Merge);
        var before = await store.CountAsync();

        var summary = await store.ImportAsync(Graph(Park("park-a", "甲园新名"), Park("park-b", "乙园")), new ImportOptions(ImportMode.Merge) { DryRun = true });

        Assert.Equal((1, 1, 0, 1), (summary.EntitiesAdded, summary.EntitiesUpdated, summary.EntitiesRemoved, summary.RelationshipsAdded));
        Assert.Equal(before, await store.CountAsync());
        Assert.Equal("甲园", (await store.GetEntitiesAsync(["park-a"]))["park-a"].Name);
    }

    [Fact]
    public async Task Merge_keeps_what_the_data_does_not_mention_and_replace_removes_it()
    {
        var store = SqliteGraphStore.Open(Path.Combine(directory, "graph.db"));
        await store.ImportAsync(Graph(Park("park-a", "甲园"), Park("park-b", "乙园")), ImportMode.Merge);
        var merged = await store.ImportAsync(Graph(Park("park-a", "甲园")), ImportMode.Merge);
        Assert.Equal(0, merged.EntitiesRemoved);
        Assert.Equal(3, (await store.CountAsync()).Entities);

        var replaced = await store.ImportAsync(Graph(Park("park-a", "甲园")), ImportMode.Replace);
        Assert.Equal(1, replaced.EntitiesRemoved);
        Assert.Equal(1, replaced.RelationshipsRemoved);
        Assert.Empty(await store.FindByNameAsync("乙园", null));
    }

    [Fact]
    public async Task An_import_is_audited_with_its_counts_and_each_changed_field()
    {
        var store = SqliteGraphStore.Open(Path.Combine(directory, "graph.db"));
        await store.ImportAsync(Graph(Park("park-a", "甲园"), Park("park-b", "乙园")), ImportMode.Merge);
        await store.ImportAsync(Graph(Park("park-a", "甲园新名")), new ImportOptions(ImportMode.Replace) { Origin = "parks-2025" });

        var trail = (await store.QueryAuditAsync(new Domain.Audit.AuditQuery { Actor = "cli", Limit = 10 })).Entries;
        var renamed = Assert.Single(trail, entry => entry.EntityKey == "park-a");
        Assert.Equal(("import update entity", "name", "甲园", "甲园新名"), (renamed.Action, renamed.Field!, renamed.Before!, renamed.After!));
        Assert.Contains(trail, entry => entry is { Action: "import remove entity", EntityKey: "park-b" });
        var summary = Assert.Single(trail, entry => entry.Action == "import --replace");
        Assert.Equal("parks-2025", summary.Field);
        Assert.Contains("-1", summary.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bulk_import_into_an_empty_store_rebuilds_indexes_and_name_search()
    {
        var store = SqliteGraphStore.Open(Path.Combine(directory, "graph.db"));
        var parks = Enumerable.Range(0, 30_000).Select(i => Park($"park-{i:D5}", $"测试园{i:D5}")).ToArray();
        var summary = await store.ImportAsync(Graph([Park("park-a", "金岱智慧产业园"), .. parks]), ImportMode.Merge);
        Assert.Equal(30_002, summary.EntitiesAdded);

        Assert.Equal("park-a", Assert.Single(await store.SearchAsync("金岱", null, 5)).Entity.Key);
        Assert.Equal("park-12345", Assert.Single(await store.FindByNameAsync("测试园12345", null)).Key);
        var located = await store.GetRelationshipsAsync(["d-one"], Direction.In, [RelationshipTypes.LocatedIn]);
        Assert.Equal(30_001, located.Count);
    }

    [Fact]
    public async Task A_fact_keeps_the_entities_it_is_about_through_import_read_and_merge()
    {
        var store = SqliteGraphStore.Open(Path.Combine(directory, "graph.db"));
        var chain = new Entity("chain-a", EntityKind.IndustryChain, "智能传感器", [], [], [Curated]);
        var count = new Fact("d-one", "park_count", "9个", 9, "个", null, [Curated]) { About = ["chain-a"] };
        var plain = new Fact("d-one", "park_count", "9个", 9, "个", null, [Curated]);
        await store.ImportAsync(new GraphDataset([new Entity("d-one", EntityKind.District, "一区", [], [], [Curated]), chain], [count, plain], []), ImportMode.Merge);

        var facts = (await store.GetFactsAsync(["d-one"]))["d-one"];
        Assert.Equal(2, facts.Count);
        Assert.Equal(["chain-a"], facts.Single(fact => fact.About.Count > 0).About);
        Assert.Equal(["chain-a"], (await store.ReadAllAsync()).Facts.Single(fact => fact.About.Count > 0).About);

        // The same facts again change nothing: the about keys are part of what makes a fact the same.
        var again = await store.ImportAsync(new GraphDataset([chain], [count, plain], []), ImportMode.Merge);
        Assert.Equal((0, 0), (again.FactsAdded, again.FactsRemoved));
    }
}
