using System.Globalization;
using GraphQL;
using GraphQL.Types;
using IndustryGraph.Domain.Access;
using IndustryGraph.Domain.Audit;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Access;
using IndustryGraph.Server.Entities;
using IndustryGraph.Server.GraphQL;

namespace IndustryGraph.Server.Audit;

public sealed class AuditEntryType : ObjectGraphType<AuditEntry>
{
    public AuditEntryType()
    {
        Name = "AuditEntry";
        Description = "One recorded change: who, when, what (entity and field), before and after, and the provenance given.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The entry's number; later entries have larger numbers.").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Description("When the change was committed (UTC).").Resolve(context => context.Source.At);
        Field(entry => entry.Actor).Description("Who: the API key's name, or `cli` for imports from the command line.");
        Field(entry => entry.Action).Description("What was done: create entity, update entity, delete entity, add fact, update fact, delete fact, add relationship, delete relationship, import, import --replace.");
        Field(entry => entry.EntityKey, nullable: true).Description("The key of the entity changed (for relationships, where it starts); null for an import.");
        Field(entry => entry.Field, nullable: true).Description("The field changed, e.g. name, `fact land_area`, `LOCATED_IN park-x`; for an import, what was imported.");
        Field(entry => entry.Before, nullable: true).Description("The value before the change (null when it did not exist).");
        Field(entry => entry.After, nullable: true).Description("The value after the change (null when it was deleted).");
        Field<SourceRefType>("provenance").Description("The provenance the change was made with (null for imports: each row carries its own).").Resolve(context => context.Source.Provenance);
    }
}

/// <summary>The audit trail, for admins: every change by entity, by key name or by time range, newest first.</summary>
public sealed class AuditQueries(IAuditTrail trail) : IQueryFields
{
    public void AddTo(QueryType query)
    {
        query.Field<NonNullGraphType<ConnectionType<AuditEntryType>>>("auditTrail")
            .Description("Changes to the graph, newest first (admin key only). Filters combine.")
            .Argument<StringGraphType>("entity", "Only changes to this entity: id, key, or exact name or alias (a deleted entity by its key).")
            .Argument<StringGraphType>("keyName", "Only changes made with this API key name (`cli` for command-line imports).")
            .Argument<DateTimeOffsetGraphType>("from", "Only changes at or after this time.")
            .Argument<DateTimeOffsetGraphType>("to", "Only changes before this time.")
            .Argument<IntGraphType>("first", "How many entries (default 20, at most the page size limit).")
            .Argument<StringGraphType>("after", "Continue after this cursor.")
            .ResolveAsync(async context =>
            {
                Callers.Require(context, ApiRole.Admin, "auditTrail");
                var first = context.GetArgument<int?>("first") ?? PageRequest.DefaultPageSize;
                var maxPageSize = context.Limits().MaxPageSize;
                if (first < 0 || first > maxPageSize)
                {
                    throw new ApiError(first < 0 ? ErrorCodes.BadUserInput : ErrorCodes.PageTooLarge, $"auditTrail: first must be from 0 to {maxPageSize}");
                }

                long? afterId = null;
                if (context.GetArgument<string?>("after") is { } after)
                {
                    afterId = CursorCodec.TryDecode(after) is { Key: "audit" } cursor && long.TryParse(cursor.SortValue, CultureInfo.InvariantCulture, out var id)
                        ? id
                        : throw new ApiError(ErrorCodes.BadUserInput, "auditTrail: after is not a cursor this API handed out");
                }

                var entityKey = context.GetArgument<string?>("entity") is { } reference ? await EntityKeyAsync(context, reference) : null;
                var page = await trail.QueryAuditAsync(new AuditQuery
                {
                    EntityKey = entityKey,
                    Actor = context.GetArgument<string?>("keyName"),
                    From = context.GetArgument<DateTimeOffset?>("from"),
                    To = context.GetArgument<DateTimeOffset?>("to"),
                    Limit = first,
                    AfterId = afterId,
                }, context.CancellationToken);
                var edges = page.Entries
                    .Select(entry => new Edge<object>(CursorCodec.Encode(new PageCursor(entry.Id.ToString(CultureInfo.InvariantCulture), "audit")), entry))
                    .ToList();
                return (object?)new Connection<object>(edges, page.TotalCount,
                    new PageInfo(page.HasNext, afterId is not null, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor));
            });
    }

    /// <summary>An entity that still exists resolves like any argument; a deleted one is named by its key.</summary>
    private static async Task<string> EntityKeyAsync(IResolveFieldContext context, string reference)
    {
        var found = await context.Reader().TryResolveAsync(reference, null, context.CancellationToken);
        return found.Count == 1 ? found[0].Key : reference.Trim();
    }
}

public static class AuditFeature
{
    /// <summary>The audit trail query for admins.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<IQueryFields, AuditQueries>();
        return services;
    }
}
