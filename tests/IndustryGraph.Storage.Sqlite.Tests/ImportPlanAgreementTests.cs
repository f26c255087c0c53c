using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;
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
            .Concat(graph.Placements.Select(record =>
                $"P {record.EnterpriseKey} {record.LinkKey} {record.Kind} {record.Score} {PlacementEvidenceJson.Write(record.Evidence)} {record.Basis} {record.DecidedBy} {record.DecidedAt:O}"))
            .Order(StringComparer.Ordinal)];

    private static PlacementRecord Suggestion(string enterprise, string link, double score, string basis) =>
        new(enterprise, link, PlacementKind.Suggested, score, [new PlacementEvidence(PlacementEvidenceKind.Word, "传感器", 2, 3)]) { Basis = basis };

    private static PlacementRecord Decided(string enterprise, string link, PlacementKind kind, string basis) =>
        Suggestion(enterprise, link, 0.5, basis) with { Kind = kind, DecidedBy = "alice", DecidedAt = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero) };

    public static IEnumerable<(GraphDataset Data, ImportMode Mode, string[] SuggestedFor)> Series()
    {
        var sample = Build();
        yield return (sample with { Placements = [Suggestion("ent-gl", "link-s-1", 0.6, "b1"), Suggestion("ent-ls", "link-s-3", 0.5, "b2")] }, ImportMode.Replace, []);
        yield return (sample, ImportMode.Merge, []);
        yield return (new GraphDataset(
            [E("ent-hw", EntityKind.Enterprise, "汉威科技集团", ["汉威"]), E("ent-new", EntityKind.Enterprise, "新企业")],
            [new Fact("park-jd", "enterprise_count", "200家", 200, "家", "2025", [Article])],
            [R("ent-new", RelationshipTypes.LocatedIn, "park-jz"), new Relationship("ent-hw", RelationshipTypes.WorksIn, "link-s-2", [Article])])
        {
            // ent-gl's link-s-1 goes stale; a pair given twice is merged twice.
            Placements = [Suggestion("ent-gl", "link-s-2", 0.5, "b1"), Suggestion("ent-new", "link-s-1", 0.7, "b3"), Suggestion("ent-gl", "link-s-2", 0.6, "b1")],
        }, ImportMode.Merge, ["ent-gl", "ent-new"]);
        yield return (GraphDataset.Empty with { Placements = [Decided("ent-ls", "link-s-3", PlacementKind.Rejected, "b2"), Decided("ent-xt", "link-s-2", PlacementKind.Confirmed, "b4")] },
            ImportMode.Merge, []);
        yield return (GraphDataset.Empty with { Placements = [Suggestion("ent-ls", "link-s-3", 0.8, "b2"), Suggestion("ent-xt", "link-s-2", 0.9, "b5"), Suggestion("ent-xt", "link-s-1", 0.3, "b5")] },
            ImportMode.Merge, ["ent-ls", "ent-xt", "ent-new"]);
        yield return (GraphDataset.Empty with { Placements = [Suggestion("ent-ls", "link-s-3", 0.8, "b6")] }, ImportMode.Merge, ["ent-ls"]);
        yield return (sample with
        {
            Entities = [.. sample.Entities.Where(entity => entity.Key != "park-jz")],
            Facts = [.. sample.Facts.Where(fact => fact.EntityKey != "park-jz")],
            Relationships = [.. sample.Relationships.Where(edge => edge.FromKey != "park-jz" && edge.FromKey != "ent-gl")],
            Placements = [Suggestion("ent-ls", "link-s-3", 0.8, "b6")],
        }, ImportMode.Replace, ["ent-xt"]);
    }

    [Fact]
    public async Task A_series_of_merges_and_replaces_gives_the_same_summaries_and_graphs()
    {
        var store = SqliteGraphStore.Open(folder.DbPath);
        var expected = GraphDataset.Empty;
        foreach (var (data, mode, suggestedFor) in Series())
        {
            var plan = ImportPlan.Compute(expected, data, mode, suggestedFor);
            var stream = new ImportStream(data.RowCount, (emit, _) =>
            {
                emit(new ImportPart(data.Entities, data.Relationships, data.Facts) { Placements = data.Placements, SuggestedFor = suggestedFor });
                return Task.CompletedTask;
            });
            var summary = await store.ImportAsync(stream, new ImportOptions(mode));
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
