using GraphQL;
using GraphQL.Types;
using GraphQL.Resolvers;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Server.GraphQL;
using IndustryGraph.Server.Vocabulary;

namespace IndustryGraph.Server.Entities;

public sealed class NodeInterface : InterfaceGraphType<Entity>
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "Anything with a global id that `node(id)` resolves.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("An opaque id, stable across restarts and re-imports of the same data.");
    }
}

public sealed class EntityInterface : InterfaceGraphType<Entity>
{
    public EntityInterface()
    {
        Name = "Entity";
        Description = "Every kind of entity: its names, facts, relationships and the sources behind them.";
        Interface<NodeInterface>();
        this.DeclareEntityFields();
    }
}

public static class EntityFieldExtensions
{
    private sealed record EntityField(string Name, Type GraphType, string Description, Func<IResolveFieldContext<Entity>, object?> Resolve, params QueryArgument[] Arguments);

    /// <summary>The fields every entity type shares with the Entity interface, declared once for both.</summary>
    private static readonly EntityField[] Fields =
    [
        new("id", typeof(NonNullGraphType<IdGraphType>), "An opaque id, stable across restarts and re-imports of the same data.", context => GlobalId.Encode(context.Source)),
        new("kind", typeof(NonNullGraphType<EntityKindEnum>), "What kind of entity this is.", context => context.Source.Kind),
        new("key", typeof(NonNullGraphType<StringGraphType>), "The stable key of the entity in the dataset (seed CSV files).", context => context.Source.Key),
        new("name", typeof(NonNullGraphType<StringGraphType>), "The full name.", context => context.Source.Name),
        new("aliases", typeof(NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>), "Other names: short forms and alternative spellings.", context => context.Source.Aliases),
        new("tags", typeof(NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>), "Labels such as high-tech, specialized, listed, lab, anchor.", context => context.Source.Tags),
        new("kindLabel", typeof(NonNullGraphType<StringGraphType>), $"The kind in words (企业, 园区 …). {LabelFields.LanguageHelp}",
            context => context.Label(VocabularySection.Kinds, context.Source.Kind.ToCode())),
        new("tagLabels", typeof(NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>), $"The tags in words, in the order of `tags`. {LabelFields.LanguageHelp}",
            context => context.Source.Tags.Select(tag => context.Label(VocabularySection.Tags, tag)).ToList()),
        new("facts", typeof(NonNullGraphType<ListGraphType<NonNullGraphType<FactType>>>), "Figures and attributes, each with its source.", ResolveFacts,
            new QueryArgument<StringGraphType> { Name = "key", Description = "Only facts with this key." }),
        new("relationships", typeof(NonNullGraphType<ListGraphType<NonNullGraphType<RelationshipType>>>), "Typed edges to other entities, each with its provenance.", ResolveRelationships,
            new QueryArgument<StringGraphType> { Name = "type", Description = "Only relationships of this type, e.g. LOCATED_IN." },
            new QueryArgument<DirectionEnum> { Name = "direction", Description = "Only edges pointing OUT from or IN to this entity." }),
        new("sources", typeof(NonNullGraphType<ListGraphType<NonNullGraphType<SourceRefType>>>), "Every source behind this entity: its own row, its facts and its relationships, without repeats.", ResolveSources),
    ];

    public static void DeclareEntityFields(this InterfaceGraphType<Entity> type)
    {
        foreach (var field in Fields)
        {
            type.AddField(new FieldType { Name = field.Name, Type = field.GraphType, Description = field.Description, Arguments = new QueryArguments(field.Arguments) });
        }
    }

    /// <summary>Makes an object type an entity of one kind: implements Node and Entity and carries their fields.</summary>
    public static void AsEntityOfKind(this ObjectGraphType<Entity> type, EntityKind kind)
    {
        type.Interface<NodeInterface>();
        type.Interface<EntityInterface>();
        type.IsTypeOf = value => value is Entity entity && entity.Kind == kind;
        foreach (var field in Fields)
        {
            type.AddField(new FieldType
            {
                Name = field.Name,
                Type = field.GraphType,
                Description = field.Description,
                Arguments = new QueryArguments(field.Arguments),
                Resolver = new FuncFieldResolver<Entity, object?>(field.Resolve),
            });
        }
    }

    private static object ResolveFacts(IResolveFieldContext<Entity> context)
    {
        var key = context.GetArgument<string?>("key");
        return context.Reader().Facts(context.Source.Key).Then(facts => key is null ? facts : facts.Where(fact => fact.Key == key).ToList());
    }

    private static object ResolveRelationships(IResolveFieldContext<Entity> context)
    {
        var key = context.Source.Key;
        var type = context.GetArgument<string?>("type")?.ToUpperInvariant();
        var direction = context.GetArgument<Direction?>("direction");
        var reader = context.Reader();
        return reader.Relationships(key, direction, type).ThenLoad(edges =>
            reader.Entities(edges.Select(edge => edge.OtherEnd(key))).Then(others =>
            {
                var byKey = others.ToDictionary(other => other.Key, StringComparer.Ordinal);
                return (IReadOnlyList<RelationshipView>)edges
                    .Where(edge => byKey.ContainsKey(edge.OtherEnd(key)))
                    .Select(edge => new RelationshipView(edge, edge.FromKey == key ? Direction.Out : Direction.In, byKey[edge.OtherEnd(key)]))
                    .ToList();
            }));
    }

    private static object ResolveSources(IResolveFieldContext<Entity> context)
    {
        var entity = context.Source;
        var reader = context.Reader();
        return reader.Facts(entity.Key).ThenLoad(facts =>
            reader.Relationships(entity.Key, null, null).Then(edges =>
                (IReadOnlyList<SourceRef>)entity.Sources
                    .Concat(facts.SelectMany(fact => fact.Sources))
                    .Concat(edges.SelectMany(edge => edge.Sources))
                    .Distinct()
                    .OrderBy(source => source.Curated)
                    .ThenBy(source => source.Document, StringComparer.Ordinal)
                    .ThenBy(source => source.Paragraph)
                    .ToList()));
    }
}
