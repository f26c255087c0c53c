using System.Net;
using System.Text;
using IndustryGraph.Server.Tests.Cli;
using IndustryGraph.Server.Tests.Hosting;
using MiniExcelLibs;

namespace IndustryGraph.Server.Tests.Reports;

/// <summary>The 招商清单 over HTTP (for scripts) and from the CLI: one row per gap and candidate, a source on every row, CSV with a BOM.</summary>
public sealed class GapReportTests(RunningServer server) : IClassFixture<RunningServer>, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("industrygraph-report").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private async Task<int> ExpectedRowsAsync(string chain, string district)
    {
        var gaps = (await server.QueryAsync("query($chain: String!, $district: String) { chainGaps(chain: $chain, scope: { district: $district }) { candidates(first: 100) { enterprise { name } } } }",
            new { chain, district }))["chainGaps"]!.AsArray();
        return gaps.Sum(gap => Math.Max(1, gap!["candidates"]!.AsArray().Count));
    }

    [Fact]
    public async Task The_csv_over_http_starts_with_a_bom_and_has_one_row_per_gap_and_candidate()
    {
        var expected = await ExpectedRowsAsync("智能传感器", "管城区");
        using var response = await server.Http.GetAsync("/reports/gaps?chain=" + Uri.EscapeDataString("智能传感器") + "&district=" + Uri.EscapeDataString("管城区") + "&format=csv&lang=en");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "the CSV must start with a UTF-8 byte-order mark");
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        Assert.StartsWith("chain,link,segment,status,rule,candidate,score,reasons,candidate district,candidate park,labs,sources,data version,export time", text, StringComparison.Ordinal);
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(expected, lines.Length - 1);
    }

    [Fact]
    public async Task The_chinese_csv_says_statuses_and_sources_in_words_and_the_time_in_beijing_time()
    {
        var before = DateTime.UtcNow.AddHours(8);
        using var response = await server.Http.GetAsync("/reports/gaps?chain=" + Uri.EscapeDataString("智能制造") + "&format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, excelType: ExcelType.CSV).Cast<IDictionary<string, object?>>().ToList();
        Assert.NotEmpty(rows);
        var statusWords = new[] { "已有", "薄弱", "待确认", "未映射", "缺失" };
        Assert.All(rows, row => Assert.Contains(row["状态"]?.ToString(), statusWords));
        Assert.All(rows, row => Assert.Contains(row["上中下游"]?.ToString(), new[] { "上游", "中游", "下游" }));
        var sources = rows.Select(row => row["来源"]?.ToString() ?? "").ToList();
        Assert.All(sources, source => Assert.DoesNotMatch(@"[0-9a-f]{16}\.txt|curated", source));
        Assert.Contains(sources, source => System.Text.RegularExpressions.Regex.IsMatch(source, @"第\d+段"));
        // Each source is an article's title and paragraph or 人工整理 with its note.
        Assert.All(sources.SelectMany(source => source.Split('；')), source => Assert.Matches(@"( 第\d+段$|^人工整理：)", source));
        var time = rows[0]["导出时间"]!.ToString()!;
        Assert.EndsWith(" 北京时间", time, StringComparison.Ordinal);
        var stamped = DateTime.ParseExact(time[..^" 北京时间".Length], "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        // Between the request and its answer on a Beijing clock (to the second the CSV keeps): not the server's zone.
        Assert.InRange(stamped, before.AddTicks(-(before.Ticks % TimeSpan.TicksPerSecond)), DateTime.UtcNow.AddHours(8));
    }

    [Fact]
    public async Task The_readme_download_commands_answer_with_the_format_they_name()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "README.md"));
        var urls = System.Text.RegularExpressions.Regex.Matches(readme, @"'http://127\.0\.0\.1:5080(?<path>/reports/gaps\?[^']+)'").Select(match => match.Groups["path"].Value).ToList();
        Assert.NotEmpty(urls);
        foreach (var url in urls)
        {
            var query = System.Web.HttpUtility.ParseQueryString(url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..]);
            var escaped = string.Join("&", query.AllKeys.Select(key => $"{key}={Uri.EscapeDataString(query[key]!)}"));
            using var response = await server.Http.GetAsync("/reports/gaps?" + escaped);
            Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal(query["format"] == "csv" ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Bad_requests_name_what_is_wrong_in_english_when_asked()
    {
        using var noChain = await server.Http.GetAsync("/reports/gaps?format=csv&lang=en");
        Assert.Equal(HttpStatusCode.BadRequest, noChain.StatusCode);
        Assert.Contains("the query parameter chain is required", await noChain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var unknown = await server.Http.GetAsync("/reports/gaps?chain=nosuchchain&format=csv&lang=en");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var unknownBody = await unknown.Content.ReadAsStringAsync();
        Assert.Contains("nosuchchain", unknownBody, StringComparison.Ordinal);
        Assert.Contains("no industry chain", unknownBody, StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/reports/gaps?chain=" + Uri.EscapeDataString("智能传感器") + "&format=pdf");
        request.Headers.AcceptLanguage.ParseAdd("en-US");
        using var format = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, format.StatusCode);
        Assert.Contains("xlsx or csv", await format.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_requests_name_what_is_wrong_in_chinese_by_default_as_the_report_is()
    {
        using var noChain = await server.Http.GetAsync("/reports/gaps?format=csv");
        Assert.Equal(HttpStatusCode.BadRequest, noChain.StatusCode);
        Assert.Contains("缺少查询参数 chain", await noChain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/reports/gaps?chain=nosuchchain&format=csv");
        request.Headers.AcceptLanguage.ParseAdd("zh-CN");
        using var unknown = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var unknownBody = await unknown.Content.ReadAsStringAsync();
        Assert.Contains("nosuchchain", unknownBody, StringComparison.Ordinal);
        Assert.Contains("没有产业链", unknownBody, StringComparison.Ordinal);
        using var format = await server.Http.GetAsync("/reports/gaps?chain=" + Uri.EscapeDataString("智能传感器") + "&format=pdf&lang=zh");
        Assert.Equal(HttpStatusCode.BadRequest, format.StatusCode);
        Assert.Contains("请用 xlsx 或 csv", await format.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistyped_district_is_said_without_naming_the_parameter_and_with_the_name_meant()
    {
        using var response = await server.Http.GetAsync("/reports/gaps?chain=" + Uri.EscapeDataString("智能传感器") + "&district=" + Uri.EscapeDataString("管成区") + "&format=csv");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var message = body["error"]!.GetValue<string>();
        Assert.Contains("管成区", message, StringComparison.Ordinal);
        Assert.DoesNotMatch("^[A-Za-z]", message);
        Assert.Contains("管城区", body["suggestions"]!.AsArray().Select(item => item!.GetValue<string>()));
    }

    [Fact]
    public async Task The_cli_writes_the_same_list_as_xlsx_read_back_with_the_same_library()
    {
        var expected = await ExpectedRowsAsync("智能传感器", "管城区");
        var xlsx = Path.Combine(directory, "gaps.xlsx");
        var (exitCode, output, error) = await CommandLineTests.RunAsync("report", "gaps", "--chain", "智能传感器", "--district", "管城区", "--format", "xlsx", "--out", xlsx, "--db", server.DbPath);
        Assert.True(exitCode == 0, error);
        Assert.Contains($"Wrote {expected} rows", output, StringComparison.Ordinal);
        var rows = MiniExcel.Query(xlsx, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(expected, rows.Count);
        Assert.All(rows, row => Assert.False(string.IsNullOrWhiteSpace(row["来源"]?.ToString())));
        // The rule in the report's language (Chinese by default), as the API words it for Accept-Language: zh-CN.
        Assert.All(rows, row => Assert.Contains("管城区", row["判定依据"]?.ToString() ?? "", StringComparison.Ordinal));
        Assert.All(rows, row => Assert.Contains("：", row["判定依据"]?.ToString() ?? "", StringComparison.Ordinal));
        Assert.Contains(rows, row => row["得分"] is double or decimal or int or long);

        var csv = Path.Combine(directory, "gaps.csv");
        var park = await CommandLineTests.RunAsync("report", "gaps", "--chain", "智能传感器", "--park", "城发·金岱智慧产业园", "--format", "csv", "--out", csv, "--db", server.DbPath);
        Assert.True(park.ExitCode == 0, park.Error);
        Assert.True((await File.ReadAllBytesAsync(csv)).AsSpan().StartsWith(Encoding.UTF8.Preamble), "the CSV must start with a UTF-8 byte-order mark");

        var both = await CommandLineTests.RunAsync("report", "gaps", "--chain", "智能传感器", "--district", "管城区", "--park", "x", "--format", "csv", "--out", csv, "--db", server.DbPath);
        Assert.NotEqual(0, both.ExitCode);
        Assert.Contains("not both", both.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_chain_on_the_cli_is_a_clear_error_and_writes_nothing()
    {
        var csv = Path.Combine(directory, "none.csv");
        var (exitCode, _, error) = await CommandLineTests.RunAsync("report", "gaps", "--chain", "nosuchchain", "--format", "csv", "--out", csv, "--db", server.DbPath);
        Assert.Equal(1, exitCode);
        Assert.Contains("nosuchchain", error, StringComparison.Ordinal);
        Assert.False(File.Exists(csv));
    }
}
