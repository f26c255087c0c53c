using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Server.GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace IndustryGraph.Server.Entities;

/// <summary>Fields that follow relationships, batched through the request's <see cref="GraphReader"/>.</summary>
public static class RelatedFields
{
    public static GraphReader Reader(this IResolveFieldContext context) =>
        context.RequestServices?.GetRequiredService<GraphReader>() ?? throw new InvalidOperationException("no request services");

    /// <summary>The one entity at the other end of a relationship (the first by name when there are several).</summary>
    public static FieldBuilder<Entity, object> RelatedOne<TGraphType>(
        this ObjectGraphType<Entity> type, string name, string description, Direction direction, string relationship, EntityKind? kind = null)
        where TGraphType : IGraphType =>
        type.Field<TGraphType>(name).Description(description)
            .Resolve(context => context.Reader().RelatedEntity(context.Source.Key, direction, relationship, kind));

    /// <summary>All entities at the other end of relationships of one or more types, ordered by name.</summary>
    public static FieldBuilder<Entity, object> RelatedList<TGraphType>(
        this ObjectGraphType<Entity> type, string name, string description, Direction direction, string relationship, EntityKind? kind = null)
        where TGraphType : IGraphType =>
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TGraphType>>>>(name).Description(description)
            .Resolve(context => context.Reader().RelatedEntities(context.Source.Key, direction, relationship, kind));

    /// <summary>A cursor connection over the entities at the other end, ordered by name.</summary>
    public static FieldBuilder<Entity, object> RelatedConnection<TGraphType>(
        this ObjectGraphType<Entity> type, string name, string description, Direction direction, string relationship, EntityKind? kind = null)
        where TGraphType : IGraphType
    {
        var field = type.Field<NonNullGraphType<ConnectionType<TGraphType>>>(name).Description(description);
        PageRequest.AddArguments(field.FieldType);
        return field.Resolve(context =>
        {
            var request = PageRequest.From(context);
            return context.Reader().RelatedEntities(context.Source.Key, direction, relationship, kind)
                .Then(inner => inner.Then(entities => ToObjects(ConnectionPaging.Page(entities, entity => entity.Name, entity => entity.Key, request))));
        });
    }

    public static Connection<object> ToObjects<T>(Connection<T> connection)
        where T : notnull =>
        new(connection.Edges.Select(edge => new Edge<object>(edge.Cursor, edge.Node)).ToList(), connection.TotalCount, connection.PageInfo);
}
