using System.Security.Claims;
using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQLParser.AST;
using IndustryGraph.Domain.Access;
using IndustryGraph.Server.GraphQL;

namespace IndustryGraph.Server.Access;

/// <summary>Who is calling: the API key's name and role, or nobody.</summary>
public static class Callers
{
    public static ApiRole? RoleOf(ClaimsPrincipal? user) =>
        user?.Identity is { IsAuthenticated: true } && Enum.TryParse<ApiRole>(user.FindFirstValue(ClaimTypes.Role), ignoreCase: true, out var role) ? role : null;

    public static string NameOf(ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";

    /// <summary>The error for a caller below <paramref name="needed"/>, or null when the caller may go on.</summary>
    public static ApiError? Refusal(ClaimsPrincipal? user, ApiRole needed, string what)
    {
        var role = RoleOf(user);
        if (role is null)
        {
            return new ApiError(ErrorCodes.Unauthenticated,
                $"{what} needs an API key with role {needed.ToString().ToLowerInvariant()}{(needed == ApiRole.Editor ? " or admin" : "")}: send Authorization: Bearer <key>");
        }

        return role < needed
            ? new ApiError(ErrorCodes.Forbidden, $"{what} needs role {needed.ToString().ToLowerInvariant()}{(needed == ApiRole.Editor ? " or admin" : "")}; the key '{NameOf(user!)}' has role {role.Value.ToString().ToLowerInvariant()}")
            : null;
    }

    /// <summary>Throws the refusal for a caller below <paramref name="needed"/>.</summary>
    public static string Require(IResolveFieldContext context, ApiRole needed, string what) =>
        Refusal(context.User, needed, what) is { } refusal ? throw refusal : NameOf(context.User!);
}

/// <summary>
/// Refuses a mutation from a caller without an editor or admin key before anything executes, so a refused
/// request changes nothing. The endpoint answers UNAUTHENTICATED with 401 and FORBIDDEN with 403.
/// </summary>
public sealed class WritesNeedEditorRule : ValidationRuleBase, INodeVisitor, IRequestDependentRule
{
    public bool DependsOnVariables => false;

    public bool DependsOnMethodOrCaller => true;

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(context.Operation.Operation == OperationType.Mutation ? this : null);

    public ValueTask EnterAsync(ASTNode node, ValidationContext context)
    {
        if (node is GraphQLOperationDefinition && Callers.Refusal(context.User, ApiRole.Editor, "a mutation") is { } refusal)
        {
            context.ReportError(new ValidationError(refusal.Message) { Code = refusal.Code });
        }

        return default;
    }

    public ValueTask LeaveAsync(ASTNode node, ValidationContext context) => default;
}

/// <summary>Adds the write rule to every execution.</summary>
public sealed class WriteAccessExecution : IConfigureExecution
{
    public float SortOrder => 100;

    public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        options.ValidationRules = (options.ValidationRules ?? DocumentValidator.CoreRules).Append(new WritesNeedEditorRule());
        return next(options);
    }
}
