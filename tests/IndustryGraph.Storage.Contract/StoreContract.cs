using IndustryGraph.Domain.Access;
using IndustryGraph.Domain.Audit;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Store;
using Microsoft.Extensions.DependencyInjection;

namespace IndustryGraph.Storage.Contract;

/// <summary>
/// The base of every contract class: the adapter registers its ports with its one call, and the tests reach the
/// store only through them. Each test gets an empty store.
/// </summary>
public abstract class StoreContract : IAsyncLifetime
{
    private ServiceProvider? services;

    /// <summary>The adapter's one registration call (<c>services.AddSqliteStore(path)</c>, <c>services.AddNeo4jStore(settings)</c>).</summary>
    protected abstract void AddStore(IServiceCollection services);

    /// <summary>Makes the store empty (data version 0) before a test; a new SQLite file already is.</summary>
    protected virtual Task ResetAsync(IServiceProvider provider) => Task.CompletedTask;

    /// <summary>Frees what the store holds (files, connections) after a test.</summary>
    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    protected IServiceProvider Services => services ?? throw new InvalidOperationException("the store is not open yet");

    protected IGraphStore Store => Services.GetRequiredService<IGraphStore>();

    protected IGraphEditor Editor => Services.GetRequiredService<IGraphEditor>();

    protected IApiKeyStore Keys => Services.GetRequiredService<IApiKeyStore>();

    protected IAuditTrail Audit => Services.GetRequiredService<IAuditTrail>();

    protected Task<ImportSummary> LoadSampleAsync() => Store.ImportAsync(SampleGraph.Build(), ImportMode.Replace);

    public async Task InitializeAsync()
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        AddStore(collection);
        services = collection.BuildServiceProvider();
        await ResetAsync(services);
    }

    public async Task DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        await CleanUpAsync();
    }
}

/// <summary>A small graph: two districts, three parks, enterprises in links of one chain.</summary>
public static class SampleGraph
{
    public static readonly SourceRef Article = SourceRef.FromDocument("a.txt", 1);
    public static readonly SourceRef Curated = SourceRef.FromCuration("domain knowledge");

    public static Entity E(string key, EntityKind kind, string name, string[]? aliases = null, string[]? tags = null) =>
        new(key, kind, name, aliases ?? [], tags ?? [], [Article]);

    public static Entity Link(string key, string name, Segment segment, int position) =>
        new(key, EntityKind.ChainLink, name, [], [], [Curated], new ChainLinkPlacement("chain-s", segment, position));

    public static Relationship R(string from, string type, string to) => new(from, type, to, [Article]);

    public static GraphDataset Build() => new(
        [
            new Entity("a.txt", EntityKind.SourceDocument, "Article", [], [], [new SourceRef("a.txt", null, false, null)]),
            E("d-gc", EntityKind.District, "管城区", ["管城"]),
            E("d-js", EntityKind.District, "金水区"),
            E("park-jd", EntityKind.Park, "城发·金岱智慧产业园", ["金岱智慧产业园"]),
            E("park-jz", EntityKind.Park, "建中人力产业园"),
            E("park-ks", EntityKind.Park, "金水科教园区"),
            E("ent-hw", EntityKind.Enterprise, "汉威科技", ["汉威"], ["anchor", "listed"]),
            E("ent-xt", EntityKind.Enterprise, "新天科技", tags: ["listed"]),
            E("ent-gl", EntityKind.Enterprise, "光力科技"),
            E("ent-ls", EntityKind.Enterprise, "路尚咨询"),
            E("chain-s", EntityKind.IndustryChain, "智能传感器"),
            Link("link-s-1", "敏感材料", Segment.Upstream, 1),
            Link("link-s-2", "传感器模组", Segment.Midstream, 2),
            Link("link-s-3", "物联网应用", Segment.Downstream, 3),
        ],
        [
            new Fact("park-jd", "enterprise_count", "180余家", 180, "家", "2024-10", [Article]),
            new Fact("park-jz", "enterprise_count", "50家以上", 50, "家", null, [Article]),
            new Fact("park-jd", "land_area", "5.3平方公里", 5.3, "平方公里", null, [Article]),
        ],
        [
            R("park-jd", RelationshipTypes.LocatedIn, "d-gc"),
            R("park-jz", RelationshipTypes.LocatedIn, "d-gc"),
            R("park-ks", RelationshipTypes.LocatedIn, "d-js"),
            R("ent-hw", RelationshipTypes.LocatedIn, "park-jd"),
            R("ent-xt", RelationshipTypes.LocatedIn, "park-ks"),
            R("ent-gl", RelationshipTypes.LocatedIn, "d-gc"),
            R("ent-ls", RelationshipTypes.LocatedIn, "park-jd"),
            R("link-s-1", RelationshipTypes.PartOf, "chain-s"),
            R("link-s-2", RelationshipTypes.PartOf, "chain-s"),
            R("link-s-3", RelationshipTypes.PartOf, "chain-s"),
            R("link-s-1", RelationshipTypes.Supplies, "link-s-2"),
            R("link-s-2", RelationshipTypes.Supplies, "link-s-3"),
            new("ent-hw", RelationshipTypes.WorksIn, "link-s-2", [Curated]),
            new("ent-xt", RelationshipTypes.WorksIn, "link-s-3", [Curated]),
            R("ent-hw", RelationshipTypes.Leads, "chain-s"),
            R("park-jd", RelationshipTypes.FocusesOn, "chain-s"),
        ]);
}
