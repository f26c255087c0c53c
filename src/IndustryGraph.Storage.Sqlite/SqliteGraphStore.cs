using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Search;
using IndustryGraph.Domain.Store;
using Microsoft.Data.Sqlite;

namespace IndustryGraph.Storage.Sqlite;

/// <summary>The embedded store: one SQLite file in WAL mode, read by many, written by one transaction at a time.</summary>
public sealed partial class SqliteGraphStore : IGraphStore, IDisposable
{
    private const string EntityColumns = "e.id, e.key, e.kind, e.name, e.aliases, e.tags, e.sources, e.chain_key, e.segment, e.position";
    private readonly string connectionString;
    private readonly string connectPragmas;
    private readonly StrongBox<long> roundTrips;
    private readonly PinnedConnection? pinned;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> counts;
    private readonly ReadConnections readConnections;
    private StoreFileIdentity? fileIdentity;

    private SqliteGraphStore(string path, SqliteStoreOptions options)
    {
        Path = path;
        roundTrips = new StrongBox<long>();
        counts = new(StringComparer.Ordinal);
        searchIndex = new SearchIndexHolder();
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        connectPragmas = FormattableString.Invariant($"PRAGMA foreign_keys = OFF; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}");
        readConnections = new ReadConnections(ConnectForRead);
    }

    /// <summary>A view of <paramref name="store"/> whose reads all go through one pinned read transaction.</summary>
    private SqliteGraphStore(SqliteGraphStore store, PinnedConnection pinned)
    {
        Path = store.Path;
        connectionString = store.connectionString;
        connectPragmas = store.connectPragmas;
        roundTrips = store.roundTrips;
        counts = store.counts;
        searchIndex = store.searchIndex;
        readConnections = store.readConnections;
        fileIdentity = store.fileIdentity;
        this.pinned = pinned;
    }

    /// <summary>Closes the read connections kept open; a pinned view leaves them to the store it came from.</summary>
    public void Dispose()
    {
        if (pinned is null)
        {
            readConnections.Dispose();
            fileIdentity?.Dispose();
        }
    }

    public string Path { get; }

    public string Location => Path;

    /// <summary>How many times the store has been asked something: the API's batching keeps this small.</summary>
    public long RoundTrips => Interlocked.Read(ref roundTrips.Value);

    /// <summary>Opens (creating when missing) the store at <paramref name="path"/> and brings its schema up to date.</summary>
    public static SqliteGraphStore Open(string path, SqliteStoreOptions? options = null)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var store = new SqliteGraphStore(path, options ?? new SqliteStoreOptions());
        using var connection = store.Connect();
        Exec(connection, "PRAGMA journal_mode = WAL");
        Migrations.Apply(connection);
        store.fileIdentity = StoreFileIdentity.Open(path);
        return store;
    }

    /// <summary>Why the store can no longer be written: its file deleted or replaced since it was opened; null while it is the same file.</summary>
    public StorageFault? CheckStorage() => fileIdentity?.Check();

    /// <summary>A connection for a write: refused once the store's file is gone or replaced, so no write is acknowledged into it.</summary>
    private SqliteConnection ConnectForWrite()
    {
        if (CheckStorage() is { } fault)
        {
            throw new StoreFileMovedException(fault);
        }

        return ConnectCounted();
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        Exec(connection, connectPragmas);
        return connection;
    }

    private SqliteConnection ConnectCounted()
    {
        Interlocked.Increment(ref roundTrips.Value);
        return Connect();
    }

    /// <summary>
    /// A pooled connection for reads only: no PRAGMAs (they matter to writers; foreign keys are off by default and
    /// busy waits come from the connection's timeout), so taking one costs the pool and nothing more.
    /// </summary>
    private SqliteConnection ConnectForRead()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>
    /// A connection for one read: a kept one (<see cref="ReadConnections"/>), or in a snapshot the pinned one, taken
    /// in turn because the engine runs a level's loaders concurrently and a connection serves one command at a time.
    /// </summary>
    private async ValueTask<ReadLease> LeaseAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref roundTrips.Value);
        if (pinned is null)
        {
            return new ReadLease(readConnections.Rent(), null, readConnections);
        }

        await pinned.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new ReadLease(pinned.Connection, pinned.Gate, null);
    }

    /// <summary>A read transaction for reads of several statements; a snapshot already has one.</summary>
    private static SqliteTransaction? BeginRead(ReadLease lease) => lease.IsPinned ? null : lease.Connection.BeginTransaction(deferred: true);

    private sealed class ReadLease(ReadConnection connection, SemaphoreSlim? gate, ReadConnections? owner) : IAsyncDisposable
    {
        public SqliteConnection Connection => connection.Connection;

        public bool IsPinned => gate is not null;

        /// <inheritdoc cref="ReadConnection.Prepared"/>
        public SqliteCommand Prepared(string sql, SqliteTransaction? transaction, params ReadOnlySpan<(string Name, object? Value)> parameters) =>
            connection.Prepared(sql, transaction, parameters);

        public ValueTask DisposeAsync()
        {
            if (gate is null)
            {
                owner!.Return(connection);
                return ValueTask.CompletedTask;
            }

            gate.Release();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class PinnedConnection(ReadConnection connection, long version)
    {
        public ReadConnection Connection => connection;

        public long Version => version;

        public SemaphoreSlim Gate { get; } = new(1, 1);
    }

    public async Task<IGraphSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken = default)
    {
        var connection = readConnections.Rent();
        // A raw BEGIN (not an ADO.NET transaction), so the reads' commands need no transaction object; the
        // version read inside it fixes the WAL snapshot every later read of this request sees. One round-trip.
        long version;
        try
        {
            var begin = connection.Prepared("BEGIN DEFERRED; " + DataVersionSql, null, []);
            version = long.Parse((string)(await begin.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!, CultureInfo.InvariantCulture);
        }
        catch
        {
            readConnections.Return(connection);
            throw;
        }

        return new Snapshot(new SqliteGraphStore(this, new PinnedConnection(connection, version)), connection, version);
    }

    private sealed class Snapshot(SqliteGraphStore reads, ReadConnection connection, long version) : IGraphSnapshot
    {
        public long Version => version;

        /// <summary>Read once when the snapshot was opened: it cannot change inside it.</summary>
        public Task<long> GetDataVersionAsync(CancellationToken cancellationToken = default) => Task.FromResult(version);

        public Task<IReadOnlyDictionary<string, Entity>> GetEntitiesAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
            reads.GetEntitiesAsync(keys, cancellationToken);

        public Task<IReadOnlyDictionary<string, IReadOnlyList<Domain.Placements.PlacementRecord>>> GetPlacementsAsync(IReadOnlyCollection<string> enterpriseKeys, CancellationToken cancellationToken = default) =>
            reads.GetPlacementsAsync(enterpriseKeys, cancellationToken);

        public Task<IReadOnlyDictionary<string, IReadOnlyList<Fact>>> GetFactsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
            reads.GetFactsAsync(keys, cancellationToken);

        public Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(
            IReadOnlyCollection<string> keys, Direction? direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken = default) =>
            reads.GetRelationshipsAsync(keys, direction, types, cancellationToken);

        public Task<IReadOnlyList<Entity>> FindByNameAsync(string text, EntityKind? kind, CancellationToken cancellationToken = default) =>
            reads.FindByNameAsync(text, kind, cancellationToken);

        public Task<EntityPage> ListEntitiesAsync(EntityListQuery query, CancellationToken cancellationToken = default) =>
            reads.ListEntitiesAsync(query, cancellationToken);

        public Task<IReadOnlyList<SearchMatch>> SearchAsync(string text, IReadOnlyCollection<EntityKind>? kinds, int first, CancellationToken cancellationToken = default) =>
            reads.SearchAsync(text, kinds, first, cancellationToken);

        public Task<GraphDataset> ReadAllAsync(CancellationToken cancellationToken = default) => reads.ReadAllAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await reads.pinned!.Gate.WaitAsync().ConfigureAwait(false);
            // An interrupted read (a cancelled request) may have ended the transaction already.
            if (connection.InTransaction)
            {
                connection.Prepared("ROLLBACK", null, []).ExecuteNonQuery();
            }

            reads.readConnections.Return(connection);
        }
    }

    private static void Exec(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>
    /// A LIMIT written into the statement's text, never bound: SQLite's planner takes a bound limit's value into
    /// account, so every new binding expires the statement and the next run parses and plans it again (three
    /// quarters of a one-item page's time in SQLite). Each limit is then a statement of its own, prepared once.
    /// </summary>
    private static string LimitClause(int limit) => limit.ToString(CultureInfo.InvariantCulture);

    private static string KeysJson(IEnumerable<string> keys) => StoredJson.Write(keys.Distinct().ToList());

    public async Task<long> GetDataVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var lease = await LeaseAsync(cancellationToken);
        return ReadDataVersion(lease, null);
    }

    private const string DataVersionSql = "SELECT value FROM meta WHERE key = 'data_version'";

    private static long ReadDataVersion(ReadLease lease, SqliteTransaction? transaction) =>
        long.Parse((string)lease.Prepared(DataVersionSql, transaction).ExecuteScalar()!, CultureInfo.InvariantCulture);

    private static long ReadDataVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = Command(connection, DataVersionSql);
        command.Transaction = transaction;
        return long.Parse((string)command.ExecuteScalar()!, CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyDictionary<string, Entity>> GetEntitiesAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        if (keys.Count == 0)
        {
            return new Dictionary<string, Entity>();
        }

        await using var lease = await LeaseAsync(cancellationToken);
        // One key (node(id:), a single reference) is a plain lookup: no JSON to write and no table-valued function.
        var command = keys.Count == 1
            ? lease.Prepared($"SELECT {EntityColumns} FROM entity e WHERE e.key = $key", null, ("$key", keys.First()))
            : lease.Prepared($"SELECT {EntityColumns} FROM entity e WHERE e.key IN (SELECT value FROM json_each($keys))", null, ("$keys", KeysJson(keys)));
        return ReadEntities(command).ToDictionary(entity => entity.Key, StringComparer.Ordinal);
    }

    private static List<Entity> ReadEntities(SqliteCommand command)
    {
        var result = new List<Entity>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(ReadEntity(reader));
        }

        return result;
    }

    private static Entity ReadEntity(SqliteDataReader reader)
    {
        EntityKindNames.TryParse(reader.GetString(2), out var kind);
        ChainLinkPlacement? link = null;
        if (!reader.IsDBNull(7) && EntityKindNames.TryParseSegment(reader.GetString(8), out var segment))
        {
            link = new ChainLinkPlacement(reader.GetString(7), segment, reader.GetInt32(9));
        }

        return new Entity(
            reader.GetString(1), kind, reader.GetString(3),
            StoredJson.ReadStrings(reader.GetString(4)), StoredJson.ReadStrings(reader.GetString(5)),
            StoredJson.ReadSources(reader.GetString(6)), link);
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<Fact>>> GetFactsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        if (keys.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<Fact>>();
        }

        await using var lease = await LeaseAsync(cancellationToken);
        var command = lease.Prepared("""
            SELECT e.key, f.key, f.value, f.number, f.unit, f.as_of, f.sources, f.about
            FROM fact f JOIN entity e ON e.id = f.entity_id
            WHERE e.key IN (SELECT value FROM json_each($keys))
            ORDER BY f.id
            """, null, ("$keys", KeysJson(keys)));
        return ReadFacts(command)
            .GroupBy(fact => fact.EntityKey, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => (IReadOnlyList<Fact>)group.ToList(), StringComparer.Ordinal);
    }

    private static List<Fact> ReadFacts(SqliteCommand command)
    {
        var result = new List<Fact>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new Fact(
                reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetDouble(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                StoredJson.ReadSources(reader.GetString(6)))
            { About = StoredJson.ReadStrings(reader.GetString(7)) });
        }

        return result;
    }

    public async Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(
        IReadOnlyCollection<string> keys, Direction? direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken = default)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        var sides = direction switch
        {
            Direction.Out => new[] { "from_id" },
            Direction.In => ["to_id"],
            _ => ["from_id", "to_id"],
        };
        var typeFilter = types is null ? "" : " AND r.type IN (SELECT value FROM json_each($types))";
        var sql = string.Join(" UNION ", sides.Select(side => $"""
            SELECT r.id, f.key, r.type, t.key, r.sources
            FROM relationship r JOIN entity f ON f.id = r.from_id JOIN entity t ON t.id = r.to_id
            WHERE r.{side} IN (SELECT id FROM entity WHERE key IN (SELECT value FROM json_each($keys))){typeFilter}
            """)) + " ORDER BY 1";
        await using var lease = await LeaseAsync(cancellationToken);
        var command = lease.Prepared(sql, null, ("$keys", KeysJson(keys)), ("$types", types is null ? null : KeysJson(types)));
        return ReadRelationships(command);
    }

    private static List<Relationship> ReadRelationships(SqliteCommand command)
    {
        var result = new List<Relationship>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new Relationship(reader.GetString(1), reader.GetString(2), reader.GetString(3), StoredJson.ReadSources(reader.GetString(4))));
        }

        return result;
    }

    public async Task<IReadOnlyList<Entity>> FindByNameAsync(string text, EntityKind? kind, CancellationToken cancellationToken = default)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return [];
        }

        await using var lease = await LeaseAsync(cancellationToken);
        var command = lease.Prepared($"""
            SELECT {EntityColumns} FROM entity e
            WHERE (e.key = $text OR e.id IN (SELECT entity_id FROM entity_name WHERE name = $text))
              AND ($kind IS NULL OR e.kind = $kind)
            ORDER BY e.key = $text DESC, e.name = $text DESC, e.key
            """, null, ("$text", trimmed), ("$kind", kind?.ToCode()));
        return ReadEntities(command);
    }
}
