using System.Text;
using IndustryGraph.Domain.Register;
using IndustryGraph.Server.Transfer.Register;
using IndustryGraph.Storage.Contract;

namespace IndustryGraph.Server.Tests.Transfer.Register;

/// <summary>A register export reads the same whatever a spreadsheet saved it as.</summary>
public sealed class RegisterFileTests : IDisposable
{
    private readonly TestDirectory scratch = new("register-file");

    public void Dispose() => scratch.Dispose();

    private static readonly string[][] Rows =
    [
        RegisterFiles.SensorMaker("91350100M000100Y43"),
        RegisterFiles.Row("郑州乙餐饮管理有限公司", "91110000100017643K", (RegisterColumn.BusinessScope, "餐饮服务，食品销售"), (RegisterColumn.County, "郑东新区")),
    ];

    private static List<(int Row, string[] Cells)> Read(string path)
    {
        var problems = new RegisterProblems(Path.GetFileName(path), RegisterText.English);
        var file = RegisterFile.Open(path, problems);
        Assert.Empty(problems.Errors);
        return [.. file!.Rows().Select(row => (row.Row, row.Cells.ToArray()))];
    }

    public static TheoryData<string> Encodings => ["utf-8", "utf-8-bom", "gbk", "utf-16"];

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Csv_in_utf8_with_or_without_bom_gbk_and_utf16_reads_the_same_rows(string encoding)
    {
        var path = RegisterFiles.WriteCsv(scratch[$"{encoding}.csv"], Rows, encoding switch
        {
            "utf-8" => RegisterFiles.Utf8WithoutBom,
            "utf-8-bom" => Encoding.UTF8,
            "gbk" => RegisterFiles.Gbk,
            _ => Encoding.Unicode,
        });
        var rows = Read(path);
        Assert.Equal([1, 2, 3], rows.Select(row => row.Row));
        Assert.Equal(RegisterFiles.Headers, rows[0].Cells);
        Assert.Equal(Rows[0], rows[1].Cells);
        Assert.Equal(Rows[1], rows[2].Cells);
    }

    [Fact]
    public void A_gbk_file_is_gbk_and_not_valid_utf8()
    {
        // The test above proves the reading only if the GBK bytes are not UTF-8 by accident.
        var bytes = File.ReadAllBytes(RegisterFiles.WriteCsv(scratch["gbk.csv"], Rows, RegisterFiles.Gbk));
        Assert.False(System.Text.Unicode.Utf8.IsValid(bytes));
    }

    [Fact]
    public void Xlsx_reads_the_same_rows()
    {
        var rows = Read(RegisterFiles.WriteXlsx(scratch["r.xlsx"], Rows));
        Assert.Equal(RegisterFiles.Headers, rows[0].Cells);
        Assert.Equal(Rows[0], rows[1].Cells);
        Assert.Equal(Rows[1], rows[2].Cells);
    }

    [Fact]
    public void A_broken_xlsx_is_one_problem_not_an_exception()
    {
        var path = scratch["broken.xlsx"];
        File.WriteAllBytes(path, [(byte)'P', (byte)'K', 3, 4, 0, 0, 1, 2, 3]);
        var problems = new RegisterProblems("broken.xlsx", RegisterText.Chinese);
        Assert.Null(RegisterFile.Open(path, problems));
        Assert.StartsWith("broken.xlsx: 无法读取 XLSX 文件", Assert.Single(problems.Errors).ToString(), StringComparison.Ordinal);
    }
}
