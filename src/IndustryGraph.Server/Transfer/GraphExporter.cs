using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;
using IndustryGraph.Domain.Seed;

namespace IndustryGraph.Server.Transfer;

public enum ExportFormat
{
    Csv,
    Json,
    Cypher,
    GraphML,
}

/// <summary>
/// Writes a graph out: <c>csv</c> (a seed folder) and <c>json</c> (the same tables in one file) read back with
/// <c>import</c>; <c>cypher</c> is the Neo4j adapter's own statements as a cypher-shell script (<see cref="Storage.Neo4j.CypherScript"/>); <c>graphml</c> opens in Gephi and yEd.
/// </summary>
public static class GraphExporter
{
    private static readonly string[] SourceFactKeys = ["publisher", "published", "note"];

    /// <summary>The seed tables of a graph, row by row: the shape both csv and json exports write.</summary>
    public static IEnumerable<(string File, string[] Columns, IEnumerable<string?[]> Rows)> Tables(GraphDataset graph)
    {
        var factsByEntity = graph.Facts.ToLookup(fact => fact.EntityKey, StringComparer.Ordinal);
        var entities = graph.Entities.ToDictionary(entity => entity.Key, StringComparer.Ordinal);

        yield return (SeedReader.SourcesFile, ["key", "title", "publisher", "published", "note"],
            graph.Entities.Where(entity => entity.Kind == EntityKind.SourceDocument).Select(document => new[]
            {
                document.Key, document.Name == document.Key ? "" : document.Name,
                SourceFact(factsByEntity[document.Key], "publisher"), SourceFact(factsByEntity[document.Key], "published"), SourceFact(factsByEntity[document.Key], "note"),
            }));
        yield return (SeedReader.EntitiesFile, ["key", "kind", "name", "aliases", "tags", "source", "paragraph", "note"],
            graph.Entities.Where(entity => entity.Kind is not (EntityKind.SourceDocument or EntityKind.ChainLink)).Select(entity =>
                (string?[])[entity.Key, entity.Kind.ToCode(), entity.Name, SeedCell.JoinList(entity.Aliases), SeedCell.JoinList(entity.Tags), .. Provenance(entity.Sources[0])]));
        yield return (SeedReader.ChainLinksFile, ["key", "chain", "segment", "position", "name", "aliases", "tags", "source", "paragraph", "note"],
            graph.Entities.Where(entity => entity.Link is not null).Select(link =>
                (string?[])[link.Key, link.Link!.ChainKey, link.Link.Segment.ToCode(), link.Link.Position.ToString(CultureInfo.InvariantCulture), link.Name,
                    SeedCell.JoinList(link.Aliases), SeedCell.JoinList(link.Tags), .. Provenance(link.Sources[0])]));
        yield return (SeedReader.RelationshipsFile, ["from", "type", "to", "source", "paragraph", "note"],
            graph.Relationships.SelectMany(relationship => relationship.Sources
                // The loader adds a link's PART_OF its chain with the link's own provenance.
                .Where(source => !(relationship.Type == RelationshipTypes.PartOf && entities.TryGetValue(relationship.FromKey, out var from)
                    && from.Link?.ChainKey == relationship.ToKey && from.Sources[0] == source))
                .Select(source => (string?[])[relationship.FromKey, relationship.Type, relationship.ToKey, .. Provenance(source)])));
        yield return (SeedReader.FactsFile, ["entity", "key", "value", "number", "unit", "as_of", "about", "source", "paragraph", "note"],
            graph.Facts.Where(fact => !(entities.TryGetValue(fact.EntityKey, out var owner) && owner.Kind == EntityKind.SourceDocument && SourceFactKeys.Contains(fact.Key)))
                .SelectMany(fact => fact.Sources.Select(source => (string?[])
                [
                    fact.EntityKey, fact.Key, fact.Value, FiniteNumber(fact.Number), fact.Unit, fact.AsOf, SeedCell.JoinList(fact.About), .. Provenance(source),
                ])));
        // Optional in the seed format, but always written: an export into a folder of an earlier one replaces its placements.
        yield return (SeedReader.PlacementsFile, ["enterprise", "link", "kind", "score", "evidence", "basis", "decided_by", "decided_at"],
            graph.Placements.Select(record => new[]
            {
                record.EnterpriseKey, record.LinkKey, record.Kind.ToCode(), FiniteNumber(record.Score), PlacementEvidenceJson.Write(record.Evidence),
                record.Basis, record.DecidedBy, record.DecidedAt is { } at ? PlacementRecords.FormatTime(at) : null,
            }));
    }

    /// <summary>A number as text, or nothing for one no format can carry (a store written before numbers were checked may hold one).</summary>
    private static string? FiniteNumber(double? number) =>
        number is { } value && double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : null;

    private static string SourceFact(IEnumerable<Fact> facts, string key) => facts.FirstOrDefault(fact => fact.Key == key)?.Value ?? "";

    private static string?[] Provenance(SourceRef source) => source.Curated
        ? [SourceRef.CuratedWord, "", source.Note]
        : [source.Document, source.Paragraph?.ToString(CultureInfo.InvariantCulture) ?? "", source.Note];

    public static void WriteCsv(GraphDataset graph, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var (file, columns, rows) in Tables(graph))
        {
            using var writer = new CsvFileWriter(Path.Combine(folder, file), columns);
            foreach (var row in rows)
            {
                writer.WriteRow(row);
            }
        }
    }

    private static readonly HashSet<string> ListColumns = ["aliases", "tags", "about"];
    private static readonly HashSet<string> NumberColumns = ["paragraph", "position", "number", "score"];

    /// <summary>One JSON object with an array per seed file; lists as arrays, numbers as numbers, empty cells left out.</summary>
    public static void WriteJson(GraphDataset graph, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        foreach (var (file, columns, rows) in Tables(graph))
        {
            json.WriteStartArray(SeedJson.SectionOf(file));
            foreach (var row in rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < columns.Length; i++)
                {
                    var value = row[i];
                    if (string.IsNullOrEmpty(value))
                    {
                        continue;
                    }

                    if (ListColumns.Contains(columns[i]))
                    {
                        json.WriteStartArray(columns[i]);
                        foreach (var item in SeedCell.SplitList(value))
                        {
                            json.WriteStringValue(item);
                        }

                        json.WriteEndArray();
                    }
                    else if (NumberColumns.Contains(columns[i]) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    {
                        json.WritePropertyName(columns[i]);
                        json.WriteRawValue(value);
                    }
                    else
                    {
                        json.WriteString(columns[i], value);
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static string Describe(SourceRef source) =>
        source.Curated ? $"curated: {source.Note}" : source.Paragraph is { } paragraph ? $"{source.Document} ¶{paragraph}" : source.Document ?? "";

    /// <summary>GraphML for Gephi and yEd: entities as nodes (kind, name, aliases, tags, facts), relationships as edges (type, sources).</summary>
    public static void WriteGraphML(GraphDataset graph, Stream output)
    {
        var factsByEntity = graph.Facts.ToLookup(fact => fact.EntityKey, StringComparer.Ordinal);
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        const string Namespace = "http://graphml.graphdrawing.org/xmlns";
        xml.WriteStartDocument();
        xml.WriteStartElement("graphml", Namespace);
        foreach (var (id, target, name) in new[]
        {
            ("kind", "node", "kind"), ("name", "node", "name"), ("label", "node", "label"), ("aliases", "node", "aliases"), ("tags", "node", "tags"),
            ("facts", "node", "facts"), ("chain", "node", "chain"), ("segment", "node", "segment"), ("type", "edge", "type"), ("sources", "edge", "sources"),
        })
        {
            xml.WriteStartElement("key", Namespace);
            xml.WriteAttributeString("id", id);
            xml.WriteAttributeString("for", target);
            xml.WriteAttributeString("attr.name", name);
            xml.WriteAttributeString("attr.type", "string");
            xml.WriteEndElement();
        }

        xml.WriteStartElement("graph", Namespace);
        xml.WriteAttributeString("id", "industrygraph");
        xml.WriteAttributeString("edgedefault", "directed");
        foreach (var entity in graph.Entities)
        {
            xml.WriteStartElement("node", Namespace);
            xml.WriteAttributeString("id", XmlText(entity.Key));
            Data(xml, "kind", entity.Kind.ToCode());
            Data(xml, "name", entity.Name);
            Data(xml, "label", entity.Name);
            Data(xml, "aliases", SeedCell.JoinList(entity.Aliases));
            Data(xml, "tags", SeedCell.JoinList(entity.Tags));
            Data(xml, "facts", string.Join("; ", factsByEntity[entity.Key].Select(fact => $"{fact.Key}={fact.Value}")));
            Data(xml, "chain", entity.Link?.ChainKey ?? "");
            Data(xml, "segment", entity.Link?.Segment.ToCode() ?? "");
            xml.WriteEndElement();
        }

        var edgeId = 0;
        foreach (var relationship in graph.Relationships)
        {
            xml.WriteStartElement("edge", Namespace);
            xml.WriteAttributeString("id", $"e{edgeId++}");
            xml.WriteAttributeString("source", XmlText(relationship.FromKey));
            xml.WriteAttributeString("target", XmlText(relationship.ToKey));
            Data(xml, "type", relationship.Type);
            Data(xml, "sources", string.Join("; ", relationship.Sources.Select(Describe)));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();

        static void Data(XmlWriter xml, string key, string value)
        {
            if (value.Length == 0)
            {
                return;
            }

            xml.WriteStartElement("data", Namespace);
            xml.WriteAttributeString("key", key);
            xml.WriteString(XmlText(value));
            xml.WriteEndElement();
        }
    }

    /// <summary>
    /// Text XML 1.0 can hold: a character it cannot (a control character, a lone surrogate) is written as the
    /// visible escape \uXXXX, so no stored value can make the file unreadable or stop the export.
    /// </summary>
    private static string XmlText(string value)
    {
        if (!value.Any(c => char.IsSurrogate(c) || !XmlConvert.IsXmlChar(c)))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[++i]);
            }
            else if (char.IsSurrogate(c) || !XmlConvert.IsXmlChar(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
