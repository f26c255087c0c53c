using System.Text.Json.Nodes;
using IndustryGraph.Domain.Access;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.Audit;

public sealed class AuditTrailTests(RunningServer server) : IClassFixture<RunningServer>
{
    private const string Trail = """
        query($entity: String, $keyName: String, $from: DateTimeOffset, $to: DateTimeOffset, $after: String) {
          auditTrail(entity: $entity, keyName: $keyName, from: $from, to: $to, first: 2, after: $after) {
            totalCount pageInfo { hasNextPage endCursor }
            nodes { at actor action entityKey field before after provenance { document paragraph curated note } }
          }
        }
        """;

    private async Task<JsonNode> TrailAsync(string admin, object variables)
    {
        var response = await server.PostWithKeyAsync(admin, Trail, variables);
        Assert.True(response.Errors is null, response.Body?.ToJsonString());
        return response.Data!["auditTrail"]!;
    }

    [Fact]
    public async Task Admins_find_each_change_by_entity_key_and_time_with_before_after_and_provenance()
    {
        var editor = await server.CreateKeyAsync(ApiRole.Editor, "analyst-wang");
        var admin = await server.CreateKeyAsync(ApiRole.Admin, "admin-li");
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        foreach (var name in new[] { "金岱园一", "金岱园二", "金岱园三" })
        {
            var response = await server.PostWithKeyAsync(editor, """
                mutation($name: String!) {
                  updateEntity(input: { entity: "park-jindai", name: $name, provenance: { document: "001_5392408ef3e3b6e0.txt", paragraph: 3, note: "renamed" } }) { name }
                }
                """, new { name });
            Assert.True(response.Errors is null, response.Body?.ToJsonString());
        }

        var byEntity = await TrailAsync(admin, new { entity = "park-jindai" });
        Assert.Equal(3, byEntity["totalCount"]!.GetValue<int>());
        var newest = byEntity["nodes"]![0]!;
        Assert.Equal("analyst-wang", newest["actor"]!.GetValue<string>());
        Assert.Equal("name", newest["field"]!.GetValue<string>());
        Assert.Equal("金岱园二", newest["before"]!.GetValue<string>());
        Assert.Equal("金岱园三", newest["after"]!.GetValue<string>());
        Assert.Equal("001_5392408ef3e3b6e0.txt", newest["provenance"]!["document"]!.GetValue<string>());
        Assert.Equal(3, newest["provenance"]!["paragraph"]!.GetValue<int>());

        // The next page continues where the first ended.
        Assert.True(byEntity["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var next = await TrailAsync(admin, new { entity = "park-jindai", after = byEntity["pageInfo"]!["endCursor"]!.GetValue<string>() });
        Assert.Equal("金岱园一", Assert.Single(next["nodes"]!.AsArray())!["after"]!.GetValue<string>());

        Assert.Equal(3, (await TrailAsync(admin, new { keyName = "analyst-wang" }))["totalCount"]!.GetValue<int>());
        Assert.Equal(0, (await TrailAsync(admin, new { keyName = "nobody" }))["totalCount"]!.GetValue<int>());
        Assert.Equal(3, (await TrailAsync(admin, new { keyName = "analyst-wang", from = start, to = DateTimeOffset.UtcNow.AddSeconds(1) }))["totalCount"]!.GetValue<int>());
        Assert.Equal(0, (await TrailAsync(admin, new { keyName = "analyst-wang", to = start }))["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_seed_load_is_in_the_trail_as_an_import_by_cli()
    {
        var admin = await server.CreateKeyAsync(ApiRole.Admin, "admin-import");
        var trail = await TrailAsync(admin, new { keyName = "cli" });
        Assert.Equal(1, trail["totalCount"]!.GetValue<int>());
        Assert.StartsWith("import", trail["nodes"]![0]!["action"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_admins_read_the_trail()
    {
        var editor = await server.CreateKeyAsync(ApiRole.Editor, "editor-no-audit");
        var refused = await server.PostWithKeyAsync(editor, Trail, new { });
        Assert.Equal(403, refused.Status);
        Assert.Equal(["FORBIDDEN"], refused.ErrorCodes);
        var anonymous = await server.PostWithKeyAsync(null, Trail, new { });
        Assert.Equal(401, anonymous.Status);
        Assert.Equal(["UNAUTHENTICATED"], anonymous.ErrorCodes);
    }
}
