using GraphQL.Types;

namespace IndustryGraph.Server.GraphQL;

/// <summary>Each feature that writes adds its own mutation fields; the root type only collects them.</summary>
public interface IMutationFields
{
    void AddTo(MutationType mutation);
}

public sealed class MutationType : ObjectGraphType
{
    public MutationType(IEnumerable<IMutationFields> features)
    {
        Name = "Mutation";
        Description = "Change the graph: every write needs an API key with role editor or admin (Authorization: Bearer <key>) and provenance, and is recorded in the audit trail.";
        foreach (var feature in features)
        {
            feature.AddTo(this);
        }
    }
}
