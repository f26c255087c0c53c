using System.Text;
using IndustryGraph.Domain.Register;
using MiniExcelLibs;

namespace IndustryGraph.Server.Tests.Transfer.Register;

/// <summary>Register exports for tests, written as a spreadsheet would save them.</summary>
public static class RegisterFiles
{
    static RegisterFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static IReadOnlyList<string> Headers { get; } = [.. RegisterHeader.Columns.Select(column => column.Header)];

    /// <summary>A row in the order of <see cref="Headers"/>: the cells given, the others empty.</summary>
    public static string[] Row(string name, string code, params (RegisterColumn Column, string Value)[] cells)
    {
        var row = new string[Headers.Count];
        Array.Fill(row, "");
        row[(int)RegisterColumn.Name] = name;
        row[(int)RegisterColumn.CreditCode] = code;
        foreach (var (column, value) in cells)
        {
            row[(int)column] = value;
        }

        return row;
    }

    /// <summary>A sensor maker in 管城区 with 参保人数 for a year, as the tests' first export has it.</summary>
    public static string[] SensorMaker(string code, string staff = "50", string year = "2023年报", string status = "存续") =>
        Row("郑州甲传感科技有限公司", code,
            (RegisterColumn.Status, status), (RegisterColumn.County, "管城回族区"), (RegisterColumn.Founded, "2015/3/4"),
            (RegisterColumn.RegisteredCapital, "1000万元人民币"), (RegisterColumn.IndustryClass, "敏感元件及传感器制造"),
            (RegisterColumn.BusinessScope, "一般项目：传感器研发；传感器制造；日用百货销售"), (RegisterColumn.InsuredStaff, staff),
            (RegisterColumn.InsuredStaffYear, year), (RegisterColumn.Address, "河南省郑州市管城回族区某路1号"));

    /// <summary>CSV text (RFC 4180 quoting) with the header first.</summary>
    public static string Csv(IEnumerable<string[]> rows, IReadOnlyList<string>? headers = null) =>
        string.Join("\r\n", rows.Prepend([.. headers ?? Headers]).Select(row => string.Join(',', row.Select(Quote)))) + "\r\n";

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    public static string WriteCsv(string path, IEnumerable<string[]> rows, Encoding encoding, IReadOnlyList<string>? headers = null)
    {
        var preamble = encoding.GetPreamble();
        File.WriteAllBytes(path, [.. preamble, .. encoding.GetBytes(Csv(rows, headers))]);
        return path;
    }

    public static Encoding Gbk => Encoding.GetEncoding("GBK");

    public static Encoding Utf8WithoutBom { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static string WriteXlsx(string path, IEnumerable<string[]> rows)
    {
        MiniExcel.SaveAs(path, rows.Select(row => Headers.Select((header, i) => (header, row[i])).ToDictionary(cell => cell.header, cell => (object?)cell.Item2)), overwriteFile: true);
        return path;
    }
}
