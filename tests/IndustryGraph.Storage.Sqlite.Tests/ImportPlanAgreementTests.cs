using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Store;
using IndustryGraph.Storage.Contract;
using static IndustryGraph.Storage.Contract.SampleGraph;

namespace IndustryGraph.Storage.Sqlite.Tests;

/// <summary>
/// <see cref="ImportPlan"/> (what the Neo4j adapter writes) agrees with the embedded store's import on the same
/// series of imports: the same summary each time and the same graph after it.
/// </summary>
public sealed class ImportPlanAgreementTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static List<string> Lines(GraphDataset graph) =>
        [.. graph.Entities.Select(entity => $"E {entity.Key} {entity.Kind} {entity.Name} [{string.Join('|', entity.Aliases)}] [{string.Join('|', entity.Tags)}] {string.Join(';', entity.Sources)} {entity.Link}")
            .Concat(graph.Facts.Select(fact => $"F {ImportPlan.Fingerprint(fact)}"))
            .Concat(graph.Relationships.Select(edge => $"R {edge.FromKey} {edge.Type} {edge.ToKey} {string.Join(';', edge.Sources)}"))
            .Order(StringComparer.Ordinal)];

    public static IEnumerable<(GraphDataset Data, ImportMode Mode)> Series()
    {
        var sample = Build();
        yield return (sample, ImportMode.Replace);
        yield return (sample, ImportMode.Merge);
        yield return (new GraphDataset(
            [E("ent-hw", EntityKind.Enterprise, "汉威科技集团", ["汉威"]), E("ent-new", EntityKind.Enterprise, "新企业")],
            [new Fact("park-jd", "enterprise_count", "200家", 200, "家", "2025", [Article])],
            [R("ent-new", RelationshipTypes.LocatedIn, "park-jz"), new Relationship("ent-hw", RelationshipTypes.WorksIn, "link-s-2", [Article])]), ImportMode.Merge);
        yield return (sample with
        {
            Entities = [.. sample.Entities.Where(entity => entity.Key != "park-jz")],
            Facts = [.. sample.Facts.Where(fact => fact.EntityKey != "park-jz")],
            Relationships = [.. sample.Relationships.Where(edge => edge.FromKey != "park-jz" && edge.FromKey != "ent-gl")],
        }, ImportMode.Replace);
    }

    [Fact]
    public async Task A_series_of_merges_and_replaces_gives_the_same_summaries_and_graphs()
    {
        var store = SqliteGraphStore.Open(folder.DbPath);
        var expected = GraphDataset.Empty;
        foreach (var (data, mode) in Series())
        {
            var plan = ImportPlan.Compute(expected, data, mode);
            var summary = await store.ImportAsync(data, new ImportOptions(mode));
            Assert.Equal(plan.Summary, summary with { DataVersion = 0 });
            expected = plan.ApplyTo(expected);
            Assert.Equal(Lines(expected), Lines(await store.ReadAllAsync()));
        }
    }

    [Fact]
    public void A_row_naming_an_unknown_entity_fails_the_whole_plan()
    {
        var data = new GraphDataset([], [], [R("ent-hw", RelationshipTypes.LocatedIn, "park-nowhere")]);
        Assert.Throws<KeyNotFoundException>(() => ImportPlan.Compute(Build(), data, ImportMode.Merge));
    }
}
