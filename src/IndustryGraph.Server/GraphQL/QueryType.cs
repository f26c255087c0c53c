using GraphQL.Types;

namespace IndustryGraph.Server.GraphQL;

/// <summary>Each feature adds its own root fields; the root type only collects them.</summary>
public interface IQueryFields
{
    void AddTo(QueryType query);
}

public sealed class QueryType : ObjectGraphType
{
    public QueryType(IEnumerable<IQueryFields> features)
    {
        Name = "Query";
        Description = "Ask the Zhengzhou industry graph: parks, enterprises, industry chains, research partners, and how they connect.";
        foreach (var feature in features)
        {
            feature.AddTo(this);
        }
    }
}

public sealed class IndustryGraphSchema : Schema
{
    public IndustryGraphSchema(IServiceProvider services, QueryType query, MutationType mutation)
        : base(services)
    {
        if (mutation.Fields.Count > 0)
        {
            Mutation = mutation;
        }

        Description = "IndustryGraph: a knowledge graph of Zhengzhou's industrial parks, enterprises, industry chains and research partners, every fact traced to its source.";
        Query = query;
    }
}
