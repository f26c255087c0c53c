using System.Globalization;
using System.Xml.Linq;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Seed;
using IndustryGraph.Server.Transfer;
using IndustryGraph.Storage.Sqlite;

namespace IndustryGraph.Server.Tests.Transfer;

public sealed class ExportRoundTripTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "industrygraph-tests", Guid.NewGuid().ToString("N"));

    public ExportRoundTripTests() => Directory.CreateDirectory(directory);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private async Task<GraphDataset> SeedGraphAsync()
    {
        var store = SqliteGraphStore.Open(Path.Combine(directory, "original.db"));
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
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Exports the graph to <paramref name="target"/>, imports that into an empty store and reads the store back.</summary>
    private async Task<GraphDataset> ExportAndImportAsync(GraphDataset graph, ExportFormat format, string target)
    {
        var path = Path.Combine(directory, target);
        ExportCommand.Export(graph, format, path);
        var read = SeedFolder.Read(path);
        Assert.Empty(read.Errors);
        var copy = SqliteGraphStore.Open(Path.Combine(directory, $"copy-{target}.db"));
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

    [Fact]
    public async Task Every_exported_csv_starts_with_a_bom_and_the_importer_reads_files_with_and_without_it()
    {
        var original = await SeedGraphAsync();
        var withBom = Path.Combine(directory, "with-bom");
        ExportCommand.Export(original, ExportFormat.Csv, withBom);
        var withoutBom = Path.Combine(directory, "without-bom");
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
    public async Task Cypher_merges_every_entity_fact_and_relationship_for_neo4j()
    {
        var original = await SeedGraphAsync();
        var path = Path.Combine(directory, "graph.cypher");
        ExportCommand.Export(original, ExportFormat.Cypher, path);
        var script = await File.ReadAllTextAsync(path);
        Assert.Contains("CREATE CONSTRAINT entity_key IF NOT EXISTS FOR (n:Entity) REQUIRE n.key IS UNIQUE;", script, StringComparison.Ordinal);
        Assert.Contains("MERGE (n:Entity {key: row.key}) SET n:Park, n += row;", script, StringComparison.Ordinal);
        Assert.Contains("MERGE (a)-[r:LOCATED_IN]->(b)", script, StringComparison.Ordinal);
        Assert.Contains("{key: 'park-jindai', name: '城发·金岱智慧产业园'", script, StringComparison.Ordinal);
        // Every statement ends with a semicolon and no quote is left open (each ' inside a string is escaped).
        Assert.All(script.Split(";\n", StringSplitOptions.RemoveEmptyEntries).Where(statement => statement.TrimStart().StartsWith("UNWIND", StringComparison.Ordinal)),
            statement => Assert.Equal(0, statement.Replace("\\\\", "", StringComparison.Ordinal).Replace("\\'", "", StringComparison.Ordinal).Count(c => c == '\'') % 2));
    }

    [Fact]
    public async Task GraphML_holds_a_node_per_entity_and_an_edge_per_relationship()
    {
        var original = await SeedGraphAsync();
        var path = Path.Combine(directory, "graph.graphml");
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
            var cells = Directory.GetFiles(Path.Combine(directory, target), "*.csv").SelectMany(File.ReadAllLines).SelectMany(line => line.Split(',')).Select(cell => cell.TrimStart('"'));
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
            var path = Path.Combine(directory, $"broken.{format}");
            await File.WriteAllTextAsync(path, "an earlier export");
            ExportCommand.Export(graph, format, path);
            Assert.NotEqual("an earlier export", await File.ReadAllTextAsync(path));
            Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(directory, $"*broken.{format}*").Select(Path.GetFileName));
        }

        XDocument.Load(Path.Combine(directory, "broken.GraphML"));
        using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(directory, "broken.Json")));
        Assert.True(json.RootElement.GetProperty("entities").GetArrayLength() > 0);
    }
}
