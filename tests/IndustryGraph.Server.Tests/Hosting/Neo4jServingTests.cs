using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IndustryGraph.Server.Hosting;
using IndustryGraph.Storage.Neo4j;

namespace IndustryGraph.Server.Tests.Hosting;

/// <summary>
/// <c>serve --store neo4j</c> composed end to end: a GraphQL request goes through the port to the Neo4j adapter and
/// out as Query API requests. No Neo4j can run here, so the HTTP client's last handler answers as a database
/// holding one park would; what reaches the client is what the adapter read from those answers.
/// </summary>
public sealed class Neo4jServingTests : IAsyncLifetime
{
    private readonly List<string> statements = [];
    private readonly RunningServer server;

    public Neo4jServingTests() => server = new RunningServer
    {
        Store = new StoreSettings(StoreKind.Neo4j, "unused.db", "http://127.0.0.1:7474", "industrygraph"),
        Configure = services => services.AddHttpClient<QueryApiTransport>().ConfigurePrimaryHttpMessageHandler(() => new OnePark(statements)),
    };

    public Task InitializeAsync() => server.InitializeAsync();

    public Task DisposeAsync() => server.DisposeAsync();

    [Fact]
    public async Task A_parks_query_is_answered_from_neo4j_through_the_same_graphql_api()
    {
        var data = await server.QueryAsync("{ parks(first: 5) { totalCount nodes { key name aliases } } }");
        Assert.Equal(1, data["parks"]!["totalCount"]!.GetValue<int>());
        var park = data["parks"]!["nodes"]![0]!;
        Assert.Equal(("park-a", "甲园", "甲"), (park["key"]!.GetValue<string>(), park["name"]!.GetValue<string>(), park["aliases"]![0]!.GetValue<string>()));
        Assert.Contains(CypherModel.ListPageAscending, statements);
        // A store at version 7 is not empty: the seed was not loaded into it.
        Assert.DoesNotContain(CypherModel.Lock, statements);
    }

    private sealed class OnePark(List<string> statements) : HttpMessageHandler
    {
        private static JsonObject Typed(string type, JsonNode? value) => new() { ["$type"] = type, ["_value"] = value };

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var statement = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!["statement"]!.GetValue<string>();
            lock (statements)
            {
                statements.Add(statement);
            }

            var park = Typed("Node", new JsonObject
            {
                ["_element_id"] = "4:0:1",
                ["_labels"] = new JsonArray("Entity", "Park"),
                ["_properties"] = new JsonObject
                {
                    ["key"] = Typed("String", "park-a"), ["kind"] = Typed("String", "PARK"), ["name"] = Typed("String", "甲园"),
                    ["aliases"] = Typed("List", new JsonArray(Typed("String", "甲"))), ["tags"] = Typed("List", new JsonArray()),
                    ["sources"] = Typed("String", """[{"curated":true,"note":"test"}]"""),
                },
            });
            (string[] Fields, JsonNode[] Row)? answer = statement switch
            {
                CypherModel.DataVersion => (["version"], [Typed("Integer", "7")]),
                CypherModel.ListPageAscending => (["total", "page"], [Typed("Integer", "1"), Typed("List", new JsonArray(Typed("Map", new JsonObject
                {
                    ["node"] = park, ["sortName"] = Typed("String", "甲园"), ["sortNumber"] = Typed("Float", "0.0"),
                })))]),
                _ => null,
            };
            var values = answer is { } found ? new JsonArray(new JsonArray(found.Row)) : [];
            var body = new JsonObject { ["data"] = new JsonObject { ["fields"] = new JsonArray([.. (answer?.Fields ?? []).Select(field => (JsonNode)field)]), ["values"] = values } };
            return new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, QueryApiTransport.TypedJson) };
        }
    }
}
