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

    [Theory]
    [InlineData(ExportFormat.Csv, "export-csv")]
    [InlineData(ExportFormat.Json, "export.json")]
    public async Task Export_then_import_into_an_empty_store_gives_the_same_graph(ExportFormat format, string target)
    {
        var original = await SeedGraphAsync();
        var path = Path.Combine(directory, target);
        ExportCommand.Export(original, format, path);

        var read = SeedFolder.Read(path);
        Assert.Empty(read.Errors);
        var copy = SqliteGraphStore.Open(Path.Combine(directory, $"copy-{format}.db"));
        await copy.ImportAsync(read.Dataset!, ImportMode.Merge);
        var copied = await copy.ReadAllAsync();

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
}
