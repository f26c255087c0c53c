using System.Globalization;
using System.Text;
using IndustryGraph.Domain.Access;
using IndustryGraph.Domain.Audit;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Seed;
using IndustryGraph.Domain.Store;
using Microsoft.Data.Sqlite;

namespace IndustryGraph.Storage.Sqlite;

public sealed partial class SqliteGraphStore : IApiKeyStore, IAuditTrail
{
    public async Task<bool> AddKeyAsync(ApiKey key, string hash, CancellationToken cancellationToken = default)
    {
        await using var connection = ConnectForWrite();
        await using var command = Command(connection,
            "INSERT INTO api_key (name, role, hash, created_at) VALUES ($name, $role, $hash, $at) ON CONFLICT (name) DO NOTHING",
            ("$name", key.Name), ("$role", key.Role.ToString().ToLowerInvariant()), ("$hash", hash), ("$at", key.CreatedAt.ToString("O", CultureInfo.InvariantCulture)));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> RevokeKeyAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = ConnectForWrite();
        await using var command = Command(connection, "DELETE FROM api_key WHERE name = $name", ("$name", name));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<ApiKey>> ListKeysAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = ConnectCounted();
        await using var command = Command(connection, "SELECT name, role, created_at FROM api_key ORDER BY name");
        return ReadKeys(command);
    }

    public async Task<ApiKey?> FindKeyAsync(string hash, CancellationToken cancellationToken = default)
    {
        await using var connection = ConnectCounted();
        await using var command = Command(connection, "SELECT name, role, created_at FROM api_key WHERE hash = $hash", ("$hash", hash));
        return ReadKeys(command).FirstOrDefault();
    }

    public async Task<IReadOnlyList<StoredApiKey>> ReadStoredKeysAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = ConnectCounted();
        await using var command = Command(connection, "SELECT name, role, created_at, hash FROM api_key ORDER BY name");
        var hashes = new List<string>();
        var keys = ReadKeys(command, reader => hashes.Add(reader.GetString(3)));
        return [.. keys.Zip(hashes, (key, hash) => new StoredApiKey(key, hash))];
    }

    public async Task WriteStoredKeysAsync(IReadOnlyCollection<StoredApiKey> keys, CancellationToken cancellationToken = default)
    {
        await using var connection = ConnectForWrite();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (key, hash) in keys)
        {
            await using var command = Command(connection, """
                INSERT INTO api_key (name, role, hash, created_at) VALUES ($name, $role, $hash, $at)
                ON CONFLICT (name) DO UPDATE SET role = excluded.role, hash = excluded.hash, created_at = excluded.created_at
                """,
                ("$name", key.Name), ("$role", key.Role.ToString().ToLowerInvariant()), ("$hash", hash), ("$at", key.CreatedAt.ToString("O", CultureInfo.InvariantCulture)));
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static List<ApiKey> ReadKeys(SqliteCommand command, Action<SqliteDataReader>? alsoRead = null)
    {
        var keys = new List<ApiKey>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            keys.Add(new ApiKey(reader.GetString(0), Enum.Parse<ApiRole>(reader.GetString(1), ignoreCase: true),
                DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture)));
            alsoRead?.Invoke(reader);
        }

        return keys;
    }

    public async Task<IReadOnlyDictionary<string, KnownEntity>> ReadKnownEntitiesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = ConnectCounted();
        await using var command = Command(connection, "SELECT key, kind, chain_key FROM entity");
        var known = new Dictionary<string, KnownEntity>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            EntityKindNames.TryParse(reader.GetString(1), out var kind);
            known[reader.GetString(0)] = new KnownEntity(kind, reader.IsDBNull(2) ? null : reader.GetString(2));
        }

        return known;
    }

    /// <summary>Read in one statement, so one snapshot.</summary>
    public async Task<StoreCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = ConnectCounted();
        await using var command = Command(connection, """
            SELECT (SELECT count(*) FROM entity), (SELECT count(*) FROM relationship), (SELECT count(*) FROM fact),
                   (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'data_version')
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new StoreCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    private static void WriteAudit(
        SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset at, string actor, string action,
        string? entityKey, string? field, string? before, string? after, SourceRef? provenance)
    {
        using var command = Command(connection, """
            INSERT INTO audit (at, actor, action, entity_key, field, before, after, provenance)
            VALUES ($at, $actor, $action, $entity, $field, $before, $after, $provenance)
            """,
            ("$at", FormatTime(at)), ("$actor", actor), ("$action", action), ("$entity", entityKey), ("$field", field),
            ("$before", before), ("$after", after), ("$provenance", provenance is null ? null : StoredJson.Write([provenance])));
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    // Fixed-width UTC text sorts in time order, so time ranges use the index.
    private static string FormatTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public async Task<AuditPage> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var where = new StringBuilder("1 = 1");
        var parameters = new List<(string, object?)>();
        void Filter(object? value, string condition, string name)
        {
            if (value is not null)
            {
                where.Append(" AND ").Append(condition);
                parameters.Add((name, value));
            }
        }

        Filter(query.EntityKey, "entity_key = $entity", "$entity");
        Filter(query.Actor, "actor = $actor", "$actor");
        Filter(query.From is { } from ? FormatTime(from) : null, "at >= $from", "$from");
        Filter(query.To is { } to ? FormatTime(to) : null, "at < $to", "$to");
        await using var connection = ConnectCounted();
        await using var transaction = connection.BeginTransaction(deferred: true);
        long total;
        await using (var count = Command(connection, $"SELECT count(*) FROM audit WHERE {where}", [.. parameters]))
        {
            count.Transaction = transaction;
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        var pageWhere = query.AfterId is { } afterId ? $"{where} AND id < {afterId.ToString(CultureInfo.InvariantCulture)}" : where.ToString();
        await using var page = Command(connection,
            $"SELECT id, at, actor, action, entity_key, field, before, after, provenance FROM audit WHERE {pageWhere} ORDER BY id DESC LIMIT {LimitClause(query.Limit + 1)}",
            [.. parameters]);
        page.Transaction = transaction;
        var entries = await ReadAuditEntriesAsync(page, cancellationToken);
        var hasNext = entries.Count > query.Limit;
        return new AuditPage(hasNext ? entries[..query.Limit] : entries, (int)total, hasNext);
    }

    private static async Task<List<AuditEntry>> ReadAuditEntriesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            entries.Add(new AuditEntry(
                reader.GetInt64(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                reader.GetString(2), reader.GetString(3), Text(4), Text(5), Text(6), Text(7),
                Text(8) is { } json ? StoredJson.ReadSources(json).FirstOrDefault() : null));
        }

        return entries;
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAuditAfterAsync(long afterId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = ConnectCounted();
        await using var command = Command(connection,
            $"SELECT id, at, actor, action, entity_key, field, before, after, provenance FROM audit WHERE id > $after ORDER BY id LIMIT {LimitClause(limit)}",
            ("$after", afterId));
        return await ReadAuditEntriesAsync(command, cancellationToken);
    }

    /// <summary>Explicit ids into an INTEGER PRIMARY KEY: later entries get ids above the largest, as the port promises.</summary>
    public async Task WriteAuditAsync(IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        await using var connection = ConnectForWrite();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        foreach (var entry in entries)
        {
            await using var command = Command(connection, """
                INSERT INTO audit (id, at, actor, action, entity_key, field, before, after, provenance)
                VALUES ($id, $at, $actor, $action, $entity, $field, $before, $after, $provenance)
                ON CONFLICT (id) DO NOTHING
                """,
                ("$id", entry.Id), ("$at", FormatTime(entry.At)), ("$actor", entry.Actor), ("$action", entry.Action), ("$entity", entry.EntityKey),
                ("$field", entry.Field), ("$before", entry.Before), ("$after", entry.After),
                ("$provenance", entry.Provenance is null ? null : StoredJson.Write([entry.Provenance])));
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
