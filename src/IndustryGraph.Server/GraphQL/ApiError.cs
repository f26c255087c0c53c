using GraphQL;

namespace IndustryGraph.Server.GraphQL;

/// <summary>The stable codes every error carries in <c>extensions.code</c>; clients branch on these.</summary>
public static class ErrorCodes
{
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string NotFound = "NOT_FOUND";
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";
    public const string BadRequest = "BAD_REQUEST";
    public const string QueryTooDeep = "QUERY_TOO_DEEP";
    public const string QueryTooComplex = "QUERY_TOO_COMPLEX";
    public const string ResponseTooLarge = "RESPONSE_TOO_LARGE";
    public const string QueryLineTooLong = "QUERY_LINE_TOO_LONG";
    public const string TooManyFields = "TOO_MANY_FIELDS";
    public const string TooManyValues = "TOO_MANY_VALUES";
    public const string PageTooLarge = "PAGE_TOO_LARGE";
    public const string TooManyOperations = "TOO_MANY_OPERATIONS";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string PersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND";
    public const string PersistedQueryMismatch = "PERSISTED_QUERY_HASH_MISMATCH";
    public const string IntrospectionDisabled = "INTROSPECTION_DISABLED";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string Timeout = "TIMEOUT";
    public const string Internal = "INTERNAL";

    /// <summary>The data version the request pinned can no longer be read (a backend without snapshot reads); retry it.</summary>
    public const string DataVersionGone = "DATA_VERSION_GONE";

    /// <summary>The graph is larger than the in-memory analysis index may load (Analysis:InMemoryLimit).</summary>
    public const string AnalysisTooLarge = "ANALYSIS_TOO_LARGE";

    /// <summary>Retryable: analysis asked for while its index builds (at start on a big store).</summary>
    public const string AnalysisIndexBuilding = "ANALYSIS_INDEX_BUILDING";
}

/// <summary>An error a client caused or can act on, with its code; the message names what was wrong and where.</summary>
public sealed class ApiError : ExecutionError
{
    public ApiError(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public ApiError(string code, string message, IReadOnlyList<string> suggestions)
        : this(code, message)
    {
        Suggestions = suggestions;
    }

    /// <summary>For a name that fits no entity or several: the names it could mean, best first (in <c>extensions.suggestions</c>).</summary>
    public IReadOnlyList<string>? Suggestions { get; }
}
