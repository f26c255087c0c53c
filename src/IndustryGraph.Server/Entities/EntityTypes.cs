using GraphQL.Types;
using IndustryGraph.Server.GraphQL;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Analysis;
using IndustryGraph.Server.Vocabulary;

namespace IndustryGraph.Server.Entities;

public sealed class EntityKindEnum : EnumerationGraphType<EntityKind>
{
    public EntityKindEnum()
    {
        Name = "EntityKind";
        Description = "The kinds of entity in the graph.";
        this.DescribeValues(
            ("DISTRICT", "A district, county, city or development zone (区, 县, 开发区)."),
            ("PARK", "An industrial park, enterprise park or zone (产业园)."),
            ("ENTERPRISE", "A company (企业)."),
            ("INDUSTRY_CHAIN", "An industry chain (产业链), e.g. 智能传感器."),
            ("CHAIN_LINK", "A segment of an industry chain (环节): upstream, midstream or downstream."),
            ("RESEARCH_PARTNER", "A lab, university, institute or platform (实验室, 高校, 研究院)."),
            ("ORGANIZATION", "A park operator, investment group, fund or association."),
            ("SOURCE_DOCUMENT", "A source article facts are traced to."));
    }
}

public sealed class DirectionEnum : EnumerationGraphType<Direction>
{
    public DirectionEnum()
    {
        Name = "Direction";
        Description = "Which way a relationship points from the entity asked about: OUT from it, IN to it.";
        this.DescribeValues(("OUT", "The edge starts at the entity asked about."), ("IN", "The edge ends at the entity asked about."));
    }
}

public sealed class SegmentEnum : EnumerationGraphType<Segment>
{
    public SegmentEnum()
    {
        Name = "Segment";
        Description = "Where a chain link sits in its industry chain: UPSTREAM (materials, parts, design), MIDSTREAM (making, integrating), DOWNSTREAM (applications, services).";
        this.DescribeValues(
            ("UPSTREAM", "Materials, parts and design (上游)."),
            ("MIDSTREAM", "Making and integrating (中游)."),
            ("DOWNSTREAM", "Applications and services (下游)."));
    }
}

public sealed class SourceRefType : ObjectGraphType<SourceRef>
{
    public SourceRefType()
    {
        Name = "SourceRef";
        Description = "Where a fact or relationship comes from: a paragraph of a source article, or curated domain knowledge.";
        Field(source => source.Document, nullable: true).Description("The source article's key (its file name), when the fact is stated in one.");
        Field(source => source.Paragraph, nullable: true).Description("The 1-based paragraph of the article (non-empty lines counted).");
        Field(source => source.Curated).Description("True when the fact is curated domain knowledge, not stated by an article.");
        Field(source => source.Note, nullable: true).Description("For curated facts, the knowledge they rest on; otherwise an optional remark.");
        Field<StringGraphType, string?>("noteLabel").Description($"The note in words a planner reads: its Chinese text where the vocabulary has one, else the note as stored. {LabelFields.LanguageHelp}")
            .Resolve(context => context.TextIn(CuratedNote(context.Source.Note)));
        Field<StringGraphType>("title").Description("The source article's title, when the fact is stated in one.")
            .Resolve(context => context.Source.Document is { } document ? context.Reader().Entity(document).Then(article => article?.Name) : null);
        Field<NonNullGraphType<StringGraphType>>("label").Description($"The source in words: the article's title and paragraph (标题 第N段), or curated with its note; never a file name. {LabelFields.LanguageHelp}")
            .Resolve(context =>
            {
                var source = context.Source;
                var chinese = context.LabelLanguage() == AnalysisLanguage.Chinese;
                if (source.Curated || source.Document is null)
                {
                    var curated = context.Label(VocabularySection.Words, "curated");
                    var note = context.TextIn(CuratedNote(source.Note));
                    return string.IsNullOrEmpty(note) ? curated : $"{curated}{(chinese ? "：" : ": ")}{note}";
                }

                return context.Reader().Entity(source.Document).Then(article =>
                {
                    var title = ShortTitle(article?.Name ?? source.Document);
                    return chinese ? $"{title} 第{source.Paragraph}段" : $"{title} ¶{source.Paragraph}";
                });
            });
    }

    /// <summary>A curated note without the "curated:" it often starts with: the label says it once.</summary>
    public static string? CuratedNote(string? note) =>
        note is not null && note.StartsWith("curated:", StringComparison.OrdinalIgnoreCase) ? note["curated:".Length..].TrimStart() : note;

    /// <summary>An article's title up to its subtitle (after ——), which is what a planner recognises it by.</summary>
    public static string ShortTitle(string title)
    {
        var main = title.Split("——")[0].Trim();
        return main.Length > 0 ? main : title;
    }
}

public sealed class FactType : ObjectGraphType<Fact>
{
    public FactType()
    {
        Name = "Fact";
        Description = "A figure or attribute of an entity: the original text, and where it reads as one, the number and unit.";
        Field(fact => fact.Key).Description("What the figure is, e.g. enterprise_count, land_area, total_investment.");
        this.LabelField("label", "What the figure is, in words (企业数, 占地面积 …).", context => context.Label(VocabularySection.FactKeys, context.Source.Key));
        Field(fact => fact.Value).Description("The figure as the source writes it, e.g. 180余家 or 约6亿元.");
        this.LabelField("valueLabel", "The value in words: a park category's name for a `category` fact, else the value as written (in Chinese where the vocabulary has a text for a curated value such as 2025-H2).",
            context => context.Source.Key == "category" ? context.Label(VocabularySection.Categories, context.Source.Value) : context.TextIn(context.Source.Value)!);
        // A store written before numbers were checked may hold one JSON cannot carry; it answers null, not a failed response.
        Field<FloatGraphType>("number").Description("The figure as a number in `unit` (6亿元 → 600000000).")
            .Resolve(context => context.Source.Number is { } number && double.IsFinite(number) ? number : null);
        Field(fact => fact.Unit, nullable: true).Description("The unit of `number`, e.g. 元, 平方米, %, 家.");
        Field(fact => fact.AsOf, nullable: true).Description("The date or period the figure is for, e.g. 2024-10 or `2025 target`.");
        Field<StringGraphType, string?>("asOfLabel").Description($"The period in words (2025年目标). {LabelFields.LanguageHelp}").Resolve(context => context.TextIn(context.Source.AsOf));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SourceRefType>>>>("sources").Description("Where the figure comes from.").Resolve(context => context.Source.Sources);
        Field<EntityInterface>("entity")
            .Description("The entity the figure is on (null only if it was deleted since).")
            .Resolve(context => context.Reader().Entity(context.Source.EntityKey));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityInterface>>>>("about")
            .Description("The entities the figure is about, besides its own entity: e.g. a district's count of parks of a chain is about that chain. Empty when the figure is about its entity alone.")
            .Resolve(context => context.Reader().Entities(context.Source.About));
    }
}

public sealed class RelationshipType : ObjectGraphType<RelationshipView>
{
    public RelationshipType()
    {
        Name = "Relationship";
        Description = "A typed edge seen from one entity: its type, which way it points, and the entity at the other end.";
        Field(view => view.Type).Description("LOCATED_IN, OPERATED_BY, SUBSIDIARY_OF, WORKS_IN, IN_CHAIN, LEADS, SUPPLIES, FOCUSES_ON, TARGETS, SUPPORTS, PARTNERS_WITH or PART_OF.");
        this.LabelField("label", "The type in words (位于, 链主/龙头 …).", context => context.Label(VocabularySection.Relationships, context.Source.Type));
        Field<NonNullGraphType<DirectionEnum>>("direction").Description("OUT when the edge starts at the entity asked about, IN when it ends there.").Resolve(context => context.Source.Direction);
        Field<NonNullGraphType<EntityInterface>>("other").Description("The entity at the other end.").Resolve(context => context.Source.Other);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SourceRefType>>>>("sources").Description("Where the relationship comes from.").Resolve(context => context.Source.Edge.Sources);
    }
}

/// <summary>A relationship as seen from one of its ends.</summary>
public sealed record RelationshipView(Relationship Edge, Direction Direction, Entity Other)
{
    public string Type => Edge.Type;
}
