using GraphQL;
using GraphQL.Types;
using IndustryGraph.Domain.Access;
using IndustryGraph.Domain.Facts;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Seed;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Access;
using IndustryGraph.Server.Entities;
using IndustryGraph.Server.GraphQL;

namespace IndustryGraph.Server.Editing;

/// <summary>
/// Create, update and delete entities, facts and relationships. Each needs an editor key and provenance,
/// checks its input first (BAD_USER_INPUT, NOT_FOUND) and runs as one transaction with its audit entries.
/// </summary>
public sealed class EditMutations(IGraphEditor editor) : IMutationFields
{
    public void AddTo(MutationType mutation)
    {
        mutation.Field<NonNullGraphType<EntityInterface>>("createEntity")
            .Description("Creates an entity (a CHAIN_LINK also gets its PART_OF edge to the chain).")
            .Argument<NonNullGraphType<CreateEntityInputType>>("input", "The new entity.")
            .ResolveAsync(async context => await EditAsync(context, "createEntity", async (input, edit) =>
            {
                var create = context.GetArgument<CreateEntityInput>("input");
                if (!SeedReader.IsValidKey(create.Key, create.Kind))
                {
                    throw Bad($"{input}.key: bad key '{create.Key}': use lower-case ASCII letters, digits, '-', '_' and '.' (an ENTERPRISE may be keyed by its 18-character credit code)");
                }

                if (create.Kind == EntityKind.SourceDocument)
                {
                    throw Bad($"{input}.kind: source documents come with imports (sources.csv), not mutations");
                }

                ChainLinkPlacement? link = null;
                if (create.Kind == EntityKind.ChainLink)
                {
                    if (create.Chain is null || create.Segment is null || create.Position is not > 0)
                    {
                        throw Bad($"{input}: a CHAIN_LINK needs chain, segment and a position from 1");
                    }

                    var chain = await context.Reader().ResolveAsync(create.Chain, EntityKind.IndustryChain, $"{input}.chain", context.CancellationToken, partialNames: false);
                    link = new ChainLinkPlacement(chain.Key, create.Segment.Value, create.Position.Value);
                }

                var entity = new Entity(create.Key, create.Kind, Required(create.Name, $"{input}.name"), Clean(create.Aliases), Clean(create.Tags), [], link);
                return await editor.CreateEntityAsync(entity, await edit(create.Provenance), context.CancellationToken);
            }));

        mutation.Field<NonNullGraphType<EntityInterface>>("updateEntity")
            .Description("Changes an entity's name, aliases or tags.")
            .Argument<NonNullGraphType<UpdateEntityInputType>>("input", "The entity and its new values.")
            .ResolveAsync(async context => await EditAsync(context, "updateEntity", async (input, edit) =>
            {
                var update = context.GetArgument<UpdateEntityInput>("input");
                var entity = await context.Reader().ResolveAsync(update.Entity, null, $"{input}.entity", context.CancellationToken, partialNames: false);
                var changes = new EntityChanges(update.Name is null ? null : Required(update.Name, $"{input}.name"),
                    update.Aliases is null ? null : Clean(update.Aliases), update.Tags is null ? null : Clean(update.Tags));
                return await editor.UpdateEntityAsync(entity.Key, changes, await edit(update.Provenance), context.CancellationToken);
            }));

        mutation.Field<NonNullGraphType<EntityInterface>>("deleteEntity")
            .Description("Deletes an entity with its facts and relationships; returns it as it was.")
            .Argument<NonNullGraphType<DeleteEntityInputType>>("input", "The entity to delete.")
            .ResolveAsync(async context => await EditAsync(context, "deleteEntity", async (input, edit) =>
            {
                var delete = context.GetArgument<DeleteEntityInput>("input");
                var entity = await context.Reader().ResolveAsync(delete.Entity, null, $"{input}.entity", context.CancellationToken, partialNames: false);
                return await editor.DeleteEntityAsync(entity.Key, await edit(delete.Provenance), context.CancellationToken);
            }));

        mutation.Field<NonNullGraphType<FactType>>("addFact")
            .Description("Adds a figure or attribute to an entity.")
            .Argument<NonNullGraphType<AddFactInputType>>("input", "The fact.")
            .ResolveAsync(async context => await EditAsync(context, "addFact", async (input, edit) =>
            {
                var add = context.GetArgument<AddFactInput>("input");
                var entity = await context.Reader().ResolveAsync(add.Entity, null, $"{input}.entity", context.CancellationToken, partialNames: false);
                var value = Required(add.Value, $"{input}.value");
                var (number, unit) = (add.Number, add.Unit);
                if (number is null && Quantity.TryParse(value, out var quantity))
                {
                    (number, unit) = (quantity.Number, unit ?? quantity.Unit);
                }

                CheckNumber(number, $"{input}.number");
                var key = FactKey(add.Key, $"{input}.key");
                if (key == ParkCategories.FactKey && entity.Kind == EntityKind.Park && !ParkCategories.TryParse(value, out _))
                {
                    throw new ApiError(ErrorCodes.BadUserInput,
                        $"{input}.value: unknown park category '{value}': expected one of {string.Join(", ", ParkCategories.All.Select(category => category.ToCode()))}");
                }

                var about = new List<string>();
                foreach (var (reference, at) in (add.About ?? []).Select((reference, at) => (reference, at)))
                {
                    about.Add((await context.Reader().ResolveAsync(reference, null, $"{input}.about[{at}]", context.CancellationToken, partialNames: false)).Key);
                }

                var fact = new Fact(entity.Key, key, value, number, unit, NullIfBlank(add.AsOf), []) { About = about.Distinct(StringComparer.Ordinal).ToList() };
                return await editor.AddFactAsync(fact, await edit(add.Provenance), context.CancellationToken);
            }));

        mutation.Field<NonNullGraphType<FactType>>("updateFact")
            .Description("Changes one fact's value, number, unit or period; the provenance given becomes its source.")
            .Argument<NonNullGraphType<UpdateFactInputType>>("input", "The fact and its new values.")
            .ResolveAsync(async context => await EditAsync(context, "updateFact", async (input, edit) =>
            {
                var update = context.GetArgument<UpdateFactInput>("input");
                var entity = await context.Reader().ResolveAsync(update.Entity, null, $"{input}.entity", context.CancellationToken, partialNames: false);
                if (update.Value is null && update.Number is null && update.Unit is null && update.NewAsOf is null)
                {
                    throw Bad($"{input}: give at least one of value, number, unit, newAsOf");
                }

                CheckNumber(update.Number, $"{input}.number");
                var changes = new FactChanges(update.Value is null ? null : Required(update.Value, $"{input}.value"), update.Number, update.Unit, NullIfBlank(update.NewAsOf));
                return await editor.UpdateFactAsync(new FactSelector(entity.Key, update.Key, NullIfBlank(update.AsOf)), changes, await edit(update.Provenance), context.CancellationToken);
            }));

        mutation.Field<NonNullGraphType<FactType>>("deleteFact")
            .Description("Deletes one fact; returns it as it was.")
            .Argument<NonNullGraphType<DeleteFactInputType>>("input", "The fact to delete.")
            .ResolveAsync(async context => await EditAsync(context, "deleteFact", async (input, edit) =>
            {
                var delete = context.GetArgument<DeleteFactInput>("input");
                var entity = await context.Reader().ResolveAsync(delete.Entity, null, $"{input}.entity", context.CancellationToken, partialNames: false);
                return await editor.DeleteFactAsync(new FactSelector(entity.Key, delete.Key, NullIfBlank(delete.AsOf)), await edit(delete.Provenance), context.CancellationToken);
            }));

        mutation.Field<NonNullGraphType<RelationshipType>>("addRelationship")
            .Description("Adds a relationship, or adds the provenance to it when it exists. Returned as seen from `from`.")
            .Argument<NonNullGraphType<RelationshipInputType>>("input", "The relationship.")
            .ResolveAsync(async context => await EditAsync(context, "addRelationship", async (input, edit) =>
            {
                var (from, type, to, provenance) = await ResolveEdgeAsync(context, input);
                var edge = await editor.AddRelationshipAsync(from.Key, type, to.Key, await edit(provenance), context.CancellationToken);
                return new RelationshipView(edge, Direction.Out, to);
            }));

        mutation.Field<NonNullGraphType<RelationshipType>>("updateRelationship")
            .Description("Changes a relationship's type; the provenance given becomes its only source. Returned as seen from `from`.")
            .Argument<NonNullGraphType<UpdateRelationshipInputType>>("input", "The relationship and its new type.")
            .ResolveAsync(async context => await EditAsync(context, "updateRelationship", async (input, edit) =>
            {
                var update = context.GetArgument<UpdateRelationshipInput>("input");
                var (from, type, to, provenance) = await ResolveEdgeAsync(context, input,
                    new RelationshipInput { From = update.From, Type = update.Type, To = update.To, Provenance = update.Provenance });
                var newType = update.NewType.Trim().ToUpperInvariant();
                if (!RelationshipTypes.IsKnown(newType))
                {
                    throw Bad($"{input}.newType: unknown relationship type '{update.NewType}': expected one of {string.Join(", ", RelationshipTypes.All)}");
                }

                var edge = await editor.UpdateRelationshipAsync(from.Key, type, to.Key, newType, await edit(provenance), context.CancellationToken);
                return new RelationshipView(edge, Direction.Out, to);
            }));

        mutation.Field<NonNullGraphType<RelationshipType>>("deleteRelationship")
            .Description("Deletes a relationship with all its sources; returns it as it was, seen from `from`.")
            .Argument<NonNullGraphType<RelationshipInputType>>("input", "The relationship to delete.")
            .ResolveAsync(async context => await EditAsync(context, "deleteRelationship", async (input, edit) =>
            {
                var (from, type, to, provenance) = await ResolveEdgeAsync(context, input);
                var edge = await editor.DeleteRelationshipAsync(from.Key, type, to.Key, await edit(provenance), context.CancellationToken);
                return new RelationshipView(edge, Direction.Out, to);
            }));
    }

    private static async Task<(Entity From, string Type, Entity To, ProvenanceInput Provenance)> ResolveEdgeAsync(
        IResolveFieldContext context, string input, RelationshipInput? given = null)
    {
        var edge = given ?? context.GetArgument<RelationshipInput>("input");
        var type = edge.Type.Trim().ToUpperInvariant();
        if (!RelationshipTypes.IsKnown(type))
        {
            throw Bad($"{input}.type: unknown relationship type '{edge.Type}': expected one of {string.Join(", ", RelationshipTypes.All)}");
        }

        var from = await context.Reader().ResolveAsync(edge.From, null, $"{input}.from", context.CancellationToken, partialNames: false);
        var to = await context.Reader().ResolveAsync(edge.To, null, $"{input}.to", context.CancellationToken, partialNames: false);
        return (from, type, to, edge.Provenance);
    }

    /// <summary>
    /// Checks the caller may write, then runs an edit, turning the store's refusals into client errors.
    /// The edit gets a function that checks the provenance and makes the edit's context.
    /// </summary>
    private async Task<object?> EditAsync<T>(IResolveFieldContext context, string field, Func<string, Func<ProvenanceInput, Task<EditContext>>, Task<T>> edit)
    {
        var actor = Callers.Require(context, ApiRole.Editor, field);
        try
        {
            return await edit($"{field}.input", async provenance => new EditContext(actor, await CheckProvenanceAsync(context, provenance, $"{field}.input.provenance")));
        }
        catch (EditRejectedException exception)
        {
            throw new ApiError(exception.Problem == EditProblem.NotFound ? ErrorCodes.NotFound : ErrorCodes.BadUserInput, $"{field}.input.{exception.Message}");
        }
    }

    private static async Task<SourceRef> CheckProvenanceAsync(IResolveFieldContext context, ProvenanceInput provenance, string argument)
    {
        var note = NullIfBlank(provenance.Note);
        var document = NullIfBlank(provenance.Document);
        if (provenance.Curated == true)
        {
            if (document is not null)
            {
                throw Bad($"{argument}: give either a document with a paragraph, or curated with a note, not both");
            }

            return SourceRef.FromCuration(note ?? throw Bad($"{argument}.note: a curated change needs a note saying what knowledge it rests on"));
        }

        if (document is null)
        {
            throw Bad($"{argument}: every change needs provenance: a document with a paragraph, or curated: true with a note");
        }

        if (provenance.Paragraph is not > 0)
        {
            throw Bad($"{argument}.paragraph: a change citing a document needs its paragraph, a whole number from 1");
        }

        var found = await (await context.Reader().ReadsAsync(context.CancellationToken)).GetEntitiesAsync([document], context.CancellationToken);
        if (!found.TryGetValue(document, out var source) || source.Kind != EntityKind.SourceDocument)
        {
            throw new ApiError(ErrorCodes.NotFound, $"{argument}.document: no source document has key '{document}'");
        }

        return SourceRef.FromDocument(document, provenance.Paragraph.Value, note);
    }

    private static ApiError Bad(string message) => new(ErrorCodes.BadUserInput, message);

    private static string Required(string value, string argument) =>
        string.IsNullOrWhiteSpace(value) ? throw Bad($"{argument}: must not be empty") : value.Trim();

    private static string FactKey(string key, string argument)
    {
        var trimmed = Required(key, argument);
        return trimmed.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')
            ? trimmed
            : throw Bad($"{argument}: '{key}' is not snake_case (e.g. enterprise_count)");
    }

    private static void CheckNumber(double? number, string argument)
    {
        if (number is { } value && !double.IsFinite(value))
        {
            throw Bad($"{argument}: must be a finite number");
        }
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static List<string> Clean(List<string>? values) =>
        values?.Select(value => value.Trim()).Where(value => value.Length > 0).Distinct().ToList() ?? [];
}
