using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GraphQL;
using IndustryGraph.Server.Analysis;
using IndustryGraph.Server.GraphQL;
using IndustryGraph.Server.Tests.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace IndustryGraph.Server.Tests.GraphQL;

/// <summary>A server with small limits, so each limit can be hit with a small request.</summary>
public sealed class SmallLimitsServer : IAsyncLifetime
{
    public RunningServer Server { get; } = new()
    {
        Configure = services => services.Configure<GraphQLLimits>(limits =>
        {
            limits.MaxDepth = 4;
            limits.MaxComplexity = 500;
            limits.MaxPageSize = 10;
            limits.MaxRequestBytes = 4096;
            limits.MaxOperations = 3;
            limits.IntrospectionEnabled = false;
        }),
    };

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();
}

public sealed class LimitsTests(SmallLimitsServer small) : IClassFixture<SmallLimitsServer>
{
    private RunningServer Server => small.Server;

    [Theory]
    [InlineData("{ parks(first: 1) { nodes { district { parks(first: 1) { nodes { name } } } } } }", "QUERY_TOO_DEEP")]
    [InlineData("{ a: parks(first: 10) { nodes { chains { name key tags aliases } } } b: parks(first: 10) { nodes { chains { name key tags aliases } } } c: parks(first: 10) { nodes { chains { name key tags aliases } } } }", "QUERY_TOO_COMPLEX")]
    [InlineData("{ parks(first: 11) { totalCount } }", "PAGE_TOO_LARGE")]
    [InlineData("query A { __typename } query B { __typename } query C { __typename } query D { __typename }", "TOO_MANY_OPERATIONS")]
    [InlineData("{ __schema { types { name } } }", "INTROSPECTION_DISABLED")]
    [InlineData("{ __type(name: \"Park\") { name } }", "INTROSPECTION_DISABLED")]
    public async Task Each_limit_is_answered_with_its_code(string query, string code)
    {
        var response = await Server.PostAsync(query, operationName: query.StartsWith("query A", StringComparison.Ordinal) ? "A" : null);
        Assert.Contains(code, response.ErrorCodes);
        Assert.All(response.ErrorCodes, actual => Assert.Equal(code, actual));
    }

    [Fact]
    public async Task Within_the_limits_the_same_kind_of_query_works_and_typename_stays_allowed()
    {
        var data = await Server.QueryAsync("{ __typename parks(first: 10) { nodes { name district { name } } } }");
        Assert.Equal(10, data["parks"]!["nodes"]!.AsArray().Count);
    }

    [Fact]
    public async Task Aliased_chainGaps_through_one_fragment_are_counted_by_the_links_a_chain_has()
    {
        // The attack in small: as many aliases as fit under the limit when a list counts 5 items.
        var mostLinks = Server.Services.GetRequiredService<AnalysisRunner>().MostLinksInAChain;
        Assert.True(mostLinks > CostRule.PlainListEstimate, $"the seed's largest chain has {mostLinks} links: too few to tell the counts apart");
        const int perGapFields = 3;
        var aliases = (int)(500 / (1 + (CostRule.PlainListEstimate * perGapFields)));
        var document = "{ " + string.Join(" ", Enumerable.Range(0, aliases).Select(at => $"a{at}: chainGaps(chain: \"智能传感器\") {{ ...gap }}"))
            + " } fragment gap on ChainGap { status candidates(first: 1) { score } }";

        var response = await Server.PostAsync(document);

        Assert.Equal("QUERY_TOO_COMPLEX", Assert.Single(response.ErrorCodes));
        // What is counted is at least what comes back: no chain has more gaps than the count.
        var chains = await Server.QueryAsync("{ chains(first: 10) { nodes { name } } }");
        foreach (var chain in chains["chains"]!["nodes"]!.AsArray().Select(node => node!["name"]!.GetValue<string>()))
        {
            var gaps = await Server.QueryAsync("query($chain: String!) { chainGaps(chain: $chain) { status } }", new { chain });
            Assert.InRange(gaps["chainGaps"]!.AsArray().Count, 0, mostLinks);
        }
    }

    [Fact]
    public async Task A_body_over_the_size_limit_gets_413_with_PAYLOAD_TOO_LARGE()
    {
        var response = await Server.PostAsync("{ __typename }" + new string(' ', 5000));
        Assert.Equal(413, response.Status);
        Assert.Equal("PAYLOAD_TOO_LARGE", Assert.Single(response.ErrorCodes));
    }

    [Fact]
    public void Limits_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GraphQL:Limits:MaxDepth"] = "7",
            ["GraphQL:Limits:MaxComplexity"] = "1234",
            ["GraphQL:Limits:MaxPageSize"] = "25",
            ["GraphQL:Limits:MaxRequestBytes"] = "1000",
            ["GraphQL:Limits:MaxOperations"] = "2",
            ["GraphQL:Limits:ExecutionTimeout"] = "00:00:05",
            ["GraphQL:Limits:IntrospectionEnabled"] = "false",
        }).Build();
        using var services = new ServiceCollection().AddGraphQLEndpoint(configuration).BuildServiceProvider();
        var limits = services.GetRequiredService<IOptions<GraphQLLimits>>().Value;
        Assert.Equal((7, 1234, 25, 1000L, 2, TimeSpan.FromSeconds(5), false),
            (limits.MaxDepth, limits.MaxComplexity, limits.MaxPageSize, limits.MaxRequestBytes, limits.MaxOperations, limits.ExecutionTimeout, limits.IntrospectionEnabled));
    }
}

public sealed class TimeoutTests
{
    [Fact]
    public async Task A_query_running_past_the_time_limit_gets_TIMEOUT_and_the_server_keeps_answering()
    {
        var server = new RunningServer { Configure = services => services.Configure<GraphQLLimits>(limits => limits.ExecutionTimeout = TimeSpan.Zero) };
        await server.InitializeAsync();
        try
        {
            var response = await server.PostAsync("{ parks(first: 50) { nodes { name enterprises { nodes { name } } } } }");
            Assert.True(response.ErrorCodes.SequenceEqual(["TIMEOUT"]), response.Body?.ToJsonString());
            Assert.Equal(504, response.Status);
            Assert.NotNull((await server.PostAsync("{ __typename }")).Body);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}

/// <summary>Introspection is on by default; parsed documents are cached; persisted queries work over POST and GET.</summary>
public sealed class DocumentCacheAndPersistedQueryTests(RunningServer server) : IClassFixture<RunningServer>
{
    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task Introspection_is_on_by_default()
    {
        var data = await server.QueryAsync("{ __schema { queryType { name } } }");
        Assert.Equal("Query", data["__schema"]!["queryType"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_valid_document_is_cached_by_its_text_and_an_invalid_one_is_not()
    {
        var texts = server.Services.GetRequiredService<QueryTextCache>();
        const string Valid = "{ parks(first: 2) { nodes { name } } } # cache test";
        const string Invalid = "{ parks { noSuchField } } # cache test";
        Assert.False(DocumentCache.IsCached(texts, Valid));
        await server.QueryAsync(Valid);
        Assert.True(DocumentCache.IsCached(texts, Valid));
        var again = await server.QueryAsync(Valid);
        Assert.Equal(2, again["parks"]!["nodes"]!.AsArray().Count);

        Assert.Contains("GRAPHQL_VALIDATION_FAILED", (await server.PostAsync(Invalid)).ErrorCodes);
        Assert.False(DocumentCache.IsCached(texts, Invalid));
    }

    [Fact]
    public async Task A_cached_document_still_checks_its_variables()
    {
        const string Query = "query($n: Int) { parks(first: $n) { nodes { name } } } # cached variables";
        Assert.Equal(2, (await server.QueryAsync(Query, new { n = 2 }))["parks"]!["nodes"]!.AsArray().Count);
        Assert.True(DocumentCache.IsCached(server.Services.GetRequiredService<QueryTextCache>(), Query));
        Assert.Equal(3, (await server.QueryAsync(Query, new { n = 3 }))["parks"]!["nodes"]!.AsArray().Count);
        Assert.Contains("BAD_USER_INPUT", (await server.PostAsync(Query, new { n = "many" })).ErrorCodes);
    }

    [Fact]
    public async Task A_remembered_validation_belongs_to_its_operation_and_not_to_requests_with_variables()
    {
        Assert.IsType<CachedValidation>(server.Services.GetRequiredService<global::GraphQL.Validation.IDocumentValidator>());
        const string Query = "query One { parks(first: 1) { nodes { name } } } query Two($n: Int = 2) { parks(first: $n) { nodes { name } } } # remembered validation";
        async Task<int> CountAsync(string operation, object? variables = null)
        {
            var response = await server.PostAsync(Query, variables, operation);
            Assert.True(response.Errors is null, $"errors: {response.Errors?.ToJsonString()}");
            return response.Data!["parks"]!["nodes"]!.AsArray().Count;
        }

        for (var round = 0; round < 3; round++)
        {
            Assert.Equal(1, await CountAsync("One"));
            Assert.Equal(2, await CountAsync("Two"));
            Assert.Equal(3, await CountAsync("Two", new { n = 3 }));
        }
    }

    [Fact]
    public async Task A_cached_document_still_meets_the_request_dependent_rules()
    {
        const string Query = "{ parks(first: 101) { totalCount } } # cached page size";
        Assert.Contains("PAGE_TOO_LARGE", (await server.PostAsync(Query)).ErrorCodes);
        const string Mutationless = "query Q { __typename }";
        await server.QueryAsync(Mutationless);
        var overGet = await server.Http.GetAsync("/graphql?query=" + Uri.EscapeDataString("mutation M { __typename }"));
        Assert.NotEqual(200, (int)overGet.StatusCode);
    }

    [Fact]
    public async Task A_mutation_that_ran_over_post_and_sits_in_the_cache_is_still_refused_over_get()
    {
        const string Mutation = "mutation { __typename } # cached mutation";
        var editor = await RunAsEditorUntilCachedAsync(Mutation, "editor-cached-mutation");

        // With the editor's key, so the method alone is what refuses it.
        using var get = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString(Mutation));
        get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", editor);
        using var overGet = await server.Http.SendAsync(get);
        Assert.Equal(405, (int)overGet.StatusCode);
        Assert.Contains(NoMutationsOverGet.Code, (await GraphQLResponse.ReadAsync(overGet)).ErrorCodes);
    }

    [Fact]
    public async Task A_mutation_an_editor_ran_and_sits_in_the_cache_still_needs_a_key_from_the_next_caller()
    {
        const string Mutation = "mutation { __typename } # cached for an editor";
        await RunAsEditorUntilCachedAsync(Mutation, "editor-cached-caller");

        var anonymous = await server.PostAsync(Mutation);
        Assert.Equal(401, anonymous.Status);
        Assert.Contains(ErrorCodes.Unauthenticated, anonymous.ErrorCodes);
    }

    /// <summary>Runs a mutation over POST with a new editor key, so that its document sits in the cache; returns the key.</summary>
    private async Task<string> RunAsEditorUntilCachedAsync(string mutation, string keyName)
    {
        var editor = await server.CreateKeyAsync(IndustryGraph.Domain.Access.ApiRole.Editor, keyName);
        Assert.Equal(200, (await server.PostWithKeyAsync(editor, mutation)).Status);
        Assert.True(DocumentCache.IsCached(server.Services.GetRequiredService<QueryTextCache>(), mutation));
        return editor;
    }

    private async Task<GraphQLResponse> PostPersistedAsync(string? query, string hash)
    {
        var body = JsonSerializer.Serialize(new { query, extensions = new { persistedQuery = new { version = 1, sha256Hash = hash } } });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        using var response = await server.Http.SendAsync(request);
        return await GraphQLResponse.ReadAsync(response);
    }

    private async Task<GraphQLResponse> GetPersistedAsync(string hash)
    {
        var extensions = Uri.EscapeDataString(JsonSerializer.Serialize(new { persistedQuery = new { version = 1, sha256Hash = hash } }));
        using var response = await server.Http.GetAsync($"/graphql?extensions={extensions}");
        return await GraphQLResponse.ReadAsync(response);
    }

    [Fact]
    public async Task Persisted_queries_miss_register_and_hit_over_post_and_get()
    {
        const string Query = "{ parks(district: \"管城区\") { totalCount } } # persisted";
        var hash = Sha256(Query);

        var miss = await PostPersistedAsync(null, hash);
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", Assert.Single(miss.ErrorCodes));
        Assert.Equal("PersistedQueryNotFound", miss.Errors![0]!["message"]!.GetValue<string>());
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", Assert.Single((await GetPersistedAsync(hash)).ErrorCodes));

        var register = await PostPersistedAsync(Query, hash);
        Assert.Null(register.Errors);

        foreach (var hit in new[] { await PostPersistedAsync(null, hash), await GetPersistedAsync(hash.ToUpperInvariant()) })
        {
            Assert.Null(hit.Errors);
            Assert.Equal(register.Data!.ToJsonString(), hit.Data!.ToJsonString());
        }
    }

    [Fact]
    public async Task A_persisted_query_whose_hash_does_not_match_is_refused()
    {
        var response = await PostPersistedAsync("{ __typename }", Sha256("{ something else }"));
        Assert.Equal("PERSISTED_QUERY_HASH_MISMATCH", Assert.Single(response.ErrorCodes));
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", Assert.Single((await PostPersistedAsync(null, Sha256("{ something else }"))).ErrorCodes));
        Assert.Equal("BAD_REQUEST", Assert.Single((await PostPersistedAsync(null, "not-a-hash")).ErrorCodes));
    }
}
