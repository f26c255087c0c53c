using System.Globalization;
using System.Text;
using IndustryGraph.Domain.Access;
using IndustryGraph.Domain.Audit;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;
using IndustryGraph.Domain.Seed;
using IndustryGraph.Domain.Store;

namespace IndustryGraph.Storage.Neo4j;

/// <summary>
/// The store port on Neo4j 5, through <see cref="QueryApiTransport"/>. Reads are single statements; every write
/// (an import, an edit) is one explicit transaction that first takes the graph's write lock, writes its audit
/// entries with the change and bumps the data version before it commits. Snapshots check the version around each
/// read (<see cref="VersionCheckedSnapshot"/>): the Query API cannot hold one read version across requests.
/// </summary>
public sealed class Neo4jGraphStore(QueryApiTransport transport, Neo4jSettings settings) : TransactionalGraphEditor, IGraphStore, IApiKeyStore, IAuditTrail, IStoreSchema
{
    private const int MaxAttempts = 3;

    public string Location => settings.ToString();

    private static Dictionary<string, object?> Parameters(params (string Name, object? Value)[] values)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal) { ["meta"] = CypherModel.MetaId };
        foreach (var (name, value) in values)
        {
            parameters[name] = value;
        }

        return parameters;
    }

    private Task<QueryResult> RunAsync(string statement, CancellationToken cancellationToken, params (string Name, object? Value)[] values) =>
        transport.RunAsync(new CypherStatement(statement, Parameters(values)), cancellationToken);

    // Reads.
    public async Task<long> GetDataVersionAsync(CancellationToken cancellationToken = default) =>
        (await RunAsync(CypherModel.DataVersion, cancellationToken).ConfigureAwait(false)).Scalar("version", 0L);

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<PlacementRecord>>> GetPlacementsAsync(IReadOnlyCollection<string> enterpriseKeys, CancellationToken cancellationToken = default)
    {
        if (enterpriseKeys.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<PlacementRecord>>();
        }

        var result = await RunAsync(CypherModel.PlacementsByEnterprise, cancellationToken, ("keys", enterpriseKeys.Distinct().ToArray())).ConfigureAwait(false);
        return result.Records.Select(record => CypherModel.ReadPlacement((GraphNode)record["p"]!))
            .GroupBy(record => record.EnterpriseKey, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => (IReadOnlyList<PlacementRecord>)[.. group.Order(PlacementRecords.BestFirst)], StringComparer.Ordinal);
    }

    public async Task<IReadOnlyDictionary<string, Entity>> GetEntitiesAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(CypherModel.EntitiesByKey, cancellationToken, ("keys", keys.Distinct().ToArray())).ConfigureAwait(false);
        return result.Records.Select(record => CypherModel.ReadEntity((GraphNode)record["n"]!)).ToDictionary(entity => entity.Key, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<Fact>>> GetFactsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(CypherModel.FactsByEntity, cancellationToken, ("keys", keys.Distinct().ToArray())).ConfigureAwait(false);
        return result.Records.Select(record => CypherModel.ReadFact((GraphNode)record["f"]!))
            .GroupBy(fact => fact.EntityKey, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => (IReadOnlyList<Fact>)group.ToList(), StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(
        IReadOnlyCollection<string> keys, Direction? direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken = default)
    {
        var statement = direction switch
        {
            Direction.Out => CypherModel.RelationshipsOut,
            Direction.In => CypherModel.RelationshipsIn,
            _ => CypherModel.RelationshipsBoth,
        };
        var result = await RunAsync(statement, cancellationToken, ("keys", keys.Distinct().ToArray()), ("types", types?.ToArray())).ConfigureAwait(false);
        return [.. result.Records.Select(CypherModel.ReadRelationship)];
    }

    public async Task<IReadOnlyList<Entity>> FindByNameAsync(string text, EntityKind? kind, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(CypherModel.FindByName, cancellationToken, ("text", text.Trim()), ("kind", kind?.ToCode())).ConfigureAwait(false);
        return [.. result.Records.Select(record => CypherModel.ReadEntity((GraphNode)record["n"]!))];
    }

    public async Task<IReadOnlyList<SearchMatch>> SearchAsync(string text, IReadOnlyCollection<EntityKind>? kinds, int first, CancellationToken cancellationToken = default)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return [];
        }

        var kindCodes = kinds?.Select(kind => kind.ToCode()).ToArray();
        var result = trimmed.Length >= 2
            ? await RunAsync(CypherModel.SearchFullText, cancellationToken, ("query", FullTextPhrase(trimmed)), ("text", trimmed), ("kinds", kindCodes), ("first", (long)first)).ConfigureAwait(false)
            : await RunAsync(CypherModel.SearchScan, cancellationToken, ("text", trimmed), ("kinds", kindCodes), ("first", (long)first)).ConfigureAwait(false);
        return [.. result.Records.Select(record => new SearchMatch(CypherModel.ReadEntity((GraphNode)record["node"]!), Convert.ToDouble(record["score"], CultureInfo.InvariantCulture)))];
    }

    /// <summary>The user's text as one Lucene phrase: every Lucene operator character escaped, so text is only ever text.</summary>
    public static string FullTextPhrase(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            if (c is '\\' or '"')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('"').ToString();
    }

    public async Task<EntityPage> ListEntitiesAsync(EntityListQuery query, CancellationToken cancellationToken = default)
    {
        var byFact = query.OrderByFact is not null;
        (double Number, string Name, string? Key) Cursor(PageCursor? cursor) => cursor is null
            ? (0, "", null)
            : byFact ? (double.Parse(cursor.SortValue, CultureInfo.InvariantCulture), "", cursor.Key) : (0, cursor.SortValue, cursor.Key);
        var (afterNumber, afterName, afterKey) = Cursor(query.After);
        var (beforeNumber, beforeName, beforeKey) = Cursor(query.Before);
        var backward = query.FromEnd;
        var result = await RunAsync(CypherModel.ListPage(query.Descending ^ backward), cancellationToken,
            ("kind", query.Kind.ToCode()), ("isPlace", query.Kind is EntityKind.Park or EntityKind.District),
            ("district", query.InDistrict), ("park", query.InPark), ("chain", query.InChain), ("link", query.InLink), ("tag", query.Tag),
            ("withFactKey", query.WithFact?.Key), ("withFactValue", query.WithFact?.Value),
            ("contains", string.IsNullOrWhiteSpace(query.NameContains) ? null : query.NameContains.Trim()),
            ("factKey", query.OrderByFact), ("descending", query.Descending),
            ("afterNumber", afterNumber), ("afterName", afterName), ("afterKey", afterKey),
            ("beforeNumber", beforeNumber), ("beforeName", beforeName), ("beforeKey", beforeKey),
            ("limit", (long)query.Limit + 1)).ConfigureAwait(false);
        var record = result.Records.FirstOrDefault();
        var total = record?["total"] is long count ? (int)count : 0;
        var items = (record?["page"] as List<object?> ?? []).OfType<Dictionary<string, object?>>().Select(row =>
        {
            var entity = CypherModel.ReadEntity((GraphNode)row["node"]!);
            var sortValue = byFact ? CypherModel.Number(Convert.ToDouble(row["sortNumber"], CultureInfo.InvariantCulture)) : (string)row["sortName"]!;
            return (entity, new PageCursor(sortValue, entity.Key));
        }).ToList();
        return EntityPage.FromProbe(items, total, query);
    }

    public Task<GraphDataset> ReadAllAsync(CancellationToken cancellationToken = default) =>
        ReadAllWithAsync(statement => RunAsync(statement, cancellationToken));

    /// <summary>The whole graph through <paramref name="run"/> (alone, or inside a write transaction).</summary>
    private static async Task<GraphDataset> ReadAllWithAsync(Func<string, Task<QueryResult>> run)
    {
        var entities = await run(CypherModel.AllEntities).ConfigureAwait(false);
        var facts = await run(CypherModel.AllFacts).ConfigureAwait(false);
        var relationships = await run(CypherModel.AllRelationships).ConfigureAwait(false);
        var placements = await run(CypherModel.AllPlacements).ConfigureAwait(false);
        return new GraphDataset(
            [.. entities.Records.Select(record => CypherModel.ReadEntity((GraphNode)record["n"]!))],
            [.. facts.Records.Select(record => CypherModel.ReadFact((GraphNode)record["f"]!))],
            [.. relationships.Records.Select(CypherModel.ReadRelationship)])
        {
            Placements = [.. placements.Records.Select(record => CypherModel.ReadPlacement((GraphNode)record["p"]!))],
        };
    }

    public Task<IGraphSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken = default) => VersionCheckedSnapshot.OpenAsync(this, cancellationToken);

    public async Task<IReadOnlyDictionary<string, KnownEntity>> ReadKnownEntitiesAsync(CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(CypherModel.KnownEntities, cancellationToken).ConfigureAwait(false);
        var known = new Dictionary<string, KnownEntity>(StringComparer.Ordinal);
        foreach (var record in result.Records)
        {
            EntityKindNames.TryParse(record["kind"] as string ?? "", out var kind);
            known[(string)record["key"]!] = new KnownEntity(kind, record["chain"] as string);
        }

        return known;
    }

    public async Task<StoreCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        var record = (await RunAsync(CypherModel.Counts, cancellationToken).ConfigureAwait(false)).Records.FirstOrDefault();
        long Count(string field) => record?[field] is long value ? value : 0;
        return new StoreCounts(Count("entities"), Count("relationships"), Count("facts"), Count("version"));
    }

    // Writes.
    /// <summary>
    /// One unit of work in one explicit transaction that begins by taking the graph's write lock. A transient
    /// Neo4j error (a deadlock, a leader change) runs the whole unit again, up to <see cref="MaxAttempts"/> times.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<QueryApiTransaction, long, Task<(T Result, bool Commit)>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await transport.BeginAsync(new CypherStatement(CypherModel.Lock, Parameters()), cancellationToken).ConfigureAwait(false);
                var version = transaction.First.Scalar("version", 0L);
                var (result, commit) = await work(transaction, version).ConfigureAwait(false);
                if (commit)
                {
                    await transaction.CommitAsync(null, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                }

                return result;
            }
            catch (Neo4jQueryException exception) when (exception.IsTransient && attempt < MaxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static CypherStatement Statement(string text, params (string Name, object? Value)[] values) => new(text, Parameters(values));

    private async Task RunBatchesAsync(QueryApiTransaction transaction, string statement, string parameter, IEnumerable<object> rows, IProgress<long>? progress, Counter counter, CancellationToken cancellationToken)
    {
        foreach (var batch in rows.Chunk(settings.BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await transaction.RunAsync(Statement(statement, (parameter, batch)), cancellationToken).ConfigureAwait(false);
            counter.Rows += batch.Length;
            progress?.Report(counter.Rows);
        }
    }

    private sealed class Counter
    {
        public long Rows { get; set; }
    }

    private static async Task<long> FinishAsync(QueryApiTransaction transaction, IReadOnlyList<Dictionary<string, object?>> audit, CancellationToken cancellationToken)
    {
        if (audit.Count == 0)
        {
            return -1;
        }

        await transaction.RunAsync(Statement(CypherModel.WriteAudit, ("entries", audit)), cancellationToken).ConfigureAwait(false);
        return (await transaction.RunAsync(Statement(CypherModel.BumpVersion), cancellationToken).ConfigureAwait(false)).Scalar("version", 0L);
    }

    // Fixed-width UTC text sorts in time order, as on the embedded store.
    private static string FormatTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static Dictionary<string, object?> AuditRow(DateTimeOffset at, string actor, string action, string? entityKey, string? field, string? before, string? after, SourceRef? provenance) =>
        new(StringComparer.Ordinal)
        {
            ["at"] = FormatTime(at), ["actor"] = actor, ["action"] = action, ["entity_key"] = entityKey, ["field"] = field,
            ["before"] = before, ["after"] = after, ["provenance"] = provenance is null ? null : CypherModel.SourcesJson([provenance]),
        };

    /// <summary>
    /// Reads the graph inside the write transaction, plans the import (<see cref="ImportPlan"/>: the embedded store's
    /// rules) and writes it in batches of <see cref="Neo4jSettings.BatchSize"/> rows with its audit entries; a dry run
    /// rolls all of it back. The stream is read whole before the server's transaction opens: the plan needs all of it,
    /// and data that turns out invalid never reaches the server.
    /// </summary>
    public async Task<ImportSummary> ImportAsync(ImportStream data, ImportOptions options, CancellationToken cancellationToken = default)
    {
        var (dataset, suggestedFor) = await data.ReadWholeAsync(cancellationToken).ConfigureAwait(false);
        return await WriteImportAsync(dataset, suggestedFor, options, cancellationToken).ConfigureAwait(false);
    }

    private Task<ImportSummary> WriteImportAsync(GraphDataset dataset, IReadOnlyList<string> suggestedFor, ImportOptions options, CancellationToken cancellationToken) =>
        WriteAsync<ImportSummary>(async (transaction, before) =>
        {
            var current = await ReadAllWithAsync(statement => transaction.RunAsync(Statement(statement), cancellationToken)).ConfigureAwait(false);
            var plan = ImportPlan.Compute(current, dataset, options.Mode, suggestedFor);
            options.Trace?.Invoke($"plan: {plan.Summary}");
            var counter = new Counter();
            foreach (var keys in plan.EntitiesToRemove.Chunk(settings.BatchSize))
            {
                await transaction.RunAsync(Statement(CypherModel.RemovePlacementsOfEntities, ("keys", keys)), cancellationToken).ConfigureAwait(false);
            }

            await RunBatchesAsync(transaction, CypherModel.RemoveEntities, "keys", plan.EntitiesToRemove, options.Progress, counter, cancellationToken).ConfigureAwait(false);
            await RunBatchesAsync(transaction, CypherModel.RemoveRelationships, "rows", plan.RelationshipsToRemove.Select(CypherModel.RelationshipRow), options.Progress, counter, cancellationToken).ConfigureAwait(false);
            await RunBatchesAsync(transaction, CypherModel.RemoveFacts, "ids", plan.FactsToRemove.Select(CypherModel.FactId), options.Progress, counter, cancellationToken).ConfigureAwait(false);
            foreach (var kind in plan.EntitiesToWrite.GroupBy(entity => entity.Kind))
            {
                await RunBatchesAsync(transaction, CypherModel.WriteEntities(kind.Key), "rows", kind.Select(CypherModel.EntityRow), options.Progress, counter, cancellationToken).ConfigureAwait(false);
            }

            foreach (var type in plan.RelationshipsToWrite.GroupBy(edge => edge.Type, StringComparer.Ordinal))
            {
                await RunBatchesAsync(transaction, CypherModel.WriteRelationships(type.Key), "rows", type.Select(CypherModel.RelationshipRow), options.Progress, counter, cancellationToken).ConfigureAwait(false);
            }

            await RunBatchesAsync(transaction, CypherModel.AddFacts, "rows", plan.FactsToAdd.Select(CypherModel.FactRow), options.Progress, counter, cancellationToken).ConfigureAwait(false);
            await RunBatchesAsync(transaction, CypherModel.RemovePlacements, "rows", plan.PlacementsToRemove.Select(CypherModel.PlacementPair), options.Progress, counter, cancellationToken).ConfigureAwait(false);
            await RunBatchesAsync(transaction, CypherModel.WritePlacements, "rows", plan.PlacementsToWrite.Select(CypherModel.PlacementRow), options.Progress, counter, cancellationToken).ConfigureAwait(false);

            var version = before;
            if (plan.Changed)
            {
                var at = DateTimeOffset.UtcNow;
                List<Dictionary<string, object?>> audit =
                [
                    AuditRow(at, options.Actor, options.Mode == ImportMode.Replace ? "import --replace" : "import", null, options.Origin,
                        $"data version {before}", $"{plan.Summary} (data version {before + 1})", null),
                    .. plan.Changes.Select(change => AuditRow(at, options.Actor, change.Action, change.EntityKey, change.Field, change.Before, change.After, null)),
                ];
                version = await FinishAsync(transaction, audit, cancellationToken).ConfigureAwait(false);
            }

            return (plan.Summary with { DataVersion = version }, !options.DryRun);
        }, cancellationToken);

    /// <summary>Deletes everything the adapter keeps (graph, version, keys, audit trail): for the contract tests' throwaway database only.</summary>
    public Task EraseAllAsync(CancellationToken cancellationToken = default) => RunAsync(CypherModel.RemoveEverything, cancellationToken);

    protected override Task<T> EditAsync<T>(EditContext context, Func<IEditSession, EditAudit, Task<T>> edit, CancellationToken cancellationToken) =>
        WriteAsync<T>(async (transaction, _) =>
        {
            var audit = new EditAudit();
            var result = await edit(new Neo4jEditSession(transaction, cancellationToken), audit).ConfigureAwait(false);
            var at = DateTimeOffset.UtcNow;
            await FinishAsync(transaction, [.. audit.Entries.Select(entry => AuditRow(at, context.Actor, entry.Action, entry.EntityKey, entry.Field, entry.Before, entry.After, context.Provenance))],
                cancellationToken).ConfigureAwait(false);
            return (result, true);
        }, cancellationToken);

    /// <summary>An edit's reads and writes, each a statement of the edit's transaction, written in the model's statements.</summary>
    private sealed class Neo4jEditSession(QueryApiTransaction transaction, CancellationToken cancellationToken) : IEditSession
    {
        private readonly Dictionary<Fact, string> factIds = new(ReferenceEqualityComparer.Instance);

        private Task<QueryResult> RunAsync(string statement, params (string Name, object? Value)[] values) =>
            transaction.RunAsync(Statement(statement, values), cancellationToken);

        public async Task<Entity?> FindEntityAsync(string key) =>
            (await RunAsync(CypherModel.EntityByKey, ("key", key)).ConfigureAwait(false)).Records.Select(record => CypherModel.ReadEntity((GraphNode)record["n"]!)).FirstOrDefault();

        public Task InsertEntityAsync(Entity entity) => RunAsync(CypherModel.WriteEntities(entity.Kind), ("rows", new[] { CypherModel.EntityRow(entity) }));

        public Task UpdateEntityAsync(Entity before, Entity after) => InsertEntityAsync(after);

        public async Task<(int Facts, int Relationships)> DeleteEntityAsync(Entity entity)
        {
            var record = (await RunAsync(CypherModel.CountAttached, ("key", entity.Key)).ConfigureAwait(false)).Records.FirstOrDefault();
            await RunAsync(CypherModel.RemovePlacementsOfEntities, ("keys", new[] { entity.Key })).ConfigureAwait(false);
            await RunAsync(CypherModel.RemoveEntities, ("keys", new[] { entity.Key })).ConfigureAwait(false);
            return (record?["facts"] is long facts ? (int)facts : 0, record?["relationships"] is long relationships ? (int)relationships : 0);
        }

        public async Task<IReadOnlyList<Fact>> FindFactsAsync(string entityKey, string key, string? asOf)
        {
            var found = new List<Fact>();
            foreach (var node in (await RunAsync(CypherModel.FactsByEntity, ("keys", new[] { entityKey })).ConfigureAwait(false)).Records.Select(record => (GraphNode)record["f"]!))
            {
                var fact = CypherModel.ReadFact(node);
                if (fact.Key == key && (asOf is null || fact.AsOf == asOf))
                {
                    // Deleted by the id it is stored under, whatever reading it back would compute.
                    factIds[fact] = node.Properties.TryGetValue("id", out var id) && id is string stored ? stored : CypherModel.FactId(fact);
                    found.Add(fact);
                }
            }

            return found;
        }

        public Task InsertFactAsync(Fact fact) => RunAsync(CypherModel.AddFacts, ("rows", new[] { CypherModel.FactRow(fact) }));

        public async Task UpdateFactAsync(Fact before, Fact after)
        {
            await DeleteFactAsync(before).ConfigureAwait(false);
            await InsertFactAsync(after).ConfigureAwait(false);
        }

        public Task DeleteFactAsync(Fact fact) => RunAsync(CypherModel.RemoveFacts, ("ids", new[] { factIds.GetValueOrDefault(fact) ?? CypherModel.FactId(fact) }));

        public async Task<IReadOnlyList<SourceRef>?> FindRelationshipAsync(string fromKey, string type, string toKey) =>
            (await RunAsync(CypherModel.RelationshipSources, ("from", fromKey), ("type", type), ("to", toKey)).ConfigureAwait(false)).Records
                .Select(record => CypherModel.ReadSources(record["sources"] as string)).FirstOrDefault();

        public Task InsertRelationshipAsync(Relationship relationship) =>
            RunAsync(CypherModel.WriteRelationships(relationship.Type), ("rows", new[] { CypherModel.RelationshipRow(relationship) }));

        public async Task UpdateRelationshipAsync(string fromKey, string type, string toKey, string newType, IReadOnlyList<SourceRef> sources)
        {
            if (newType != type)
            {
                await DeleteRelationshipAsync(fromKey, type, toKey).ConfigureAwait(false);
            }

            await InsertRelationshipAsync(new Relationship(fromKey, newType, toKey, sources)).ConfigureAwait(false);
        }

        public Task DeleteRelationshipAsync(string fromKey, string type, string toKey) =>
            RunAsync(CypherModel.RemoveRelationships, ("rows", new[] { CypherModel.RelationshipRow(new Relationship(fromKey, type, toKey, [])) }));

        public async Task<PlacementRecord?> FindPlacementAsync(string enterpriseKey, string linkKey) =>
            (await RunAsync(CypherModel.PlacementByPair, ("enterprise", enterpriseKey), ("link", linkKey)).ConfigureAwait(false)).Records
                .Select(record => CypherModel.ReadPlacement((GraphNode)record["p"]!)).FirstOrDefault();

        public Task WritePlacementAsync(PlacementRecord record) => RunAsync(CypherModel.WritePlacements, ("rows", new[] { CypherModel.PlacementRow(record) }));
    }

    // API keys.
    public async Task<bool> AddKeyAsync(ApiKey key, string hash, CancellationToken cancellationToken = default) =>
        (await RunAsync(CypherModel.AddKey, cancellationToken, ("name", key.Name), ("role", key.Role.ToString().ToLowerInvariant()), ("hash", hash),
            ("at", key.CreatedAt.ToString("O", CultureInfo.InvariantCulture))).ConfigureAwait(false)).Scalar("created", 0L) == 1;

    public async Task<bool> RevokeKeyAsync(string name, CancellationToken cancellationToken = default) =>
        (await RunAsync(CypherModel.RevokeKey, cancellationToken, ("name", name)).ConfigureAwait(false)).Scalar("revoked", 0L) >= 1;

    public async Task<IReadOnlyList<ApiKey>> ListKeysAsync(CancellationToken cancellationToken = default) =>
        [.. (await RunAsync(CypherModel.ListKeys, cancellationToken).ConfigureAwait(false)).Records.Select(ReadKey)];

    public async Task<ApiKey?> FindKeyAsync(string hash, CancellationToken cancellationToken = default) =>
        (await RunAsync(CypherModel.FindKey, cancellationToken, ("hash", hash)).ConfigureAwait(false)).Records.Select(ReadKey).FirstOrDefault();

    public async Task<IReadOnlyList<StoredApiKey>> ReadStoredKeysAsync(CancellationToken cancellationToken = default) =>
        [.. (await RunAsync(CypherModel.ReadStoredKeys, cancellationToken).ConfigureAwait(false)).Records.Select(record => new StoredApiKey(ReadKey(record), (string)record["hash"]!))];

    public Task WriteStoredKeysAsync(IReadOnlyCollection<StoredApiKey> keys, CancellationToken cancellationToken = default) =>
        RunAsync(CypherModel.WriteStoredKeys, cancellationToken, ("keys", keys.Select(stored => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = stored.Key.Name, ["role"] = stored.Key.Role.ToString().ToLowerInvariant(), ["hash"] = stored.Hash,
            ["created_at"] = stored.Key.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        }).ToArray()));

    private static ApiKey ReadKey(IReadOnlyDictionary<string, object?> record) => new(
        (string)record["name"]!, Enum.Parse<ApiRole>((string)record["role"]!, ignoreCase: true),
        DateTimeOffset.Parse((string)record["createdAt"]!, CultureInfo.InvariantCulture));

    // The audit trail.
    public async Task<AuditPage> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(CypherModel.QueryAudit, cancellationToken,
            ("entity", query.EntityKey), ("actor", query.Actor), ("from", query.From is { } from ? FormatTime(from) : null), ("to", query.To is { } to ? FormatTime(to) : null),
            ("afterId", query.AfterId), ("limit", (long)query.Limit + 1)).ConfigureAwait(false);
        var record = result.Records.FirstOrDefault();
        var entries = (record?["page"] as List<object?> ?? []).OfType<GraphNode>().Select(ReadAuditEntry).ToList();
        var hasNext = entries.Count > query.Limit;
        return new AuditPage(hasNext ? entries[..query.Limit] : entries, record?["total"] is long total ? (int)total : 0, hasNext);
    }

    private static AuditEntry ReadAuditEntry(GraphNode node)
    {
        var p = node.Properties;
        string? Text(string key) => p.TryGetValue(key, out var value) ? value as string : null;
        return new AuditEntry((long)p["id"]!, DateTimeOffset.Parse(Text("at")!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            Text("actor") ?? "", Text("action") ?? "", Text("entity_key"), Text("field"), Text("before"), Text("after"),
            Text("provenance") is { } json ? CypherModel.ReadSources(json).FirstOrDefault() : null);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAuditAfterAsync(long afterId, int limit, CancellationToken cancellationToken = default) =>
        [.. (await RunAsync(CypherModel.ReadAuditAfter, cancellationToken, ("afterId", afterId), ("limit", (long)limit)).ConfigureAwait(false)).Records
            .Select(record => ReadAuditEntry((GraphNode)record["a"]!))];

    /// <summary>In a write transaction (which takes the lock, so no edit takes an id from the sequence meanwhile).</summary>
    public Task WriteAuditAsync(IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken = default) =>
        WriteAsync<bool>(async (transaction, _) =>
        {
            if (entries.Count > 0)
            {
                var rows = entries.Select(entry =>
                {
                    var row = AuditRow(entry.At, entry.Actor, entry.Action, entry.EntityKey, entry.Field, entry.Before, entry.After, entry.Provenance);
                    row["id"] = entry.Id;
                    return row;
                }).ToArray();
                await transaction.RunAsync(Statement(CypherModel.WriteAuditAsIs, ("entries", rows)), cancellationToken).ConfigureAwait(false);
            }

            return (true, true);
        }, cancellationToken);

    public IReadOnlyList<string> Statements => Neo4jSchema.Statements;

    /// <summary>Applies <see cref="Neo4jSchema"/> (<c>neo4j init</c>); each statement is idempotent.</summary>
    public async Task ApplyAsync(CancellationToken cancellationToken = default)
    {
        foreach (var statement in Neo4jSchema.Statements)
        {
            await transport.RunAsync(new CypherStatement(statement), cancellationToken).ConfigureAwait(false);
        }
    }
}
