using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;

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
        ErrorCodes.BadRequest, NoMutationsOverGet.Code,
    ];

    public ErrorInfo GetInfo(ExecutionError executionError)
    {
        var code = CodeOf(executionError);
        return new ErrorInfo
        {
            Message = executionError.Message,
            Extensions = new Dictionary<string, object?> { ["code"] = code },
        };
    }

    public static string CodeOf(ExecutionError error) => error switch
    {
        _ when error.Code is { } own && OwnCodes.Contains(own) => own,
        SyntaxError => ErrorCodes.ParseFailed,
        InvalidVariableError => ErrorCodes.BadUserInput,
        ValidationError => ErrorCodes.ValidationFailed,
        UnhandledError => ErrorCodes.Internal,
        _ => ErrorCodes.BadRequest,
    };
}
