using System.CommandLine;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using IndustryGraph.Domain.Access;
using IndustryGraph.Domain.Audit;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Cli;
using IndustryGraph.Server.Hosting;
using IndustryGraph.Server.Transfer;
using IndustryGraph.Storage.Neo4j;

namespace IndustryGraph.Server.Neo4j;

/// <summary><c>neo4j schema</c>, <c>neo4j init</c> and <c>migrate --from sqlite --to neo4j</c>.</summary>
public static class Neo4jCommands
{
    public static IEnumerable<Command> Build() => [Neo4jCommand(), MigrateCommand()];

    private static Command Neo4jCommand()
    {
        var schema = new Command("schema", "Print the constraints and indexes the Neo4j store needs (uniqueness on keys, full-text on names and aliases with the CJK analyzer).");
        schema.SetAction(_ =>
        {
            foreach (var statement in Neo4jSchema.Statements)
            {
                Console.WriteLine(statement + ";");
            }

            return 0;
        });

        var options = new StoreOptions();
        var init = new Command("init", "Apply those constraints and indexes to --neo4j-url/--neo4j-database (each is IF NOT EXISTS: running it again changes nothing).");
        options.AddTo(init);
        init.SetAction((parse, cancellationToken) =>
        {
            var settings = options.Read(parse) with { Kind = StoreKind.Neo4j };
            return CommandLine.WithStoreAsync(settings, async services =>
            {
                var schema = services.GetRequiredService<IStoreSchema>();
                await schema.ApplyAsync(cancellationToken);
                Console.WriteLine($"Applied {schema.Statements.Count} constraints and indexes to {services.GetRequiredService<IGraphStore>().Location}.");
                return 0;
            });
        });
        return new Command("neo4j", "The Neo4j store's schema.") { schema, init };
    }

    private static Command MigrateCommand()
    {
        var from = new Option<string>("--from") { Description = "The store to copy from.", DefaultValueFactory = _ => "sqlite" };
        from.AcceptOnlyFromAmong("sqlite");
        var to = new Option<string>("--to") { Description = "The store to copy into.", DefaultValueFactory = _ => "neo4j" };
        to.AcceptOnlyFromAmong("neo4j");
        var options = new StoreOptions();
        var command = new Command("migrate", "Copy the SQLite store (--db) into Neo4j (--neo4j-url, --neo4j-database): API keys by name (hashes, roles), the audit trail by entry id, then the graph by stable keys in one transaction; in batches with progress; running it again changes nothing.")
        {
            from, to,
        };
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var settings = options.Read(parse);
            if (settings.IsMissingFile)
            {
                Console.Error.WriteLine($"--db: {settings.DbPath} does not exist; nothing to migrate.");
                return Task.FromResult(1);
            }

            return CommandLine.WithStoreAsync(settings with { Kind = StoreKind.Sqlite }, source =>
                CommandLine.WithStoreAsync(settings with { Kind = StoreKind.Neo4j }, target => MigrateAsync(source, target, cancellationToken)));
        });
        return command;
    }

    /// <summary>Rows per write of keys and audit entries.</summary>
    public const int BatchSize = 1_000;

    /// <summary>
    /// Copies, through the ports only: API keys by name (with their hashes, roles and creation times), the audit trail
    /// by entry id, then the graph by stable keys. The audit trail goes first so the entries the graph's import writes
    /// get ids after the copied ones. Before anything is written, an audit id the target holds with different content
    /// stops the run (the target has a trail of its own), so nothing is half-copied for that reason.
    /// </summary>
    public static async Task<int> MigrateAsync(IServiceProvider source, IServiceProvider target, CancellationToken cancellationToken)
    {
        var (sourceStore, targetStore) = (source.GetRequiredService<IGraphStore>(), target.GetRequiredService<IGraphStore>());
        var (sourceAudit, targetAudit) = (source.GetRequiredService<IAuditTrail>(), target.GetRequiredService<IAuditTrail>());
        var (sourceKeys, targetKeys) = (source.GetRequiredService<IApiKeyStore>(), target.GetRequiredService<IApiKeyStore>());
        var clock = Stopwatch.StartNew();
        using var progress = ProgressReporter.Create("migrate");

        progress.Phase($"comparing the audit trails of {sourceStore.Location} and {targetStore.Location}");
        var held = new Dictionary<long, AuditEntry>();
        await foreach (var batch in ReadAuditAsync(targetAudit, cancellationToken))
        {
            foreach (var entry in batch)
            {
                held[entry.Id] = entry;
            }
        }

        long auditTotal = 0;
        await foreach (var batch in ReadAuditAsync(sourceAudit, cancellationToken))
        {
            auditTotal += batch.Count;
            if (batch.FirstOrDefault(entry => held.TryGetValue(entry.Id, out var other) && other != entry) is { } conflict)
            {
                progress.Dispose();
                await Console.Error.WriteLineAsync($"migrate: audit entry {conflict.Id} of {sourceStore.Location} ({conflict.At:O}, {conflict.Actor}, {conflict.Action}) " +
                    $"differs from entry {conflict.Id} already in {targetStore.Location} ({held[conflict.Id].At:O}, {held[conflict.Id].Actor}, {held[conflict.Id].Action}): " +
                    "the target keeps an audit trail of its own. Nothing was written; migrate into an empty database.");
                return 1;
            }
        }

        var keys = await sourceKeys.ReadStoredKeysAsync(cancellationToken);
        var keysOnlyInTarget = (await targetKeys.ListKeysAsync(cancellationToken)).Select(key => key.Name).Except(keys.Select(stored => stored.Key.Name), StringComparer.Ordinal).ToList();
        progress.Phase($"writing {keys.Count:N0} API keys");
        progress.Start(keys.Count);
        long written = 0;
        foreach (var batch in keys.Chunk(BatchSize))
        {
            await targetKeys.WriteStoredKeysAsync(batch, cancellationToken);
            progress.Report(written += batch.Length);
        }

        progress.Phase($"writing {auditTotal:N0} audit entries (ids the target holds already are skipped)");
        progress.Start(auditTotal);
        written = 0;
        long copied = 0;
        await foreach (var batch in ReadAuditAsync(sourceAudit, cancellationToken))
        {
            var missing = batch.Where(entry => !held.ContainsKey(entry.Id)).ToList();
            if (missing.Count > 0)
            {
                await targetAudit.WriteAuditAsync(missing, cancellationToken);
                copied += missing.Count;
            }

            progress.Report(written += batch.Count);
        }

        progress.Phase($"reading {sourceStore.Location}");
        var graph = await sourceStore.ReadAllAsync(cancellationToken);
        progress.Phase($"writing {graph.Entities.Count:N0} entities, {graph.Relationships.Count:N0} relationships, {graph.Facts.Count:N0} facts, {graph.Placements.Count:N0} placements to {targetStore.Location}");
        progress.Start(graph.RowCount);
        var summary = await targetStore.ImportAsync(graph, new ImportOptions(ImportMode.Merge) { Origin = $"migrate from {sourceStore.Location}", Progress = progress }, cancellationToken);
        progress.Dispose();
        Console.WriteLine($"Migrated {sourceStore.Location} to {targetStore.Location}: {ImportCommand.Describe(summary)}; data version {summary.DataVersion}; " +
            $"{keys.Count:N0} API keys written by name; {copied:N0} of {auditTotal:N0} audit entries copied by id (the rest were there already); {clock.Elapsed.TotalSeconds:0.0} s.");
        if (keysOnlyInTarget.Count > 0)
        {
            // Revoking deletes a key, so the source cannot say whether these were revoked there or made on the target.
            Console.WriteLine($"Keys in {targetStore.Location} that {sourceStore.Location} does not hold (left as they are; revoke them with keys revoke --store neo4j if they were revoked): {string.Join(", ", keysOnlyInTarget)}.");
        }

        return 0;
    }

    private static async IAsyncEnumerable<IReadOnlyList<AuditEntry>> ReadAuditAsync(IAuditTrail trail, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (long after = 0; ;)
        {
            var batch = await trail.ReadAuditAfterAsync(after, BatchSize, cancellationToken);
            if (batch.Count == 0)
            {
                yield break;
            }

            yield return batch;
            after = batch[^1].Id;
        }
    }
}
