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
        readConnections = new ReadConnections(connectionString);
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
        this.pinned = pinned;
    }

    /// <summary>Closes the read connections kept open; a pinned view leaves them to the store it came from.</summary>
    public void Dispose()
    {
        if (pinned is null)
        {
            readConnections.Dispose();
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
        return store;
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
        public SqliteCommand Prepared(string sql, SqliteTransaction? transaction, params ReadOnlySpan<(string Name, object? Value)> parameters)
        {
            var command = connection.Prepared(sql, parameters);
            command.Transaction = transaction;
            return command;
        }

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
            var begin = connection.Prepared("BEGIN DEFERRED; SELECT value FROM meta WHERE key = 'data_version'", []);
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
                connection.Prepared("ROLLBACK", []).ExecuteNonQuery();
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

    private static string KeysJson(IEnumerable<string> keys) => StoredJson.Write(keys.Distinct().ToList());

    public async Task<long> GetDataVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var lease = await LeaseAsync(cancellationToken);
        return ReadDataVersion(lease, null);
    }

    private static long ReadDataVersion(ReadLease lease, SqliteTransaction? transaction) =>
        long.Parse((string)lease.Prepared("SELECT value FROM meta WHERE key = 'data_version'", transaction).ExecuteScalar()!, CultureInfo.InvariantCulture);

    private static long ReadDataVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = Command(connection, "SELECT value FROM meta WHERE key = 'data_version'");
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
        var command = lease.Prepared(
            $"SELECT {EntityColumns} FROM entity e WHERE e.key IN (SELECT value FROM json_each($keys))", null, ("$keys", KeysJson(keys)));
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

    /// <summary>
    /// The whole graph. Relationships and facts are read by entity id (no joins) and point at the entity's own
    /// key string, so a million rows share their keys instead of each holding copies; relationships are read on
    /// a second connection in parallel when it sees the same data version (otherwise after the entities, on one).
    /// </summary>
    public async Task<GraphDataset> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await using var lease = await LeaseAsync(cancellationToken);
        var connection = lease.Connection;
        await using var transaction = BeginRead(lease);
        var version = pinned?.Version ?? ReadDataVersion(connection, transaction);
        var parallel = Task.Run(() => ReadRelationshipRowsAt(version, cancellationToken), cancellationToken);

        var entities = new List<Entity>();
        var keyById = new Dictionary<long, string>();
        await using (var command = Command(connection, $"SELECT {EntityColumns} FROM entity e ORDER BY e.id"))
        {
            command.Transaction = transaction;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var entity = ReadEntity(reader);
                entities.Add(entity);
                keyById[reader.GetInt64(0)] = entity.Key;
            }
        }

        var facts = new List<Fact>();
        await using (var command = Command(connection, "SELECT entity_id, key, value, number, unit, as_of, sources, about FROM fact ORDER BY id"))
        {
            command.Transaction = transaction;
            using var reader = command.ExecuteReader();
            var factKeys = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                if (!keyById.TryGetValue(reader.GetInt64(0), out var entityKey))
                {
                    continue;
                }

                var factKey = reader.GetString(1);
                factKey = factKeys.TryGetValue(factKey, out var known) ? known : factKeys[factKey] = factKey;
                facts.Add(new Fact(entityKey, factKey, reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetDouble(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), StoredJson.ReadSources(reader.GetString(6)))
                { About = StoredJson.ReadStrings(reader.GetString(7)) });
            }
        }

        var rows = await parallel.ConfigureAwait(false) ?? ReadRelationshipRows(connection, transaction, cancellationToken);
        var relationships = new List<Relationship>(rows.Count);
        foreach (var (from, type, to, sources) in rows)
        {
            if (keyById.TryGetValue(from, out var fromKey) && keyById.TryGetValue(to, out var toKey))
            {
                relationships.Add(new Relationship(fromKey, type, toKey, sources));
            }
        }

        return new GraphDataset(entities, facts, relationships);
    }

    /// <summary>All relationships by entity id, on a connection of its own, or null when that connection sees another version.</summary>
    private List<(long From, string Type, long To, IReadOnlyList<SourceRef> Sources)>? ReadRelationshipRowsAt(long version, CancellationToken cancellationToken)
    {
        using var connection = ConnectForRead();
        using var transaction = connection.BeginTransaction(deferred: true);
        return ReadDataVersion(connection, transaction) == version ? ReadRelationshipRows(connection, transaction, cancellationToken) : null;
    }

    private static List<(long From, string Type, long To, IReadOnlyList<SourceRef> Sources)> ReadRelationshipRows(
        SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        var rows = new List<(long, string, long, IReadOnlyList<SourceRef>)>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        using var command = Command(connection, "SELECT from_id, type, to_id, sources FROM relationship ORDER BY id");
        command.Transaction = transaction;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (rows.Count % 100_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var type = reader.GetString(1);
            type = types.TryGetValue(type, out var known) ? known : types[type] = type;
            rows.Add((reader.GetInt64(0), type, reader.GetInt64(2), StoredJson.ReadSources(reader.GetString(3))));
        }

        return rows;
    }
}
