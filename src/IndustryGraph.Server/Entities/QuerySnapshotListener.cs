using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;

namespace IndustryGraph.Server.Entities;

/// <summary>Once the operation is known: a query reads one snapshot of the store, a mutation the live store.</summary>
public sealed class QuerySnapshotListener : DocumentExecutionListenerBase
{
    public override Task BeforeExecutionAsync(IExecutionContext context)
    {
        if (context.RequestServices?.GetService<GraphReader>() is { } reader)
        {
            reader.PinsSnapshot = context.Operation.Operation == OperationType.Query;
        }

        return Task.CompletedTask;
    }
}
