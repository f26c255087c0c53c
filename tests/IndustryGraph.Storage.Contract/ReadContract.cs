using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Store;
using static IndustryGraph.Storage.Contract.SampleGraph;

namespace IndustryGraph.Storage.Contract;

/// <summary>
/// Reads, snapshots and imports every adapter of the store port must serve, written against the port only:
/// each adapter's test project derives from it.
/// </summary>
public abstract class ReadContract : StoreContract
{
    [ContractFact]
    public async Task Importing_the_same_data_twice_changes_nothing_the_second_time()
    {
        var first = await LoadSampleAsync();
        Assert.Equal((14, 16, 3, 1L), (first.EntitiesAdded, first.RelationshipsAdded, first.FactsAdded, first.DataVersion));
        var second = await LoadSampleAsync();
        Assert.Equal(new ImportSummary(0, 0, 0, 0, 0, 0, 0, 1), second);
        Assert.Equal(1, await Store.GetDataVersionAsync());
    }

    [ContractFact]
    public async Task Replace_removes_what_the_new_data_lacks_with_its_relationships_and_facts()
    {
        await LoadSampleAsync();
        var dataset = Build();
        var smaller = dataset with
        {
            Entities = dataset.Entities.Where(entity => entity.Key != "park-jz").ToList(),
            Facts = dataset.Facts.Where(fact => fact.EntityKey != "park-jz").ToList(),
            Relationships = dataset.Relationships.Where(edge => edge.FromKey != "park-jz").ToList(),
        };
        var summary = await Store.ImportAsync(smaller, ImportMode.Replace);
        Assert.Equal((1, 1, 1), (summary.EntitiesRemoved, summary.RelationshipsRemoved, summary.FactsRemoved));
        Assert.Empty(await Store.GetEntitiesAsync(["park-jz"]));
        Assert.DoesNotContain(await Store.GetRelationshipsAsync(["d-gc"], Direction.In, null), edge => edge.FromKey == "park-jz");
        Assert.Equal(2, await Store.GetDataVersionAsync());
    }

    [ContractFact]
    public async Task Merge_updates_and_adds_by_key_and_keeps_the_rest()
    {
        await LoadSampleAsync();
        var renamed = E("ent-hw", EntityKind.Enterprise, "汉威科技集团", ["汉威"]);
        var added = E("ent-new", EntityKind.Enterprise, "新企业");
        var summary = await Store.ImportAsync(
            new GraphDataset([renamed, added], [new Fact("park-jd", "enterprise_count", "200家", 200, "家", "2025", [Article])], [R("ent-new", RelationshipTypes.LocatedIn, "park-jz")]),
            ImportMode.Merge);
        Assert.Equal((1, 1, 0, 1, 1, 1), (summary.EntitiesAdded, summary.EntitiesUpdated, summary.EntitiesRemoved, summary.RelationshipsAdded, summary.FactsAdded, summary.FactsRemoved));
        var entities = await Store.GetEntitiesAsync(["ent-hw", "ent-xt", "ent-new"]);
        Assert.Equal("汉威科技集团", entities["ent-hw"].Name);
        Assert.Equal(3, entities.Count);
        var facts = (await Store.GetFactsAsync(["park-jd"]))["park-jd"];
        Assert.Equal(["200家", "5.3平方公里"], facts.Select(fact => fact.Value).Order(StringComparer.Ordinal));
    }

    [ContractFact]
    public async Task Relationships_load_for_a_batch_of_keys_by_direction_and_type()
    {
        await LoadSampleAsync();
        var located = await Store.GetRelationshipsAsync(["park-jd", "park-ks"], Direction.In, [RelationshipTypes.LocatedIn]);
        Assert.Equal(["ent-hw", "ent-ls", "ent-xt"], located.Select(edge => edge.FromKey).Order(StringComparer.Ordinal));
        var both = await Store.GetRelationshipsAsync(["link-s-2"], null, [RelationshipTypes.Supplies, RelationshipTypes.WorksIn]);
        Assert.Equal(3, both.Count);
        Assert.True(both.Single(edge => edge.Type == RelationshipTypes.WorksIn).Sources.Single().Curated);
    }

    [ContractTheory]
    [InlineData("管城区")]
    [InlineData("管城")]
    [InlineData("d-gc")]
    public async Task Find_by_name_accepts_key_name_or_alias(string text)
    {
        await LoadSampleAsync();
        Assert.Equal("d-gc", Assert.Single(await Store.FindByNameAsync(text, EntityKind.District)).Key);
    }

    [ContractTheory]
    [InlineData("金", "城发·金岱智慧产业园")]
    [InlineData("金岱", "城发·金岱智慧产业园")]
    [InlineData("金岱智慧", "城发·金岱智慧产业园")]
    [InlineData("汉威", "汉威科技")]
    [InlineData("科教", "金水科教园区")]
    public async Task Search_finds_chinese_substrings_of_one_two_and_more_characters(string text, string expected)
    {
        await LoadSampleAsync();
        var hits = await Store.SearchAsync(text, null, 10);
        Assert.Contains(hits, hit => hit.Entity.Name == expected);
        Assert.All(hits, hit => Assert.Contains(text, string.Concat(hit.Entity.Names), StringComparison.Ordinal));
    }

    [ContractFact]
    public async Task Search_filters_by_kind()
    {
        await LoadSampleAsync();
        var hits = await Store.SearchAsync("科", [EntityKind.Park], 10);
        Assert.Equal(["金水科教园区"], hits.Select(hit => hit.Entity.Name));
    }

    [ContractFact]
    public async Task Lists_filter_by_district_through_parks_by_chain_through_links_and_by_tag()
    {
        await LoadSampleAsync();
        async Task<string[]> Keys(EntityListQuery query) => [.. (await Store.ListEntitiesAsync(query with { Limit = 50 })).Items.Select(item => item.Entity.Key).Order(StringComparer.Ordinal)];

        Assert.Equal(["ent-gl", "ent-hw", "ent-ls"], await Keys(new EntityListQuery(EntityKind.Enterprise) { InDistrict = "d-gc" }));
        Assert.Equal(["ent-hw", "ent-xt"], await Keys(new EntityListQuery(EntityKind.Enterprise) { InChain = "chain-s" }));
        Assert.Equal(["ent-xt"], await Keys(new EntityListQuery(EntityKind.Enterprise) { InLink = "link-s-3" }));
        Assert.Equal(["ent-hw", "ent-xt"], await Keys(new EntityListQuery(EntityKind.Enterprise) { Tag = "listed" }));
        Assert.Equal(["park-jd", "park-ks"], await Keys(new EntityListQuery(EntityKind.Park) { InChain = "chain-s" }));
        Assert.Equal(["park-jd"], await Keys(new EntityListQuery(EntityKind.Park) { NameContains = "金岱" }));
    }

    [ContractFact]
    public async Task A_filtered_page_is_the_same_whether_its_filter_keeps_a_small_or_a_large_share_and_a_count_alone_reads_no_page()
    {
        // 60 enterprises in park-big, 1 in park-small, both parks in district d-one: park-big and the district keep most
        // of the kind, park-small a sliver, so a store may page them by different plans; the answers must not tell.
        Entity Enterprise(int i) => new($"ent-{i:000}", EntityKind.Enterprise, $"企业{(i * 37) % 61:000}", [], [], [ContractGraphs.Curated]);
        var enterprises = Enumerable.Range(0, 61).Select(Enterprise).ToList();
        var parks = new[] { ContractGraphs.Park("park-big", "大园"), ContractGraphs.Park("park-small", "小园") };
        var graph = ContractGraphs.Graph(parks);
        await Store.ImportAsync(graph with
        {
            Entities = [.. graph.Entities, .. enterprises],
            Facts = [],
            Relationships = [.. graph.Relationships, .. enterprises.Select((enterprise, i) => new Relationship(enterprise.Key, RelationshipTypes.LocatedIn, i == 60 ? "park-small" : "park-big", [ContractGraphs.Curated]))],
        }, ImportMode.Replace);

        async Task<List<string>> Walk(EntityListQuery query)
        {
            var keys = new List<string>();
            for (var page = await Store.ListEntitiesAsync(query with { Limit = 7 }); ; page = await Store.ListEntitiesAsync(query with { Limit = 7, After = page.Items[^1].Cursor }))
            {
                keys.AddRange(page.Items.Select(item => item.Entity.Key));
                if (!page.HasNext)
                {
                    return keys;
                }
            }
        }

        var byName = enterprises.OrderBy(enterprise => enterprise.Name, StringComparer.Ordinal).ThenBy(enterprise => enterprise.Key, StringComparer.Ordinal).Select(enterprise => enterprise.Key).ToList();
        Assert.Equal(byName.Where(key => key != "ent-060"), await Walk(new EntityListQuery(EntityKind.Enterprise) { InPark = "park-big" }));
        Assert.Equal(["ent-060"], await Walk(new EntityListQuery(EntityKind.Enterprise) { InPark = "park-small" }));
        Assert.Equal(byName, await Walk(new EntityListQuery(EntityKind.Enterprise) { InDistrict = "d-one" }));

        var countOnly = await Store.ListEntitiesAsync(new EntityListQuery(EntityKind.Enterprise) { InPark = "park-big", IncludeItems = false });
        Assert.Equal(60, countOnly.TotalCount);
        Assert.Contains(countOnly.Items.Count, new[] { 0, 20 });
    }

    [ContractFact]
    public async Task Ordering_by_a_figure_puts_the_largest_first_and_those_without_it_last()
    {
        await LoadSampleAsync();
        var page = await Store.ListEntitiesAsync(new EntityListQuery(EntityKind.Park) { OrderByFact = "enterprise_count", Descending = true });
        Assert.Equal(["park-jd", "park-jz", "park-ks"], page.Items.Select(item => item.Entity.Key));
    }

    [ContractTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Paging_forwards_and_backwards_visits_every_item_once(bool byFigure)
    {
        await LoadSampleAsync();
        var baseQuery = new EntityListQuery(EntityKind.Enterprise) { Limit = 3, OrderByFact = byFigure ? "enterprise_count" : null };
        var all = (await Store.ListEntitiesAsync(baseQuery with { Limit = 100 })).Items.Select(item => item.Entity.Key).ToList();

        var forward = new List<string>();
        PageCursor? after = null;
        EntityPage page;
        do
        {
            page = await Store.ListEntitiesAsync(baseQuery with { Limit = 1, After = after });
            forward.AddRange(page.Items.Select(item => item.Entity.Key));
            after = page.Items.LastOrDefault().Cursor;
            Assert.Equal(all.Count, page.TotalCount);
        }
        while (page.HasNext);
        Assert.Equal(all, forward);

        var backward = new List<string>();
        PageCursor? before = null;
        do
        {
            page = await Store.ListEntitiesAsync(baseQuery with { Limit = 1, Before = before, FromEnd = true });
            backward.InsertRange(0, page.Items.Select(item => item.Entity.Key));
            before = page.Items.FirstOrDefault().Cursor;
        }
        while (page.HasPrevious);
        Assert.Equal(all, backward);
    }

    [ContractFact]
    public async Task A_snapshot_reads_the_version_it_pinned_or_refuses_never_the_newer_one()
    {
        await LoadSampleAsync();
        await using var snapshot = await Store.OpenSnapshotAsync();
        Assert.Single(await snapshot.GetEntitiesAsync(["ent-ls"]));
        var dataset = Build();
        await Store.ImportAsync(dataset with { Entities = [.. dataset.Entities.Where(entity => entity.Key != "ent-ls")], Relationships = [.. dataset.Relationships.Where(edge => edge.FromKey != "ent-ls")] }, ImportMode.Replace);

        Assert.Equal(1, snapshot.Version);
        Assert.Equal(1, await snapshot.GetDataVersionAsync());
        // The port's promise: version 1's answer, or a retryable refusal (a backend without snapshot reads).
        var reads = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => AtVersionOrRefusedAsync(() => snapshot.GetRelationshipsAsync(["park-jd"], Direction.In, null))));
        Assert.All(reads.OfType<IReadOnlyList<Relationship>>(), edges => Assert.Contains(edges, edge => edge.FromKey == "ent-ls"));
        var entities = await AtVersionOrRefusedAsync(() => snapshot.GetEntitiesAsync(["ent-ls"]));
        Assert.True(entities is null || entities.Count == 1);
        var list = await AtVersionOrRefusedAsync(() => snapshot.ListEntitiesAsync(new EntityListQuery(EntityKind.Enterprise)));
        Assert.True(list is null || list.TotalCount == 4);

        Assert.Equal(2, await Store.GetDataVersionAsync());
        Assert.Empty(await Store.GetEntitiesAsync(["ent-ls"]));
        Assert.Equal(3, (await Store.ListEntitiesAsync(new EntityListQuery(EntityKind.Enterprise))).TotalCount);
    }

    /// <summary>The read's answer, or null when the store refused it because the version is gone.</summary>
    private static async Task<T?> AtVersionOrRefusedAsync<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (DataVersionGoneException gone)
        {
            Assert.Equal((1, 2), (gone.Version, gone.Current));
            return null;
        }
    }

    [ContractFact]
    public async Task Counts_and_known_entities_describe_what_was_imported()
    {
        Assert.Equal(new StoreCounts(0, 0, 0, 0), await Store.CountAsync());
        await LoadSampleAsync();
        Assert.Equal(new StoreCounts(14, 16, 3, 1), await Store.CountAsync());
        var known = await Store.ReadKnownEntitiesAsync();
        Assert.Equal(14, known.Count);
        Assert.Equal((EntityKind.ChainLink, "chain-s"), (known["link-s-2"].Kind, known["link-s-2"].ChainKey));
        Assert.Equal((EntityKind.Park, (string?)null), (known["park-jd"].Kind, known["park-jd"].ChainKey));
    }

    [ContractFact]
    public async Task Reading_everything_gives_back_what_was_imported_with_every_source()
    {
        await LoadSampleAsync();
        var all = await Store.ReadAllAsync();
        var sample = Build();
        Assert.Equal(sample.Entities.OrderBy(entity => entity.Key, StringComparer.Ordinal).Select(Describe), all.Entities.OrderBy(entity => entity.Key, StringComparer.Ordinal).Select(Describe));
        Assert.Equal(sample.Facts.Select(Describe).Order(StringComparer.Ordinal), all.Facts.Select(Describe).Order(StringComparer.Ordinal));
        Assert.Equal(sample.Relationships.Select(Describe).Order(StringComparer.Ordinal), all.Relationships.Select(Describe).Order(StringComparer.Ordinal));
    }

    private static string Describe(Entity entity) =>
        $"{entity.Key}|{entity.Kind}|{entity.Name}|{string.Join(',', entity.Aliases)}|{string.Join(',', entity.Tags)}|{string.Join(',', entity.Sources)}|{entity.Link}";

    private static string Describe(Fact fact) => $"{fact.EntityKey}|{fact.Key}|{fact.Value}|{fact.Number}|{fact.Unit}|{fact.AsOf}|{string.Join(',', fact.Sources)}";

    private static string Describe(Relationship edge) => $"{edge.FromKey}|{edge.Type}|{edge.ToKey}|{string.Join(',', edge.Sources)}";
}
