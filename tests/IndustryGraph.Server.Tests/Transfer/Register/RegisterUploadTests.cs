using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using IndustryGraph.Domain.Access;
using IndustryGraph.Domain.Placements;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Tests.Hosting;
using IndustryGraph.Storage.Contract;

namespace IndustryGraph.Server.Tests.Transfer.Register;

/// <summary>POST /imports/register on the real server over loopback, with a word-matching suggester behind the port.</summary>
public sealed class RegisterUploadTests : IAsyncLifetime
{
    private readonly RunningServer server = new()
    {
        Configure = services => services.AddSingleton<IPlacementSuggester>(new WordPlacementSuggester("传感器", "link-smart-sensor-module")),
    };

    public Task InitializeAsync() => server.InitializeAsync();

    public Task DisposeAsync() => server.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonNode Body)> UploadAsync(string? key, byte[] body, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/imports/register" + query) { Content = new ByteArrayContent(body) };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await server.Http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static byte[] Export(params string[][] rows) => RegisterFiles.Gbk.GetBytes(RegisterFiles.Csv(rows));

    [Fact]
    public async Task Without_a_key_401_with_a_readers_key_403_and_nothing_is_imported()
    {
        var before = await server.Services.GetRequiredService<IGraphStore>().CountAsync();
        var body = Export(RegisterFiles.SensorMaker("91350100M000100Y43"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await UploadAsync(null, body, "?filename=r.csv")).Status);
        var reader = await server.CreateKeyAsync(ApiRole.Reader, "reader");
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(reader, body, "?filename=r.csv")).Status);
        Assert.Equal(before, await server.Services.GetRequiredService<IGraphStore>().CountAsync());
    }

    [Fact]
    public async Task An_editor_uploads_an_export_and_gets_the_summary()
    {
        var editor = await server.CreateKeyAsync(ApiRole.Editor, "planner");
        var (status, body) = await UploadAsync(editor, Export(RegisterFiles.SensorMaker("91350100M000100Y43")), "?filename=%E7%99%BB%E8%AE%B0.csv&asOf=2026-01-01");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("登记.csv", (string?)body["file"]);
        Assert.Equal(1, (int?)body["rows"]);
        Assert.Equal(1, (int?)body["enterprisesAdded"]);
        Assert.Equal(1, (int?)body["suggestions"]);
        var store = server.Services.GetRequiredService<IGraphStore>();
        Assert.Equal("郑州甲传感科技有限公司", (await store.GetEntitiesAsync(["91350100M000100Y43"]))["91350100M000100Y43"].Name);
    }

    [Fact]
    public async Task Bad_input_is_400_with_every_problem_in_the_requested_language()
    {
        var editor = await server.CreateKeyAsync(ApiRole.Editor, "planner-2");
        var (status, body) = await UploadAsync(editor, Export(RegisterFiles.Row("郑州乙公司", "123")), "?filename=bad.csv&lang=zh");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("bad.csv:2:2: 统一社会信用代码“123”格式错误", (string?)body["problems"]![0], StringComparison.Ordinal);
        Assert.Contains("未导入任何数据", (string?)body["error"], StringComparison.Ordinal);

        (status, body) = await UploadAsync(editor, Export(RegisterFiles.SensorMaker("91350100M000100Y43")), "");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("filename", (string?)body["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_file_name_may_come_in_content_disposition()
    {
        var editor = await server.CreateKeyAsync(ApiRole.Editor, "planner-3");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/imports/register?dryRun=true") { Content = new ByteArrayContent(Export(RegisterFiles.SensorMaker("91350100M000100Y43"))) };
        request.Content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "export.csv" };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", editor);
        using var response = await server.Http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("export.csv", (string?)body["file"]);
        Assert.True((bool?)body["dryRun"]);
        Assert.Empty(await server.Services.GetRequiredService<IGraphStore>().GetEntitiesAsync(["91350100M000100Y43"]));
    }
}
