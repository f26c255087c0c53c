using System.Diagnostics;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using IndustryGraph.Domain.Cancellation;
using IndustryGraph.Server.Hosting;
using Microsoft.Extensions.Options;

namespace IndustryGraph.Server.GraphQL;

/// <summary>
/// GraphQL over HTTP (the GraphQL-over-HTTP spec): GET and POST on one path, JSON in, and
/// application/graphql-response+json or application/json out as the client accepts.
/// </summary>
public sealed class GraphQLEndpoint(
    IDocumentExecuter executer,
    ISchema schema,
    IGraphQLTextSerializer serializer,
    IOptions<GraphQLLimits> limits,
    PersistedQueries persistedQueries,
    QueryTextCache texts,
    RequestGate gate,
    ILogger<GraphQLEndpoint> logger)
{

    // The rules are stateless and the limits fixed at start: one list per method, not one per request.
    private readonly IValidationRule[] rulesOverGet = [.. DocumentValidator.CoreRules, .. LimitRules.For(limits.Value, isGet: true)];
    private readonly IValidationRule[] rulesOverPost = [.. DocumentValidator.CoreRules, .. LimitRules.For(limits.Value, isGet: false)];

    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string ApplicationJson = "application/json";

    public async Task HandleAsync(HttpContext http)
    {
        // HEAD is GET without the body (Kestrel sends the head only), as HTTP has it wherever GET works.
        var method = HttpMethods.IsHead(http.Request.Method) ? HttpMethods.Get : http.Request.Method;
        // Spec: a server MUST accept POST and MAY accept GET; nothing else.
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsPost(method))
        {
            http.Response.Headers.Allow = "GET, HEAD, POST";
            await WriteRequestErrorAsync(http, StatusCodes.Status405MethodNotAllowed, ErrorCodes.BadRequest, $"method {method} is not allowed: use GET or POST");
            return;
        }

        var mediaType = ChooseMediaType(http.Request.Headers.Accept);
        if (mediaType is null)
        {
            // Spec: a server MAY respond 406 when it can produce none of the accepted media types.
            await WriteRequestErrorAsync(http, StatusCodes.Status406NotAcceptable, ErrorCodes.BadRequest,
                $"none of the accepted media types can be produced: accept {GraphQLResponseJson} or {ApplicationJson}", ApplicationJson);
            return;
        }

        var (request, problem) = HttpMethods.IsGet(method) ? ReadGet(http.Request) : await ReadPostAsync(http.Request);
        if (request is null)
        {
            await WriteRequestErrorAsync(http, problem!.Status, problem.Code, problem.Message, mediaType);
            return;
        }

        await ExecuteAsync(http, request, mediaType, isGet: HttpMethods.IsGet(method));
    }

    private async Task ExecuteAsync(HttpContext http, GraphQLRequest request, string mediaType, bool isGet)
    {
        var persisted = persistedQueries.Resolve(request.Query, request.Extensions);
        if (persisted.Error is { } persistedError)
        {
            // A well-formed request the server cannot run yet: 4xx with graphql-response+json, 200 with application/json (spec).
            var persistedStatus = mediaType == GraphQLResponseJson ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
            await WriteRequestErrorAsync(http, persistedStatus, persistedError.Code!, persistedError.Message, mediaType);
            return;
        }

        request.Query = persisted.Query;
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            await WriteRequestErrorAsync(http, StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "the request has no query: send {\"query\": \"...\"}", mediaType);
            return;
        }

        var timeLimit = limits.Value.ExecutionTimeout;
        // One clock for waiting, parsing, validation, execution and writing; the work stops when the client goes away.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(timeLimit);
        // Name resolution and analysis deep below the resolvers look at it too (WorkCancellation).
        WorkCancellation.Set(timeout.Token);
        var started = Stopwatch.GetTimestamp();
        IDisposable turn;
        try
        {
            turn = await gate.EnterAsync(RequestGate.LaneOf(request.Query), timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            if (!http.RequestAborted.IsCancellationRequested)
            {
                await WriteTimeoutAsync(http, timeLimit, mediaType);
            }

            return;
        }

        // The answer is made into a bounded buffer while the request holds its slot, and written after the slot
        // is given back: a client that does not read holds its connection (until Kestrel's minimum data rate drops
        // it), never a slot other requests wait for.
        BufferedAnswer? answer;
        try
        {
            answer = await RunAsync(http, request, mediaType, isGet, timeout, started);
        }
        finally
        {
            turn.Dispose();
        }

        if (answer is not null)
        {
            using (answer)
            {
                await answer.WriteAsync(http);
            }
        }
    }

    /// <summary>An answer made and waiting to be written: its status, media type and bytes.</summary>
    private sealed class BufferedAnswer(int status, string mediaType, BoundedBuffer body) : IDisposable
    {
        public async Task WriteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = $"{mediaType}; charset=utf-8";
            http.Response.ContentLength = body.Length;
            try
            {
                await http.Response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), http.RequestAborted);
            }
            catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
            {
                // The client went away, or read slower than the minimum rate and was dropped.
            }
        }

        public void Dispose() => body.Dispose();
    }

    private async Task<BufferedAnswer?> RunAsync(HttpContext http, GraphQLRequest request, string mediaType, bool isGet, CancellationTokenSource timeout, long started)
    {
        var timeLimit = limits.Value.ExecutionTimeout;
        // A cached text parsed and passed every rule before: it needs neither the line check nor the thread pool.
        var cached = DocumentCache.IsCached(texts, request.Query!);
        if (!cached && QueryText.Check(request.Query!, limits.Value.MaxQueryLineChars) is { } textError)
        {
            await WriteRequestErrorAsync(http, mediaType == GraphQLResponseJson ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK, textError.Code!, textError.Message, mediaType, textError);
            return null;
        }

        ExecutionResult result;
        try
        {
            var options = new ExecutionOptions
            {
                Schema = schema,
                Query = request.Query,
                OperationName = request.OperationName,
                Variables = request.Variables,
                Extensions = request.Extensions,
                RequestServices = http.RequestServices,
                User = http.User,
                CancellationToken = timeout.Token,
                ValidationRules = isGet ? rulesOverGet : rulesOverPost,
            };
            // A new text is parsed and validated on the thread pool, so that a parse or a rule that does not look at
            // the token still cannot hold the answer past the limit; a cached one goes straight to the resolvers.
            result = cached
                ? await executer.ExecuteAsync(options).WaitAsync(timeout.Token)
                : await Task.Run(() => executer.ExecuteAsync(options), timeout.Token).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            if (!http.RequestAborted.IsCancellationRequested)
            {
                await WriteTimeoutAsync(http, timeLimit, mediaType);
            }

            return null;
        }

        // Cancellation is noticed between fields; a query that finished just past the limit is still over it.
        if (Stopwatch.GetElapsedTime(started) > timeLimit)
        {
            await WriteTimeoutAsync(http, timeLimit, mediaType);
            return null;
        }

        var status = StatusCodes.Status200OK;
        if (result.Executed is false && mediaType == GraphQLResponseJson)
        {
            // Spec: with application/graphql-response+json, a request that fails before execution gets a 4xx;
            // with application/json it stays 200 for compatibility.
            status = result.Errors?.Any(error => error.Code == NoMutationsOverGet.Code) == true
                ? StatusCodes.Status405MethodNotAllowed
                : StatusCodes.Status400BadRequest;
        }
        else if (result.Errors?.Any(error => error.Code == NoMutationsOverGet.Code) == true)
        {
            status = StatusCodes.Status405MethodNotAllowed;
        }

        // A write without a valid key: 401 with a Bearer challenge; with a key whose role is too low: 403.
        if (result.Errors?.Any(error => error.Code == ErrorCodes.Unauthenticated) == true)
        {
            status = StatusCodes.Status401Unauthorized;
            http.Response.Headers.WWWAuthenticate = "Bearer";
        }
        else if (result.Errors?.Any(error => error.Code == ErrorCodes.Forbidden) == true)
        {
            status = StatusCodes.Status403Forbidden;
        }

        if (status == StatusCodes.Status405MethodNotAllowed)
        {
            http.Response.Headers.Allow = "POST";
        }

        // Written to a bounded buffer first: an answer over the limit is refused whole, never sent in part.
        var answer = new BoundedBuffer(limits.Value.MaxResponseBytes);
        try
        {
            await serializer.WriteAsync(answer, result, timeout.Token);
        }
        catch (BoundedBuffer.FullException)
        {
            answer.Dispose();
            await WriteRequestErrorAsync(http, mediaType == GraphQLResponseJson ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK, ErrorCodes.ResponseTooLarge,
                $"the answer is larger than the limit of {limits.Value.MaxResponseBytes} bytes: ask for smaller pages or fewer fields", mediaType);
            return null;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            answer.Dispose();
            return null;
        }

        // The client gets INTERNAL and a plain message; the cause stays here.
        foreach (var error in result.Errors?.Where(error => StableErrorInfoProvider.CodeOf(error) == ErrorCodes.Internal) ?? [])
        {
            logger.LogError(error.InnerException, "query answered with an internal error ({Message}): {Query}", error.Message, request.Query);
        }

        return new BufferedAnswer(status, mediaType, answer);
    }

    /// <summary>Spec: prefer application/graphql-response+json; a missing Accept or */* gets application/json.</summary>
    private static string? ChooseMediaType(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return ApplicationJson;
        }

        var types = accept.Split(',').Select(part => part.Split(';')[0].Trim().ToLowerInvariant()).ToList();
        if (types.Contains(GraphQLResponseJson))
        {
            return GraphQLResponseJson;
        }

        return types.Any(type => type is ApplicationJson or "application/*" or "*/*") ? ApplicationJson : null;
    }

    private sealed record RequestProblem(int Status, string Code, string Message);

    private (GraphQLRequest? Request, RequestProblem? Problem) ReadGet(HttpRequest request)
    {
        var query = request.Query;
        // Two of a parameter would be joined with a comma into one text: refused, never guessed at.
        if (new[] { "query", "operationName", "variables", "extensions" }.FirstOrDefault(name => query[name].Count > 1) is { } repeated)
        {
            return (null, new RequestProblem(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, $"the parameter {repeated} is given {query[repeated].Count} times: give it once"));
        }

        var graphQLRequest = new GraphQLRequest { Query = query["query"], OperationName = NullIfEmpty(query["operationName"]) };
        try
        {
            if (NullIfEmpty(query["variables"]) is { } variables)
            {
                graphQLRequest.Variables = serializer.Deserialize<Inputs>(variables);
            }

            if (NullIfEmpty(query["extensions"]) is { } extensions)
            {
                graphQLRequest.Extensions = serializer.Deserialize<Inputs>(extensions);
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            return (null, new RequestProblem(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, $"the variables or extensions parameter is not a JSON object: {exception.Message}"));
        }

        return (graphQLRequest, null);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private async Task<(GraphQLRequest? Request, RequestProblem? Problem)> ReadPostAsync(HttpRequest request)
    {
        var contentType = request.ContentType;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return (null, new RequestProblem(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.BadRequest, "the request has no Content-Type: send application/json"));
        }

        var mediaType = contentType.Split(';')[0].Trim().ToLowerInvariant();
        var charset = contentType.Split(';').Skip(1).Select(part => part.Trim()).FirstOrDefault(part => part.StartsWith("charset=", StringComparison.OrdinalIgnoreCase));
        if (mediaType != ApplicationJson)
        {
            return (null, new RequestProblem(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.BadRequest, $"Content-Type {mediaType} is not supported: send application/json"));
        }

        if (charset is not null && !charset["charset=".Length..].Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new RequestProblem(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.BadRequest, $"{charset} is not supported: send UTF-8"));
        }

        var maxBytes = limits.Value.MaxRequestBytes;
        if (request.ContentLength > maxBytes)
        {
            return (null, new RequestProblem(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, $"the request body is {request.ContentLength} bytes, more than the limit of {maxBytes}"));
        }

        byte[] body;
        try
        {
            body = await ReadBodyAsync(request.Body, maxBytes, request.HttpContext.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return (null, new RequestProblem(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, $"the request body is more than the limit of {maxBytes} bytes"));
        }

        if (body.Length == 0)
        {
            return (null, new RequestProblem(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "the request body is empty: send {\"query\": \"...\"}"));
        }

        try
        {
            // A byte-order mark before the JSON (some Windows tools write one) is not part of it.
            var json = body.AsMemory(body.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0);
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, Invalid($"the request body must be a JSON object, not {root.ValueKind.ToString().ToLowerInvariant()}"));
            }

            // The last of two equal keys would silently win: which one the client meant is not ours to guess.
            if (root.EnumerateObject().GroupBy(property => property.Name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1) is { } duplicate)
            {
                return (null, Invalid($"the request body has the key {duplicate.Key} {duplicate.Count()} times: give it once"));
            }

            var graphQLRequest = new GraphQLRequest();
            if (root.TryGetProperty("query", out var query) && query.ValueKind != JsonValueKind.Null)
            {
                if (query.ValueKind != JsonValueKind.String)
                {
                    return (null, Invalid("query must be a string"));
                }

                graphQLRequest.Query = query.GetString();
            }

            if (root.TryGetProperty("operationName", out var operationName) && operationName.ValueKind != JsonValueKind.Null)
            {
                if (operationName.ValueKind != JsonValueKind.String)
                {
                    return (null, Invalid("operationName must be a string"));
                }

                graphQLRequest.OperationName = operationName.GetString();
            }

            foreach (var (name, assign) in new (string, Action<Inputs>)[] { ("variables", inputs => graphQLRequest.Variables = inputs), ("extensions", inputs => graphQLRequest.Extensions = inputs) })
            {
                if (root.TryGetProperty(name, out var map) && map.ValueKind != JsonValueKind.Null)
                {
                    if (map.ValueKind != JsonValueKind.Object)
                    {
                        return (null, Invalid($"{name} must be a JSON object (a map)"));
                    }

                    assign(serializer.Deserialize<Inputs>(map.GetRawText())!);
                }
            }

            return (graphQLRequest, null);
        }
        catch (JsonException exception)
        {
            return (null, new RequestProblem(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, $"the request body is not valid JSON: {exception.Message}"));
        }

        static RequestProblem Invalid(string message) => new(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, message);
    }

    private static async Task<byte[]> ReadBodyAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new InvalidDataException();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private Task WriteTimeoutAsync(HttpContext http, TimeSpan timeLimit, string mediaType) =>
        WriteRequestErrorAsync(http, StatusCodes.Status504GatewayTimeout, ErrorCodes.Timeout,
            $"the query ran longer than the limit of {timeLimit.TotalSeconds:0.###} s: ask for less, or page", mediaType);

    private async Task WriteRequestErrorAsync(HttpContext http, int status, string code, string message, string mediaType = ApplicationJson, ExecutionError? error = null)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        var result = new ExecutionResult { Errors = [error ?? new ExecutionError(message) { Code = code }] };
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}

/// <summary>Spec: GET must not run mutations (GET is safe); such a request is refused with 405.</summary>
public sealed class NoMutationsOverGet(bool isGet) : global::GraphQL.Validation.ValidationRuleBase, global::GraphQL.Validation.INodeVisitor, IRequestDependentRule
{
    public bool DependsOnVariables => false;

    public bool DependsOnMethodOrCaller => true;

    public const string Code = "MUTATION_OVER_GET";

    public override ValueTask<global::GraphQL.Validation.INodeVisitor?> GetPreNodeVisitorAsync(global::GraphQL.Validation.ValidationContext context) =>
        new(isGet && context.Operation.Operation != OperationType.Query ? this : null);

    public ValueTask EnterAsync(ASTNode node, global::GraphQL.Validation.ValidationContext context)
    {
        if (node is GraphQLOperationDefinition)
        {
            context.ReportError(new global::GraphQL.Validation.ValidationError($"a {context.Operation.Operation.ToString().ToLowerInvariant()} cannot be sent with GET: use POST") { Code = Code });
        }

        return default;
    }

    public ValueTask LeaveAsync(ASTNode node, global::GraphQL.Validation.ValidationContext context) => default;
}
