using IndustryGraph.Domain.Access;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.Editing;

/// <summary>
/// The whole loop a planner's analyst goes through: an editor places an enterprise in a chain link, the chain
/// analysis answers from the new data at once, and an admin finds the change in the audit trail.
/// </summary>
public sealed class EditToAnalysisTests(RunningServer server) : IClassFixture<RunningServer>
{
    private const string Gaps = """
        { chainGaps(chain: "智能传感器", scope: { district: "管城区" }) { link { key } status enterprisesInScope { enterprise { key } } } }
        """;

    [Fact]
    public async Task A_placement_made_with_an_editor_key_closes_the_gap_at_once_and_is_audited()
    {
        var before = (await server.QueryAsync(Gaps))["chainGaps"]!.AsArray();
        var gap = before.First(item => item!["status"]!.GetValue<string>() == "MISSING")!;
        var link = gap["link"]!["key"]!.GetValue<string>();

        var editor = await server.CreateKeyAsync(ApiRole.Editor, "analyst-wang");
        var write = await server.PostWithKeyAsync(editor, """
            mutation($link: String!) { addRelationship(input: { from: "ent-lushang", type: "WORKS_IN", to: $link,
              provenance: { curated: true, note: "site visit: the firm runs sensor-module assembly" } }) { type other { key } } }
            """, new { link });
        Assert.True(write.Errors is null, write.Errors?.ToJsonString());

        var after = (await server.QueryAsync(Gaps))["chainGaps"]!.AsArray();
        // One enterprise is below the default threshold of 2: the link turns from MISSING to WEAK.
        var sameLink = after.Single(item => item!["link"]!["key"]!.GetValue<string>() == link)!;
        Assert.Equal("WEAK", sameLink["status"]!.GetValue<string>());
        Assert.Equal(["ent-lushang"], sameLink["enterprisesInScope"]!.AsArray().Select(item => item!["enterprise"]!["key"]!.GetValue<string>()));

        var admin = await server.CreateKeyAsync(ApiRole.Admin, "admin-li");
        var audit = await server.PostWithKeyAsync(admin, """{ auditTrail(keyName: "analyst-wang") { nodes { actor action entityKey after provenance { curated note } } } }""");
        Assert.True(audit.Errors is null, audit.Errors?.ToJsonString());
        var entries = audit.Data!["auditTrail"]!["nodes"]!.AsArray();
        Assert.NotEmpty(entries);
        Assert.All(entries, entry => Assert.Equal("analyst-wang", entry!["actor"]!.GetValue<string>()));
        Assert.Contains(entries, entry => entry!["provenance"]?["note"]?.GetValue<string>() == "site visit: the firm runs sensor-module assembly");
    }
}
