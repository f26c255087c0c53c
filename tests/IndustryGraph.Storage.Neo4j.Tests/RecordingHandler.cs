using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IndustryGraph.Storage.Neo4j.Tests;

/// <summary>One request the adapter sent, as a snapshot keeps it: no secret, no clock.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string? Statement, JsonObject? Parameters);

/// <summary>
/// Stands where the Neo4j server would (none can run here): records every request the adapter sends and answers
/// it with <paramref name="answer"/> — response bodies in the Query API's documented shapes.
/// </summary>
public sealed class RecordingHandler(Func<RecordedRequest, (HttpStatusCode Status, string Body)> answer) : HttpMessageHandler
{
    private static readonly HashSet<string> ClockFields = ["at", "created_at", "decided_at"];

    public List<RecordedRequest> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken))?.AsObject();
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["Accept"] = request.Headers.Accept.ToString(),
        };
        if (request.Headers.Authorization is { } authorization)
        {
            // The scheme shows that auth was sent; the credential never reaches a snapshot.
            headers["Authorization"] = $"{authorization.Scheme} <secret>";
        }

        if (request.Content?.Headers.ContentType is { } contentType)
        {
            headers["Content-Type"] = contentType.MediaType!;
        }

        if (request.Headers.TryGetValues(QueryApiTransport.AffinityHeader, out var affinity))
        {
            headers[QueryApiTransport.AffinityHeader] = string.Join(",", affinity);
        }

        var parameters = body?["parameters"]?.AsObject();
        if (parameters is not null)
        {
            WithoutClock(parameters);
        }

        var recorded = new RecordedRequest(request.Method.Method, request.RequestUri!.AbsolutePath, headers, body?["statement"]?.GetValue<string>(), parameters);
        Requests.Add(recorded);
        var (status, json) = answer(recorded);
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, QueryApiTransport.TypedJson), RequestMessage = request };
        if (recorded.Path.EndsWith("/tx", StringComparison.Ordinal))
        {
            response.Headers.Add(QueryApiTransport.AffinityHeader, "member-1");
        }

        return response;
    }

    private static void WithoutClock(JsonNode node)
    {
        switch (node)
        {
            case JsonObject map:
                foreach (var (key, value) in map.ToList())
                {
                    if (ClockFields.Contains(key) && value is JsonValue)
                    {
                        map[key] = "<time>";
                    }
                    else if (value is not null)
                    {
                        WithoutClock(value);
                    }
                }

                break;
            case JsonArray list:
                foreach (var item in list)
                {
                    if (item is not null)
                    {
                        WithoutClock(item);
                    }
                }

                break;
        }
    }

    public static string Json(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
