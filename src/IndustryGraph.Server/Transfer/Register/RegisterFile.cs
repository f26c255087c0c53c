using System.Globalization;
using System.Text;
using IndustryGraph.Domain.Register;
using IndustryGraph.Domain.Seed;
using MiniExcelLibs;

namespace IndustryGraph.Server.Transfer.Register;

/// <summary>
/// The rows of a register export file, header first, each with its row number as a spreadsheet shows it:
/// XLSX (the first sheet, read row by row), or CSV in UTF-8 with or without a byte-order mark, UTF-16 with one,
/// or GBK/GB18030 (what Excel on a Chinese Windows saves), told apart by the bytes.
/// </summary>
public sealed class RegisterFile
{
    static RegisterFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private readonly Func<IEnumerable<(int Row, IReadOnlyList<string> Cells)>> rows;

    private RegisterFile(long estimatedRows, Func<IEnumerable<(int Row, IReadOnlyList<string> Cells)>> rows)
    {
        EstimatedRows = estimatedRows;
        this.rows = rows;
    }

    /// <summary>About how many rows (for progress); exact for neither format.</summary>
    public long EstimatedRows { get; }

    /// <summary>The rows, header first, read once from the file as they are enumerated.</summary>
    public IEnumerable<(int Row, IReadOnlyList<string> Cells)> Rows() => rows();

    /// <summary>Opens the file at <paramref name="path"/>; problems are named after <see cref="RegisterProblems.File"/>. Null after reporting a file that cannot be read.</summary>
    public static RegisterFile? Open(string path, RegisterProblems problems)
    {
        Span<byte> head = stackalloc byte[4];
        int headLength;
        using (var peek = File.OpenRead(path))
        {
            headLength = peek.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        }

        if (headLength == 4 && head is [(byte)'P', (byte)'K', 3, 4])
        {
            return OpenWorkbook(path, problems);
        }

        var bytes = ReadAsUtf8(path, head[..headLength]);
        var errors = new List<SeedError>();
        var table = CsvTable.Open(problems.File, bytes, errors);
        if (table is null)
        {
            foreach (var error in errors)
            {
                problems.Error(error.Line, error.Column, error.Message);
            }

            return null;
        }

        return new RegisterFile(table.EstimatedRows, () => CsvRows(table, errors, problems));
    }

    private static IEnumerable<(int Row, IReadOnlyList<string> Cells)> CsvRows(CsvTable table, List<SeedError> errors, RegisterProblems problems)
    {
        yield return (1, table.Header.Fields);
        var row = 1;
        foreach (var record in table.Records)
        {
            yield return (++row, record.Fields);
        }

        // A quote left open ends the records; the tokenizer adds it to the errors given to Open.
        foreach (var error in errors)
        {
            problems.Error(error.Line, error.Column, error.Message);
        }
    }

    /// <summary>
    /// The file as UTF-8 bytes, read once when it is UTF-8 already; otherwise decoded from the disk in two passes
    /// (the size, then the bytes), so the file is never held in two encodings at once.
    /// </summary>
    private static byte[] ReadAsUtf8(string path, ReadOnlySpan<byte> head)
    {
        Encoding? encoding = head switch
        {
            [0xFF, 0xFE, ..] => Encoding.Unicode,
            [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
            _ => null,
        };
        if (encoding is null)
        {
            var bytes = File.ReadAllBytes(path);
            var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0;
            if (System.Text.Unicode.Utf8.IsValid(bytes.AsSpan(start)))
            {
                return bytes;
            }

            encoding = Encoding.GetEncoding("GB18030");
        }

        long size = 0;
        Transcode(path, encoding, chars => size += Encoding.UTF8.GetByteCount(chars));
        var utf8 = new byte[size];
        var at = 0;
        Transcode(path, encoding, chars => at += Encoding.UTF8.GetBytes(chars, utf8.AsSpan(at)));
        return utf8;
    }

    private static void Transcode(string path, Encoding encoding, Action<ReadOnlySpan<char>> take)
    {
        // detectEncodingFromByteOrderMarks drops a UTF-16 byte-order mark; a GBK file has none.
        using var reader = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
        var buffer = new char[1 << 16];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            take(buffer.AsSpan(0, read));
        }
    }

    private static RegisterFile? OpenWorkbook(string path, RegisterProblems problems)
    {
        try
        {
            // Reading the first row now reports a broken file before the import starts.
            using var stream = File.OpenRead(path);
            _ = MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX).FirstOrDefault();
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException)
        {
            problems.Error(0, 0, problems.Text.NotAWorkbook(exception.Message));
            return null;
        }

        return new RegisterFile(new FileInfo(path).Length / 200, () => WorkbookRows(path));
    }

    private static IEnumerable<(int Row, IReadOnlyList<string> Cells)> WorkbookRows(string path)
    {
        using var stream = File.OpenRead(path);
        var row = 0;
        foreach (IDictionary<string, object?> cells in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            row++;
            yield return (row, [.. cells.Values.Select(CellText)]);
        }
    }

    private static string CellText(object? value) => value switch
    {
        null => "",
        string text => text,
        DateTime date => date.TimeOfDay == TimeSpan.Zero
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
