using GraphQL.Types;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Server.Entities;

namespace IndustryGraph.Server.Editing;

/// <summary>Where a change comes from: a paragraph of a source document, or curated knowledge with a note.</summary>
public sealed class ProvenanceInput
{
    public string? Document { get; set; }

    public int? Paragraph { get; set; }

    public bool? Curated { get; set; }

    public string? Note { get; set; }
}

public sealed class ProvenanceInputType : InputObjectGraphType<ProvenanceInput>
{
    public ProvenanceInputType()
    {
        Name = "ProvenanceInput";
        Description = "Where a change comes from: `document` (a source document's key) and `paragraph`, or `curated: true` with a `note` saying what knowledge it rests on.";
        Field(input => input.Document, nullable: true).Description("The key of a source document, e.g. 000_8dff29a42f7edaf7.txt.");
        Field(input => input.Paragraph, nullable: true).Description("The 1-based paragraph of the document.");
        Field(input => input.Curated, nullable: true).Description("True for domain knowledge not stated in a document; then `note` is required.");
        Field(input => input.Note, nullable: true).Description("With curated: the knowledge the change rests on; with a document: an optional remark.");
    }
}

public sealed class CreateEntityInput
{
    public string Key { get; set; } = "";

    public EntityKind Kind { get; set; }

    public string Name { get; set; } = "";

    public List<string>? Aliases { get; set; }

    public List<string>? Tags { get; set; }

    public string? Chain { get; set; }

    public Segment? Segment { get; set; }

    public int? Position { get; set; }

    public ProvenanceInput Provenance { get; set; } = new();
}

public sealed class CreateEntityInputType : InputObjectGraphType<CreateEntityInput>
{
    public CreateEntityInputType()
    {
        Name = "CreateEntityInput";
        Description = "A new entity. A CHAIN_LINK also needs chain, segment and position.";
        Field(input => input.Key).Description("The stable key: lower-case ASCII letters, digits, '-', '_', '.', prefixed by kind (ent-, park-, ...).");
        Field<NonNullGraphType<EntityKindEnum>>("kind").Description("The kind (not SOURCE_DOCUMENT: documents come with imports).");
        Field(input => input.Name).Description("The full name.");
        Field(input => input.Aliases, nullable: true).Description("Other names.");
        Field(input => input.Tags, nullable: true).Description("Labels such as high-tech or anchor.");
        Field(input => input.Chain, nullable: true).Description("For a CHAIN_LINK: the industry chain (id, key or name).");
        Field<SegmentEnum>("segment").Description("For a CHAIN_LINK: UPSTREAM, MIDSTREAM or DOWNSTREAM.");
        Field(input => input.Position, nullable: true).Description("For a CHAIN_LINK: its order in the chain, from 1.");
        Field<NonNullGraphType<ProvenanceInputType>>("provenance").Description("Where the entity is known from.");
    }
}

public sealed class UpdateEntityInput
{
    public string Entity { get; set; } = "";

    public string? Name { get; set; }

    public List<string>? Aliases { get; set; }

    public List<string>? Tags { get; set; }

    public ProvenanceInput Provenance { get; set; } = new();
}

public sealed class UpdateEntityInputType : InputObjectGraphType<UpdateEntityInput>
{
    public UpdateEntityInputType()
    {
        Name = "UpdateEntityInput";
        Description = "New values for an entity's own fields; a field left out stays as it is.";
        Field(input => input.Entity).Description("The entity: id, key, or exact name or alias.");
        Field(input => input.Name, nullable: true).Description("The new full name.");
        Field(input => input.Aliases, nullable: true).Description("The new list of other names (replaces the old list).");
        Field(input => input.Tags, nullable: true).Description("The new list of tags (replaces the old list).");
        Field<NonNullGraphType<ProvenanceInputType>>("provenance").Description("Where the new values come from.");
    }
}

public sealed class DeleteEntityInput
{
    public string Entity { get; set; } = "";

    public ProvenanceInput Provenance { get; set; } = new();
}

public sealed class DeleteEntityInputType : InputObjectGraphType<DeleteEntityInput>
{
    public DeleteEntityInputType()
    {
        Name = "DeleteEntityInput";
        Description = "An entity to delete with its facts and relationships.";
        Field(input => input.Entity).Description("The entity: id, key, or exact name or alias.");
        Field<NonNullGraphType<ProvenanceInputType>>("provenance").Description("Why it goes: the document or the curated reason.");
    }
}

public sealed class AddFactInput
{
    public string Entity { get; set; } = "";

    public string Key { get; set; } = "";

    public string Value { get; set; } = "";

    public double? Number { get; set; }

    public string? Unit { get; set; }

    public string? AsOf { get; set; }

    public List<string>? About { get; set; }

    public ProvenanceInput Provenance { get; set; } = new();
}

public sealed class AddFactInputType : InputObjectGraphType<AddFactInput>
{
    public AddFactInputType()
    {
        Name = "AddFactInput";
        Description = "A new figure or attribute of an entity. Number and unit are read from the value (6亿元, 7.6万平方米, 32%) unless given.";
        Field(input => input.Entity).Description("The entity: id, key, or exact name or alias.");
        Field(input => input.Key).Description("What the figure is, in snake_case: enterprise_count, land_area, revenue ...");
        Field(input => input.Value).Description("The figure as the source writes it, e.g. 约6亿元.");
        Field(input => input.Number, nullable: true).Description("The figure as a number, when it should not be read from the value.");
        Field(input => input.Unit, nullable: true).Description("The unit of the number.");
        Field(input => input.AsOf, nullable: true).Description("The date or period the figure is for, e.g. 2025.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("about").Description("The entities the figure is about besides its own (a district's park_count about a chain): ids, keys, or exact names or aliases.");
        Field<NonNullGraphType<ProvenanceInputType>>("provenance").Description("Where the figure comes from.");
    }
}

public sealed class UpdateFactInput
{
    public string Entity { get; set; } = "";

    public string Key { get; set; } = "";

    public string? AsOf { get; set; }

    public string? Value { get; set; }

    public double? Number { get; set; }

    public string? Unit { get; set; }

    public string? NewAsOf { get; set; }

    public ProvenanceInput Provenance { get; set; } = new();
}

public sealed class UpdateFactInputType : InputObjectGraphType<UpdateFactInput>
{
    public UpdateFactInputType()
    {
        Name = "UpdateFactInput";
        Description = "New values for one fact, named by entity, key and (when the key has several) asOf. A new value's number and unit are read from it unless given.";
        Field(input => input.Entity).Description("The entity: id, key, or exact name or alias.");
        Field(input => input.Key).Description("The fact's key.");
        Field(input => input.AsOf, nullable: true).Description("The fact's period, when the entity has several facts with this key.");
        Field(input => input.Value, nullable: true).Description("The new value as the source writes it.");
        Field(input => input.Number, nullable: true).Description("The new number.");
        Field(input => input.Unit, nullable: true).Description("The new unit.");
        Field(input => input.NewAsOf, nullable: true).Description("The new period.");
        Field<NonNullGraphType<ProvenanceInputType>>("provenance").Description("Where the new value comes from; it replaces the fact's sources.");
    }
}

public sealed class DeleteFactInput
{
    public string Entity { get; set; } = "";

    public string Key { get; set; } = "";

    public string? AsOf { get; set; }

    public ProvenanceInput Provenance { get; set; } = new();
}

public sealed class DeleteFactInputType : InputObjectGraphType<DeleteFactInput>
{
    public DeleteFactInputType()
    {
        Name = "DeleteFactInput";
        Description = "One fact to delete, named by entity, key and (when the key has several) asOf.";
        Field(input => input.Entity).Description("The entity: id, key, or exact name or alias.");
        Field(input => input.Key).Description("The fact's key.");
        Field(input => input.AsOf, nullable: true).Description("The fact's period, when the entity has several facts with this key.");
        Field<NonNullGraphType<ProvenanceInputType>>("provenance").Description("Why it goes.");
    }
}

public sealed class RelationshipInput
{
    public string From { get; set; } = "";

    public string Type { get; set; } = "";

    public string To { get; set; } = "";

    public ProvenanceInput Provenance { get; set; } = new();
}

public sealed class RelationshipInputType : InputObjectGraphType<RelationshipInput>
{
    public RelationshipInputType()
    {
        Name = "RelationshipInput";
        Description = "A typed edge between two entities, e.g. an enterprise LOCATED_IN a park.";
        Field(input => input.From).Description("Where the edge starts: id, key, or exact name or alias.");
        Field(input => input.Type).Description("LOCATED_IN, OPERATED_BY, SUBSIDIARY_OF, WORKS_IN, IN_CHAIN, LEADS, SUPPLIES, FOCUSES_ON, TARGETS, SUPPORTS, PARTNERS_WITH or PART_OF.");
        Field(input => input.To).Description("Where the edge ends: id, key, or exact name or alias.");
        Field<NonNullGraphType<ProvenanceInputType>>("provenance").Description("Where the relationship is known from.");
    }
}

public sealed class UpdateRelationshipInput
{
    public string From { get; set; } = "";

    public string Type { get; set; } = "";

    public string To { get; set; } = "";

    public string NewType { get; set; } = "";

    public ProvenanceInput Provenance { get; set; } = new();
}

public sealed class UpdateRelationshipInputType : InputObjectGraphType<UpdateRelationshipInput>
{
    public UpdateRelationshipInputType()
    {
        Name = "UpdateRelationshipInput";
        Description = "A new type for an existing relationship, e.g. a park's TARGETS chain becoming FOCUSES_ON once the industry is there.";
        Field(input => input.From).Description("Where the edge starts: id, key, or exact name or alias.");
        Field(input => input.Type).Description("The edge's type now.");
        Field(input => input.To).Description("Where the edge ends: id, key, or exact name or alias.");
        Field(input => input.NewType).Description("The type it gets.");
        Field<NonNullGraphType<ProvenanceInputType>>("provenance").Description("Where the new type is known from; it becomes the edge's only source.");
    }
}
