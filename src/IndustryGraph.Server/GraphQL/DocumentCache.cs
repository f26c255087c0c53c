using System.Security.Cryptography;
using System.Text;
using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;

namespace IndustryGraph.Server.GraphQL;

/// <summary>
/// The server's memory for query texts: parsed documents that passed validation, and the texts behind
/// persisted-query hashes. One bounded <see cref="IMemoryCache"/> whose entry sizes are the bytes they hold: a
/// document costs its text plus its syntax nodes (counted, at <see cref="BytesPerNode"/> each, measured on the
/// seed's example queries), so a flood of distinct queries evicts old ones instead of growing without end, and a
/// text longer than <see cref="MaxCachedQueryChars"/> is not kept at all.
/// </summary>
public sealed class QueryTextCache : IDisposable
{
    /// <summary>What the cache may hold, in bytes.</summary>
    public const long SizeLimitBytes = 32 * 1024 * 1024;

    /// <summary>Longest query text kept: a document this long is rarely sent twice.</summary>
    public const int MaxCachedQueryChars = 32 * 1024;

    /// <summary>Managed memory of one parsed syntax node with its name and location, rounded up.</summary>
    public const int BytesPerNode = 160;

    public MemoryCache Cache { get; } = new(new MemoryCacheOptions { SizeLimit = SizeLimitBytes });

    /// <summary>Bytes a string takes in memory (UTF-16, plus the object header).</summary>
    public static long BytesOf(string text) => (2L * text.Length) + 32;

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public void Dispose() => Cache.Dispose();
}

/// <summary>
/// Skips parsing and validation for a query text already seen and found valid: of the rules only those whose
/// verdict the request can change run again (<see cref="IRequestDependentRule"/>: the variables' page sizes and
/// texts when it has variables; GET and the caller's key for a document with a mutation), so a repeated query
/// without variables is not validated at all. Keyed by the text itself.
/// </summary>
public sealed class DocumentCache(QueryTextCache texts, Microsoft.Extensions.Options.IOptions<GraphQLLimits> limits) : IConfigureExecution
{
    /// <summary>With the execution steps (200), after option configurations (100) have set the validation rules.</summary>
    public float SortOrder => 200;

    private sealed record DocumentKey(string Text);

    private sealed record CachedDocument(GraphQLDocument Document, bool HasMutation);

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || string.IsNullOrEmpty(options.Query))
        {
            return await next(options).ConfigureAwait(false);
        }

        var key = new DocumentKey(options.Query);
        if (texts.Cache.TryGetValue(key, out CachedDocument? cached) && cached is not null)
        {
            options.Document = cached.Document;
            options.ValidationRules = RulesToRepeat(options.ValidationRules, hasVariables: options.Variables is { Count: > 0 }, cached.HasMutation);
            return await next(options).ConfigureAwait(false);
        }

        // Parsed here, so that a document with too many fields is refused before the spec's rules compare its
        // fields pairwise, and one with too many values before the engine checks (and echoes) each argument; a
        // text that does not parse goes to the engine, which reports the syntax error.
        if (TryParse(options.Query) is { } parsed)
        {
            var (fields, values) = Count(parsed);
            if (fields > limits.Value.MaxFields)
            {
                return Refused(ErrorCodes.TooManyFields, $"the document has {fields} fields, more than the limit of {limits.Value.MaxFields}: ask for fewer fields, or use fragments");
            }

            if (values > limits.Value.MaxValues)
            {
                return Refused(ErrorCodes.TooManyValues, $"the document writes {values} values in its arguments, more than the limit of {limits.Value.MaxValues}: pass long lists as variables, or ask in smaller pieces");
            }

            options.Document = parsed;
        }

        var result = await next(options).ConfigureAwait(false);
        // Executed: the document parsed and passed every rule, so it is worth keeping.
        if (result.Executed && result.Document is not null && options.Query.Length <= QueryTextCache.MaxCachedQueryChars)
        {
            var size = QueryTextCache.BytesOf(options.Query) + (result.Document.AllNestedCount() * (long)QueryTextCache.BytesPerNode);
            var hasMutation = result.Document.Definitions.OfType<GraphQLOperationDefinition>().Any(operation => operation.Operation != OperationType.Query);
            texts.Cache.Set(key, new CachedDocument(result.Document, hasMutation), new MemoryCacheEntryOptions { Size = size, SlidingExpiration = TimeSpan.FromHours(1) });
        }

        return result;
    }

    private static IEnumerable<IValidationRule> RulesToRepeat(IEnumerable<IValidationRule>? rules, bool hasVariables, bool hasMutation)
    {
        if (!hasVariables && !hasMutation)
        {
            return [];
        }

        return (rules ?? []).Where(rule => rule is IRequestDependentRule dependent && ((hasVariables && dependent.DependsOnVariables) || (hasMutation && dependent.DependsOnMethodOrCaller))).ToList();
    }

    private static GraphQLDocument? TryParse(string query)
    {
        try
        {
            return Parser.Parse(query);
        }
        catch (GraphQLParser.Exceptions.GraphQLParserException)
        {
            return null;
        }
    }

    private static ExecutionResult Refused(string code, string message) => new()
    {
        Executed = false,
        Errors = [new ExecutionError(message) { Code = code }],
    };

    /// <summary>
    /// Field selections and values (arguments, variable defaults, directives; every list item and object field)
    /// as written: each fragment's once. Without recursion, so deep nesting costs no stack.
    /// </summary>
    private static (int Fields, int Values) Count(GraphQLDocument document)
    {
        var (fields, values) = (0, 0);
        var pending = new Stack<ASTNode>(document.Definitions);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            switch (node)
            {
                case GraphQLOperationDefinition operation:
                    PushAll(operation.Directives?.Items);
                    foreach (var variable in operation.Variables?.Items ?? [])
                    {
                        PushAll(variable.Directives?.Items);
                        if (variable.DefaultValue is { } defaultValue)
                        {
                            pending.Push(defaultValue);
                        }
                    }

                    PushAll(operation.SelectionSet.Selections);
                    break;
                case GraphQLFragmentDefinition fragment:
                    PushAll(fragment.Directives?.Items);
                    PushAll(fragment.SelectionSet.Selections);
                    break;
                case GraphQLInlineFragment inline:
                    PushAll(inline.Directives?.Items);
                    PushAll(inline.SelectionSet.Selections);
                    break;
                case GraphQLFragmentSpread spread:
                    PushAll(spread.Directives?.Items);
                    break;
                case GraphQLField field:
                    fields++;
                    PushAll(field.Directives?.Items);
                    PushArguments(field.Arguments);
                    PushAll(field.SelectionSet?.Selections);
                    break;
                case GraphQLDirective directive:
                    PushArguments(directive.Arguments);
                    break;
                case GraphQLListValue list:
                    values++;
                    PushAll(list.Values);
                    break;
                case GraphQLObjectValue objectValue:
                    values++;
                    foreach (var objectField in objectValue.Fields ?? [])
                    {
                        pending.Push(objectField.Value);
                    }

                    break;
                case GraphQLValue:
                    values++;
                    break;
                default:
                    break;
            }
        }

        return (fields, values);

        void PushArguments(GraphQLArguments? arguments)
        {
            foreach (var argument in arguments?.Items ?? [])
            {
                pending.Push(argument.Value);
            }
        }

        void PushAll<TNode>(IEnumerable<TNode>? nodes)
            where TNode : ASTNode
        {
            foreach (var child in nodes ?? [])
            {
                pending.Push(child);
            }
        }
    }

    public static bool IsCached(QueryTextCache texts, string query) => texts.Cache.TryGetValue(new DocumentKey(query), out _);
}

/// <summary>
/// Automatic Persisted Queries (the Apollo protocol): a client sends <c>extensions.persistedQuery.sha256Hash</c>
/// without the query; an unknown hash is answered with PERSISTED_QUERY_NOT_FOUND, and the client retries with
/// the query and the hash, which the server checks and remembers.
/// </summary>
public sealed class PersistedQueries(QueryTextCache texts)
{
    /// <summary>The message Apollo clients match, besides the code, to retry with the full query.</summary>
    public const string NotFoundMessage = "PersistedQueryNotFound";

    public sealed record Outcome(string? Query, ExecutionError? Error);

    public Outcome Resolve(string? query, Inputs? extensions)
    {
        if (extensions is null || !extensions.TryGetValue("persistedQuery", out var value) || value is null)
        {
            return new Outcome(query, null);
        }

        if (value is not IReadOnlyDictionary<string, object?> persisted)
        {
            return Fail(ErrorCodes.BadRequest, "extensions.persistedQuery must be an object {version: 1, sha256Hash}");
        }

        if (!persisted.TryGetValue("version", out var version) || Convert.ToString(version, System.Globalization.CultureInfo.InvariantCulture) != "1")
        {
            return Fail(ErrorCodes.BadRequest, "extensions.persistedQuery.version must be 1");
        }

        if (!persisted.TryGetValue("sha256Hash", out var hashValue) || hashValue is not string hash || hash.Length != 64 || !hash.All(char.IsAsciiHexDigit))
        {
            return Fail(ErrorCodes.BadRequest, "extensions.persistedQuery.sha256Hash must be 64 hex digits");
        }

        hash = hash.ToLowerInvariant();
        var key = "persisted:" + hash;
        if (!string.IsNullOrEmpty(query))
        {
            var actual = QueryTextCache.Sha256Hex(query);
            if (actual != hash)
            {
                return Fail(ErrorCodes.PersistedQueryMismatch, $"extensions.persistedQuery.sha256Hash is {hash}, but the SHA-256 of the query is {actual}");
            }

            if (query.Length <= QueryTextCache.MaxCachedQueryChars)
            {
                texts.Cache.Set(key, query, new MemoryCacheEntryOptions { Size = QueryTextCache.BytesOf(query), SlidingExpiration = TimeSpan.FromDays(1) });
            }

            return new Outcome(query, null);
        }

        return texts.Cache.TryGetValue(key, out string? stored) && stored is not null
            ? new Outcome(stored, null)
            : Fail(ErrorCodes.PersistedQueryNotFound, NotFoundMessage);
    }

    private static Outcome Fail(string code, string message) => new(null, new ExecutionError(message) { Code = code });
}
