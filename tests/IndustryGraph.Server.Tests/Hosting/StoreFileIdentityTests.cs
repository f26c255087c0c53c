using System.Net;
using System.Text.Json.Nodes;
using IndustryGraph.Domain.Access;

namespace IndustryGraph.Server.Tests.Hosting;

/// <summary>
/// The database file deleted, or a backup moved over it, while the server runs: writes are refused with
/// STORAGE_UNAVAILABLE (none acknowledged into a file nobody will read) and /health says so. Each test its own server.
/// </summary>
public sealed class StoreFileIdentityTests
{
    private const string Rename = "mutation($name: String!) { updateEntity(input: { entity: \"park-jindai\", name: $name, provenance: { curated: true, note: \"test\" } }) { name } }";

    [Fact]
    public Task A_deleted_store_file_refuses_writes_and_health_says_so() => WithServerAsync(async (server, key) =>
    {
        await AssertWritesAsync(server, key);

        File.Delete(server.DbPath);

        await AssertRefusedAsync(server, key, "was deleted");
    });

    [Fact]
    public Task A_backup_moved_over_the_store_file_refuses_writes_and_health_says_so() => WithServerAsync(async (server, key) =>
    {
        var backup = Path.Combine(server.Folder, "backup.db");
        File.Copy(server.DbPath, backup);
        await AssertWritesAsync(server, key);

        File.Move(backup, server.DbPath, overwrite: true);

        await AssertRefusedAsync(server, key, "was replaced by another file");
    });

    private static async Task WithServerAsync(Func<RunningServer, string, Task> test)
    {
        var server = new RunningServer();
        await server.InitializeAsync();
        try
        {
            await test(server, await server.CreateKeyAsync(ApiRole.Editor, "identity"));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static async Task AssertWritesAsync(RunningServer server, string key)
    {
        var written = await server.PostWithKeyAsync(key, Rename, new { name = "金岱智慧产业园（改名一）" });
        Assert.True(written.Errors is null, written.Errors?.ToJsonString());
        using var health = await server.Http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static async Task AssertRefusedAsync(RunningServer server, string key, string what)
    {
        var refused = await server.PostWithKeyAsync(key, Rename, new { name = "金岱智慧产业园（改名二）" });
        Assert.Equal("STORAGE_UNAVAILABLE", Assert.Single(refused.ErrorCodes));
        Assert.Contains(what, refused.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("-wal", refused.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        using var health = await server.Http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var body = JsonNode.Parse(await health.Content.ReadAsStringAsync())!;
        Assert.Equal("unavailable", body["status"]!.GetValue<string>());
        Assert.Equal("STORAGE_UNAVAILABLE", body["code"]!.GetValue<string>());
    }
}
