using GraphQL;
using GraphQL.Types;
using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Placements;
using IndustryGraph.Server.Chains;
using IndustryGraph.Server.Enterprises;
using IndustryGraph.Server.Entities;
using IndustryGraph.Server.GraphQL;

namespace IndustryGraph.Server.Placements;

public sealed class PlacementKindEnum : EnumerationGraphType<PlacementKind>
{
    public PlacementKindEnum()
    {
        Name = "PlacementKind";
        Description = "Where a placement of an enterprise in a chain link comes from.";
        this.DescribeValues(
            ("SOURCED", "An article states it (a WORKS_IN relationship with an article among its sources)."),
            ("CURATED", "Curated domain knowledge (a WORKS_IN relationship with a note, no article)."),
            ("SUGGESTED", "Computed from the enterprise's register entry (industry code, business scope, name): a suggestion, not a fact, until a planner confirms it. Never makes a link PRESENT or WEAK."),
            ("CONFIRMED", "A planner confirmed it (who and when are on the placement and in the audit trail); counts like a curated placement."),
            ("REJECTED", "A planner rejected it; not suggested again until the enterprise's business scope or industry code changes."));
    }
}

public sealed class PlacementEvidenceKindEnum : EnumerationGraphType<PlacementEvidenceKind>
{
    public PlacementEvidenceKindEnum()
    {
        Name = "PlacementEvidenceKind";
        Description = "What a piece of placement evidence matched.";
        this.DescribeValues(
            ("CODE", "The enterprise's GB/T 4754-2017 industry code fits the link's profile."),
            ("WORD", "A word of the link's profile in the enterprise's business scope (经营范围), with a verb saying it does the thing."),
            ("NAME", "A word of the link's profile in the enterprise's name."));
    }
}

public sealed class PlacementEvidenceType : ObjectGraphType<PlacementEvidence>
{
    public PlacementEvidenceType()
    {
        Name = "PlacementEvidence";
        Description = "One match behind a suggested placement: the code or word matched and where, so a page can highlight it.";
        Field<NonNullGraphType<PlacementEvidenceKindEnum>>("kind").Description("CODE, WORD or NAME.").Resolve(context => context.Source.Kind);
        Field(evidence => evidence.Text).Description("The code or the word matched.");
        Field(evidence => evidence.Start).Description("For WORD and NAME: where the match starts in the business scope or the name (UTF-16 code units from 0); 0 for CODE.");
        Field(evidence => evidence.Length).Description("How long the match is (UTF-16 code units).");
    }
}

/// <summary>The fields a placement has wherever it appears (the placements list, a link's enterprises, a gap's candidates).</summary>
public static class PlacementFields
{
    public static void AddTo(ObjectGraphType<Placement> type)
    {
        type.Field<NonNullGraphType<PlacementKindEnum>>("kind")
            .Description("SOURCED, CURATED, SUGGESTED, CONFIRMED or REJECTED.").Resolve(context => context.Source.Kind);
        type.Field<FloatGraphType>("score")
            .Description("For a suggestion (and a decided suggestion): how well the register entry fits the link's profile, 0 to 1; null for SOURCED and CURATED.")
            .ResolveAsync(async context => (object?)(context.Source.Score ?? (await RecordAsync(context))?.Score));
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlacementEvidenceType>>>>("evidence")
            .Description("The codes and words that gave a suggestion, with their positions; empty for SOURCED and CURATED (see `sources`).")
            .ResolveAsync(async context => (object?)((await RecordAsync(context))?.Evidence ?? []));
        type.Field<StringGraphType>("decidedBy")
            .Description("Who confirmed or rejected it (an API key's name, or `cli`); null otherwise.")
            .ResolveAsync(async context => (object?)(await RecordAsync(context))?.DecidedBy);
        type.Field<DateTimeOffsetGraphType>("decidedAt")
            .Description("When it was confirmed or rejected; null otherwise.")
            .ResolveAsync(async context => (object?)(await RecordAsync(context))?.DecidedAt);
    }

    /// <summary>The stored record of the placement (batched per request by enterprise); null for a WORKS_IN placement.</summary>
    private static async Task<PlacementRecord?> RecordAsync(IResolveFieldContext<Placement> context)
    {
        if (context.Source.Kind is PlacementKind.Sourced or PlacementKind.Curated)
        {
            return null;
        }

        var records = await context.Reader().Placements(context.Source.Enterprise.Key).GetResultAsync(context.CancellationToken);
        return records.FirstOrDefault(record => record.LinkKey == context.Source.Link.Key);
    }
}

public sealed class PlacementType : ObjectGraphType<Placement>
{
    public PlacementType()
    {
        Name = "Placement";
        Description = "An enterprise in a chain link, with where that comes from: an article (SOURCED), curation (CURATED), the register (SUGGESTED, with a score and evidence), or a planner's decision (CONFIRMED, REJECTED).";
        Field<NonNullGraphType<EnterpriseType>>("enterprise").Description("The enterprise.").Resolve(context => context.Source.Enterprise);
        Field<NonNullGraphType<ChainLinkType>>("link").Description("The chain link.").Resolve(context => context.Source.Link);
        PlacementFields.AddTo(this);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SourceRefType>>>>("sources").Description("For SOURCED and CURATED: the relationship's sources; empty otherwise.").Resolve(context => context.Source.Sources);
    }
}

/// <summary>Names one (enterprise, link) pair to decide.</summary>
public sealed class PlacementRefInput
{
    public string Enterprise { get; set; } = "";

    public string Link { get; set; } = "";
}

public sealed class PlacementRefInputType : InputObjectGraphType<PlacementRefInput>
{
    public PlacementRefInputType()
    {
        Name = "PlacementRefInput";
        Description = "An enterprise and a chain link, each an id, key or exact name.";
        Field<NonNullGraphType<StringGraphType>>("enterprise").Description("The enterprise: id, key (its credit code for a register enterprise) or exact name.");
        Field<NonNullGraphType<StringGraphType>>("link").Description("The chain link: id, key or exact name.");
    }
}
