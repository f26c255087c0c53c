using System.Text.Json.Nodes;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Tests.Hosting;
using IndustryGraph.Storage.Contract;

namespace IndustryGraph.Server.Tests.Entities;

/// <summary>
/// A query reads one data version in all its fields: an import that commits after the query began (here: right
/// after its snapshot was pinned, before any field resolved) shows in none of its entity or analysis fields.
/// </summary>
public sealed class OneVersionPerRequestTests : IAsyncLifetime
{
    private const string Query = """
        query {
          chainMap(chain: "智能传感器", scope: { district: "管城区" }) { segments { links { link { key } status } } }
          enterprises(district: "管城区", first: 50) { nodes { key chainLinks { key } } }
        }
        """;

    private readonly WriteAfterPinStore.Hook hook = new();
    private readonly RunningServer server;

    public OneVersionPerRequestTests() =>
        server = new RunningServer { Configure = services => services.DecorateGraphStore(inner => new WriteAfterPinStore(inner, hook)) };

    public Task InitializeAsync() => server.InitializeAsync();

    public Task DisposeAsync() => server.DisposeAsync();

    private static (string Status, bool Linked) Observe(JsonNode data, string enterprise, string link)
    {
        var status = data["chainMap"]!["segments"]!.AsArray().SelectMany(segment => segment!["links"]!.AsArray())
            .Single(item => item!["link"]!["key"]!.GetValue<string>() == link)!["status"]!.GetValue<string>();
        var linked = data["enterprises"]!["nodes"]!.AsArray().Single(node => node!["key"]!.GetValue<string>() == enterprise)!["chainLinks"]!.AsArray()
            .Any(item => item!["key"]!.GetValue<string>() == link);
        return (status, linked);
    }

    [Fact]
    public async Task An_import_committed_while_a_query_runs_shows_in_none_of_its_fields_and_in_all_of_the_next()
    {
        var first = await server.QueryAsync(Query);
        var missing = first["chainMap"]!["segments"]!.AsArray().SelectMany(segment => segment!["links"]!.AsArray())
            .First(link => link!["status"]!.GetValue<string>() == "MISSING")!["link"]!["key"]!.GetValue<string>();
        var enterprise = first["enterprises"]!["nodes"]![0]!["key"]!.GetValue<string>();
        var store = server.Services.GetRequiredService<IGraphStore>();
        var version = await store.GetDataVersionAsync();

        hook.Arm(() => store.ImportAsync(new GraphDataset([], [], [new Relationship(enterprise, RelationshipTypes.WorksIn, missing, [SourceRef.FromCuration("mid-query")])]), ImportMode.Merge));
        var during = await server.QueryAsync(Query);

        Assert.True(hook.Fired);
        Assert.Equal(version + 1, await store.GetDataVersionAsync());
        Assert.Equal(("MISSING", false), Observe(during, enterprise, missing));
        var after = await server.QueryAsync(Query);
        Assert.Equal(("WEAK", true), Observe(after, enterprise, missing));
    }

    /// <summary>Runs a write once, right after the next snapshot a request pins, before the request reads anything.</summary>
    private sealed class WriteAfterPinStore(IGraphStore inner, WriteAfterPinStore.Hook hook) : IGraphStore
    {
        public sealed class Hook
        {
            private Func<Task>? write;

            public bool Fired { get; private set; }

            public void Arm(Func<Task> next) => write = next;

            public async Task FireAsync()
            {
                if (Interlocked.Exchange(ref write, null) is { } pending)
                {
                    await pending();
                    Fired = true;
                }
            }
        }

        public string Location => inner.Location;

        public async Task<IGraphSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken = default)
        {
            var snapshot = await inner.OpenSnapshotAsync(cancellationToken);
            await hook.FireAsync();
            return snapshot;
        }

        public Task<long> GetDataVersionAsync(CancellationToken cancellationToken = default) => inner.GetDataVersionAsync(cancellationToken);

        public Task<IReadOnlyDictionary<string, Entity>> GetEntitiesAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => inner.GetEntitiesAsync(keys, cancellationToken);

        public Task<IReadOnlyDictionary<string, IReadOnlyList<Domain.Placements.PlacementRecord>>> GetPlacementsAsync(IReadOnlyCollection<string> enterpriseKeys, CancellationToken cancellationToken = default) => inner.GetPlacementsAsync(enterpriseKeys, cancellationToken);

        public Task<IReadOnlyDictionary<string, IReadOnlyList<Fact>>> GetFactsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => inner.GetFactsAsync(keys, cancellationToken);

        public Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(IReadOnlyCollection<string> keys, Direction? direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken = default) =>
            inner.GetRelationshipsAsync(keys, direction, types, cancellationToken);

        public Task<IReadOnlyList<Entity>> FindByNameAsync(string text, EntityKind? kind, CancellationToken cancellationToken = default) => inner.FindByNameAsync(text, kind, cancellationToken);

        public Task<EntityPage> ListEntitiesAsync(EntityListQuery query, CancellationToken cancellationToken = default) => inner.ListEntitiesAsync(query, cancellationToken);

        public Task<IReadOnlyList<SearchMatch>> SearchAsync(string text, IReadOnlyCollection<EntityKind>? kinds, int first, CancellationToken cancellationToken = default) => inner.SearchAsync(text, kinds, first, cancellationToken);

        public Task<GraphDataset> ReadAllAsync(CancellationToken cancellationToken = default) => inner.ReadAllAsync(cancellationToken);

        public Task<ImportSummary> ImportAsync(ImportStream data, ImportOptions options, CancellationToken cancellationToken = default) => inner.ImportAsync(data, options, cancellationToken);

        public Task<IReadOnlyDictionary<string, Domain.Seed.KnownEntity>> ReadKnownEntitiesAsync(CancellationToken cancellationToken = default) => inner.ReadKnownEntitiesAsync(cancellationToken);

        public Task<StoreCounts> CountAsync(CancellationToken cancellationToken = default) => inner.CountAsync(cancellationToken);
    }
}
