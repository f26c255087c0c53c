using System.Text;

namespace IndustryGraph.Domain.Seed;

/// <summary>One CSV record with the line and column each field starts at, for error messages.</summary>
public sealed class CsvRecord(int line, IReadOnlyList<string> fields, IReadOnlyList<int> columns)
{
    public int Line { get; } = line;

    public IReadOnlyList<string> Fields { get; } = fields;

    /// <summary>1-based character column at which each field starts on <see cref="Line"/>.</summary>
    public IReadOnlyList<int> Columns { get; } = columns;
}

/// <summary>An RFC 4180 CSV file read from UTF-8 bytes, keeping positions for error messages.</summary>
public sealed class CsvTable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private CsvTable(string file, CsvRecord header, IReadOnlyList<CsvRecord> rows)
    {
        File = file;
        Header = header;
        Rows = rows;
        ColumnIndex = header.Fields
            .Select((name, index) => (name: name.Trim(), index))
            .GroupBy(column => column.name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.First().index, StringComparer.OrdinalIgnoreCase);
    }

    public string File { get; }

    public CsvRecord Header { get; }

    public IReadOnlyList<CsvRecord> Rows { get; }

    public IReadOnlyDictionary<string, int> ColumnIndex { get; }

    /// <summary>A table from records read elsewhere (a section of a JSON file), with positions in that file.</summary>
    public static CsvTable FromRecords(string file, CsvRecord header, IReadOnlyList<CsvRecord> rows) => new(file, header, rows);

    /// <summary>Parses the bytes of a CSV file; on failure returns the errors (not UTF-8, broken quoting, empty file).</summary>
    public static CsvTable? Parse(string file, ReadOnlySpan<byte> bytes, List<SeedError> errors)
    {
        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[3..];
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            var (line, column) = LocateInvalidByte(bytes);
            errors.Add(new SeedError(file, line, column,
                "the file is not UTF-8 (it looks like GBK/GB18030, as a spreadsheet's plain \"CSV\" export saves Chinese); " +
                "save it as \"CSV UTF-8\", or convert it with: iconv -f GB18030 -t UTF-8 in.csv > out.csv"));
            return null;
        }

        var records = Tokenize(file, text, errors);
        if (records is null)
        {
            return null;
        }

        if (records.Count == 0)
        {
            errors.Add(new SeedError(file, 1, 1, "the file is empty: the first line must name the columns"));
            return null;
        }

        if (DuplicateColumns(file, records[0]) is { Count: > 0 } duplicates)
        {
            errors.AddRange(duplicates);
            return null;
        }

        return new CsvTable(file, records[0], records.Skip(1).Where(record => !IsBlank(record)).ToList());
    }

    /// <summary>A column named twice (ignoring case and spaces) would be read from one copy only: both are named.</summary>
    private static List<SeedError> DuplicateColumns(string file, CsvRecord header)
    {
        var errors = new List<SeedError>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < header.Fields.Count; index++)
        {
            var name = header.Fields[index].Trim();
            if (name.Length == 0)
            {
                continue;
            }

            if (seen.TryGetValue(name, out var first))
            {
                errors.Add(new SeedError(file, header.Line, header.Columns[index],
                    $"duplicate column '{name}': columns {first + 1} ('{header.Fields[first].Trim()}') and {index + 1} ('{name}') both name it; keep one"));
            }
            else
            {
                seen[name] = index;
            }
        }

        return errors;
    }

    private static bool IsBlank(CsvRecord record) => record.Fields.All(string.IsNullOrWhiteSpace);

    private static List<CsvRecord>? Tokenize(string file, string text, List<SeedError> errors)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var columns = new List<int>();
        var field = new StringBuilder();
        int line = 1, column = 1, recordLine = 1, fieldColumn = 1;
        var inQuotes = false;
        var quotedStart = (line: 0, column: 0);
        var i = 0;

        void EndField()
        {
            fields.Add(SeedCell.FromSpreadsheet(field.ToString()));
            columns.Add(fieldColumn);
            field.Clear();
        }

        void EndRecord()
        {
            EndField();
            records.Add(new CsvRecord(recordLine, fields.ToArray(), columns.ToArray()));
            fields.Clear();
            columns.Clear();
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        column += 2;
                        continue;
                    }

                    inQuotes = false;
                    i++;
                    column++;
                    continue;
                }

                field.Append(c);
                if (c == '\n')
                {
                    line++;
                    column = 1;
                }
                else
                {
                    column++;
                }

                i++;
                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    inQuotes = true;
                    quotedStart = (line, column);
                    i++;
                    column++;
                    break;
                case ',':
                    EndField();
                    i++;
                    column++;
                    fieldColumn = column;
                    break;
                case '\r' or '\n':
                    EndRecord();
                    i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    line++;
                    column = 1;
                    recordLine = line;
                    fieldColumn = 1;
                    break;
                default:
                    field.Append(c);
                    i++;
                    column++;
                    break;
            }
        }

        if (inQuotes)
        {
            errors.Add(new SeedError(file, quotedStart.line, quotedStart.column, "a quoted field is never closed (missing \")"));
            return null;
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            EndRecord();
        }

        return records;
    }

    private static (int Line, int Column) LocateInvalidByte(ReadOnlySpan<byte> bytes)
    {
        int line = 1, column = 1, i = 0;
        while (i < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[i..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return (line, column);
            }

            if (rune.Value == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }

            i += consumed;
        }

        return (line, column);
    }
}
