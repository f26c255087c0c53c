using Snapshooter;
using Snapshooter.Xunit;

namespace IndustryGraph.Storage.Neo4j.Tests;

/// <summary>
/// What the adapter sends for each operation — method, path, headers (no secret), statement, parameters — kept as
/// snapshots in __snapshots__/: a change to any request shows in review.
/// </summary>
public sealed class StatementSnapshotTests
{
    [Theory]
    [MemberData(nameof(StatementCatalogue.Names), MemberType = typeof(StatementCatalogue))]
    public async Task Every_operation_sends_the_recorded_requests(string operation)
    {
        var requests = await StatementCatalogue.RecordAsync(operation);
        Assert.NotEmpty(requests);
        Assert.All(requests, request => Assert.DoesNotContain("not-a-real-password", RecordingHandler.Json(System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(request))!), StringComparison.Ordinal));
        Snapshot.Match(requests.Select(request => new
        {
            request.Method,
            request.Path,
            request.Headers,
            request.Statement,
            Parameters = request.Parameters is null ? null : RecordingHandler.Json(request.Parameters),
        }).ToList(), SnapshotNameExtension.Create(operation));
    }

    [Fact]
    public async Task No_request_carries_the_password_and_every_one_asks_for_typed_json()
    {
        var all = new List<RecordedRequest>();
        foreach (var operation in StatementCatalogue.Operations.Keys)
        {
            all.AddRange(await StatementCatalogue.RecordAsync(operation));
        }

        Assert.All(all, request =>
        {
            Assert.Equal(QueryApiTransport.TypedJson, request.Headers["Accept"]);
            Assert.Equal("Basic <secret>", request.Headers["Authorization"]);
            Assert.StartsWith("/db/industrygraph/query/v2", request.Path, StringComparison.Ordinal);
        });
        // Statements inside a transaction go back to the member that opened it.
        Assert.All(all.Where(request => request.Path.Contains("/tx/", StringComparison.Ordinal)), request => Assert.Equal("member-1", request.Headers[QueryApiTransport.AffinityHeader]));
        Assert.Contains(all, request => request.Method == "DELETE");
        Assert.Contains(all, request => request.Path.EndsWith("/commit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stored_keys_and_audit_entries_for_migrate_read_whole_from_the_answers()
    {
        var (store, _, services) = StatementCatalogue.Open();
        await using (services)
        {
            var key = Assert.Single(await store.ReadStoredKeysAsync());
            Assert.Equal((new Domain.Access.ApiKey("analyst-wang", Domain.Access.ApiRole.Editor, new DateTimeOffset(2026, 11, 23, 20, 57, 11, TimeSpan.Zero)), ScriptedNeo4j.FakeHash), (key.Key, key.Hash));
            var entry = Assert.Single(await store.ReadAuditAfterAsync(6, 10));
            Assert.Equal((7L, new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero), "alice", "fact land_area", Domain.Graph.SourceRef.FromCuration("survey")),
                (entry.Id, entry.At, entry.Actor, entry.Field, entry.Provenance));
        }
    }
}
