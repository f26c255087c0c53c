using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;

namespace IndustryGraph.Server.Entities;

/// <summary>Once the operation is known, before any field: a query pins one data version of the store, a mutation reads the live store.</summary>
public sealed class QuerySnapshotListener : DocumentExecutionListenerBase
{
    public override Task BeforeExecutionAsync(IExecutionContext context) =>
        context.RequestServices?.GetService<GraphReader>() is { } reader
            ? reader.BeginAsync(context.Operation.Operation == OperationType.Query, context.CancellationToken)
            : Task.CompletedTask;
}
