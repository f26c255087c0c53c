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

    // The rows of a table opened for one pass, not read yet; null for a table of parsed rows.
    private IEnumerator<CsvRecord>? unread;
    private readonly CsvSource? streamed;
    private readonly IReadOnlyList<CsvRecord>? rows;

    private CsvTable(string file, CsvRecord header, IReadOnlyList<CsvRecord>? rows)
    {
        File = file;
        Header = header;
        this.rows = rows;
        EstimatedRows = rows?.Count ?? 0;
        ColumnIndex = header.Fields
            .Select((name, index) => (name: name.Trim(), index))
            .GroupBy(column => column.name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.First().index, StringComparer.OrdinalIgnoreCase);
    }

    public string File { get; }

    public CsvRecord Header { get; }

    /// <summary>The rows of a parsed table (not of one opened for one pass: read its <see cref="Records"/>).</summary>
    public IReadOnlyList<CsvRecord> Rows => rows ?? throw new InvalidOperationException($"{File} is read in one pass, through Records");

    /// <summary>
    /// The rows, in order: a parsed table's list, or, of a table opened for one pass, the rows read from its
    /// bytes as they are enumerated (once); a quoting error on the way ends them and is added to the errors
    /// given to <see cref="Open"/>.
    /// </summary>
    public IEnumerable<CsvRecord> Records => rows ?? ReadOnce();

    /// <summary>How many rows the table holds (about as many as its lines, for a table opened for one pass).</summary>
    public int EstimatedRows { get; private init; }

    private IEnumerable<CsvRecord> ReadOnce()
    {
        var records = unread ?? throw new InvalidOperationException($"the rows of {File} were read already");
        unread = null;
        using (records)
        {
            while (records.MoveNext())
            {
                yield return records.Current;
            }
        }
    }

    public IReadOnlyDictionary<string, int> ColumnIndex { get; }

    /// <summary>A table from records read elsewhere (a section of a JSON file), with positions in that file.</summary>
    public static CsvTable FromRecords(string file, CsvRecord header, IReadOnlyList<CsvRecord> rows) => new(file, header, rows);

    /// <summary>Parses the bytes of a CSV file; on failure returns the errors (not UTF-8, broken quoting, empty file).</summary>
    public static CsvTable? Parse(string file, ReadOnlySpan<byte> bytes, List<SeedError> errors) => Parse(file, bytes.ToArray(), errors);

    /// <summary>Parses the bytes of a CSV file, which the table keeps to place errors; on failure returns the errors.</summary>
    public static CsvTable? Parse(string file, byte[] bytes, List<SeedError> errors)
    {
        if (Source(file, bytes, errors) is not { } source)
        {
            return null;
        }

        var records = new CsvTokenizer(file, source, errors).Records();
        if (records is null)
        {
            return null;
        }

        if (Headed(file, records.Count == 0 ? null : records[0], errors) is not { } header)
        {
            return null;
        }

        var rows = records.GetRange(1, records.Count - 1);
        return new CsvTable(file, header, rows) { MayHoldUnstorableText = source.MayHoldUnstorableText };
    }

    /// <summary>
    /// Opens the bytes of a CSV file for one pass: the header is read now, the rows as <see cref="Records"/> are
    /// enumerated, so that a million rows need not all be held at once. Null with the errors when the file is
    /// not UTF-8, has no header or a column twice.
    /// </summary>
    public static CsvTable? Open(string file, byte[] bytes, List<SeedError> errors)
    {
        if (Source(file, bytes, errors) is not { } source)
        {
            return null;
        }

        var tokenizer = new CsvTokenizer(file, source, errors);
        var records = tokenizer.Stream().GetEnumerator();
        var first = records.MoveNext() ? records.Current : null;
        var before = errors.Count;
        if (tokenizer.Failed || Headed(file, first, errors) is not { } header)
        {
            // As a parse of the whole file has it: a file with a quote left open is reported for that alone.
            var headerErrors = errors.Count - before;
            while (!tokenizer.Failed && records.MoveNext())
            {
            }

            if (tokenizer.Failed && headerErrors > 0)
            {
                errors.RemoveRange(before, headerErrors);
            }

            records.Dispose();
            return null;
        }

        var lines = bytes.AsSpan(source.Start).Count((byte)'\n');
        return new CsvTable(file, header, null, source) { unread = records, EstimatedRows = lines };
    }

    private CsvTable(string file, CsvRecord header, IReadOnlyList<CsvRecord>? rows, CsvSource source)
        : this(file, header, rows) => streamed = source;

    private static CsvSource? Source(string file, byte[] bytes, List<SeedError> errors)
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

        return new CsvSource(bytes, start);
    }

    /// <summary>The header, or null after adding why there is none fit to read (no line; a column named twice).</summary>
    private static CsvRecord? Headed(string file, CsvRecord? header, List<SeedError> errors)
    {
        if (header is null)
        {
            errors.Add(new SeedError(file, 1, 1, "the file is empty: the first line must name the columns"));
            return null;
        }

        if (DuplicateColumns(file, header) is { Count: > 0 } duplicates)
        {
            errors.AddRange(duplicates);
            return null;
        }

        return header;
    }

    /// <summary>
    /// False only when the file's bytes show that no field holds a control character or a non-character, so the
    /// check of every field (<see cref="StoredText"/>) can be skipped.
    /// </summary>
    public bool MayHoldUnstorableText
    {
        // Of a table read in one pass, as far as it is read: a line break inside a quoted field sets it on the way.
        get => streamed?.MayHoldUnstorableText ?? mayHoldUnstorableText;
        private init => mayHoldUnstorableText = value;
    }

    private readonly bool mayHoldUnstorableText = true;

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
