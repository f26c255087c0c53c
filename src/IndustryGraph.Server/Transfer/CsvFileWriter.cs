using System.Buffers;
using System.Text;
using IndustryGraph.Domain.Seed;

namespace IndustryGraph.Server.Transfer;

/// <summary>Writes one seed CSV file (UTF-8 without BOM, RFC 4180 quoting, formula-like cells guarded: <see cref="SeedCell.ForSpreadsheet"/>), row by row.</summary>
public sealed class CsvFileWriter : IDisposable
{
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");
    private readonly StreamWriter writer;
    private readonly StringBuilder line = new();

    public CsvFileWriter(string path, params string[] header)
    {
        writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16) { NewLine = "\n" };
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
