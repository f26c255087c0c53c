using System.Runtime.CompilerServices;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace IndustryGraph.Server.GraphQL;

/// <summary>
/// The engine's validator, remembering its result for a cached document asked again with no rules to run and no
/// variables (<see cref="DocumentCache"/> leaves no rules for such a request). The engine still walks the whole
/// document each time to read its arguments, and that walk was a tenth of a one-item page's time; without
/// variables and rules its result depends on the operation alone. Kept beside the operation's syntax node, so it
/// goes when the document leaves the cache.
/// </summary>
public sealed class CachedValidation(IDocumentValidator engine) : IDocumentValidator
{
    private readonly ConditionalWeakTable<GraphQLOperationDefinition, IValidationResult> results = [];

    public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
    {
        var repeatable = options.Rules is ICollection<IValidationRule> { Count: 0 } && options.Variables is not { Count: > 0 } && options.Operation is not null;
        if (repeatable && results.TryGetValue(options.Operation!, out var known))
        {
            return Task.FromResult(known);
        }

        var validation = engine.ValidateAsync(options);
        return repeatable ? RememberAsync(options.Operation!, validation) : validation;
    }

    private async Task<IValidationResult> RememberAsync(GraphQLOperationDefinition operation, Task<IValidationResult> validation)
    {
        var result = await validation.ConfigureAwait(false);
        if (result.IsValid)
        {
            results.AddOrUpdate(operation, result);
        }

        return result;
    }
}
