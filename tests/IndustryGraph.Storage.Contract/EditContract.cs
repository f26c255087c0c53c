using IndustryGraph.Domain.Audit;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Store;

namespace IndustryGraph.Storage.Contract;

/// <summary>Single edits through the port: each one transaction with its audit entries and a new data version.</summary>
public abstract class EditContract : StoreContract
{
    private static readonly SourceRef Curated = SourceRef.FromCuration("test");

    private async Task LoadAsync() =>
        await Store.ImportAsync(new GraphDataset(
            [new Entity("d-one", EntityKind.District, "一区", [], [], [Curated]), new Entity("park-a", EntityKind.Park, "甲园", [], [], [Curated])],
            [new Fact("park-a", "land_area", "5.3平方公里", 5.3, "平方公里", null, [Curated])], []), ImportMode.Merge);

    [ContractFact]
    public async Task Total_counts_follow_creates_deletes_and_new_relationships_and_may_be_skipped_when_not_asked()
    {
        await LoadAsync();
        var edit = new EditContext("alice", SourceRef.FromCuration("survey"));
        async Task<int> Count(EntityListQuery query) => (await Store.ListEntitiesAsync(query)).TotalCount;
        var parks = new EntityListQuery(EntityKind.Park);
        var parksInDistrict = new EntityListQuery(EntityKind.Park) { InDistrict = "d-one" };
        Assert.Equal((1, 0), (await Count(parks), await Count(parksInDistrict)));

        await Editor.CreateEntityAsync(new Entity("park-b", EntityKind.Park, "乙园", [], [], []), edit);
        await Editor.AddRelationshipAsync("park-a", RelationshipTypes.LocatedIn, "d-one", edit);
        Assert.Equal((2, 1), (await Count(parks), await Count(parksInDistrict)));

        await Editor.DeleteEntityAsync("park-a", edit);
        Assert.Equal((1, 0), (await Count(parks), await Count(parksInDistrict)));
        // A store may leave an unasked total uncounted (-1), or count it anyway.
        Assert.Contains(await Count(parks with { IncludeTotalCount = false }), new[] { -1, 1 });
    }

    [ContractFact]
    public async Task Each_edit_bumps_the_data_version_and_is_audited_with_before_after_and_provenance()
    {
        await LoadAsync();
        var version = await Store.GetDataVersionAsync();
        var edit = new EditContext("alice", SourceRef.FromCuration("survey"));

        await Editor.UpdateFactAsync(new FactSelector("park-a", "land_area", null), new FactChanges("6平方公里", null, null, null), edit);
        await Editor.AddRelationshipAsync("park-a", RelationshipTypes.LocatedIn, "d-one", edit);

        Assert.Equal(version + 2, await Store.GetDataVersionAsync());
        var fact = Assert.Single((await Store.GetFactsAsync(["park-a"]))["park-a"]);
        Assert.Equal((6d, "平方公里"), (fact.Number!.Value, fact.Unit!));
        var page = await Audit.QueryAuditAsync(new AuditQuery { Actor = "alice", Limit = 10 });
        var valueChange = Assert.Single(page.Entries, entry => entry.Field == "fact land_area");
        Assert.Equal(("5.3平方公里", "6平方公里", "park-a"), (valueChange.Before, valueChange.After, valueChange.EntityKey));
        Assert.Equal(SourceRef.FromCuration("survey"), valueChange.Provenance);
    }

    [ContractFact]
    public async Task Entities_are_created_renamed_and_deleted_with_their_facts_and_relationships()
    {
        await LoadAsync();
        var edit = new EditContext("bob", Curated);
        await Editor.CreateEntityAsync(new Entity("ent-new", EntityKind.Enterprise, "新企业", [], [], []), edit);
        await Editor.AddRelationshipAsync("ent-new", RelationshipTypes.LocatedIn, "park-a", edit);
        await Editor.AddFactAsync(new Fact("ent-new", "employees", "120人", 120, "人", "2024", []), edit);
        var renamed = await Editor.UpdateEntityAsync("ent-new", new EntityChanges("新企业集团", ["新企"], null), edit);
        Assert.Equal("新企业集团", renamed.Name);
        Assert.Equal("ent-new", Assert.Single(await Store.FindByNameAsync("新企", EntityKind.Enterprise)).Key);

        var deleted = await Editor.DeleteEntityAsync("ent-new", edit);
        Assert.Equal("新企业集团", deleted.Name);
        Assert.Empty(await Store.GetEntitiesAsync(["ent-new"]));
        Assert.Empty(await Store.GetRelationshipsAsync(["park-a"], Direction.In, null));
        Assert.False((await Store.GetFactsAsync(["ent-new"])).TryGetValue("ent-new", out var facts) && facts.Count > 0);
        var actions = (await Audit.QueryAuditAsync(new AuditQuery { Actor = "bob", Limit = 20 })).Entries.Select(entry => entry.Action).ToList();
        Assert.Equal(["create entity", "add relationship", "add fact", "update entity", "update entity", "delete entity"], Enumerable.Reverse(actions));
    }

    [ContractFact]
    public async Task A_relationship_changes_type_and_is_deleted()
    {
        await LoadAsync();
        var edit = new EditContext("carol", Curated);
        await Editor.CreateEntityAsync(new Entity("chain-x", EntityKind.IndustryChain, "新材料", [], [], []), edit);
        await Editor.AddRelationshipAsync("park-a", RelationshipTypes.Targets, "chain-x", edit);
        var changed = await Editor.UpdateRelationshipAsync("park-a", RelationshipTypes.Targets, "chain-x", RelationshipTypes.FocusesOn, edit);
        Assert.Equal(RelationshipTypes.FocusesOn, changed.Type);
        Assert.Equal(RelationshipTypes.FocusesOn, Assert.Single(await Store.GetRelationshipsAsync(["park-a"], Direction.Out, null)).Type);
        await Editor.DeleteRelationshipAsync("park-a", RelationshipTypes.FocusesOn, "chain-x", edit);
        Assert.Empty(await Store.GetRelationshipsAsync(["park-a"], Direction.Out, null));
    }

    [ContractFact]
    public async Task A_refused_edit_changes_nothing()
    {
        await LoadAsync();
        var version = await Store.GetDataVersionAsync();
        var edit = new EditContext("alice", Curated);
        var refused = await Assert.ThrowsAsync<EditRejectedException>(() => Editor.AddRelationshipAsync("d-one", RelationshipTypes.OperatedBy, "park-a", edit));
        Assert.Equal(EditProblem.Invalid, refused.Problem);
        var missing = await Assert.ThrowsAsync<EditRejectedException>(() => Editor.DeleteFactAsync(new FactSelector("park-a", "no_such_fact", null), edit));
        Assert.Equal(EditProblem.NotFound, missing.Problem);
        var taken = await Assert.ThrowsAsync<EditRejectedException>(() => Editor.CreateEntityAsync(new Entity("park-a", EntityKind.Park, "重复", [], [], []), edit));
        Assert.Equal(EditProblem.Invalid, taken.Problem);
        Assert.Equal(version, await Store.GetDataVersionAsync());
        Assert.Equal(0, (await Audit.QueryAuditAsync(new AuditQuery { Actor = "alice" })).TotalCount);
    }
}
