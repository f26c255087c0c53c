using System.Net;
using IndustryGraph.Domain.Store;
using Microsoft.Extensions.DependencyInjection;

namespace IndustryGraph.Storage.Neo4j.Tests;

/// <summary>
/// The adapter's reading of answers, on response shapes written by hand from Neo4j's Query API documentation
/// (Fixtures/): records, nodes, relationships, typed values, errors, transaction ids and expiry.
/// </summary>
public sealed class TypedJsonReaderTests
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    [Fact]
    public void A_node_and_a_property_read_as_a_graph_node_and_a_string()
    {
        var (result, transaction) = TypedJsonReader.ReadAnswer(Fixture("node-and-property.json"), 202);
        Assert.Null(transaction);
        Assert.Equal(["person", "name"], result.Fields);
        var record = Assert.Single(result.Records);
        var person = Assert.IsType<GraphNode>(record["person"]);
        Assert.Equal(("4:ff04df25-ff2b-4b55-98f8-6888297b025e:2", "Person", "Phil"), (person.ElementId, Assert.Single(person.Labels), person.Properties["name"]));
        Assert.Equal("Phil", record["name"]);
    }

    [Fact]
    public void A_relationship_reads_with_its_ends_type_and_properties()
    {
        var relationship = Assert.IsType<GraphRelationship>(Assert.Single(TypedJsonReader.ReadAnswer(Fixture("relationship.json"), 202).Result.Records)["r"]);
        Assert.Equal(("KNOWS", "4:ff04df25-ff2b-4b55-98f8-6888297b025e:2", "4:ff04df25-ff2b-4b55-98f8-6888297b025e:3", 2024L),
            (relationship.Type, relationship.StartNodeElementId, relationship.EndNodeElementId, relationship.Properties["since"]));
    }

    [Fact]
    public void Typed_values_map_to_dotnet_without_losing_integer_precision()
    {
        var record = Assert.Single(TypedJsonReader.ReadAnswer(Fixture("typed-values.json"), 202).Result.Records);
        Assert.Null(record["null"]);
        Assert.Equal(true, record["boolean"]);
        Assert.Equal(9007199254740993L, record["integer"]);
        Assert.Equal(5.3, record["float"]);
        Assert.Equal("城发·金岱智慧产业园", record["string"]);
        Assert.Equal(new byte[] { 1, 2, 3 }, record["base64"]);
        Assert.Equal([1L, "二"], Assert.IsType<List<object?>>(record["list"]));
        var map = Assert.IsType<Dictionary<string, object?>>(record["map"]);
        Assert.Equal(("UPSTREAM", 1L), (map["segment"], map["position"]));
        Assert.Equal(("2024-10-01", "2024-01-01T21:40:32-01:00", "P14DT16H12M"), (record["date"], record["offsetDateTime"], record["duration"]));
        Assert.Equal("SRID=4326;POINT (113.62 34.75)", record["point"]);
    }

    [Fact]
    public void Opening_a_transaction_gives_its_id_and_expiry()
    {
        var (result, transaction) = TypedJsonReader.ReadAnswer(Fixture("begin-transaction.json"), 202);
        Assert.Equal("8a9d0a5d-4a0b-4b8c-9f0e-1c2d3e4f5a6b", transaction!.Value.Id);
        Assert.Equal(new DateTimeOffset(2024, 10, 8, 13, 28, 44, TimeSpan.Zero).AddTicks(196590), transaction.Value.Expires);
        Assert.Equal(12L, result.Scalar("version", 0L));
    }

    [Theory]
    [InlineData("syntax-error.json", 400, "Neo.ClientError.Statement.SyntaxError", false, false)]
    [InlineData("transaction-not-found.json", 404, "Neo.ClientError.Request.ResourceNotFound", false, true)]
    [InlineData("deadlock.json", 409, "Neo.TransientError.Transaction.DeadlockDetected", true, false)]
    public void Errors_become_exceptions_with_the_status_code_and_whether_a_retry_may_help(string fixture, int status, string code, bool transient, bool gone)
    {
        var error = Assert.Throws<Neo4jQueryException>(() => TypedJsonReader.ReadAnswer(Fixture(fixture), status));
        Assert.Equal((code, transient, gone), (error.Code, error.IsTransient, error.IsTransactionGone));
    }

    [Fact]
    public async Task A_write_that_meets_a_deadlock_runs_again_whole_in_a_new_transaction()
    {
        var deadlocks = 1;
        var handler = new RecordingHandler(request =>
        {
            if (request.Statement == CypherModel.WriteAudit && deadlocks-- > 0)
            {
                return (HttpStatusCode.Conflict, System.Text.Encoding.UTF8.GetString(Fixture("deadlock.json")));
            }

            return ScriptedNeo4j.Answer(request);
        });
        await using var services = new ServiceCollection()
            .AddNeo4jStore(new Neo4jSettings(new Uri("http://127.0.0.1:7474"), "neo4j"), () => handler).BuildServiceProvider();
        var store = services.GetRequiredService<Neo4jGraphStore>();

        await store.AddRelationshipAsync("park-a", Domain.Graph.RelationshipTypes.LocatedIn, "d-one", new EditContext("alice", Domain.Graph.SourceRef.FromCuration("x")));

        Assert.Equal(2, handler.Requests.Count(request => request.Path.EndsWith("/tx", StringComparison.Ordinal)));
        Assert.Equal(1, handler.Requests.Count(request => request.Method == "DELETE"));
        Assert.Equal(1, handler.Requests.Count(request => request.Path.EndsWith("/commit", StringComparison.Ordinal)));
        Assert.DoesNotContain(handler.Requests, request => request.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task A_read_that_meets_an_unavailable_server_is_retried_and_a_statement_in_a_transaction_is_not()
    {
        var unavailable = 1;
        var handler = new RecordingHandler(request => request.Statement == CypherModel.DataVersion && unavailable-- > 0
            ? (HttpStatusCode.ServiceUnavailable, """{"errors":[{"code":"Neo.TransientError.General.DatabaseUnavailable","message":"The database is not currently available to serve your request"}]}""")
            : ScriptedNeo4j.Answer(request));
        await using var services = new ServiceCollection()
            .AddNeo4jStore(new Neo4jSettings(new Uri("http://127.0.0.1:7474"), "neo4j"), () => handler).BuildServiceProvider();
        var store = services.GetRequiredService<Neo4jGraphStore>();

        Assert.Equal(3, await store.GetDataVersionAsync());
        Assert.Equal(2, handler.Requests.Count(request => request.Statement == CypherModel.DataVersion));
    }
}
