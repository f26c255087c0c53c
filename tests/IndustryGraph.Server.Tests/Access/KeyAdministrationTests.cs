using IndustryGraph.Domain.Access;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.Access;

public sealed class KeyAdministrationTests(RunningServer server) : IClassFixture<RunningServer>
{
    [Fact]
    public async Task An_admin_creates_a_key_that_works_at_once_and_revokes_it()
    {
        var admin = await server.CreateKeyAsync(ApiRole.Admin, "admin-keys");
        var created = await server.PostWithKeyAsync(admin, """mutation { createApiKey(name: "field-team", role: EDITOR) { key apiKey { name role } } }""");
        Assert.True(created.Errors is null, created.Body?.ToJsonString());
        var key = created.Data!["createApiKey"]!["key"]!.GetValue<string>();
        Assert.Equal("EDITOR", created.Data!["createApiKey"]!["apiKey"]!["role"]!.GetValue<string>());

        const string Rename = """
            mutation { updateEntity(input: { entity: "park-jindai", tags: ["anchor"], provenance: { curated: true, note: "field visit" } }) { tags } }
            """;
        var edited = await server.PostWithKeyAsync(key, Rename);
        Assert.True(edited.Errors is null, edited.Body?.ToJsonString());

        var listed = await server.PostWithKeyAsync(admin, "{ apiKeys { name role } }");
        Assert.Contains(listed.Data!["apiKeys"]!.AsArray(), entry => entry!["name"]!.GetValue<string>() == "field-team");

        Assert.True((await server.PostWithKeyAsync(admin, """mutation { revokeApiKey(name: "field-team") }""")).Data!["revokeApiKey"]!.GetValue<bool>());
        var revoked = await server.PostWithKeyAsync(key, Rename);
        Assert.Equal(401, revoked.Status);
        Assert.Equal(["UNAUTHENTICATED"], revoked.ErrorCodes);
    }

    [Theory]
    [InlineData("cli", "is reserved")]
    [InlineData("Anonymous", "is reserved")]
    [InlineData("field\u202Eteam", "direction-changing character (U+202E)")]
    [InlineData("field\u200Bteam", "invisible or direction-changing character (U+200B)")]
    public async Task A_key_name_that_could_pass_for_another_is_refused(string name, string problem)
    {
        var admin = await server.CreateKeyAsync(ApiRole.Admin, "admin-names-" + Guid.NewGuid().ToString("N"));
        var created = await server.PostWithKeyAsync(admin, "mutation($name: String!) { createApiKey(name: $name, role: EDITOR) { key } }", new { name });
        Assert.Equal("BAD_USER_INPUT", Assert.Single(created.ErrorCodes));
        Assert.Contains(problem, created.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_name_longer_than_the_limit_is_refused()
    {
        var admin = await server.CreateKeyAsync(ApiRole.Admin, "admin-long");
        var created = await server.PostWithKeyAsync(admin, "mutation($name: String!) { createApiKey(name: $name, role: EDITOR) { key } }", new { name = new string('名', 3000) });
        Assert.Equal("BAD_USER_INPUT", Assert.Single(created.ErrorCodes));
        Assert.Contains($"more than {ApiKeyNames.MaxLength}", created.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editors_cannot_manage_keys()
    {
        var editor = await server.CreateKeyAsync(ApiRole.Editor, "editor-keys");
        var refused = await server.PostWithKeyAsync(editor, """mutation { createApiKey(name: "sneaky", role: ADMIN) { key } }""");
        Assert.Equal(403, refused.Status);
        Assert.Equal(["FORBIDDEN"], refused.ErrorCodes);
        Assert.Equal(403, (await server.PostWithKeyAsync(editor, "{ apiKeys { name } }")).Status);
    }
}
