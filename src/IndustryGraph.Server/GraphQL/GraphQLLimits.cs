namespace IndustryGraph.Server.GraphQL;

/// <summary>
/// What one request may ask of the server. Bound from the configuration section <c>GraphQL:Limits</c>
/// (appsettings.json, or environment variables such as <c>GraphQL__Limits__MaxDepth=20</c>); each limit
/// broken is answered with a GraphQL error carrying its own <c>extensions.code</c>.
/// </summary>
public sealed class GraphQLLimits
{
    public const string Section = "GraphQL:Limits";

    /// <summary>Deepest field nesting (QUERY_TOO_DEEP).</summary>
    public int MaxDepth { get; set; } = 12;

    /// <summary>Largest cost: each field costs 1 (a connection: its page size), times the page sizes of the connections and about 5 for each plain list above it; aliases and introspection count (QUERY_TOO_COMPLEX).</summary>
    public int MaxComplexity { get; set; } = 50_000;

    /// <summary>Most field selections a document may write, each fragment's counted once (TOO_MANY_FIELDS): the spec's rule that fields can merge compares them pairwise.</summary>
    public int MaxFields { get; set; } = 2_000;

    /// <summary>Most values a document may write in arguments, defaults and directives: each list item, object field and scalar counts (TOO_MANY_VALUES); the engine's argument validation echoes a whole wrong value in its message.</summary>
    public int MaxValues { get; set; } = 2_000;

    /// <summary>Largest <c>first</c>/<c>last</c> of a list, and most ids for <c>nodes</c> (PAGE_TOO_LARGE).</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>Largest request body, and longest query string over GET (PAYLOAD_TOO_LARGE).</summary>
    public long MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>Largest answer, in bytes of JSON: refused before it runs when its cost says it would be larger, and while it is written otherwise (RESPONSE_TOO_LARGE).</summary>
    public long MaxResponseBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Longest line of a query text, in characters (QUERY_LINE_TOO_LONG); see <see cref="QueryText"/>.</summary>
    public int MaxQueryLineChars { get; set; } = 16 * 1024;

    /// <summary>Most requests parsed and run at once in each of the two lanes (quick reads; analysis and the 招商清单, see <see cref="Hosting.RequestGate"/>); the others wait their turn within their time limit (TIMEOUT), so a flood cannot take more memory than this many requests need.</summary>
    public int MaxConcurrentRequests { get; set; } = 8;

    /// <summary>Most operations one document may define (TOO_MANY_OPERATIONS).</summary>
    public int MaxOperations { get; set; } = 20;

    /// <summary>Longest a request may take, parsing, validation and execution together (TIMEOUT).</summary>
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether __schema and __type may be asked (INTROSPECTION_DISABLED when off).</summary>
    public bool IntrospectionEnabled { get; set; } = true;
}
