using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;

namespace IndustryGraph.Server.GraphQL;

/// <summary>The validation rules that hold a request to <see cref="GraphQLLimits"/>; they depend on the request, so they run even for cached documents.</summary>
public static class LimitRules
{
    public static IEnumerable<IValidationRule> For(GraphQLLimits limits, bool isGet)
    {
        yield return new NoMutationsOverGet(isGet);
        yield return new OperationCountRule(limits.MaxOperations);
        if (!limits.IntrospectionEnabled)
        {
            yield return new IntrospectionOffRule();
        }

        yield return new ComplexityValidationRule(ComplexityOf(limits));
    }

    /// <summary>
    /// Every field costs 1, multiplied by the page size of each list above it (<c>first</c>/<c>last</c>, or the
    /// default page size); the depth is the deepest nesting of fields.
    /// </summary>
    private static ComplexityOptions ComplexityOf(GraphQLLimits limits) => new()
    {
        DefaultListImpactMultiplier = PageRequest.DefaultPageSize,
        ValidateComplexityDelegate = context =>
        {
            if (context.MaxDepth > limits.MaxDepth)
            {
                context.Error = new ValidationError($"the query is {context.MaxDepth} fields deep, deeper than the limit of {limits.MaxDepth}") { Code = ErrorCodes.QueryTooDeep };
            }
            else if (context.TotalImpact > limits.MaxComplexity)
            {
                context.Error = new ValidationError(
                    $"the query costs {context.TotalImpact:0}, more than the limit of {limits.MaxComplexity} (each field costs 1, times the page sizes of the lists above it): ask for smaller pages or fewer fields")
                { Code = ErrorCodes.QueryTooComplex };
            }

            return Task.CompletedTask;
        },
    };
}

/// <summary>A document may define at most a few operations; a flood of them costs parsing and validation for nothing.</summary>
public sealed class OperationCountRule(int maxOperations) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var count = context.Document.Definitions.Count(definition => definition is GraphQLOperationDefinition);
        if (count > maxOperations)
        {
            context.ReportError(new ValidationError($"the document defines {count} operations, more than the limit of {maxOperations}") { Code = ErrorCodes.TooManyOperations });
        }

        return default;
    }
}

/// <summary>With introspection switched off, __schema and __type are refused (__typename stays: clients need it).</summary>
public sealed class IntrospectionOffRule : ValidationRuleBase, INodeVisitor
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(this);

    public ValueTask EnterAsync(ASTNode node, ValidationContext context)
    {
        if (node is GraphQLField field && field.Name.StringValue is "__schema" or "__type")
        {
            context.ReportError(new ValidationError($"introspection ({field.Name.StringValue}) is switched off on this server") { Code = ErrorCodes.IntrospectionDisabled });
        }

        return default;
    }

    public ValueTask LeaveAsync(ASTNode node, ValidationContext context) => default;
}
