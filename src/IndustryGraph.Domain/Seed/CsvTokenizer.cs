using System.Buffers;
using System.Text;

namespace IndustryGraph.Domain.Seed;

/// <summary>
/// The UTF-8 bytes of a CSV file (valid UTF-8, checked before), kept so that a record's field columns are
/// worked out only when an error names one: a million-row file does not carry a million column arrays.
/// </summary>
internal sealed class CsvSource(byte[] bytes, int start)
{
    // Bytes that begin a character the store refuses (see StoredText): C0 controls other than the line ends the
    // tokenizer looks at, DEL, the lead byte of the C1 controls (U+0080–U+009F) and of U+FFFE/U+FFFF.
    private static readonly SearchValues<byte> Suspect = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(b => b is not '\r' and not '\n').Select(b => (byte)b), 0x7F, 0xC2, 0xEF]);

    public byte[] Bytes { get; } = bytes;

    public int Start { get; } = start;

    /// <summary>Set when a field may hold a character the store refuses; false lets validation skip that check.</summary>
    public bool MayHoldUnstorableText { get; set; } = HasSuspectBytes(bytes.AsSpan(start));

    private static bool HasSuspectBytes(ReadOnlySpan<byte> bytes)
    {
        var at = 0;
        while (true)
        {
            var found = bytes[at..].IndexOfAny(Suspect);
            if (found < 0)
            {
                return false;
            }

            at += found;
            var next = at + 1 < bytes.Length ? bytes[at + 1] : (byte)0;
            var isSuspect = bytes[at] switch
            {
                0xC2 => next is >= 0x80 and <= 0x9F,
                0xEF => next == 0xBF && at + 2 < bytes.Length && bytes[at + 2] is 0xBE or 0xBF,
                _ => true,
            };
            if (isSuspect)
            {
                return true;
            }

            at++;
        }
    }

    /// <summary>1-based character column at which each field of the record starting at <paramref name="offset"/> starts, counted as the tokenizer counts.</summary>
    public IReadOnlyList<int> ColumnsOfRecordAt(int offset)
    {
        var columns = new List<int>();
        int column = 1, fieldColumn = 1, pos = offset;
        var inQuotes = false;
        var empty = true;
        while (pos < Bytes.Length)
        {
            var c = Bytes[pos];
            var width = (c & 0xC0) == 0x80 ? 0 : c >= 0xF0 ? 2 : 1;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (pos + 1 < Bytes.Length && Bytes[pos + 1] == '"')
                    {
                        empty = false;
                        pos += 2;
                        column += 2;
                        continue;
                    }

                    inQuotes = false;
                    pos++;
                    column++;
                    continue;
                }

                empty = false;
                column = c == '\n' ? 1 : column + width;
                pos++;
                continue;
            }

            if (c == '"' && empty)
            {
                inQuotes = true;
                pos++;
                column++;
                continue;
            }

            if (c == ',')
            {
                columns.Add(fieldColumn);
                empty = true;
                pos++;
                column++;
                fieldColumn = column;
                continue;
            }

            if (c is (byte)'\r' or (byte)'\n')
            {
                break;
            }

            empty = false;
            column += width;
            pos++;
        }

        columns.Add(fieldColumn);
        return columns;
    }
}

/// <summary>
/// Splits RFC 4180 CSV bytes into records without decoding the file into one string: fields are cut from the
/// bytes, and values that repeat down a column (kinds, types, sources, paragraphs) become one shared string.
/// </summary>
internal sealed class CsvTokenizer(string file, CsvSource source, List<SeedError> errors)
{
    private const int InternSlots = 16_384;
    private const int InternLongest = 64;
    private const int MaxInternedColumns = 64;
    private const int TrialValues = 4096;

    private static readonly SearchValues<byte> FieldEnd = SearchValues.Create(",\r\n"u8);

    private readonly byte[] bytes = source.Bytes;
    private readonly byte[]?[] internKeys = new byte[InternSlots][];
    private readonly string[] internValues = new string[InternSlots];
    private readonly int[] internTries = new int[MaxInternedColumns];
    private readonly int[] internHits = new int[MaxInternedColumns];
    private byte[] quoted = new byte[256];
    private int line = 1;
    private int lineStart;

    /// <summary>True once a quoting error (added to the errors) has ended the records.</summary>
    public bool Failed { get; private set; }

    /// <summary>The records, the first one (the header) always, blank ones after it left out; null after a quoting error.</summary>
    public List<CsvRecord>? Records()
    {
        var records = new List<CsvRecord>(EstimateRecords());
        records.AddRange(Stream());
        return Failed ? null : records;
    }

    /// <summary>The records one at a time, as <see cref="Records"/> has them; a quoting error ends them (see <see cref="Failed"/>).</summary>
    public IEnumerable<CsvRecord> Stream()
    {
        var fields = new List<string>();
        var pos = source.Start;
        var first = true;
        lineStart = pos;
        while (pos < bytes.Length)
        {
            var recordStart = pos;
            var recordLine = line;
            fields.Clear();
            var dropped = false;
            while (true)
            {
                if (ReadField(ref pos, fields.Count) is not { } value)
                {
                    Failed = true;
                    yield break;
                }

                if (pos >= bytes.Length && fields.Count == 0 && value.Length == 0)
                {
                    // Nothing but an empty quoted field before the end of the file: no record, as with an empty last line.
                    dropped = true;
                    break;
                }

                fields.Add(value);
                if (pos < bytes.Length && bytes[pos] == ',')
                {
                    pos++;
                    continue;
                }

                break;
            }

            if (pos < bytes.Length)
            {
                pos += bytes[pos] == '\r' && pos + 1 < bytes.Length && bytes[pos + 1] == '\n' ? 2 : 1;
                line++;
                lineStart = pos;
            }

            if (!dropped && (first || !IsBlank(fields)))
            {
                first = false;
                yield return new CsvRecord(recordLine, fields.ToArray(), source, recordStart);
            }
        }
    }

    private int EstimateRecords()
    {
        // One pass for the line count keeps the record list from growing (and copying) twenty times.
        var count = bytes.AsSpan(source.Start).Count((byte)'\n');
        return Math.Min(count + 1, 50_000_000);
    }

    private static bool IsBlank(List<string> fields)
    {
        foreach (var field in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(fields))
        {
            if (field.Length > 0 && !string.IsNullOrWhiteSpace(field))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads one field from <paramref name="pos"/> up to the comma or line end after it; null after a quoting error.</summary>
    private string? ReadField(ref int pos, int column)
    {
        if (pos < bytes.Length && bytes[pos] == '"')
        {
            return ReadQuotedField(ref pos);
        }

        var rest = bytes.AsSpan(pos);
        var end = rest.IndexOfAny(FieldEnd);
        var value = end < 0 ? rest : rest[..end];
        pos += value.Length;
        return SeedCell.FromSpreadsheet(Text(value, column));
    }

    /// <summary>A field that starts with a quote, read character by character as RFC 4180 (and the tolerant reading before it) has it.</summary>
    private string? ReadQuotedField(ref int pos)
    {
        var length = 0;
        var inQuotes = false;
        var opened = (Line: 0, Offset: 0, LineStart: 0);
        while (pos < bytes.Length)
        {
            var c = bytes[pos];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (pos + 1 < bytes.Length && bytes[pos + 1] == '"')
                    {
                        Append(ref length, c);
                        pos += 2;
                        continue;
                    }

                    inQuotes = false;
                    pos++;
                    continue;
                }

                if (c is (byte)'\n' or (byte)'\r' or (byte)'\t')
                {
                    // A line break inside a field may not be storable there: validation checks it.
                    source.MayHoldUnstorableText = true;
                }

                Append(ref length, c);
                if (c == '\n')
                {
                    line++;
                    lineStart = pos + 1;
                }

                pos++;
                continue;
            }

            if (c == '"' && length == 0)
            {
                inQuotes = true;
                opened = (line, pos, lineStart);
                pos++;
                continue;
            }

            if (c is (byte)',' or (byte)'\r' or (byte)'\n')
            {
                break;
            }

            Append(ref length, c);
            pos++;
        }

        if (inQuotes)
        {
            var column = 1 + Encoding.UTF8.GetCharCount(bytes.AsSpan(opened.LineStart, opened.Offset - opened.LineStart));
            errors.Add(new SeedError(file, opened.Line, column, "a quoted field is never closed (missing \")"));
            return null;
        }

        return SeedCell.FromSpreadsheet(Encoding.UTF8.GetString(quoted, 0, length));
    }

    private void Append(ref int length, byte c)
    {
        if (length == quoted.Length)
        {
            Array.Resize(ref quoted, quoted.Length * 2);
        }

        quoted[length++] = c;
    }

    /// <summary>
    /// The string of a field's bytes. A column whose values repeat gets one string per distinct value (a small
    /// table keyed by the bytes); a column of unique values (keys, names) stops trying after a trial.
    /// </summary>
    private string Text(ReadOnlySpan<byte> value, int column)
    {
        if (value.Length == 0)
        {
            return "";
        }

        if (value.Length > InternLongest || column >= MaxInternedColumns || internTries[column] < 0)
        {
            return Encoding.UTF8.GetString(value);
        }

        var hash = new HashCode();
        hash.AddBytes(value);
        var slot = hash.ToHashCode() & (InternSlots - 1);
        if (internKeys[slot] is { } key && value.SequenceEqual(key))
        {
            internHits[column]++;
            return internValues[slot];
        }

        var text = Encoding.UTF8.GetString(value);
        internKeys[slot] = value.ToArray();
        internValues[slot] = text;
        if (++internTries[column] == TrialValues)
        {
            // Fewer than one value in four seen before: the column is not worth the table.
            internTries[column] = internHits[column] * 4 < TrialValues ? -1 : 0;
            internHits[column] = 0;
        }

        return text;
    }
}
