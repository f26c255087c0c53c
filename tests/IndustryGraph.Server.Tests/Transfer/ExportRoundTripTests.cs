using System.Globalization;
using System.Xml.Linq;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Seed;
using IndustryGraph.Server.Tests.Hosting;
using IndustryGraph.Server.Transfer;
using IndustryGraph.Storage.Contract;

namespace IndustryGraph.Server.Tests.Transfer;

public sealed class ExportRoundTripTests : IDisposable
{
    private readonly TestDirectory scratch = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        scratch.Dispose();
    }

    private async Task<GraphDataset> SeedGraphAsync()
    {
        var store = TestStore.Open(Path.Combine(scratch.Path, "original.db"));
        await store.ImportAsync(SeedFolder.ReadOrThrow(SeedFolder.Default), ImportMode.Replace);
        return await store.ReadAllAsync();
    }

    /// <summary>A graph as sorted lines, so two stores compare regardless of row order.</summary>
    private static List<string> Lines(GraphDataset graph)
    {
        static string Sources(IEnumerable<SourceRef> sources) => string.Join(";", sources.Select(source => source.ToString()).Order(StringComparer.Ordinal));
        return graph.Entities.Select(entity => $"E {entity.Key} {entity.Kind} {entity.Name} [{string.Join('|', entity.Aliases)}] [{string.Join('|', entity.Tags)}] {Sources(entity.Sources)} {entity.Link}")
            .Concat(graph.Facts.Select(fact => $"F {fact.EntityKey} {fact.Key} {fact.Value} {fact.Number?.ToString("R", CultureInfo.InvariantCulture)} {fact.Unit} {fact.AsOf} {Sources(fact.Sources)}"))
            .Concat(graph.Relationships.Select(edge => $"R {edge.FromKey} {edge.Type} {edge.ToKey} {Sources(edge.Sources)}"))
            .Concat(graph.Placements.Select(record => $"P {record.EnterpriseKey} {record.LinkKey} {record.Kind} {record.Score?.ToString("R", CultureInfo.InvariantCulture)} " +
                $"{Domain.Placements.PlacementEvidenceJson.Write(record.Evidence)} {record.Basis} {record.DecidedBy} {record.DecidedAt?.UtcTicks}"))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Exports the graph to <paramref name="target"/>, imports that into an empty store and reads the store back.</summary>
    private async Task<GraphDataset> ExportAndImportAsync(GraphDataset graph, ExportFormat format, string target)
    {
        var path = Path.Combine(scratch.Path, target);
        ExportCommand.Export(graph, format, path);
        var read = SeedFolder.Read(path);
        Assert.Empty(read.Errors);
        var copy = TestStore.Open(Path.Combine(scratch.Path, $"copy-{target}.db"));
        await copy.ImportAsync(read.Dataset!, ImportMode.Merge);
        return await copy.ReadAllAsync();
    }

    [Theory]
    [InlineData(ExportFormat.Csv, "export-csv")]
    [InlineData(ExportFormat.Json, "export.json")]
    public async Task Export_then_import_into_an_empty_store_gives_the_same_graph(ExportFormat format, string target)
    {
        var original = await SeedGraphAsync();
        var copied = await ExportAndImportAsync(original, format, target);

        Assert.True(original.RowCount > 2000);
        Assert.Equal(Lines(original), Lines(copied));
    }

    [Theory]
    [InlineData(ExportFormat.Csv, "placements-csv")]
    [InlineData(ExportFormat.Json, "placements.json")]
    public async Task Placement_records_survive_export_then_import(ExportFormat format, string target)
    {
        var seed = await SeedGraphAsync();
        var enterprises = seed.Entities.Where(entity => entity.Kind == EntityKind.Enterprise).Take(2).Select(entity => entity.Key).ToList();
        var links = seed.Entities.Where(entity => entity.Kind == EntityKind.ChainLink).Take(2).Select(entity => entity.Key).ToList();
        var original = seed with
        {
            Placements =
            [
                new(enterprises[0], links[0], Domain.Placements.PlacementKind.Suggested, 0.72,
                    [new(Domain.Placements.PlacementEvidenceKind.Code, "3983", 0, 4), new(Domain.Placements.PlacementEvidenceKind.Word, "传感器,\"模组\"", 12, 7)]) { Basis = "5f1c0a" },
                new(enterprises[1], links[1], Domain.Placements.PlacementKind.Rejected, null, [])
                    { DecidedBy = "analyst-wang", DecidedAt = new DateTimeOffset(2026, 12, 1, 9, 30, 15, 123, TimeSpan.FromHours(8)) },
            ],
        };

        var copied = await ExportAndImportAsync(original, format, target);

        Assert.Equal(2, copied.Placements.Count);
        Assert.Equal(Lines(original), Lines(copied));
    }

    [Fact]
    public async Task Every_exported_csv_starts_with_a_bom_and_the_importer_reads_files_with_and_without_it()
    {
        var original = await SeedGraphAsync();
        var withBom = Path.Combine(scratch.Path, "with-bom");
        ExportCommand.Export(original, ExportFormat.Csv, withBom);
        var withoutBom = Path.Combine(scratch.Path, "without-bom");
        Directory.CreateDirectory(withoutBom);
        foreach (var file in Directory.GetFiles(withBom, "*.csv"))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.True(bytes.AsSpan().StartsWith(System.Text.Encoding.UTF8.Preamble), $"{Path.GetFileName(file)} has no byte-order mark");
            await File.WriteAllBytesAsync(Path.Combine(withoutBom, Path.GetFileName(file)), bytes[3..]);
        }

        var readWith = SeedFolder.Read(withBom);
        var readWithout = SeedFolder.Read(withoutBom);
        Assert.Empty(readWith.Errors);
        Assert.Empty(readWithout.Errors);
        Assert.Equal(Lines(readWithout.Dataset!), Lines(readWith.Dataset!));
        Assert.Equal(Lines(original), Lines(readWith.Dataset!));
    }

    [Fact]
    public async Task Cypher_is_the_neo4j_adapters_own_statements_each_after_the_parameters_it_reads()
    {
        var original = await SeedGraphAsync();
        var path = Path.Combine(scratch.Path, "graph.cypher");
        ExportCommand.Export(original, ExportFormat.Cypher, path);
        var lines = (await File.ReadAllLinesAsync(path)).Where(line => !line.StartsWith("//", StringComparison.Ordinal)).ToList();
        var model = Storage.Neo4j.Neo4jSchema.Statements
            .Concat(Enum.GetValues<EntityKind>().Select(Storage.Neo4j.CypherModel.WriteEntities))
            .Concat(RelationshipTypes.All.Select(Storage.Neo4j.CypherModel.WriteRelationships))
            .Concat([Storage.Neo4j.CypherModel.AddFacts, Storage.Neo4j.CypherModel.Lock, Storage.Neo4j.CypherModel.BumpVersion])
            .Select(statement => statement.ReplaceLineEndings(" ") + ";")
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(lines, line => Assert.True(line.StartsWith(":param {", StringComparison.Ordinal) || model.Contains(line), $"not a statement of the model: {line[..Math.Min(line.Length, 120)]}"));
        // Each data statement comes right after its rows; the rows hold every entity, relationship and fact once.
        var parameters = lines.Select((line, index) => (line, index)).Where(item => item.line.StartsWith(":param", StringComparison.Ordinal)).ToList();
        Assert.All(parameters, item => Assert.DoesNotContain(":param", lines[item.index + 1], StringComparison.Ordinal));
        int Rows(string statementStart) => parameters.Where(item => lines[item.index + 1].StartsWith(statementStart, StringComparison.Ordinal))
            .Sum(item => item.line.Split("}, {`", StringSplitOptions.None).Length);
        Assert.Equal(original.Entities.Count, Rows("UNWIND $rows AS row MERGE (n:Entity"));
        Assert.Equal(original.Relationships.Count, Rows("UNWIND $rows AS row MATCH (a:Entity"));
        Assert.Equal(original.Facts.Count, Rows("UNWIND $rows AS row MATCH (n:Entity {key: row.entity})"));
        Assert.Contains("`name`: '城发·金岱智慧产业园'", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GraphML_holds_a_node_per_entity_and_an_edge_per_relationship()
    {
        var original = await SeedGraphAsync();
        var path = Path.Combine(scratch.Path, "graph.graphml");
        ExportCommand.Export(original, ExportFormat.GraphML, path);
        var document = XDocument.Load(path);
        XNamespace graphml = "http://graphml.graphdrawing.org/xmlns";
        Assert.Equal(original.Entities.Count, document.Descendants(graphml + "node").Count());
        Assert.Equal(original.Relationships.Count, document.Descendants(graphml + "edge").Count());
        var keys = document.Descendants(graphml + "node").Select(node => node.Attribute("id")!.Value).ToHashSet();
        Assert.All(document.Descendants(graphml + "edge"), edge => Assert.Contains(edge.Attribute("target")!.Value, keys));
    }

    /// <summary>The seed plus values that broke exports: '|' and '\' in aliases and tags, formula-like names and notes.</summary>
    private async Task<GraphDataset> AwkwardGraphAsync()
    {
        var seed = await SeedGraphAsync();
        var document = seed.Entities.First(entity => entity.Kind == EntityKind.SourceDocument).Key;
        var awkward = new Entity("ent-awkward", EntityKind.Enterprise, "=HYPERLINK(\"http://x\")", ["甲|乙", "back\\slash", "@mention"], ["-1", "+tag", "'=quoted"],
            [SourceRef.FromCuration("=1+1 curated")]);
        var fact = new Fact("ent-awkward", "revenue", "-3亿元", -300_000_000, "元", null, [SourceRef.FromDocument(document, 1, "@note")]);
        return seed with { Entities = [.. seed.Entities, awkward], Facts = [.. seed.Facts, fact] };
    }

    [Theory]
    [InlineData(ExportFormat.Csv, "awkward-csv")]
    [InlineData(ExportFormat.Json, "awkward.json")]
    public async Task Pipes_backslashes_and_formula_like_values_round_trip_and_no_csv_cell_starts_a_formula(ExportFormat format, string target)
    {
        var original = await AwkwardGraphAsync();
        Assert.Equal(Lines(original), Lines(await ExportAndImportAsync(original, format, target)));
        if (format == ExportFormat.Csv)
        {
            var cells = Directory.GetFiles(Path.Combine(scratch.Path, target), "*.csv").SelectMany(File.ReadAllLines).SelectMany(line => line.Split(',')).Select(cell => cell.TrimStart('"'));
            Assert.DoesNotContain(cells, cell => cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@');
        }
    }

    [Fact]
    public async Task Values_no_format_can_carry_do_not_break_any_export_and_every_export_replaces_its_file_whole()
    {
        var seed = await SeedGraphAsync();
        // What a store written before values were checked may hold.
        var broken = new Entity("ent-broken", EntityKind.Enterprise, "坏\u0001名\u001b", ["a\0b"], [], [SourceRef.FromCuration("bell\u0007")]);
        var infinite = new Fact("ent-broken", "revenue", "1" + new string('0', 400), double.PositiveInfinity, null, null, [SourceRef.FromCuration("n")]);
        var graph = seed with { Entities = [.. seed.Entities, broken], Facts = [.. seed.Facts, infinite] };
        foreach (var format in new[] { ExportFormat.Json, ExportFormat.GraphML, ExportFormat.Cypher })
        {
            var path = Path.Combine(scratch.Path, $"broken.{format}");
            await File.WriteAllTextAsync(path, "an earlier export");
            ExportCommand.Export(graph, format, path);
            Assert.NotEqual("an earlier export", await File.ReadAllTextAsync(path));
            Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(scratch.Path, $"*broken.{format}*").Select(Path.GetFileName));
        }

        XDocument.Load(Path.Combine(scratch.Path, "broken.GraphML"));
        using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(scratch.Path, "broken.Json")));
        Assert.True(json.RootElement.GetProperty("entities").GetArrayLength() > 0);
    }
}
