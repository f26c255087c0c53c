using static IndustryGraph.Storage.Contract.ContractGraphs;
using IndustryGraph.Domain.Audit;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Store;

namespace IndustryGraph.Storage.Contract;

/// <summary>Imports through the port: merge, replace, dry run, all or nothing, and their audit entries.</summary>
public abstract class ImportContract : StoreContract
{
    [ContractFact]
    public async Task A_dry_run_reports_what_would_change_and_writes_nothing()
    {
        await Store.ImportAsync(Graph(Park("park-a", "甲园")), ImportMode.Merge);
        var before = await Store.CountAsync();

        var summary = await Store.ImportAsync(Graph(Park("park-a", "甲园新名"), Park("park-b", "乙园")), new ImportOptions(ImportMode.Merge) { DryRun = true });

        Assert.Equal((1, 1, 0, 1), (summary.EntitiesAdded, summary.EntitiesUpdated, summary.EntitiesRemoved, summary.RelationshipsAdded));
        Assert.Equal(before, await Store.CountAsync());
        Assert.Equal("甲园", (await Store.GetEntitiesAsync(["park-a"]))["park-a"].Name);
    }

    [ContractFact]
    public async Task A_dry_run_into_an_empty_store_leaves_it_empty()
    {
        var summary = await Store.ImportAsync(SampleGraph.Build(), new ImportOptions(ImportMode.Replace) { DryRun = true });
        Assert.Equal(14, summary.EntitiesAdded);
        Assert.Empty((await Store.ReadAllAsync()).Entities);
        Assert.Equal(0, await Store.GetDataVersionAsync());
    }

    [ContractFact]
    public async Task Merge_keeps_what_the_data_does_not_mention_and_replace_removes_it()
    {
        await Store.ImportAsync(Graph(Park("park-a", "甲园"), Park("park-b", "乙园")), ImportMode.Merge);
        var merged = await Store.ImportAsync(Graph(Park("park-a", "甲园")), ImportMode.Merge);
        Assert.Equal(0, merged.EntitiesRemoved);
        Assert.Equal(3, (await Store.CountAsync()).Entities);

        var replaced = await Store.ImportAsync(Graph(Park("park-a", "甲园")), ImportMode.Replace);
        Assert.Equal(1, replaced.EntitiesRemoved);
        Assert.Equal(1, replaced.RelationshipsRemoved);
        Assert.Empty(await Store.FindByNameAsync("乙园", null));
    }

    [ContractFact]
    public async Task A_failing_import_changes_nothing()
    {
        await Store.ImportAsync(Graph(Park("park-a", "甲园")), ImportMode.Merge);
        var before = await Store.CountAsync();
        var broken = Graph(Park("park-a", "甲园新名"), Park("park-b", "乙园")) is var graph
            ? graph with { Relationships = [.. graph.Relationships, new Relationship("park-b", RelationshipTypes.LocatedIn, "d-nowhere", [Curated])] }
            : graph;

        await Assert.ThrowsAnyAsync<Exception>(() => Store.ImportAsync(broken, ImportMode.Merge));

        Assert.Equal(before, await Store.CountAsync());
        Assert.Equal("甲园", (await Store.GetEntitiesAsync(["park-a"]))["park-a"].Name);
    }

    [ContractFact]
    public async Task An_import_is_audited_with_its_counts_and_each_changed_field()
    {
        await Store.ImportAsync(Graph(Park("park-a", "甲园"), Park("park-b", "乙园")), ImportMode.Merge);
        await Store.ImportAsync(Graph(Park("park-a", "甲园新名")), new ImportOptions(ImportMode.Replace) { Origin = "parks-2025" });

        var trail = (await Audit.QueryAuditAsync(new AuditQuery { Actor = "cli", Limit = 10 })).Entries;
        var renamed = Assert.Single(trail, entry => entry.EntityKey == "park-a");
        Assert.Equal(("import update entity", "name", "甲园", "甲园新名"), (renamed.Action, renamed.Field!, renamed.Before!, renamed.After!));
        Assert.Contains(trail, entry => entry is { Action: "import remove entity", EntityKey: "park-b" });
        var summary = Assert.Single(trail, entry => entry.Action == "import --replace");
        Assert.Equal("parks-2025", summary.Field);
        Assert.Contains("-1", summary.After, StringComparison.Ordinal);
    }
}
