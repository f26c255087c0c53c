using System.Text;
using System.Text.Json;

namespace IndustryGraph.Domain.Seed;

/// <summary>
/// The seed data as one JSON file: an object with one array per seed file (<c>sources</c>, <c>entities</c>,
/// <c>chain_links</c>, <c>relationships</c>, <c>facts</c>), each item an object whose properties are that file's
/// columns. Lists may be JSON arrays or <c>|</c>-separated strings. Items become table rows positioned at
/// their line and column in the JSON file, so validation reports JSON problems just as CSV ones.
/// </summary>
public static class SeedJson
{
    public static string SectionOf(string seedFile) => Path.GetFileNameWithoutExtension(seedFile);

    public static SeedReadResult TryRead(string file, byte[] bytes, IReadOnlyDictionary<string, KnownEntity>? known = null)
    {
        var errors = new List<SeedError>();
        var tables = Parse(file, bytes, errors);
        return tables is null ? new SeedReadResult(null, errors) : SeedReader.TryRead(tables, known);
    }

    /// <summary>Reads the sections as tables, or returns null with the errors (not UTF-8, not JSON, a section missing).</summary>
    public static Dictionary<string, CsvTable>? Parse(string file, byte[] bytes, List<SeedError> errors)
    {
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            errors.Add(new SeedError(file, 0, 0,
                "the file is not UTF-8 (it looks like GBK/GB18030); save it as UTF-8, or convert it with: iconv -f GB18030 -t UTF-8 in.json > out.json"));
            return null;
        }

        var positions = new PositionIndex(bytes);
        var options = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        var reader = new Utf8JsonReader(bytes, options);
        var sections = new Dictionary<string, (int Line, int Column, List<Dictionary<string, (string Value, int Line, int Column)>> Items)>(StringComparer.Ordinal);
        try
        {
            if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble))
            {
                reader = new Utf8JsonReader(bytes.AsSpan(3), options);
                positions = new PositionIndex(bytes[3..]);
            }

            Expect(ref reader, JsonTokenType.StartObject, "the file must hold one JSON object with arrays sources, entities, chain_links, relationships, facts");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                var (line, column) = positions.At(reader.TokenStartIndex);
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    if (SeedReader.Files.Concat(SeedReader.OptionalFiles).Any(seedFile => SectionOf(seedFile) == name))
                    {
                        errors.Add(new SeedError(file, line, column, $"\"{name}\" must be an array of objects"));
                    }

                    continue;
                }

                var items = new List<Dictionary<string, (string, int, int)>>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var (itemLine, itemColumn) = positions.At(reader.TokenStartIndex);
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        errors.Add(new SeedError(file, itemLine, itemColumn, $"an item of \"{name}\" must be an object"));
                        reader.Skip();
                        continue;
                    }

                    var item = new Dictionary<string, (string, int, int)>(StringComparer.OrdinalIgnoreCase) { [""] = ("", itemLine, itemColumn) };
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var property = reader.GetString()!;
                        reader.Read();
                        var (valueLine, valueColumn) = positions.At(reader.TokenStartIndex);
                        item[property] = (ValueText(ref reader), valueLine, valueColumn);
                    }

                    items.Add(item);
                }

                sections[name] = (line, column, items);
            }
        }
        catch (JsonException exception)
        {
            errors.Add(new SeedError(file, (int)(exception.LineNumber ?? 0) + 1, (int)(exception.BytePositionInLine ?? 0) + 1, $"not valid JSON: {FirstSentence(exception.Message)}"));
            return null;
        }
        catch (InvalidOperationException exception)
        {
            errors.Add(new SeedError(file, 1, 1, $"not valid JSON: {exception.Message}"));
            return null;
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var tables = new Dictionary<string, CsvTable>();
        foreach (var seedFile in SeedReader.Files.Concat(SeedReader.OptionalFiles))
        {
            var section = SectionOf(seedFile);
            if (!sections.TryGetValue(section, out var found))
            {
                if (SeedReader.OptionalFiles.Contains(seedFile))
                {
                    continue;
                }

                errors.Add(new SeedError(file, 1, 1, $"the array \"{section}\" is missing: the file holds {string.Join(", ", SeedReader.Files.Select(SectionOf))}"));
                continue;
            }

            // Every property any item uses is a column; a property an item leaves out reads as empty.
            var columns = SeedReader.RequiredColumnsOf(seedFile)
                .Concat(found.Items.SelectMany(item => item.Keys).Where(key => key.Length > 0))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            var header = new CsvRecord(found.Line, columns, columns.Select(_ => found.Column).ToList());
            var rows = found.Items.Select(item =>
            {
                var (_, line, column) = item[""];
                var fields = columns.Select(name => item.TryGetValue(name, out var value) ? value.Value : "").ToList();
                var starts = columns.Select(name => item.TryGetValue(name, out var value) ? value.Column : column).ToList();
                // A row reports at the line its item starts; a property on another line still names its own column there.
                return new CsvRecord(line, fields, starts);
            }).ToList();
            tables[seedFile] = CsvTable.FromRecords(file, header, rows);
        }

        return errors.Count > 0 ? null : tables;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string message)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new InvalidOperationException(message);
        }
    }

    private static string ValueText(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString()!;
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.True or JsonTokenType.False:
                return reader.GetBoolean() ? "true" : "false";
            case JsonTokenType.StartArray:
                var parts = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    parts.Add(ValueText(ref reader));
                }

                return SeedCell.JoinList(parts);
            case JsonTokenType.StartObject:
                reader.Skip();
                return "";
            default:
                return "";
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <summary>Turns byte offsets into 1-based line and character column, scanning forward only.</summary>
    private sealed class PositionIndex(byte[] bytes)
    {
        private long offset;
        private int line = 1;
        private int column = 1;

        public (int Line, int Column) At(long target)
        {
            if (target < offset)
            {
                offset = 0;
                line = 1;
                column = 1;
            }

            for (; offset < target && offset < bytes.Length; offset++)
            {
                var b = bytes[offset];
                if (b == (byte)'\n')
                {
                    line++;
                    column = 1;
                }
                else if ((b & 0xC0) != 0x80)
                {
                    column++;
                }
            }

            return (line, column);
        }
    }
}
