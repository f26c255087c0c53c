using GraphQL;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace IndustryGraph.Server.GraphQL;

/// <summary>
/// A rule whose verdict on a document the request can change, so it runs again when the document comes from the
/// cache: through the variables (page sizes, texts), or, for a document with a mutation, through the method (GET
/// may not run one) or the caller (only an editor may).
/// </summary>
public interface IRequestDependentRule : IValidationRule
{
    bool DependsOnVariables { get; }

    bool DependsOnMethodOrCaller { get; }
}

/// <summary>The validation rules that hold a request to <see cref="GraphQLLimits"/>.</summary>
public static class LimitRules
{
    public static IEnumerable<IValidationRule> For(GraphQLLimits limits, bool isGet)
    {
        yield return new NoMutationsOverGet(isGet);
        yield return new OperationCountRule(limits.MaxOperations);
        yield return new DepthRule(limits.MaxDepth);
        if (!limits.IntrospectionEnabled)
        {
            yield return new IntrospectionOffRule();
        }

        yield return new CostRule(limits);
        yield return new InputTextRule();
    }
}

/// <summary>
/// How deep fields nest, through fragments, not counting introspection; and inside introspection how deep the
/// lists that can recurse (fields, interfaces, possibleTypes, inputFields) nest, as graphql-js limits them,
/// since <c>__type { fields { type { fields ... } } }</c> grows with every level.
/// </summary>
public sealed class DepthRule(int maxDepth) : ValidationRuleBase
{
    public const int MaxIntrospectionNesting = 3;

    private static readonly HashSet<string> RecursiveIntrospectionLists = ["fields", "interfaces", "possibleTypes", "inputFields"];

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var walker = new Walker(context.Document);
        foreach (var operation in context.Document.Definitions.OfType<GraphQLOperationDefinition>())
        {
            var (depth, nesting) = walker.Measure(operation.SelectionSet);
            if (depth > maxDepth)
            {
                context.ReportError(new ValidationError($"the query is {depth} fields deep, deeper than the limit of {maxDepth}") { Code = ErrorCodes.QueryTooDeep });
                break;
            }

            if (nesting > MaxIntrospectionNesting)
            {
                context.ReportError(new ValidationError($"the introspection query nests fields/interfaces/possibleTypes/inputFields {nesting} deep, deeper than {MaxIntrospectionNesting}") { Code = ErrorCodes.QueryTooDeep });
                break;
            }
        }

        return default;
    }

    /// <summary>Measures selection sets, each fragment once (a fragment spread many times costs nothing more).</summary>
    private sealed class Walker(GraphQLDocument document)
    {
        private readonly Dictionary<string, GraphQLFragmentDefinition> fragments = document.Definitions
            .OfType<GraphQLFragmentDefinition>()
            .GroupBy(fragment => fragment.FragmentName.Name.StringValue)
            .ToDictionary(group => group.Key, group => group.First());

        private readonly Dictionary<(string, bool), (int Depth, int Nesting)> measured = [];

        /// <summary>Depth of data fields, and nesting of recursive introspection lists.</summary>
        public (int Depth, int Nesting) Measure(GraphQLSelectionSet? selectionSet, bool inIntrospection = false)
        {
            var (depth, nesting) = (0, 0);
            foreach (var selection in selectionSet?.Selections ?? [])
            {
                var (childDepth, childNesting) = selection switch
                {
                    GraphQLField field => MeasureField(field, inIntrospection),
                    GraphQLInlineFragment inline => Measure(inline.SelectionSet, inIntrospection),
                    GraphQLFragmentSpread spread => MeasureFragment(spread.FragmentName.Name.StringValue, inIntrospection),
                    _ => (0, 0),
                };
                depth = Math.Max(depth, childDepth);
                nesting = Math.Max(nesting, childNesting);
            }

            return (depth, nesting);
        }

        private (int Depth, int Nesting) MeasureField(GraphQLField field, bool inIntrospection)
        {
            var name = field.Name.StringValue;
            if (!inIntrospection && name.StartsWith("__", StringComparison.Ordinal))
            {
                return (0, Measure(field.SelectionSet, inIntrospection: true).Nesting);
            }

            var (depth, nesting) = Measure(field.SelectionSet, inIntrospection);
            return inIntrospection
                ? (0, nesting + (RecursiveIntrospectionLists.Contains(name) ? 1 : 0))
                : (depth + 1, nesting);
        }

        private (int Depth, int Nesting) MeasureFragment(string name, bool inIntrospection)
        {
            if (measured.TryGetValue((name, inIntrospection), out var known))
            {
                return known;
            }

            // A cycle measures as nothing here; the spec's NoFragmentCycles rule reports it.
            measured[(name, inIntrospection)] = (0, 0);
            var result = fragments.TryGetValue(name, out var fragment) ? Measure(fragment.SelectionSet, inIntrospection) : (0, 0);
            measured[(name, inIntrospection)] = result;
            return result;
        }
    }
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
