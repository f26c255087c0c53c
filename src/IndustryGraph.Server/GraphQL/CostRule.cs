using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace IndustryGraph.Server.GraphQL;

/// <summary>
/// The cost of a query, and the size of its answer estimated from it, checked before anything runs. Every field
/// costs 1 (a connection: its page size) times the items of every list above it: a connection's page size, the
/// schema's real counts for introspection lists, what a list field says it can return (its <c>first</c>, the default
/// of its <c>first</c>, or the count it publishes under <see cref="ItemsMetadata"/>, such as the most links of any
/// chain for <c>chainGaps</c>), about 5 for any other plain list. Aliases count like any field and introspection like
/// any other list.
/// <para>
/// Each fragment is measured once per page size around its spread and remembered, so the walk is linear in the
/// document: the engine's own complexity rule walks a fragment again at every spread, which a few dozen fragments
/// that each spread the previous one twice turn into years of work.
/// </para>
/// </summary>
public sealed class CostRule(GraphQLLimits limits) : ValidationRuleBase, IRequestDependentRule
{
    public bool DependsOnVariables => true;

    public bool DependsOnMethodOrCaller => false;

    public const int PlainListEstimate = 5;

    /// <summary>Field metadata: a <see cref="Func{TResult}"/> of double giving the most items the list field can return now.</summary>
    public const string ItemsMetadata = "industrygraph.cost.items";

    /// <summary>Roughly what one field adds to a JSON answer (name, quotes, value); the answer size is estimated from it.</summary>
    public const int EstimatedBytesPerField = 48;

    public override ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        // A document with other errors does not run, and may hold unknown fields or fragment cycles.
        if (context.HasErrors)
        {
            return default;
        }

        var cost = new Walker(context).Cost(context.Operation);
        if (cost > limits.MaxComplexity)
        {
            context.ReportError(new ValidationError(
                $"the query costs {cost:0}, more than the limit of {limits.MaxComplexity} (each field costs 1, times the page sizes of the connections and the items each list above it can return; aliases and introspection count): ask for smaller pages or fewer fields")
            { Code = ErrorCodes.QueryTooComplex });
        }
        else if (cost * EstimatedBytesPerField > limits.MaxResponseBytes)
        {
            context.ReportError(new ValidationError(
                $"the answer would be about {cost * EstimatedBytesPerField:0} bytes, more than the limit of {limits.MaxResponseBytes}: ask for smaller pages or fewer fields")
            { Code = ErrorCodes.ResponseTooLarge });
        }

        return default;
    }

    private sealed class Walker(ValidationContext context)
    {
        private readonly ISchema schema = context.Schema;
        private readonly IntrospectionCounts introspection = IntrospectionCounts.Of(context.Schema);
        private readonly Dictionary<(string Fragment, int? ParentPageSize), double> fragments = [];
        private Dictionary<string, GraphQLFragmentDefinition>? definitions;
        private int visited;

        public double Cost(GraphQLOperationDefinition operation)
        {
            IGraphType? root = operation.Operation switch
            {
                OperationType.Mutation => schema.Mutation,
                OperationType.Subscription => schema.Subscription,
                _ => schema.Query,
            };
            return Cost(operation.SelectionSet, root, parentPageSize: null);
        }

        /// <summary>The cost of a selection set under one item of its parent; <paramref name="parentPageSize"/> is the first/last of the non-list field it belongs to.</summary>
        private double Cost(GraphQLSelectionSet? selectionSet, IGraphType? parentType, int? parentPageSize)
        {
            double cost = 0;
            foreach (var selection in selectionSet?.Selections ?? [])
            {
                if ((++visited & 1023) == 0)
                {
                    context.CancellationToken.ThrowIfCancellationRequested();
                }

                if (!context.ShouldIncludeNode(selection))
                {
                    continue;
                }

                cost += selection switch
                {
                    GraphQLField field => FieldCost(field, parentType, parentPageSize),
                    GraphQLInlineFragment inline => Cost(inline.SelectionSet, TypeNamed(inline.TypeCondition) ?? parentType, parentPageSize),
                    GraphQLFragmentSpread spread => FragmentCost(spread.FragmentName.Name.StringValue, parentPageSize),
                    _ => 0,
                };
            }

            return cost;
        }

        private double FragmentCost(string name, int? parentPageSize)
        {
            if (fragments.TryGetValue((name, parentPageSize), out var known))
            {
                return known;
            }

            // A cycle costs nothing here; the spec's NoFragmentCycles rule has already refused it.
            fragments[(name, parentPageSize)] = 0;
            definitions ??= context.Document.Definitions.OfType<GraphQLFragmentDefinition>()
                .GroupBy(definition => definition.FragmentName.Name.StringValue)
                .ToDictionary(group => group.Key, group => group.First());
            var fragment = definitions.GetValueOrDefault(name);
            var cost = fragment is null ? 0 : Cost(fragment.SelectionSet, TypeNamed(fragment.TypeCondition), parentPageSize);
            fragments[(name, parentPageSize)] = cost;
            return cost;
        }

        private double FieldCost(GraphQLField field, IGraphType? parentType, int? parentPageSize)
        {
            var name = field.Name.StringValue;
            var definition = name switch
            {
                "__typename" => schema.TypeNameMetaFieldType,
                "__schema" => schema.SchemaMetaFieldType,
                "__type" => schema.TypeMetaFieldType,
                _ => (parentType as IComplexGraphType)?.GetField(name),
            };
            if (definition?.ResolvedType is not { } type)
            {
                return 1;
            }

            var pageSize = PageSizeOf(field);
            var isList = (type is NonNullGraphType nonNull ? nonNull.ResolvedType : type) is ListGraphType;
            var namedType = type.GetNamedType();
            var isConnection = namedType.Name.EndsWith("Connection", StringComparison.Ordinal);
            var fieldCost = isConnection ? Math.Max(1, pageSize ?? PageRequest.DefaultPageSize) : 1;
            if (field.SelectionSet is null)
            {
                return fieldCost;
            }

            // Most type references are a named type or one wrapper deep, so each further ofType is counted as
            // half as likely to be there: otherwise the standard introspection query would look ten times its size.
            double items = IsIntrospection(parentType, name) && name == "ofType" ? 0.5 : 1;
            if (isList)
            {
                items = (double?)pageSize
                    ?? (field.Arguments?.Any(argument => argument.Name.StringValue == "id") == true ? 1 : (double?)null)
                    ?? (IsIntrospection(parentType, name) ? introspection.ItemsOf(parentType!.Name, name) : null)
                    ?? PublishedItems(definition)
                    ?? parentPageSize
                    ?? PlainListEstimate;
            }

            return fieldCost + ((isList ? Math.Max(1, items) : items) * Cost(field.SelectionSet, namedType, isList ? null : isConnection ? (int)fieldCost : pageSize));
        }

        /// <summary>What a list field says it can return: the count it publishes, else the default of its <c>first</c>.</summary>
        private static double? PublishedItems(FieldType definition) =>
            definition.GetMetadata<Func<double>?>(ItemsMetadata) is { } items
                ? items()
                : definition.Arguments?.Find("first")?.DefaultValue is int first ? first : null;

        private static bool IsIntrospection(IGraphType? parentType, string fieldName) =>
            fieldName.StartsWith("__", StringComparison.Ordinal) || parentType?.Name.StartsWith("__", StringComparison.Ordinal) == true;

        private IGraphType? TypeNamed(GraphQLTypeCondition? condition) =>
            condition is null ? null : schema.AllTypes[condition.Type.Name.StringValue];

        /// <summary>The field's first or last, from a literal or a variable; null when it has neither.</summary>
        private int? PageSizeOf(GraphQLField field)
        {
            if (context.ArgumentValues is { } values && values.TryGetValue(field, out var arguments))
            {
                foreach (var name in (string[])["first", "last"])
                {
                    if (arguments.TryGetValue(name, out var argument) && argument.Value is int size)
                    {
                        return size;
                    }
                }
            }

            return null;
        }
    }

    /// <summary>How many items each introspection list holds on average in this schema, so that asking for the schema costs what it answers.</summary>
    private sealed class IntrospectionCounts
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ISchema, IntrospectionCounts> Known = [];

        private readonly Dictionary<(string Type, string Field), double> items = [];

        private IntrospectionCounts(ISchema schema)
        {
            var types = schema.AllTypes.ToList();
            var fields = types.OfType<IComplexGraphType>().Where(type => type is not IInputObjectGraphType).SelectMany(type => type.Fields).ToList();
            var inputFields = types.OfType<IInputObjectGraphType>().Sum(type => type.Fields.Count);
            var directives = schema.Directives.ToList();
            double PerType(double total) => Math.Ceiling(total / Math.Max(1, types.Count));
            items[("__Schema", "types")] = types.Count;
            items[("__Schema", "directives")] = directives.Count;
            items[("__Type", "fields")] = PerType(fields.Count);
            items[("__Type", "inputFields")] = PerType(inputFields);
            items[("__Type", "interfaces")] = PerType(types.OfType<IImplementInterfaces>().Sum(type => type.ResolvedInterfaces.Count));
            items[("__Type", "possibleTypes")] = PerType(types.OfType<IAbstractGraphType>().Sum(type => type.PossibleTypes.Count));
            items[("__Type", "enumValues")] = PerType(types.OfType<EnumerationGraphType>().Sum(type => type.Values.Count));
            var args = Math.Ceiling((double)(fields.Sum(field => field.Arguments?.Count ?? 0) + directives.Sum(directive => directive.Arguments?.Count ?? 0)) / Math.Max(1, fields.Count + directives.Count));
            items[("__Field", "args")] = args;
            items[("__Directive", "args")] = args;
        }

        public static IntrospectionCounts Of(ISchema schema) => Known.GetValue(schema, key => new IntrospectionCounts(key));

        public double? ItemsOf(string typeName, string fieldName) => items.TryGetValue((typeName, fieldName), out var count) ? count : null;
    }
}
