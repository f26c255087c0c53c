using System.Text;
using IndustryGraph.Domain.Graph;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace IndustryGraph.Storage.Sqlite;

public sealed partial class SqliteGraphStore
{
    private const int CancellationStride = 1 << 16;

    /// <summary>
    /// The whole graph, for the analysis index: millions of rows, so read straight from SQLite's row buffers
    /// (no ADO.NET value per column), each repeated value (provenance, tags, types, units) parsed once, and the
    /// relationships kept as a <see cref="RelationshipTable"/> of entity positions rather than an object each.
    /// Relationships and facts are read on connections of their own in parallel with the entities when those see
    /// the same data version (otherwise after the entities, on this one).
    /// </summary>
    public async Task<GraphDataset> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await using var lease = await LeaseAsync(cancellationToken);
        var connection = lease.Connection;
        await using var transaction = BeginRead(lease);
        var version = pinned?.Version ?? ReadDataVersion(lease, transaction);
        var relationshipsAside = Task.Run(() => OnOwnConnectionAt(version, ReadRelationshipRows, cancellationToken), cancellationToken);
        var factsAside = Task.Run(() => OnOwnConnectionAt(version, ReadFactRows, cancellationToken), cancellationToken);
        var placementsAside = Task.Run(() => OnOwnConnectionAt(version, ReadPlacementRows, cancellationToken), cancellationToken);

        var (entities, positions) = ReadAllEntities(connection, cancellationToken);
        var facts = (await factsAside.ConfigureAwait(false) ?? ReadFactRows(connection, cancellationToken)).ToFacts(entities, positions);
        var rows = await relationshipsAside.ConfigureAwait(false) ?? ReadRelationshipRows(connection, cancellationToken);
        var placements = ToPlacements(await placementsAside.ConfigureAwait(false) ?? ReadPlacementRows(connection, cancellationToken), entities, positions);
        return new GraphDataset(entities, facts, rows.ToTable(entities, positions)) { Placements = placements };
    }

    /// <summary>A read on a connection of its own, or null when that connection sees another version than <paramref name="version"/>.</summary>
    private T? OnOwnConnectionAt<T>(long version, Func<SqliteConnection, CancellationToken, T> read, CancellationToken cancellationToken)
        where T : class
    {
        using var connection = ConnectForRead();
        using var transaction = connection.BeginTransaction(deferred: true);
        return ReadDataVersion(connection, transaction) == version ? read(connection, cancellationToken) : null;
    }

    private static (List<Entity> Entities, EntityPositions Positions) ReadAllEntities(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var kinds = new Utf8Memo<EntityKind>(code => EntityKindNames.TryParse(code, out var kind) ? kind : default);
        var tags = new Utf8Memo<IReadOnlyList<string>>(json => [.. StoredJson.ReadStrings(json)]);
        var sources = new Utf8Memo<IReadOnlyList<SourceRef>>(StoredJson.ReadSources);
        var chains = new Utf8Memo<string>(key => key);
        var segments = new Utf8Memo<Segment?>(text => EntityKindNames.TryParseSegment(text, out var segment) ? segment : null);
        var entities = new List<Entity>();
        var ids = new List<long>();
        using var rows = new RawRows(connection, $"SELECT {EntityColumns} FROM entity e ORDER BY e.id");
        while (rows.Read())
        {
            if (entities.Count % CancellationStride == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            ChainLinkPlacement? link = null;
            if (!rows.IsNull(7) && segments.Get(rows.Utf8(8)) is { } segment)
            {
                link = new ChainLinkPlacement(chains.Get(rows.Utf8(7)), segment, (int)rows.Int64(9));
            }

            ids.Add(rows.Int64(0));
            entities.Add(new Entity(
                rows.Text(1), kinds.Get(rows.Utf8(2)), rows.Text(3), rows.Strings(4), tags.Get(rows.Utf8(5)), sources.Get(rows.Utf8(6)), link));
        }

        return (entities, new EntityPositions(ids));
    }

    private static FactRows ReadFactRows(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // Fact keys, units and dates repeat on every row; values repeat often enough (counts, years) to share too.
        var texts = new Utf8Memo<string>(text => text);
        var sources = new Utf8Memo<IReadOnlyList<SourceRef>>(StoredJson.ReadSources);
        var facts = new FactRows();
        using var rows = new RawRows(connection, "SELECT entity_id, key, value, number, unit, as_of, sources, about FROM fact ORDER BY id");
        while (rows.Read())
        {
            if (facts.Count % CancellationStride == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            facts.Add(new FactRow(rows.Int64(0), texts.Get(rows.Utf8(1)), texts.Get(rows.Utf8(2)),
                rows.IsNull(3) ? null : rows.Double(3), rows.IsNull(4) ? null : texts.Get(rows.Utf8(4)),
                rows.IsNull(5) ? null : texts.Get(rows.Utf8(5)), sources.Get(rows.Utf8(6)), rows.Strings(7)));
        }

        return facts;
    }

    private readonly record struct FactRow(
        long EntityId, string Key, string Value, double? Number, string? Unit, string? AsOf, IReadOnlyList<SourceRef> Sources, IReadOnlyList<string> About);

    /// <summary>Fact rows by entity id as read, before the entities' keys are known.</summary>
    private sealed class FactRows
    {
        private readonly List<FactRow> rows = [];

        public int Count => rows.Count;

        public void Add(FactRow row) => rows.Add(row);

        /// <summary>The facts of entities of <paramref name="entities"/> (a fact of no entity is left out); once only, it empties the rows.</summary>
        public List<Fact> ToFacts(List<Entity> entities, EntityPositions positions)
        {
            var facts = new List<Fact>(rows.Count);
            foreach (var row in rows)
            {
                if (positions.TryGet(row.EntityId, out var owner))
                {
                    facts.Add(new Fact(entities[owner].Key, row.Key, row.Value, row.Number, row.Unit, row.AsOf, row.Sources) { About = row.About });
                }
            }

            // Whoever still holds these rows (the task that read them) no longer holds their memory.
            rows.Clear();
            rows.Capacity = 0;
            return facts;
        }
    }

    private static RelationshipRows ReadRelationshipRows(SqliteConnection connection, CancellationToken cancellationToken)
    {
        long capacity;
        using (var highest = new RawRows(connection, "SELECT coalesce(max(id), 0) FROM relationship"))
        {
            capacity = highest.Read() ? highest.Int64(0) : 0;
        }

        var result = new RelationshipRows((int)Math.Clamp(capacity, 16, 1 << 26));
        using var rows = new RawRows(connection, "SELECT from_id, to_id, type, sources FROM relationship ORDER BY id");
        while (rows.Read())
        {
            if (result.Count % CancellationStride == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            result.Add(rows.Int64(0), rows.Int64(1), rows.Utf8(2), rows.Utf8(3));
        }

        return result;
    }

    /// <summary>Relationship rows by entity id as read, before the entities' positions are known.</summary>
    private sealed class RelationshipRows
    {
        private readonly List<string> typeNames = [];
        private readonly List<IReadOnlyList<SourceRef>> sourceSets = [];
        private readonly Utf8Memo<ushort> types;
        private readonly Utf8Memo<int> sources;
        private long[] from;
        private long[] to;
        private ushort[] typeOf;
        private int[] sourcesOf;

        public RelationshipRows(int capacity)
        {
            (from, to, typeOf, sourcesOf) = (new long[capacity], new long[capacity], new ushort[capacity], new int[capacity]);
            types = new Utf8Memo<ushort>(type =>
            {
                if (typeNames.Count > ushort.MaxValue)
                {
                    throw new InvalidOperationException($"the store has more than {ushort.MaxValue + 1} relationship types");
                }

                typeNames.Add(type);
                return (ushort)(typeNames.Count - 1);
            }, int.MaxValue);
            sources = new Utf8Memo<int>(json =>
            {
                sourceSets.Add(StoredJson.ReadSources(json));
                return sourceSets.Count - 1;
            });
        }

        public int Count { get; private set; }

        public void Add(long fromId, long toId, ReadOnlySpan<byte> type, ReadOnlySpan<byte> sourcesJson)
        {
            if (Count == from.Length)
            {
                var size = Count * 2;
                Array.Resize(ref from, size);
                Array.Resize(ref to, size);
                Array.Resize(ref typeOf, size);
                Array.Resize(ref sourcesOf, size);
            }

            (from[Count], to[Count], typeOf[Count], sourcesOf[Count]) = (fromId, toId, types.Get(type), sources.Get(sourcesJson));
            Count++;
        }

        /// <summary>The rows whose both ends are entities of <paramref name="entities"/>, by position (a dangling row is left out); once only.</summary>
        public RelationshipTable ToTable(List<Entity> entities, EntityPositions positions)
        {
            var (start, end) = (new int[Count], new int[Count]);
            var kept = 0;
            for (var row = 0; row < Count; row++)
            {
                if (positions.TryGet(from[row], out var fromPosition) && positions.TryGet(to[row], out var toPosition))
                {
                    (start[kept], end[kept], typeOf[kept], sourcesOf[kept]) = (fromPosition, toPosition, typeOf[row], sourcesOf[row]);
                    kept++;
                }
            }

            // The table owns the type and provenance columns from here; whoever still holds these rows (the task that
            // read them) no longer holds the ids.
            (from, to) = ([], []);
            return new RelationshipTable(entities, start, end, typeNames, typeOf, sourceSets, sourcesOf, kept);
        }
    }

    /// <summary>Entity row id → position in the read list: an array when the ids are dense (they are rowids), else a dictionary.</summary>
    private sealed class EntityPositions
    {
        private readonly int[]? dense;
        private readonly Dictionary<long, int>? sparse;

        public EntityPositions(List<long> ids)
        {
            var highest = ids.Count == 0 ? 0 : ids.Max();
            if (ids.Count == 0 || ids.Min() >= 0 && highest < 4L * ids.Count + 1024)
            {
                dense = new int[highest + 1];
                Array.Fill(dense, -1);
                for (var position = 0; position < ids.Count; position++)
                {
                    dense[ids[position]] = position;
                }
            }
            else
            {
                sparse = new Dictionary<long, int>(ids.Count);
                for (var position = 0; position < ids.Count; position++)
                {
                    sparse[ids[position]] = position;
                }
            }
        }

        public bool TryGet(long id, out int position)
        {
            if (dense is not null)
            {
                position = (ulong)id < (ulong)dense.Length ? dense[id] : -1;
                return position >= 0;
            }

            return sparse!.TryGetValue(id, out position);
        }
    }

    /// <summary>
    /// A column's values that repeat, each parsed once per read however many rows carry it (looked up from the
    /// row's bytes, no string made for a known one). Bounded, so a column of distinct values cannot grow it
    /// without limit: past the bound a new value is parsed every time.
    /// </summary>
    private sealed class Utf8Memo<T>
    {
        private readonly Func<string, T> parse;
        private readonly int limit;
        private readonly Dictionary<string, T> known = new(StringComparer.Ordinal);
        private readonly Dictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> lookup;
        private char[] buffer = new char[256];

        public Utf8Memo(Func<string, T> parse, int limit = 10_000)
        {
            this.parse = parse;
            this.limit = limit;
            lookup = known.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public T Get(ReadOnlySpan<byte> utf8)
        {
            if (buffer.Length < utf8.Length)
            {
                buffer = new char[Math.Max(utf8.Length, buffer.Length * 2)];
            }

            var chars = buffer.AsSpan(0, Encoding.UTF8.GetChars(utf8, buffer));
            if (lookup.TryGetValue(chars, out var value))
            {
                return value;
            }

            var text = new string(chars);
            value = parse(text);
            if (known.Count < limit)
            {
                known[text] = value;
            }

            return value;
        }
    }

    /// <summary>A statement read column by column from SQLite's own buffers, for reads of millions of rows.</summary>
    private sealed class RawRows : IDisposable
    {
        private readonly SqliteConnection connection;
        private readonly sqlite3_stmt statement;

        public RawRows(SqliteConnection connection, string sql)
        {
            this.connection = connection;
            var code = raw.sqlite3_prepare_v2(connection.Handle, sql, out statement);
            if (code != raw.SQLITE_OK)
            {
                throw Failure(code);
            }
        }

        public bool Read()
        {
            var code = raw.sqlite3_step(statement);
            return code switch
            {
                raw.SQLITE_ROW => true,
                raw.SQLITE_DONE => false,
                _ => throw Failure(code),
            };
        }

        public bool IsNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

        public long Int64(int column) => raw.sqlite3_column_int64(statement, column);

        public double Double(int column) => raw.sqlite3_column_double(statement, column);

        /// <summary>A text column's UTF-8 bytes, valid until the next <see cref="Read"/>.</summary>
        public ReadOnlySpan<byte> Utf8(int column) => raw.sqlite3_column_blob(statement, column);

        public string Text(int column) => Encoding.UTF8.GetString(Utf8(column));

        /// <summary>A JSON list of strings; the empty list (most rows) without parsing.</summary>
        public IReadOnlyList<string> Strings(int column)
        {
            var json = Utf8(column);
            return json.SequenceEqual("[]"u8) ? [] : StoredJson.ReadStrings(Encoding.UTF8.GetString(json));
        }

        public void Dispose() => statement.Dispose();

        private SqliteException Failure(int code) => new(raw.sqlite3_errmsg(connection.Handle).utf8_to_string(), code);
    }
}
