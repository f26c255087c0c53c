using IndustryGraph.Server.Tests.Hosting;
using IndustryGraph.Storage.Contract;

namespace IndustryGraph.Server.Tests.Transfer.Register;

/// <summary><c>import-register</c> and <c>generate register</c> as a user runs them: a separate process on a real SQLite file.</summary>
public sealed class ImportRegisterCommandTests : IDisposable
{
    private readonly TestDirectory scratch = new("import-register");

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task A_gbk_export_imports_into_a_new_store_and_a_dry_run_of_the_next_changes_nothing()
    {
        var db = scratch["graph.db"];
        var file = RegisterFiles.WriteCsv(scratch["登记.csv"], [RegisterFiles.SensorMaker("91350100M000100Y43")], RegisterFiles.Gbk);
        var (exitCode, output, errors) = await ImportCommandTests.RunAsync("import-register", file, "--db", db, "--as-of", "2026-01-01");
        Assert.True(exitCode == 0, errors);
        Assert.Contains("已导入", output, StringComparison.Ordinal);
        Assert.Contains("企业新增 1", output, StringComparison.Ordinal);
        Assert.Matches(@"每秒 [\d,]+ 行", output);

        var store = TestStore.Open(db);
        Assert.Equal("郑州甲传感科技有限公司", (await store.GetEntitiesAsync(["91350100M000100Y43"]))["91350100M000100Y43"].Name);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var version = File.GetLastWriteTimeUtc(db);
        var next = RegisterFiles.WriteCsv(scratch["next.csv"], [RegisterFiles.SensorMaker("91350100M000100Y43", staff: "70", year: "2024年报")], RegisterFiles.Gbk);
        (exitCode, output, errors) = await ImportCommandTests.RunAsync("import-register", next, "--db", db, "--dry-run", "--lang", "en");
        Assert.True(exitCode == 0, errors);
        Assert.Contains("Dry run", output, StringComparison.Ordinal);
        Assert.Contains("enterprises 0 added, 1 updated", output, StringComparison.Ordinal);
        Assert.Equal(version, File.GetLastWriteTimeUtc(db));
    }

    [Fact]
    public async Task A_malformed_row_is_named_by_file_row_and_column_in_chinese_and_leaves_no_store()
    {
        var db = scratch["new.db"];
        var file = RegisterFiles.WriteCsv(scratch["bad.csv"], [RegisterFiles.SensorMaker("91350100M000100Y43"), RegisterFiles.Row("郑州乙公司", "9141O1")], RegisterFiles.Utf8WithoutBom);
        var (exitCode, _, errors) = await ImportCommandTests.RunAsync("import-register", file, "--db", db, "--lang", "zh");
        Assert.Equal(1, exitCode);
        Assert.Contains("bad.csv:3:2: 统一社会信用代码“9141O1”格式错误", errors, StringComparison.Ordinal);
        Assert.Contains("未导入任何数据", errors, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public async Task A_generated_register_is_deterministic_and_imports()
    {
        var (first, again, other) = (scratch["a.csv"], scratch["b.csv"], scratch["c.csv"]);
        foreach (var (path, seed) in new[] { (first, "5"), (again, "5"), (other, "6") })
        {
            var (code, _, errors) = await ImportCommandTests.RunAsync("generate", "register", "--size", "S", "--seed", seed, "--out", path);
            Assert.True(code == 0, errors);
        }

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(again));
        Assert.NotEqual(File.ReadAllBytes(first), File.ReadAllBytes(other));

        var (exitCode, output, stderr) = await ImportCommandTests.RunAsync("import-register", first, "--db", scratch["g.db"], "--lang", "en");
        Assert.True(exitCode == 0, stderr);
        // The generator repeats some codes, writes some wrong check characters and some rows outside the city: all warnings.
        Assert.Matches(@"Imported .*: 1000 rows; enterprises 9\d\d added", output);
        Assert.Contains("is already on row", stderr + output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_generated_xlsx_register_reads_as_the_csv_one()
    {
        var (csv, xlsx) = (scratch["r.csv"], scratch["r.xlsx"]);
        Assert.Equal(0, (await ImportCommandTests.RunAsync("generate", "register", "--seed", "2", "--out", csv)).ExitCode);
        Assert.Equal(0, (await ImportCommandTests.RunAsync("generate", "register", "--seed", "2", "--out", xlsx)).ExitCode);
        var (csvRun, xlsxRun) = (await ImportCommandTests.RunAsync("import-register", csv, "--db", scratch["c.db"], "--dry-run", "--lang", "en", "--as-of", "2026-01-01"),
            await ImportCommandTests.RunAsync("import-register", xlsx, "--db", scratch["x.db"], "--dry-run", "--lang", "en", "--as-of", "2026-01-01"));
        string Counts(string output) => output[output.IndexOf("would import", StringComparison.Ordinal)..output.IndexOf("; nothing", StringComparison.Ordinal)];
        Assert.Equal(Counts(csvRun.Output), Counts(xlsxRun.Output));
        Assert.False(File.Exists(scratch["c.db"]));
    }
}
