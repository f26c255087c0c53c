using System.Buffers;
using System.Text;
using IndustryGraph.Domain.Seed;

namespace IndustryGraph.Server.Transfer;

/// <summary>
/// Writes one CSV file row by row: RFC 4180 quoting, UTF-8 with a byte-order mark so that Excel opens Chinese
/// correctly (the importer reads files with and without it), and formula-like cells guarded (<see cref="SeedCell.ForSpreadsheet"/>).
/// </summary>
public sealed class CsvFileWriter : IDisposable
{
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");
    private readonly StreamWriter writer;
    private readonly StringBuilder line = new();

    public CsvFileWriter(string path, params string[] header)
        : this(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), leaveOpen: false, header)
    {
    }

    public CsvFileWriter(Stream stream, bool leaveOpen, params string[] header)
    {
        writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 1 << 16, leaveOpen) { NewLine = "\n" };
        WriteRow(header);
    }

    public void WriteRow(params ReadOnlySpan<string?> fields)
    {
        line.Clear();
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            var field = SeedCell.ForSpreadsheet(fields[i] ?? "");
            if (field.AsSpan().ContainsAny(NeedsQuotes) || (field.Length > 0 && (field[0] == ' ' || field[^1] == ' ')))
            {
                line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                line.Append(field);
            }
        }

        writer.WriteLine(line);
    }

    public void Dispose() => writer.Dispose();
}
