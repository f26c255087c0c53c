using System.Runtime.InteropServices;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;
using IndustryGraph.Domain.Store;
using Microsoft.Data.Sqlite;

namespace IndustryGraph.Storage.Sqlite;

/// <summary>
/// Placement records in the <c>placement</c> table (one row per enterprise and link, by entity row ids): batch reads,
/// the whole-graph read, the import's merge and the edit session's reads and writes.
/// </summary>
public sealed partial class SqliteGraphStore
{
    private const string PlacementColumns = "e.key, l.key, p.kind, p.score, p.evidence, p.basis, p.decided_by, p.decided_at";

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<PlacementRecord>>> GetPlacementsAsync(IReadOnlyCollection<string> enterpriseKeys, CancellationToken cancellationToken = default)
    {
        if (enterpriseKeys.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<PlacementRecord>>();
        }

        await using var lease = await LeaseAsync(cancellationToken);
        var command = lease.Prepared($"""
            SELECT {PlacementColumns}
            FROM placement p JOIN entity e ON e.id = p.enterprise_id JOIN entity l ON l.id = p.link_id
            WHERE p.enterprise_id IN (SELECT id FROM entity WHERE key IN (SELECT value FROM json_each($keys)))
            """, null, ("$keys", KeysJson(enterpriseKeys)));
        var records = new List<PlacementRecord>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                records.Add(ReadPlacement(reader));
            }
        }

        return records
            .GroupBy(record => record.EnterpriseKey, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => (IReadOnlyList<PlacementRecord>)[.. group.Order(PlacementRecords.BestFirst)], StringComparer.Ordinal);
    }

    /// <summary>A row of <see cref="PlacementColumns"/>.</summary>
    private static PlacementRecord ReadPlacement(SqliteDataReader reader)
    {
        PlacementKindNames.TryParse(reader.GetString(2), out var kind);
        return new PlacementRecord(reader.GetString(0), reader.GetString(1), kind,
            reader.IsDBNull(3) ? null : reader.GetDouble(3), PlacementEvidenceJson.ReadLazily(reader.GetString(4)))
        {
            Basis = reader.IsDBNull(5) ? null : reader.GetString(5),
            DecidedBy = reader.IsDBNull(6) ? null : reader.GetString(6),
            DecidedAt = reader.IsDBNull(7) ? null : PlacementRecords.ParseTime(reader.GetString(7)),
        };
    }

    private static PlacementRecord? FindPlacement(SqliteConnection connection, SqliteTransaction transaction, long enterpriseId, long linkId)
    {
        using var command = Command(connection, $"""
            SELECT {PlacementColumns}
            FROM placement p JOIN entity e ON e.id = p.enterprise_id JOIN entity l ON l.id = p.link_id
            WHERE p.enterprise_id = $enterprise AND p.link_id = $link
            """, ("$enterprise", enterpriseId), ("$link", linkId));
        command.Transaction = transaction;
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadPlacement(reader) : null;
    }

    private const string UpsertPlacementSql = """
        INSERT INTO placement (enterprise_id, link_id, kind, score, evidence, basis, decided_by, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
        ON CONFLICT (enterprise_id, link_id) DO UPDATE SET
          kind = excluded.kind, score = excluded.score, evidence = excluded.evidence, basis = excluded.basis,
          decided_by = excluded.decided_by, decided_at = excluded.decided_at
        """;

    private static void BindPlacement(BulkStatement statement, long enterpriseId, long linkId, PlacementRecord record) =>
        statement.Int(1, enterpriseId).Int(2, linkId).Text(3, record.Kind.ToCode()).Real(4, record.Score)
            .Text(5, PlacementEvidenceJson.Write(record.Evidence)).Text(6, record.Basis).Text(7, record.DecidedBy)
            .Text(8, record.DecidedAt is { } at ? PlacementRecords.FormatTime(at) : null);

    /// <summary>Placement rows as read by <see cref="ReadAllAsync"/>, before the entities' keys are known.</summary>
    private static List<PlacementRow> ReadPlacementRows(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var kinds = new Utf8Memo<PlacementKind>(code => PlacementKindNames.TryParse(code, out var kind) ? kind : PlacementKind.Suggested);
        // Planners' names repeat on every decision they made.
        var names = new Utf8Memo<string>(text => text);
        var result = new List<PlacementRow>();
        using var rows = new RawRows(connection, "SELECT enterprise_id, link_id, kind, score, evidence, basis, decided_by, decided_at FROM placement");
        while (rows.Read())
        {
            if (result.Count % CancellationStride == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            result.Add(new PlacementRow(rows.Int64(0), rows.Int64(1), kinds.Get(rows.Utf8(2)), rows.IsNull(3) ? null : rows.Double(3), rows.Text(4),
                rows.IsNull(5) ? null : rows.Text(5), rows.IsNull(6) ? null : names.Get(rows.Utf8(6)),
                rows.IsNull(7) ? null : PlacementRecords.ParseTime(rows.Text(7))));
        }

        return result;
    }

    private readonly record struct PlacementRow(
        long EnterpriseId, long LinkId, PlacementKind Kind, double? Score, string Evidence, string? Basis, string? DecidedBy, DateTimeOffset? DecidedAt);

    /// <summary>The records of rows whose enterprise and link are both in <paramref name="entities"/>, keyed by the entities' own key strings.</summary>
    private static List<PlacementRecord> ToPlacements(List<PlacementRow> rows, List<Entity> entities, EntityPositions positions)
    {
        var records = new List<PlacementRecord>(rows.Count);
        foreach (var row in rows)
        {
            if (positions.TryGet(row.EnterpriseId, out var enterprise) && positions.TryGet(row.LinkId, out var link))
            {
                records.Add(new PlacementRecord(entities[enterprise].Key, entities[link].Key, row.Kind, row.Score, PlacementEvidenceJson.ReadLazily(row.Evidence))
                {
                    Basis = row.Basis,
                    DecidedBy = row.DecidedBy,
                    DecidedAt = row.DecidedAt,
                });
            }
        }

        return records;
    }

    private sealed partial class ImportWriter
    {
        private int placementsRemovedWithEntities;

        /// <summary>A stored record's kind, and whether this import gave its pair.</summary>
        private struct StoredPlacement
        {
            public PlacementKind Kind;
            public bool Given;
        }

        // PlacementMerge.KeepsWhenNotSuggested looks at the kind alone: one record per kind to ask it with.
        private static readonly Dictionary<PlacementKind, PlacementRecord> OfKind = Enum.GetValues<PlacementKind>()
            .ToDictionary(kind => kind, kind => new PlacementRecord("", "", kind, null, []));

        /// <summary>
        /// Writes the placement parts (the last of the stream, read to its end here): records of an enterprise the
        /// import suggests for merged by <see cref="PlacementMerge"/>, others as given; then the stale suggestions
        /// of those enterprises go, and on a replace every stored record the data lacks that the rules do not keep.
        /// Only what existed before the import is held in memory (its pair and kind); a pair the import gives twice
        /// is found by the primary key and merged again, in order.
        /// </summary>
        private async Task<(int Added, int Updated, int Removed)> WritePlacementsAsync(PartReader parts, ImportMode mode, CancellationToken cancellationToken)
        {
            var stored = LoadStoredPlacements();
            var suggesting = new HashSet<long>();
            using var insert = new BulkStatement(connection,
                "INSERT INTO placement (enterprise_id, link_id, kind, score, evidence, basis, decided_by, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
            // Writes only when something differs, so that the count of changes is the count of updated records.
            using var update = new BulkStatement(connection, """
                UPDATE placement SET kind = ?3, score = ?4, evidence = ?5, basis = ?6, decided_by = ?7, decided_at = ?8
                WHERE enterprise_id = ?1 AND link_id = ?2
                  AND (kind IS NOT ?3 OR score IS NOT ?4 OR evidence IS NOT ?5 OR basis IS NOT ?6 OR decided_by IS NOT ?7 OR decided_at IS NOT ?8)
                """);
            int added = 0, updated = 0;
            await foreach (var part in parts.PlacementsAsync())
            {
                writing.Start();
                foreach (var key in part.SuggestedFor)
                {
                    suggesting.Add(PlacementIdOf(key));
                }

                foreach (var record in part.Placements)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Tick();
                    var (enterpriseId, linkId) = (PlacementIdOf(record.EnterpriseKey), PlacementIdOf(record.LinkKey));
                    var merging = suggesting.Contains(enterpriseId);
                    ref var existing = ref CollectionsMarshal.GetValueRefOrNullRef(stored, (enterpriseId, linkId));
                    PlacementRecord merged;
                    if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref existing))
                    {
                        existing.Given = true;
                        // Merge gives the suggestion itself unless the stored record is a decision: only decisions are read whole.
                        merged = merging && existing.Kind is (PlacementKind.Confirmed or PlacementKind.Rejected)
                            ? PlacementMerge.Merge(FindPlacement(connection, transaction, enterpriseId, linkId), record)
                            : record;
                        existing.Kind = merged.Kind;
                    }
                    else
                    {
                        BindPlacement(insert, enterpriseId, linkId, record);
                        if (insert.TryRun())
                        {
                            added++;
                            continue;
                        }

                        // The pair came earlier in this import.
                        merged = merging ? PlacementMerge.Merge(FindPlacement(connection, transaction, enterpriseId, linkId), record) : record;
                    }

                    BindPlacement(update, enterpriseId, linkId, merged);
                    updated += update.RunCounting();
                }

                writing.Stop();
            }

            var removed = 0;
            using var delete = Prepare("DELETE FROM placement WHERE enterprise_id = $enterprise AND link_id = $link", "$enterprise", "$link");
            foreach (var ((enterpriseId, linkId), placement) in stored)
            {
                if (placement.Given)
                {
                    continue;
                }

                var merging = suggesting.Contains(enterpriseId);
                var rulesKeep = !merging || PlacementMerge.KeepsWhenNotSuggested(OfKind[placement.Kind]);
                if (!rulesKeep || (mode == ImportMode.Replace && !(merging && rulesKeep)))
                {
                    removed += Run(delete, enterpriseId, linkId);
                }
            }

            return (added, updated, removed);
        }

        private Dictionary<(long, long), StoredPlacement> LoadStoredPlacements()
        {
            var kinds = new Utf8Memo<PlacementKind>(code => PlacementKindNames.TryParse(code, out var kind) ? kind : PlacementKind.Suggested);
            var stored = new Dictionary<(long, long), StoredPlacement>();
            using var rows = new RawRows(connection, "SELECT enterprise_id, link_id, kind FROM placement");
            while (rows.Read())
            {
                stored[(rows.Int64(0), rows.Int64(1))] = new StoredPlacement { Kind = kinds.Get(rows.Utf8(2)) };
            }

            return stored;
        }

        private long PlacementIdOf(string key) => entityIds.TryGetValue(key, out var entity)
            ? entity.Id
            : throw new KeyNotFoundException($"a placement refers to '{key}', which is neither in the data nor in the store");
    }

    private sealed partial class EditSession
    {
        public Task<PlacementRecord?> FindPlacementAsync(string enterpriseKey, string linkKey) =>
            Task.FromResult(FindPlacement(connection, transaction, IdOf(enterpriseKey), IdOf(linkKey)));

        public Task WritePlacementAsync(PlacementRecord record)
        {
            using var upsert = new BulkStatement(connection, UpsertPlacementSql);
            BindPlacement(upsert, IdOf(record.EnterpriseKey), IdOf(record.LinkKey), record);
            upsert.Run();
            return Task.CompletedTask;
        }
    }
}
