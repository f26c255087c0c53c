using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.GraphQL;

/// <summary>Whatever a client sends, it gets a well-formed GraphQL error with a code, and the server keeps answering.</summary>
public sealed class MalformedInputTests(RunningServer server) : IClassFixture<RunningServer>
{
    private static readonly HashSet<string> KnownCodes =
    [
        "BAD_REQUEST", "BAD_USER_INPUT", "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "QUERY_TOO_DEEP", "QUERY_TOO_COMPLEX",
        "PAGE_TOO_LARGE", "TOO_MANY_OPERATIONS", "PAYLOAD_TOO_LARGE", "PERSISTED_QUERY_NOT_FOUND", "PERSISTED_QUERY_HASH_MISMATCH", "NOT_FOUND",
        "TOO_MANY_FIELDS", "RESPONSE_TOO_LARGE", "QUERY_LINE_TOO_LONG",
    ];

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    public static TheoryData<string, string, byte[]> Bodies()
    {
        var random = new Random(20241123);
        var noise = new byte[4096];
        random.NextBytes(noise);
        var json = "application/json";
        return new TheoryData<string, string, byte[]>
        {
            { "truncated JSON", json, Encoding.UTF8.GetBytes("{\"query\": \"{ parks { totalCount } }\"") },
            { "JSON array", json, Encoding.UTF8.GetBytes("[{\"query\": \"{ __typename }\"}]") },
            { "JSON string", json, Encoding.UTF8.GetBytes("\"{ __typename }\"") },
            { "query is a number", json, Encoding.UTF8.GetBytes("{\"query\": 42}") },
            { "variables is a string", json, Encoding.UTF8.GetBytes("{\"query\": \"{ __typename }\", \"variables\": \"x\"}") },
            { "no query", json, Encoding.UTF8.GetBytes("{\"variables\": {}}") },
            { "empty body", json, [] },
            { "random bytes as JSON", json, noise },
            { "random bytes as octet-stream", "application/octet-stream", noise },
            { "form post", "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes("query=%7B__typename%7D") },
            { "plain text", "text/plain", Encoding.UTF8.GetBytes("{ __typename }") },
            { "graphql body", "application/graphql", Encoding.UTF8.GetBytes("{ __typename }") },
            { "latin-1 charset", "application/json; charset=iso-8859-1", Encoding.UTF8.GetBytes("{\"query\": \"{ __typename }\"}") },
            { "syntax error", json, Body("{ parks { ") },
            { "unknown field", json, Body("{ noSuchField }") },
            { "wrong variable type", json, Encoding.UTF8.GetBytes("{\"query\": \"query($n: Int) { parks(first: $n) { totalCount } }\", \"variables\": {\"n\": \"many\"}}") },
            { "huge document", json, Body("{ " + Repeat("__typename ", 40_000) + "}") },
            { "deeply nested selections", json, Body(Repeat("{ parks { nodes ", 200) + Repeat("} } ", 200)) },
            { "deeply nested lists in a value", json, Body("{ search(text: " + Repeat("[", 5000) + "\"x\"" + Repeat("]", 5000) + ") { score } }") },
            { "alias flood", json, Body("{ " + string.Concat(Enumerable.Range(0, 3000).Select(index => $"a{index}: parks(first: 100) {{ totalCount }} ")) + "}") },
            { "fragment bomb", json, Body(FragmentBomb()) },
            { "operation flood", json, Body(string.Concat(Enumerable.Range(0, 500).Select(index => $"query Q{index} {{ __typename }} "))) },
            { "deep introspection", json, Body("{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }") },
            { "unknown persisted query", json, Encoding.UTF8.GetBytes("{\"extensions\": {\"persistedQuery\": {\"version\": 1, \"sha256Hash\": \"" + new string('a', 64) + "\"}}}") },
        };
    }

    [Fact]
    public async Task A_byte_order_mark_before_the_json_is_tolerated()
    {
        using var content = new ByteArrayContent([.. Encoding.UTF8.Preamble, .. Body("{ __typename }")]);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        using var response = await server.Http.PostAsync(new Uri("/graphql", UriKind.Relative), content);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Query", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!["__typename"]!.GetValue<string>());
    }

    [Fact]
    public async Task Two_equal_keys_in_the_body_are_refused_not_last_wins()
    {
        using var content = new StringContent("{\"query\": \"{ __typename }\", \"query\": \"{ parks { totalCount } }\"}", Encoding.UTF8, "application/json");
        using var response = await server.Http.PostAsync(new Uri("/graphql", UriKind.Relative), content);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("the key query 2 times", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_query_parameters_are_refused_not_joined()
    {
        using var response = await server.Http.GetAsync(new Uri("/graphql?query=%7B__typename%7D&query=%7Bparks%7BtotalCount%7D%7D", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("the parameter query is given 2 times", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static byte[] Body(string query) => Encoding.UTF8.GetBytes(new JsonObject { ["query"] = query }.ToJsonString());

    /// <summary>Each fragment spreads the previous one twice: 2^30 fields if expanded naively.</summary>
    private static string FragmentBomb()
    {
        var text = new StringBuilder("{ parks { nodes { ...F30 } } } fragment F0 on Park { name } ");
        for (var index = 1; index <= 30; index++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"fragment F{index} on Park {{ ...F{index - 1} district {{ ...F{index - 1}D }} }} ");
        }

        return text.ToString();
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_malformed_request_gets_a_well_formed_coded_error_and_the_server_keeps_answering(string what, string contentType, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        using var response = await server.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode is >= 200 and < 500, $"{what}: status {(int)response.StatusCode}");
        var parsed = JsonNode.Parse(text)!;
        var errors = parsed["errors"]!.AsArray();
        Assert.NotEmpty(errors);
        foreach (var error in errors)
        {
            var code = error!["extensions"]!["code"]!.GetValue<string>();
            Assert.True(KnownCodes.Contains(code), $"{what}: unexpected code {code}: {text[..Math.Min(text.Length, 300)]}");
            var message = error["message"]!.GetValue<string>();
            Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", message, StringComparison.Ordinal);
            Assert.DoesNotContain("SELECT", message, StringComparison.Ordinal);
        }

        Assert.True(text.Length < 100_000, $"{what}: the error answer is {text.Length} chars");
        var alive = await server.QueryAsync("{ parks(first: 1) { totalCount } }");
        Assert.True(alive["parks"]!["totalCount"]!.GetValue<int>() > 0);
    }

    [Theory]
    [InlineData("/graphql?query=%7B")]
    [InlineData("/graphql?query=%7B__typename%7D&variables=%5B")]
    [InlineData("/graphql?query=%7B__typename%7D&extensions=nope")]
    [InlineData("/graphql")]
    public async Task A_malformed_get_gets_a_coded_error(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        using var response = await server.Http.SendAsync(request);
        var body = await GraphQLResponse.ReadAsync(response);
        Assert.Equal(400, body.Status);
        Assert.All(body.ErrorCodes, code => Assert.True(KnownCodes.Contains(code), code));
        Assert.NotEmpty(body.ErrorCodes);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/health")]
    [InlineData("/graphql?query=%7B__typename%7D")]
    public async Task HEAD_answers_where_GET_does_with_the_head_only(string path)
    {
        using var get = await server.Http.GetAsync(new Uri(path, UriKind.Relative));
        using var head = await server.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(path, UriKind.Relative)));
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_unsupported_method_gets_405_with_a_coded_error()
    {
        using var response = await server.Http.PutAsync("/graphql", new StringContent("{}", Encoding.UTF8, "application/json"));
        var body = await GraphQLResponse.ReadAsync(response);
        Assert.Equal(405, body.Status);
        Assert.Equal("BAD_REQUEST", Assert.Single(body.ErrorCodes));
    }
}
