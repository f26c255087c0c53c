using GraphQL.Types;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Server.Entities;

namespace IndustryGraph.Server.Sources;

public sealed class SourceDocumentType : ObjectGraphType<Entity>
{
    public SourceDocumentType()
    {
        Name = "SourceDocument";
        Description = "A source article; `name` is its title and `key` its file name. Facts and relationships cite it by paragraph.";
        this.AsEntityOfKind(EntityKind.SourceDocument);
    }
}
