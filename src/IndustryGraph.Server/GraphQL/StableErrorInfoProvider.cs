using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using IndustryGraph.Server.Hosting;

namespace IndustryGraph.Server.GraphQL;

/// <summary>
/// Gives every error one stable <c>extensions.code</c> (documented in the README) and nothing else: no
/// stack traces, no exception types, no SQL.
/// </summary>
public sealed class StableErrorInfoProvider : IErrorInfoProvider
{
    private static readonly HashSet<string> OwnCodes =
    [
        ErrorCodes.BadUserInput, ErrorCodes.NotFound, ErrorCodes.QueryTooDeep, ErrorCodes.QueryTooComplex, ErrorCodes.PageTooLarge,
        ErrorCodes.TooManyOperations, ErrorCodes.PayloadTooLarge, ErrorCodes.PersistedQueryNotFound, ErrorCodes.PersistedQueryMismatch,
        ErrorCodes.IntrospectionDisabled, ErrorCodes.Unauthenticated, ErrorCodes.Forbidden, ErrorCodes.Timeout, ErrorCodes.Internal,
        ErrorCodes.BadRequest, NoMutationsOverGet.Code, ErrorCodes.ResponseTooLarge, ErrorCodes.QueryLineTooLong, ErrorCodes.ParseFailed, ErrorCodes.TooManyFields, ErrorCodes.TooManyValues, ErrorCodes.AnalysisIndexBuilding, ErrorCodes.AnalysisTooLarge,
    ];

    public ErrorInfo GetInfo(ExecutionError executionError)
    {
        var code = CodeOf(executionError);
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (executionError is ApiError { Suggestions: { } suggestions })
        {
            extensions["suggestions"] = suggestions;
        }

        if (code == ErrorCodes.DataVersionGone)
        {
            extensions["retryable"] = true;
        }

        return new ErrorInfo
        {
            Message = code == ErrorCodes.QueryTooDeep && executionError is UnhandledError
                ? "the document nests deeper than the parser allows: flatten the query or its values"
                : code == ErrorCodes.DataVersionGone ? executionError.InnerException!.Message
                : executionError is UnhandledError && StorageFaultReporting.Classify(executionError.InnerException!) is { } fault ? fault.Message
                : executionError.Message,
            Extensions = extensions,
        };
    }

    public static string CodeOf(ExecutionError error) => error switch
    {
        _ when error.Code is { } own && OwnCodes.Contains(own) => own,
        // The parser stops at its recursion limit (deeply nested selections or values) before any rule runs.
        UnhandledError { InnerException: GraphQLParser.Exceptions.GraphQLMaxDepthExceededException } => ErrorCodes.QueryTooDeep,
        { InnerException: Domain.Store.DataVersionGoneException } => ErrorCodes.DataVersionGone,
        UnhandledError { InnerException: { } inner } when StorageFaultReporting.Classify(inner) is { } fault => fault.Code,
        SyntaxError => ErrorCodes.ParseFailed,
        InvalidVariableError => ErrorCodes.BadUserInput,
        ValidationError => ErrorCodes.ValidationFailed,
        UnhandledError => ErrorCodes.Internal,
        _ => ErrorCodes.BadRequest,
    };
}
