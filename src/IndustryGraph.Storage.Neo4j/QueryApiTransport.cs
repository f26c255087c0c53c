using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace IndustryGraph.Storage.Neo4j;

/// <summary>One Cypher statement with its parameters; values always travel as parameters, never in the text.</summary>
public sealed record CypherStatement(string Text, IReadOnlyDictionary<string, object?> Parameters)
{
    public CypherStatement(string text)
        : this(text, new Dictionary<string, object?>())
    {
    }
}

/// <summary>A node of an answer (typed JSON <c>Node</c>).</summary>
public sealed record GraphNode(string ElementId, IReadOnlyList<string> Labels, IReadOnlyDictionary<string, object?> Properties);

/// <summary>A relationship of an answer (typed JSON <c>Relationship</c>).</summary>
public sealed record GraphRelationship(string ElementId, string StartNodeElementId, string EndNodeElementId, string Type, IReadOnlyDictionary<string, object?> Properties);

/// <summary>The records of one statement's answer, values mapped from typed JSON to .NET.</summary>
public sealed record QueryResult(IReadOnlyList<string> Fields, IReadOnlyList<IReadOnlyList<object?>> Values)
{
    public static QueryResult Empty { get; } = new([], []);

    public IEnumerable<IReadOnlyDictionary<string, object?>> Records =>
        Values.Select(row => (IReadOnlyDictionary<string, object?>)Fields.Select((name, i) => (Name: name, Value: i < row.Count ? row[i] : null))
            .ToDictionary(pair => pair.Name, pair => pair.Value, StringComparer.Ordinal));

    /// <summary>The one value of a one-row answer, or <paramref name="fallback"/> when there is no row.</summary>
    public T Scalar<T>(string field, T fallback) =>
        Records.FirstOrDefault() is { } record && record.TryGetValue(field, out var value) && value is T typed ? typed : fallback;
}

/// <summary>An error Neo4j answered with (its status code and message); transient ones may be retried.</summary>
public sealed class Neo4jQueryException(string code, string message) : Exception($"{code}: {message}")
{
    public string Code { get; } = code;

    /// <summary>Neo4j marks deadlocks, leader switches and the like as <c>Neo.TransientError.*</c>: the whole transaction may be run again.</summary>
    public bool IsTransient => Code.StartsWith("Neo.TransientError.", StringComparison.Ordinal);

    /// <summary>An explicit transaction that expired or is unknown to the server (rolled back on its side).</summary>
    public bool IsTransactionGone => Code is "Neo.ClientError.Transaction.TransactionNotFound" or "Neo.ClientError.Request.ResourceNotFound"
        || Code.StartsWith("Neo.ClientError.Transaction.TransactionTimedOut", StringComparison.Ordinal);
}

/// <summary>
/// The whole conversation with Neo4j, kept behind this one small class so the official .NET driver (Bolt) can
/// replace it: Neo4j 5's HTTP Query API — <c>POST /db/{database}/query/v2</c> for one statement in its own
/// transaction, <c>/query/v2/tx</c> for explicit transactions with commit and rollback — with parameters as
/// plain JSON and answers in typed JSON (<c>application/vnd.neo4j.query.v1.1</c>).
/// </summary>
public sealed class QueryApiTransport(HttpClient http, Neo4jSettings settings)
{
    public const string TypedJson = "application/vnd.neo4j.query.v1.1";
    public const string AffinityHeader = "neo4j-cluster-affinity";

    private string QueryPath => $"db/{Uri.EscapeDataString(settings.Database)}/query/v2";

    /// <summary>One statement in an implicit (auto-commit) transaction.</summary>
    public async Task<QueryResult> RunAsync(CypherStatement statement, CancellationToken cancellationToken)
    {
        var (result, _, _) = await SendAsync(HttpMethod.Post, QueryPath, statement, null, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Opens an explicit transaction, running <paramref name="first"/> in it when given.</summary>
    public async Task<QueryApiTransaction> BeginAsync(CypherStatement? first, CancellationToken cancellationToken)
    {
        var (result, transaction, affinity) = await SendAsync(HttpMethod.Post, $"{QueryPath}/tx", first, null, cancellationToken).ConfigureAwait(false);
        var (id, expires) = transaction ?? throw new Neo4jQueryException("IndustryGraph.Protocol", "the server opened no transaction (no transaction id in the answer)");
        return new QueryApiTransaction(this, id, expires, affinity, result);
    }

    internal Task<(QueryResult Result, (string Id, DateTimeOffset? Expires)? Transaction, string? Affinity)> SendInTransactionAsync(
        HttpMethod method, string id, string suffix, CypherStatement? statement, string? affinity, CancellationToken cancellationToken) =>
        SendAsync(method, $"{QueryPath}/tx/{Uri.EscapeDataString(id)}{suffix}", statement, affinity, cancellationToken);

    private async Task<(QueryResult Result, (string Id, DateTimeOffset? Expires)? Transaction, string? Affinity)> SendAsync(
        HttpMethod method, string path, CypherStatement? statement, string? affinity, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(settings.Url, path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(TypedJson));
        if (settings.Auth is { } auth)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(auth.Scheme, auth.Parameter);
        }

        if (affinity is not null)
        {
            request.Headers.TryAddWithoutValidation(AffinityHeader, affinity);
        }

        if (method != HttpMethod.Delete)
        {
            request.Content = new StringContent(statement is null ? "{}" : Body(statement), Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var returnedAffinity = response.Headers.TryGetValues(AffinityHeader, out var values) ? values.FirstOrDefault() : affinity;
        if (bytes.Length == 0)
        {
            return response.IsSuccessStatusCode
                ? (QueryResult.Empty, null, returnedAffinity)
                : throw new Neo4jQueryException($"HTTP.{(int)response.StatusCode}", $"Neo4j answered {(int)response.StatusCode} {response.ReasonPhrase} with no body");
        }

        var (result, transaction) = TypedJsonReader.ReadAnswer(bytes, (int)response.StatusCode);
        return (result, transaction, returnedAffinity);
    }

    /// <summary>The request body: <c>{"statement": ..., "parameters": {...}}</c>.</summary>
    public static string Body(CypherStatement statement)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("statement", statement.Text);
            writer.WritePropertyName("parameters");
            WriteValue(writer, statement.Parameters);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Parameters as plain JSON: strings, whole numbers (Integer), other numbers (Float), booleans, lists and maps.</summary>
    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int or long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double number:
                // A whole double must stay a Float in Cypher: written with a fraction (1.0), never as 1.
                var digits = number.ToString("R", CultureInfo.InvariantCulture);
                writer.WriteRawValue(digits.Contains('.', StringComparison.Ordinal) || digits.Contains('E', StringComparison.Ordinal) ? digits : digits + ".0");
                break;
            case IReadOnlyDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item);
                }

                writer.WriteEndObject();
                break;
            case System.Collections.IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"a parameter of type {value.GetType().Name} has no Cypher form", nameof(value));
        }
    }
}

/// <summary>An open explicit transaction: statements, then commit or rollback. Disposing an unfinished one rolls it back.</summary>
public sealed class QueryApiTransaction : IAsyncDisposable
{
    private readonly QueryApiTransport transport;
    private string? affinity;
    private bool finished;

    internal QueryApiTransaction(QueryApiTransport transport, string id, DateTimeOffset? expires, string? affinity, QueryResult first)
    {
        this.transport = transport;
        this.affinity = affinity;
        Id = id;
        Expires = expires;
        First = first;
    }

    public string Id { get; }

    /// <summary>When the server rolls the transaction back if it hears nothing; each request moves it on.</summary>
    public DateTimeOffset? Expires { get; private set; }

    /// <summary>The answer of the statement sent with the begin request.</summary>
    public QueryResult First { get; }

    public async Task<QueryResult> RunAsync(CypherStatement statement, CancellationToken cancellationToken)
    {
        var (result, transaction, returnedAffinity) = await transport.SendInTransactionAsync(HttpMethod.Post, Id, "", statement, affinity, cancellationToken).ConfigureAwait(false);
        affinity = returnedAffinity;
        Expires = transaction?.Expires ?? Expires;
        return result;
    }

    public async Task<QueryResult> CommitAsync(CypherStatement? last, CancellationToken cancellationToken)
    {
        finished = true;
        var (result, _, _) = await transport.SendInTransactionAsync(HttpMethod.Post, Id, "/commit", last, affinity, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        finished = true;
        await transport.SendInTransactionAsync(HttpMethod.Delete, Id, "", null, affinity, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!finished)
        {
            try
            {
                await RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpRequestException or Neo4jQueryException or TaskCanceledException)
            {
                // The server rolls an abandoned transaction back when it expires; the original failure is what matters.
            }
        }
    }
}
