using GraphQL;
using GraphQL.Types;
using IndustryGraph.Domain.Access;
using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Access;
using IndustryGraph.Server.Entities;
using IndustryGraph.Server.GraphQL;

namespace IndustryGraph.Server.Placements;

/// <summary>confirmPlacement and rejectPlacement: a planner's decisions on suggestions, one or many in one transaction.</summary>
public sealed class PlacementMutations(IGraphEditor editor) : IMutationFields
{
    public const int MaxDecisions = 1000;

    public void AddTo(MutationType mutation)
    {
        foreach (var (name, decision, verb) in new[] { ("confirmPlacement", PlacementKind.Confirmed, "Confirms"), ("rejectPlacement", PlacementKind.Rejected, "Rejects") })
        {
            mutation.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlacementType>>>>(name)
                .Description($"{verb} placements of enterprises in chain links (usually suggestions), one or many, in one transaction with an audit entry each (needs an editor key). Give `enterprise` and `link`, or `placements`. Deciding a pair with no suggestion records the planner's placement all the same. Returns the placements as stored.")
                .Argument<StringGraphType>("enterprise", "The enterprise: id, key (its credit code for a register enterprise) or exact name.")
                .Argument<StringGraphType>("link", "The chain link: id, key or exact name.")
                .Argument<ListGraphType<NonNullGraphType<PlacementRefInputType>>>("placements", $"Several pairs at once (at most {MaxDecisions}).")
                .ResolveAsync(async context => await DecideAsync(context, name, decision));
        }
    }

    private async Task<object?> DecideAsync(IResolveFieldContext context, string field, PlacementKind decision)
    {
        var actor = Callers.Require(context, ApiRole.Editor, field);
        var pairs = new List<(string Enterprise, string Link, string Argument)>();
        var enterprise = context.GetArgument<string?>("enterprise");
        var link = context.GetArgument<string?>("link");
        if (enterprise is not null || link is not null)
        {
            pairs.Add((enterprise ?? throw Bad($"{field}.enterprise: give it with link"), link ?? throw Bad($"{field}.link: give it with enterprise"), field));
        }

        var many = context.GetArgument<List<PlacementRefInput>?>("placements") ?? [];
        pairs.AddRange(many.Select((pair, at) => (pair.Enterprise, pair.Link, $"{field}.placements[{at}]")));
        if (pairs.Count is 0 or > MaxDecisions)
        {
            throw Bad($"{field}: give enterprise and link, or 1 to {MaxDecisions} placements, not {pairs.Count}");
        }

        var reader = context.Reader();
        var resolved = new List<(Entity Enterprise, Entity Link)>();
        foreach (var (enterpriseReference, linkReference, argument) in pairs)
        {
            resolved.Add((
                await reader.ResolveAsync(enterpriseReference, EntityKind.Enterprise, $"{argument}.enterprise", context.CancellationToken, partialNames: false),
                await reader.ResolveAsync(linkReference, EntityKind.ChainLink, $"{argument}.link", context.CancellationToken, partialNames: false)));
        }

        var decisions = resolved.Select(pair => new PlacementDecision(pair.Enterprise.Key, pair.Link.Key, decision)).Distinct().ToList();
        var note = decision == PlacementKind.Confirmed ? "a planner confirmed the placement" : "a planner rejected the placement";
        try
        {
            var stored = await editor.DecidePlacementsAsync(decisions, new EditContext(actor, SourceRef.FromCuration(note)), context.CancellationToken);
            var entities = resolved.SelectMany(pair => new[] { pair.Enterprise, pair.Link }).DistinctBy(entity => entity.Key).ToDictionary(entity => entity.Key);
            return stored.Select(record => new Placement(entities[record.EnterpriseKey], entities[record.LinkKey], [], true) { Kind = record.Kind, Score = record.Score }).ToList();
        }
        catch (EditRejectedException exception)
        {
            throw new ApiError(exception.Problem == EditProblem.NotFound ? ErrorCodes.NotFound : ErrorCodes.BadUserInput, $"{field}: {exception.Message}");
        }
    }

    private static ApiError Bad(string message) => new(ErrorCodes.BadUserInput, message);
}
