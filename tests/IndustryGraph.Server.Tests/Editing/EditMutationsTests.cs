using IndustryGraph.Domain.Access;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.Editing;

public sealed class EditMutationsTests(RunningServer server) : IClassFixture<RunningServer>
{
    private const string UpdateLandArea = """
        mutation($value: String!, $provenance: ProvenanceInput!) {
          updateFact(input: { entity: "park-jindai", key: "land_area", value: $value, provenance: $provenance }) { key value number unit sources { curated note document paragraph } }
        }
        """;

    private static readonly object Curated = new { curated = true, note = "site survey 2025" };

    private async Task<(string Value, long Version)> LandAreaAsync()
    {
        var data = await server.QueryAsync("""{ entity(ref: "park-jindai") { facts(key: "land_area") { value } } }""");
        var version = await server.Services.GetRequiredService<IGraphStore>().GetDataVersionAsync();
        return (data["entity"]!["facts"]![0]!["value"]!.GetValue<string>(), version);
    }

    [Fact]
    public async Task A_write_without_a_key_is_401_and_changes_nothing()
    {
        var before = await LandAreaAsync();
        var response = await server.PostWithKeyAsync(null, UpdateLandArea, new { value = "9平方公里", provenance = Curated });
        Assert.Equal(401, response.Status);
        Assert.Equal(["UNAUTHENTICATED"], response.ErrorCodes);
        Assert.Contains("Authorization: Bearer", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await LandAreaAsync());
    }

    [Fact]
    public async Task A_write_with_an_unknown_key_is_401_and_with_a_reader_key_403()
    {
        var before = await LandAreaAsync();
        var unknown = await server.PostWithKeyAsync("igk_not-a-key", UpdateLandArea, new { value = "9平方公里", provenance = Curated });
        Assert.Equal(401, unknown.Status);
        Assert.Equal(["UNAUTHENTICATED"], unknown.ErrorCodes);

        var reader = await server.CreateKeyAsync(ApiRole.Reader, "reader-403");
        var forbidden = await server.PostWithKeyAsync(reader, UpdateLandArea, new { value = "9平方公里", provenance = Curated });
        Assert.Equal(403, forbidden.Status);
        Assert.Equal(["FORBIDDEN"], forbidden.ErrorCodes);
        Assert.Contains("reader-403", forbidden.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await LandAreaAsync());

        // Reads stay open, with or without a reader key.
        Assert.Equal(200, (await server.PostWithKeyAsync(reader, "{ parks(first: 1) { totalCount } }")).Status);
    }

    [Fact]
    public async Task An_editor_updates_a_fact_and_every_read_sees_it_at_once()
    {
        var editor = await server.CreateKeyAsync(ApiRole.Editor, "editor-update");
        var before = await LandAreaAsync();
        var response = await server.PostWithKeyAsync(editor, UpdateLandArea, new { value = "6.2万平方米", provenance = Curated });
        Assert.True(response.Errors is null, response.Body?.ToJsonString());
        var fact = response.Data!["updateFact"]!;
        Assert.Equal(62_000, fact["number"]!.GetValue<double>());
        Assert.Equal("平方米", fact["unit"]!.GetValue<string>());
        Assert.True(fact["sources"]![0]!["curated"]!.GetValue<bool>());

        var after = await LandAreaAsync();
        Assert.Equal("6.2万平方米", after.Value);
        Assert.Equal(before.Version + 1, after.Version);
    }

    [Theory]
    [InlineData("""{ "curated": true }""", "BAD_USER_INPUT", "note")]
    [InlineData("""{ "note": "no source" }""", "BAD_USER_INPUT", "every change needs provenance")]
    [InlineData("""{ "document": "000_8dff29a42f7edaf7.txt" }""", "BAD_USER_INPUT", "paragraph")]
    [InlineData("""{ "document": "no-such-article.txt", "paragraph": 3 }""", "NOT_FOUND", "no-such-article.txt")]
    public async Task A_write_without_valid_provenance_is_refused_and_changes_nothing(string provenance, string code, string mentioned)
    {
        var editor = await server.CreateKeyAsync(ApiRole.Editor, $"editor-provenance-{Guid.NewGuid():N}");
        var before = await LandAreaAsync();
        var response = await server.PostWithKeyAsync(editor, UpdateLandArea,
            new { value = "1平方公里", provenance = System.Text.Json.JsonSerializer.Deserialize<object>(provenance) });
        Assert.Equal([code], response.ErrorCodes);
        Assert.Contains(mentioned, response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await LandAreaAsync());
    }

    [Fact]
    public async Task Entities_and_relationships_are_created_checked_and_deleted()
    {
        var editor = await server.CreateKeyAsync(ApiRole.Editor, "editor-entities");
        var provenance = new { document = "000_8dff29a42f7edaf7.txt", paragraph = 6 };
        var created = await server.PostWithKeyAsync(editor, """
            mutation($p: ProvenanceInput!) {
              createEntity(input: { key: "ent-test-sensor", kind: ENTERPRISE, name: "测试传感科技", aliases: ["测试传感"], provenance: $p }) { id key name }
            }
            """, new { p = provenance });
        Assert.True(created.Errors is null, created.Body?.ToJsonString());

        var duplicate = await server.PostWithKeyAsync(editor, """
            mutation($p: ProvenanceInput!) { createEntity(input: { key: "ent-test-sensor", kind: ENTERPRISE, name: "又一个", provenance: $p }) { id } }
            """, new { p = provenance });
        Assert.Equal(["BAD_USER_INPUT"], duplicate.ErrorCodes);

        var wrongKind = await server.PostWithKeyAsync(editor, """
            mutation($p: ProvenanceInput!) { addRelationship(input: { from: "ent-test-sensor", type: "OPERATED_BY", to: "park-jindai", provenance: $p }) { type } }
            """, new { p = provenance });
        Assert.Equal(["BAD_USER_INPUT"], wrongKind.ErrorCodes);
        Assert.Contains("OPERATED_BY cannot go from a ENTERPRISE to a PARK", wrongKind.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var located = await server.PostWithKeyAsync(editor, """
            mutation($p: ProvenanceInput!) { addRelationship(input: { from: "测试传感", type: "LOCATED_IN", to: "park-jindai", provenance: $p }) { type direction other { name } } }
            """, new { p = provenance });
        Assert.True(located.Errors is null, located.Body?.ToJsonString());
        var inPark = await server.QueryAsync("""{ enterprises(park: "park-jindai", first: 100) { nodes { key } } }""");
        Assert.Contains(inPark["enterprises"]!["nodes"]!.AsArray(), node => node!["key"]!.GetValue<string>() == "ent-test-sensor");

        var deleted = await server.PostWithKeyAsync(editor, """
            mutation($p: ProvenanceInput!) { deleteEntity(input: { entity: "ent-test-sensor", provenance: $p }) { key } }
            """, new { p = provenance });
        Assert.True(deleted.Errors is null, deleted.Body?.ToJsonString());
        var gone = await server.PostAsync("""{ entity(ref: "ent-test-sensor") { key } }""");
        Assert.Equal(["NOT_FOUND"], gone.ErrorCodes);
    }

    [Fact]
    public async Task A_relationship_changes_type_with_its_new_provenance()
    {
        var editor = await server.CreateKeyAsync(ApiRole.Editor, "editor-relationship");
        // A park that targets a chain it does not focus on yet.
        var parks = (await server.QueryAsync("""
            { parks(first: 100) { nodes { key targets: relationships(type: "TARGETS", direction: OUT) { other { key } } focuses: relationships(type: "FOCUSES_ON", direction: OUT) { other { key } } } } }
            """))["parks"]!["nodes"]!.AsArray();
        var edge = parks.SelectMany(park => park!["targets"]!.AsArray()
                .Select(target => target!["other"]!["key"]!.GetValue<string>())
                .Where(chain => park["focuses"]!.AsArray().All(focus => focus!["other"]!["key"]!.GetValue<string>() != chain))
                .Select(chain => (Park: park["key"]!.GetValue<string>(), Chain: chain)))
            .First();
        var chain = edge.Chain;

        var updated = await server.PostWithKeyAsync(editor, """
            mutation($from: String!, $to: String!) {
              updateRelationship(input: { from: $from, type: "TARGETS", to: $to, newType: "FOCUSES_ON", provenance: { curated: true, note: "first plant opened" } }) { type sources { note } }
            }
            """, new { from = edge.Park, to = chain });
        Assert.True(updated.Errors is null, updated.Body?.ToJsonString());
        Assert.Equal("FOCUSES_ON", updated.Data!["updateRelationship"]!["type"]!.GetValue<string>());

        var after = await server.QueryAsync("""query($ref: String!) { entity(ref: $ref) { relationships(type: "FOCUSES_ON", direction: OUT) { other { key } sources { note } } } }""", new { @ref = edge.Park });
        Assert.Contains(after["entity"]!["relationships"]!.AsArray(), relationship => relationship!["other"]!["key"]!.GetValue<string>() == chain
            && relationship["sources"]![0]!["note"]!.GetValue<string>() == "first plant opened");

        var missing = await server.PostWithKeyAsync(editor, """
            mutation($from: String!, $to: String!) {
              updateRelationship(input: { from: $from, type: "TARGETS", to: $to, newType: "FOCUSES_ON", provenance: { curated: true, note: "again" } }) { type }
            }
            """, new { from = edge.Park, to = chain });
        Assert.Equal(["NOT_FOUND"], missing.ErrorCodes);
    }
}
