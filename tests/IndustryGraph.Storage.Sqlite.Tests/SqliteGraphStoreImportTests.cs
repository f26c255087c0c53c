using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;
using IndustryGraph.Domain.Store;
using IndustryGraph.Storage.Contract;
using static IndustryGraph.Storage.Contract.ContractGraphs;

namespace IndustryGraph.Storage.Sqlite.Tests;

/// <summary>The SQLite adapter's bulk path (secondary indexes dropped and rebuilt); the import contract runs in <see cref="SqliteImportContractTests"/>.</summary>
public sealed class SqliteGraphStoreImportTests : IDisposable
{
    private readonly TestDirectory scratch = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        scratch.Dispose();
    }

    [Fact]
    public async Task A_bulk_import_into_an_empty_store_rebuilds_indexes_and_name_search()
    {
        var store = SqliteGraphStore.Open(Path.Combine(scratch.Path, "graph.db"));
        var parks = Enumerable.Range(0, 30_000).Select(i => Park($"park-{i:D5}", $"测试园{i:D5}")).ToArray();
        var summary = await store.ImportAsync(Graph([Park("park-a", "金岱智慧产业园"), .. parks]), ImportMode.Merge);
        Assert.Equal(30_002, summary.EntitiesAdded);

        Assert.Equal("park-a", Assert.Single(await store.SearchAsync("金岱", null, 5)).Entity.Key);
        Assert.Equal("park-12345", Assert.Single(await store.FindByNameAsync("测试园12345", null)).Key);
        var located = await store.GetRelationshipsAsync(["d-one"], Direction.In, [RelationshipTypes.LocatedIn]);
        Assert.Equal(30_001, located.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_large_first_placement_import_builds_the_link_index_after_its_rows(bool intoEmptyStore)
    {
        var path = Path.Combine(scratch.Path, "graph.db");
        var store = SqliteGraphStore.Open(path);
        var sample = SampleGraph.Build();
        if (!intoEmptyStore)
        {
            await store.ImportAsync(sample, ImportMode.Merge);
        }

        PlacementRecord Suggestion(string enterprise, string link, double score) =>
            new(enterprise, link, PlacementKind.Suggested, score, [new PlacementEvidence(PlacementEvidenceKind.Word, "传感器", 2, 3)]) { Basis = "b1" };
        // Said to be a million rows (the bulk path), though it holds a few; a pair given twice is merged twice.
        var stream = new ImportStream(1_000_000, (emit, _) =>
        {
            emit(new ImportPart(intoEmptyStore ? sample.Entities : [], intoEmptyStore ? sample.Relationships : [], [])
            {
                Placements = [Suggestion("ent-gl", "link-s-1", 0.5), Suggestion("ent-gl", "link-s-2", 0.4), Suggestion("ent-ls", "link-s-3", 0.3), Suggestion("ent-gl", "link-s-1", 0.6)],
                SuggestedFor = ["ent-gl", "ent-ls"],
            });
            return Task.CompletedTask;
        });

        var summary = await store.ImportAsync(stream, new ImportOptions(ImportMode.Merge));

        Assert.Equal((3, 1), (summary.PlacementsAdded, summary.PlacementsUpdated));
        Assert.Equal([0.6, 0.4], (await store.GetPlacementsAsync(["ent-gl"]))["ent-gl"].Select(record => record.Score!.Value));
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'placement_link'";
            Assert.Equal(1L, command.ExecuteScalar());
        }

        await store.DeleteEntityAsync("link-s-3", new EditContext("alice", Curated));
        Assert.Empty(await store.GetPlacementsAsync(["ent-ls"]));
    }

    [Fact]
    public async Task A_fact_keeps_the_entities_it_is_about_through_import_read_and_merge()
    {
        var store = SqliteGraphStore.Open(Path.Combine(scratch.Path, "graph.db"));
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

    private static GraphDataset BulkGraph(int parks) => Graph([Park("park-a", "金岱智慧产业园"), .. Enumerable.Range(0, parks).Select(i => Park($"park-{i:D5}", $"测试园{i:D5}"))]);

    private static string JournalMode(string path)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        return (string)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task A_bulk_import_that_fails_midway_leaves_the_empty_store_untouched_and_in_wal_mode()
    {
        var path = Path.Combine(scratch.Path, "graph.db");
        var store = SqliteGraphStore.Open(path);
        var good = BulkGraph(30_000);
        // The entities are written before the edge to an entity nobody defined stops the import.
        var broken = good with { Relationships = [.. good.Relationships, new Relationship("park-00001", RelationshipTypes.LocatedIn, "d-nowhere", [Curated])] };
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.ImportAsync(broken, ImportMode.Merge));

        Assert.Equal(0L, (await store.CountAsync()).Entities);
        Assert.Equal(0L, await store.GetDataVersionAsync());
        Assert.Equal("wal", JournalMode(path));
        Assert.False(File.Exists(path + "-journal"));

        var summary = await store.ImportAsync(good, ImportMode.Merge);
        Assert.Equal(30_002, summary.EntitiesAdded);
        Assert.Equal("wal", JournalMode(path));
    }

    [Fact]
    public async Task A_bulk_import_cancelled_midway_leaves_the_empty_store_untouched()
    {
        var path = Path.Combine(scratch.Path, "graph.db");
        var store = SqliteGraphStore.Open(path);
        using var cancel = new CancellationTokenSource();
        var progress = new CancelAt(20_000, cancel);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ImportAsync(BulkGraph(30_000), new ImportOptions(ImportMode.Merge) { Progress = progress }, cancel.Token));

        Assert.True(progress.Reached);
        Assert.Equal(0L, (await store.CountAsync()).Entities);
        Assert.Equal("wal", JournalMode(path));
    }

    [Fact]
    public async Task A_bulk_import_while_another_connection_reads_the_store_still_writes_it_all()
    {
        var path = Path.Combine(scratch.Path, "graph.db");
        var store = SqliteGraphStore.Open(path);
        using var reader = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        reader.Open();
        using (var command = reader.CreateCommand())
        {
            command.CommandText = "SELECT count(*) FROM entity";
            Assert.Equal(0L, command.ExecuteScalar());
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var summary = await store.ImportAsync(BulkGraph(30_000), ImportMode.Merge);
        Assert.Equal(30_002, summary.EntitiesAdded);
        // The reader keeps the store in WAL mode; the import does not wait out the busy timeout to find that out.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"{clock.Elapsed}");
        Assert.Equal("wal", JournalMode(path));
    }

    [Fact]
    public async Task A_stream_found_invalid_after_its_first_parts_were_written_leaves_the_store_as_it_was()
    {
        var path = Path.Combine(scratch.Path, "graph.db");
        var store = SqliteGraphStore.Open(path);
        await store.ImportAsync(Graph([Park("park-a", "旧园区")]), ImportMode.Merge);
        var before = await store.CountAsync();
        var good = BulkGraph(30_000);
        var written = new ReachedAt(20_000);
        var late = new InvalidDataException("facts.csv:9:3: the figure cannot be read");
        // The producer hands on every entity and relationship, and fails only once the store has written 20 000 rows of them.
        var stream = new ImportStream(good.RowCount, async (emit, cancellationToken) =>
        {
            foreach (var part in good.Entities.Chunk(5_000))
            {
                emit(ImportPart.OfEntities(part));
            }

            emit(ImportPart.OfRelationships(good.Relationships, []));
            await written.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            throw late;
        });

        var thrown = await Assert.ThrowsAsync<InvalidDataException>(() => store.ImportAsync(stream, new ImportOptions(ImportMode.Merge) { Progress = written }));

        Assert.Same(late, thrown);
        Assert.Equal(before, await store.CountAsync());
        Assert.Equal("旧园区", Assert.Single((await store.ReadAllAsync()).Entities, entity => entity.Kind == EntityKind.Park).Name);
        Assert.Equal("wal", JournalMode(path));
    }

    [Fact]
    public async Task A_relationship_a_later_part_gives_again_keeps_all_its_sources()
    {
        var store = SqliteGraphStore.Open(Path.Combine(scratch.Path, "graph.db"));
        var good = BulkGraph(60_000);
        var first = good.Relationships[0];
        var again = first with { Sources = [.. first.Sources, SourceRef.FromDocument("doc-a", 3, null)] };
        var document = new Entity("doc-a", EntityKind.SourceDocument, "文件", ["doc-a"], [], [SourceRef.FromDocument("doc-a", 1, null)]);
        var stream = new ImportStream(good.RowCount, (emit, _) =>
        {
            emit(ImportPart.OfEntities([.. good.Entities, document]));
            emit(ImportPart.OfRelationships(good.Relationships, []));
            emit(ImportPart.OfRelationships([], [again]));
            return Task.CompletedTask;
        });

        var summary = await store.ImportAsync(stream, new ImportOptions(ImportMode.Merge));

        Assert.Equal(good.Relationships.Count, summary.RelationshipsAdded);
        var stored = (await store.GetRelationshipsAsync([first.FromKey], Direction.Out, [first.Type])).Single(edge => edge.ToKey == first.ToKey);
        Assert.Equal(again.Sources, stored.Sources);
    }

    private sealed class ReachedAt(long rows) : IProgress<long>
    {
        private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Task => reached.Task;

        public void Report(long value)
        {
            if (value >= rows)
            {
                reached.TrySetResult();
            }
        }
    }

    private sealed class CancelAt(long rows, CancellationTokenSource cancel) : IProgress<long>
    {
        public bool Reached { get; private set; }

        public void Report(long value)
        {
            if (value >= rows)
            {
                Reached = true;
                cancel.Cancel();
            }
        }
    }
}
