using IndustryGraph.Domain.Access;
using IndustryGraph.Domain.Audit;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;
using IndustryGraph.Domain.Store;
using IndustryGraph.Storage.Contract;
using Microsoft.Extensions.DependencyInjection;

namespace IndustryGraph.Storage.Neo4j.Tests;

/// <summary>
/// Every operation the adapter offers, each run against <see cref="ScriptedNeo4j"/> through a
/// <see cref="RecordingHandler"/>: together they send every statement the adapter can send.
/// </summary>
public static class StatementCatalogue
{
    private static readonly EditContext Edit = new("alice", SourceRef.FromCuration("survey"));

    public static readonly IReadOnlyDictionary<string, Func<Neo4jGraphStore, Task>> Operations = new Dictionary<string, Func<Neo4jGraphStore, Task>>(StringComparer.Ordinal)
    {
        ["version"] = store => store.GetDataVersionAsync(),
        ["entities"] = store => store.GetEntitiesAsync(["park-a", "d-one"]),
        ["facts"] = store => store.GetFactsAsync(["park-a"]),
        ["relationships-out"] = store => store.GetRelationshipsAsync(["park-a"], Direction.Out, [RelationshipTypes.LocatedIn]),
        ["relationships-in"] = store => store.GetRelationshipsAsync(["d-one"], Direction.In, null),
        ["relationships-both"] = store => store.GetRelationshipsAsync(["park-a"], null, null),
        ["find-by-name"] = store => store.FindByNameAsync("甲园", EntityKind.Park),
        ["search"] = store => store.SearchAsync("金岱\"OR*", [EntityKind.Park, EntityKind.Enterprise], 10),
        ["search-one-character"] = store => store.SearchAsync("金", null, 10),
        ["list-by-name"] = store => store.ListEntitiesAsync(new EntityListQuery(EntityKind.Park)
            { InDistrict = "d-one", InChain = "chain-x", Tag = "listed", NameContains = "园", WithFact = new FactFilter("category", "SPECIALIZED"), Limit = 5 }),
        ["list-by-figure-after"] = store => store.ListEntitiesAsync(new EntityListQuery(EntityKind.Enterprise)
            { InPark = "park-a", InLink = "link-1", OrderByFact = "employees", Descending = true, After = new PageCursor("120", "ent-b"), Limit = 5 }),
        ["list-last-before"] = store => store.ListEntitiesAsync(new EntityListQuery(EntityKind.Park) { FromEnd = true, Before = new PageCursor("乙园", "park-b"), Limit = 2 }),
        ["read-all"] = store => store.ReadAllAsync(),
        ["snapshot-read"] = async store =>
        {
            await using var snapshot = await store.OpenSnapshotAsync();
            await snapshot.GetEntitiesAsync(["park-a"]);
        },
        ["known-entities"] = store => store.ReadKnownEntitiesAsync(),
        ["counts"] = store => store.CountAsync(),
        ["import-merge"] = store => store.ImportAsync(SampleGraph.Build(), new ImportOptions(ImportMode.Merge) { Origin = "sample" }),
        ["import-replace"] = store => store.ImportAsync(SampleGraph.Build(), new ImportOptions(ImportMode.Replace) { Origin = "sample" }),
        ["import-dry-run"] = store => store.ImportAsync(SampleGraph.Build(), new ImportOptions(ImportMode.Merge) { DryRun = true }),
        ["create-entity"] = store => store.CreateEntityAsync(new Entity("new-link", EntityKind.ChainLink, "新环节", [], [], [], new ChainLinkPlacement("chain-x", Segment.Upstream, 1)), Edit),
        ["update-entity"] = store => store.UpdateEntityAsync("park-a", new EntityChanges("甲园新名", ["甲园"], ["tagged"]), Edit),
        ["delete-entity"] = store => store.DeleteEntityAsync("park-a", Edit),
        ["add-fact"] = store => store.AddFactAsync(new Fact("d-one", "park_count", "3个", 3, "个", "2024", []) { About = ["chain-x"] }, Edit),
        ["update-fact"] = store => store.UpdateFactAsync(new FactSelector("park-a", "land_area", null), new FactChanges("6平方公里", null, null, null), Edit),
        ["delete-fact"] = store => store.DeleteFactAsync(new FactSelector("park-a", "land_area", null), Edit),
        ["add-relationship"] = store => store.AddRelationshipAsync("park-a", RelationshipTypes.LocatedIn, "d-one", Edit),
        ["update-relationship"] = store => store.UpdateRelationshipAsync("park-a", RelationshipTypes.Targets, "chain-x", RelationshipTypes.FocusesOn, Edit),
        ["delete-relationship"] = store => store.DeleteRelationshipAsync("park-a", RelationshipTypes.LocatedIn, "d-one", Edit),
        ["add-key"] = store => store.AddKeyAsync(new ApiKey("analyst-wang", ApiRole.Editor, DateTimeOffset.UtcNow), "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
        ["revoke-key"] = store => store.RevokeKeyAsync("analyst-wang"),
        ["list-keys"] = store => store.ListKeysAsync(),
        ["find-key"] = store => store.FindKeyAsync("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
        ["read-stored-keys"] = store => store.ReadStoredKeysAsync(),
        ["write-stored-keys"] = store => store.WriteStoredKeysAsync(
            [new StoredApiKey(new ApiKey("analyst-wang", ApiRole.Editor, new DateTimeOffset(2026, 11, 23, 20, 57, 11, TimeSpan.Zero)), ScriptedNeo4j.FakeHash)]),
        ["read-audit-after"] = store => store.ReadAuditAfterAsync(6, 1000),
        ["write-audit"] = store => store.WriteAuditAsync(
        [
            new AuditEntry(7, new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero), "alice", "update fact", "park-a", "fact land_area", "5.3平方公里", "6平方公里", SourceRef.FromCuration("survey")),
            new AuditEntry(8, new DateTimeOffset(2026, 11, 30, 8, 1, 0, TimeSpan.Zero), "cli", "import", null, "seed", "data version 3", "1 entity added", null),
        ]),
        ["audit"] = store => store.QueryAuditAsync(new AuditQuery { Actor = "alice", EntityKey = "park-a", From = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), Limit = 5, AfterId = 9 }),
        ["placements"] = store => store.GetPlacementsAsync(["ent-b", "ent-c"]),
        ["decide-placements"] = store => store.DecidePlacementsAsync(
            [new PlacementDecision("ent-b", "link-1", PlacementKind.Confirmed), new PlacementDecision("ent-c", "link-2", PlacementKind.Rejected)], Edit),
        ["import-suggestions"] = store => store.ImportAsync(new ImportStream(4, (emit, _) =>
        {
            emit(ImportPart.OfEntities([new Entity("ent-b", EntityKind.Enterprise, "乙企业", [], [], []), new Entity("link-1", EntityKind.ChainLink, "环节一", [], [], [], new ChainLinkPlacement("chain-x", Segment.Upstream, 1))]));
            emit(new ImportPart([], [], [])
            {
                Placements = [new PlacementRecord("ent-b", "link-1", PlacementKind.Suggested, 0.8, [new PlacementEvidence(PlacementEvidenceKind.Word, "传感器", 4, 3)]) { Basis = "b1" }],
                SuggestedFor = ["ent-b"],
            });
            return Task.CompletedTask;
        }), new ImportOptions(ImportMode.Merge) { Origin = "register" }),
        ["apply-schema"] = store => store.ApplyAsync(),
        ["erase-all"] = store => store.EraseAllAsync(),
    };

    public static IEnumerable<object[]> Names => Operations.Keys.Select(name => new object[] { name });

    /// <summary>A store on the scripted server, with basic auth (so the snapshots show the header, never its secret).</summary>
    public static (Neo4jGraphStore Store, RecordingHandler Handler, ServiceProvider Services) Open()
    {
        var handler = new RecordingHandler(ScriptedNeo4j.Answer);
        var services = new ServiceCollection()
            .AddLogging()
            .AddNeo4jStore(new Neo4jSettings(new Uri("https://neo4j.example.org:7473"), "industrygraph", Neo4jAuth.Basic("neo4j", "not-a-real-password")), () => handler)
            .BuildServiceProvider();
        return (services.GetRequiredService<Neo4jGraphStore>(), handler, services);
    }

    public static async Task<IReadOnlyList<RecordedRequest>> RecordAsync(string operation)
    {
        var (store, handler, services) = Open();
        await using (services)
        {
            await Operations[operation](store);
            return handler.Requests;
        }
    }
}
