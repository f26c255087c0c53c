using System.Text;

namespace IndustryGraph.Domain.Seed;

/// <summary>One CSV record with the line and column each field starts at, for error messages.</summary>
public sealed class CsvRecord
{
    private readonly CsvSource? source;
    private readonly int offset;
    private IReadOnlyList<int>? columns;

    public CsvRecord(int line, IReadOnlyList<string> fields, IReadOnlyList<int> columns)
    {
        Line = line;
        Fields = fields;
        this.columns = columns;
    }

    /// <summary>A record of a CSV file whose columns are worked out from its bytes when an error names one.</summary>
    internal CsvRecord(int line, IReadOnlyList<string> fields, CsvSource source, int offset)
    {
        Line = line;
        Fields = fields;
        this.source = source;
        this.offset = offset;
    }

    public int Line { get; }

    public IReadOnlyList<string> Fields { get; }

    /// <summary>1-based character column at which each field starts on <see cref="Line"/>.</summary>
    public IReadOnlyList<int> Columns => columns ??= source!.ColumnsOfRecordAt(offset);
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
    public static CsvTable? Parse(string file, ReadOnlySpan<byte> bytes, List<SeedError> errors) => Parse(file, bytes.ToArray(), errors);

    /// <summary>Parses the bytes of a CSV file, which the table keeps to place errors; on failure returns the errors.</summary>
    public static CsvTable? Parse(string file, byte[] bytes, List<SeedError> errors)
    {
        var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0;
        if (!System.Text.Unicode.Utf8.IsValid(bytes.AsSpan(start)))
        {
            var (line, column) = LocateInvalidByte(bytes.AsSpan(start));
            errors.Add(new SeedError(file, line, column,
                "the file is not UTF-8 (it looks like GBK/GB18030, as a spreadsheet's plain \"CSV\" export saves Chinese); " +
                "save it as \"CSV UTF-8\", or convert it with: iconv -f GB18030 -t UTF-8 in.csv > out.csv"));
            return null;
        }

        var source = new CsvSource(bytes, start);
        var records = new CsvTokenizer(file, source, errors).Records();
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

        var rows = records.GetRange(1, records.Count - 1);
        return new CsvTable(file, records[0], rows) { MayHoldUnstorableText = source.MayHoldUnstorableText };
    }

    /// <summary>
    /// False only when the file's bytes show that no field holds a control character or a non-character, so the
    /// check of every field (<see cref="StoredText"/>) can be skipped.
    /// </summary>
    public bool MayHoldUnstorableText { get; private init; } = true;

    // The columns rows ask for by name, resolved once: the names are the same string instances row after row.
    private (string Name, int Index)[] resolved = [];

    /// <summary>The index of a column (ignoring case and spaces), or -1.</summary>
    public int IndexOf(string column)
    {
        foreach (var (name, index) in resolved)
        {
            if (ReferenceEquals(name, column))
            {
                return index;
            }
        }

        var found = ColumnIndex.TryGetValue(column, out var at) ? at : -1;
        if (resolved.Length < 64)
        {
            resolved = [.. resolved, (column, found)];
        }

        return found;
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
