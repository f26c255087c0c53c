using System.Globalization;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Search;
using IndustryGraph.Domain.Store;
using Microsoft.Data.Sqlite;

namespace IndustryGraph.Storage.Sqlite;

public sealed partial class SqliteGraphStore
{
    private readonly SearchIndexHolder searchIndex;

    /// <summary>
    /// Name search from an in-memory <see cref="NameSearchIndex"/> of the data version the read sees: built on
    /// the first search of a version (one build at a time), then read in microseconds. A read pinned to an
    /// older version than the index ranks every name of its own snapshot instead, so an answer never mixes versions.
    /// </summary>
    public async Task<IReadOnlyList<SearchMatch>> SearchAsync(
        string text, IReadOnlyCollection<EntityKind>? kinds, int first, CancellationToken cancellationToken = default)
    {
        var query = NameMatch.Normalize(text.Trim());
        if (query.Length == 0 || first <= 0)
        {
            return [];
        }

        var version = pinned?.Version ?? await GetDataVersionAsync(cancellationToken);

        var index = await searchIndex.GetAsync(version, BuildSearchIndex, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<(long Id, NameRank Rank)> hits;
        await using (var lease = await LeaseAsync(cancellationToken))
        {
            await using var transaction = BeginRead(lease);
            hits = index is not null
                ? index.Search(query, kinds, first)
                : NameSearchIndex.Build(ReadNames(lease.Connection, transaction)).Search(query, kinds, first);
            if (hits.Count == 0)
            {
                return [];
            }

            await using var command = Command(lease.Connection,
                $"SELECT {EntityColumns} FROM entity e WHERE e.id IN (SELECT value FROM json_each($ids))",
                ("$ids", "[" + string.Join(",", hits.Select(hit => hit.Id.ToString(CultureInfo.InvariantCulture))) + "]"));
            command.Transaction = transaction;
            var byKey = ReadEntities(command).ToDictionary(entity => entity.Key, StringComparer.Ordinal);
            return hits
                .Where(hit => byKey.ContainsKey(hit.Rank.Key))
                .Select(hit => new SearchMatch(byKey[hit.Rank.Key], hit.Rank.Score(query.Length)))
                .ToList();
        }
    }

    /// <summary>Every name and alias with its entity: the rows the search index is built from.</summary>
    private static List<NamedEntity> ReadNames(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = Command(connection, "SELECT n.entity_id, e.kind, e.key, n.name, n.name <> e.name FROM entity_name n JOIN entity e ON e.id = n.entity_id");
        command.Transaction = transaction;
        var names = new List<NamedEntity>();
        using var reader = command.ExecuteReader();
        var kinds = new Dictionary<string, EntityKind>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var code = reader.GetString(1);
            if (!kinds.TryGetValue(code, out var kind))
            {
                EntityKindNames.TryParse(code, out kind);
                kinds[code] = kind;
            }

            names.Add(new NamedEntity(reader.GetInt64(0), kind, reader.GetString(2), reader.GetString(3), reader.GetInt64(4) != 0));
        }

        return names;
    }

    private BuiltSearchIndex BuildSearchIndex()
    {
        using var connection = ConnectForRead();
        using var transaction = connection.BeginTransaction(deferred: true);
        var version = ReadDataVersion(connection, transaction);
        var index = NameSearchIndex.Build(ReadNames(connection, transaction));
        if (index.NameCount >= 100_000)
        {
            // The rows and sort buffers of the build are several times the index: return them to the system.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        return new BuiltSearchIndex(version, index);
    }

    private sealed record BuiltSearchIndex(long Version, NameSearchIndex Index);

    /// <summary>The newest search index, and the one build running; a version is built once whoever asks.</summary>
    private sealed class SearchIndexHolder
    {
        private readonly Lock gate = new();
        private BuiltSearchIndex? ready;
        private Task<BuiltSearchIndex>? building;

        /// <summary>The index of <paramref name="version"/>, or null when the store has moved past it.</summary>
        public async Task<NameSearchIndex?> GetAsync(long version, Func<BuiltSearchIndex> build, CancellationToken cancellationToken)
        {
            // Two rounds: a build that started before this version committed is followed by one that sees it.
            for (var attempt = 0; attempt < 2; attempt++)
            {
                if (Volatile.Read(ref ready) is { } known && known.Version >= version)
                {
                    return known.Version == version ? known.Index : null;
                }

                Task<BuiltSearchIndex> task;
                lock (gate)
                {
                    task = building ??= Task.Run(() =>
                    {
                        try
                        {
                            var built = build();
                            lock (gate)
                            {
                                if (ready is null || ready.Version < built.Version)
                                {
                                    ready = built;
                                }
                            }

                            return built;
                        }
                        finally
                        {
                            lock (gate)
                            {
                                building = null;
                            }
                        }
                    }, CancellationToken.None);
                }

                var result = await task.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (result.Version >= version)
                {
                    return result.Version == version ? result.Index : null;
                }
            }

            return null;
        }
    }
}
