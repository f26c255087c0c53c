using System.Globalization;
using System.Text;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Store;
using Microsoft.Data.Sqlite;

namespace IndustryGraph.Storage.Sqlite;

public sealed partial class SqliteGraphStore
{
    // Members of a chain: entities tied to it directly, or through one of its links.
    private const string ChainMembers = """
        SELECT from_id FROM relationship WHERE to_id = $chain AND type IN ('IN_CHAIN', 'LEADS', 'FOCUSES_ON', 'TARGETS', 'SUPPORTS', 'PART_OF')
        UNION SELECT r.from_id FROM relationship r
          JOIN relationship l ON l.from_id = r.to_id AND l.type = 'PART_OF' AND l.to_id = $chain
          WHERE r.type IN ('WORKS_IN', 'SUPPORTS')
        """;

    private const string LinkMembers = "SELECT from_id FROM relationship WHERE to_id = $link AND type IN ('WORKS_IN', 'SUPPORTS')";

    private static readonly string ChainMembersAndHosts = $"{ChainMembers} UNION {HostsOf(ChainMembers)}";

    private static readonly string LinkMembersAndHosts = $"{LinkMembers} UNION {HostsOf(LinkMembers)}";

    // Places that host members: parks an enterprise is located in, and their districts.
    private static string HostsOf(string members) => $"""
        SELECT to_id FROM relationship WHERE type = 'LOCATED_IN' AND from_id IN ({members})
        UNION SELECT p.to_id FROM relationship p JOIN relationship e ON e.to_id = p.from_id AND e.type = 'LOCATED_IN'
          WHERE p.type = 'LOCATED_IN' AND e.from_id IN ({members})
        """;

    /// <summary>
    /// How many entities the whole list holds. Unfiltered: one row of <c>kind_count</c>, kept by imports and
    /// edits. Filtered: counted once per data version and filter, then remembered, since a filtered count walks
    /// every member (tens of milliseconds on a million enterprises) and the answer only changes with a write.
    /// </summary>
    private async Task<int> CountAsync(
        ReadLease lease, SqliteTransaction? transaction, EntityListQuery query, string where,
        List<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
    {
        if (!IsFiltered(query))
        {
            return KindCount(lease, transaction, query.Kind);
        }

        var version = pinned?.Version ?? ReadDataVersion(lease, transaction);
        var cacheKey = string.Join('\u001f', [version.ToString(CultureInfo.InvariantCulture), where, .. parameters.Select(parameter => $"{parameter.Name}={parameter.Value}")]);
        if (counts.TryGetValue(cacheKey, out var known))
        {
            return known;
        }

        var count = lease.Prepared($"SELECT COUNT(*) FROM entity e WHERE {where}", transaction, [.. parameters]);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        if (counts.Count >= MaxRememberedCounts)
        {
            counts.Clear();
        }

        counts[cacheKey] = total;
        return total;
    }

    private const int MaxRememberedCounts = 4096;

    /// <summary>From one member in this many entities of the kind on, a filtered page walks the name index.</summary>
    private const int LargeShare = 50;

    private static bool IsFiltered(EntityListQuery query) =>
        query is not { InDistrict: null, InPark: null, InChain: null, InLink: null, Tag: null } || !string.IsNullOrWhiteSpace(query.NameContains);

    private static int KindCount(ReadLease lease, SqliteTransaction? transaction, EntityKind kind) =>
        Convert.ToInt32(lease.Prepared("SELECT n FROM kind_count WHERE kind = $kind", transaction, ("$kind", kind.ToCode())).ExecuteScalar() ?? 0, CultureInfo.InvariantCulture);

    public async Task<EntityPage> ListEntitiesAsync(EntityListQuery query, CancellationToken cancellationToken = default)
    {
        // Each filter in two forms: the set of members (the planner gathers it once; best for counting and for
        // small lists) and a test of one entity (best when walking the name index over a large share of the kind).
        var where = new StringBuilder("e.kind = $kind");
        var perEntity = new StringBuilder("e.kind = $kind");
        var parameters = new List<(string, object?)> { ("$kind", query.Kind.ToCode()) };

        void Filter(string? key, string parameter, string membersSql, string? memberTestSql = null)
        {
            if (key is null)
            {
                return;
            }

            parameters.Add((parameter, key));
            var id = $"(SELECT id FROM entity WHERE key = {parameter})";
            var set = $" AND e.id IN ({membersSql.Replace(parameter, id, StringComparison.Ordinal)})";
            where.Append(set);
            perEntity.Append(memberTestSql is null ? set : $" AND ({memberTestSql.Replace(parameter, id, StringComparison.Ordinal)})");
        }

        var isPlace = query.Kind is EntityKind.Park or EntityKind.District;
        Filter(query.InDistrict, "$district", """
            SELECT from_id FROM relationship WHERE type = 'LOCATED_IN' AND to_id = $district
            UNION SELECT r1.from_id FROM relationship r1
              JOIN relationship r2 ON r2.from_id = r1.to_id AND r2.type = 'LOCATED_IN' AND r2.to_id = $district
              WHERE r1.type = 'LOCATED_IN'
            """, """
            EXISTS (SELECT 1 FROM relationship WHERE from_id = e.id AND type = 'LOCATED_IN' AND to_id = $district)
            OR EXISTS (SELECT 1 FROM relationship r1
              JOIN relationship r2 ON r2.from_id = r1.to_id AND r2.type = 'LOCATED_IN' AND r2.to_id = $district
              WHERE r1.from_id = e.id AND r1.type = 'LOCATED_IN')
            """);
        Filter(query.InPark, "$park", "SELECT from_id FROM relationship WHERE type = 'LOCATED_IN' AND to_id = $park",
            "EXISTS (SELECT 1 FROM relationship WHERE from_id = e.id AND type = 'LOCATED_IN' AND to_id = $park)");
        Filter(query.InChain, "$chain", isPlace ? ChainMembersAndHosts : ChainMembers);
        Filter(query.InLink, "$link", isPlace ? LinkMembersAndHosts : LinkMembers,
            isPlace ? null : "EXISTS (SELECT 1 FROM relationship WHERE from_id = e.id AND type IN ('WORKS_IN', 'SUPPORTS') AND to_id = $link)");
        void Condition(string sql)
        {
            where.Append(sql);
            perEntity.Append(sql);
        }

        if (query.Tag is not null)
        {
            Condition(" AND e.id IN (SELECT entity_id FROM entity_tag WHERE tag = $tag)");
            parameters.Add(("$tag", query.Tag));
        }

        if (query.WithFact is { } fact)
        {
            Condition(" AND e.id IN (SELECT entity_id FROM fact WHERE key = $withFactKey AND value = $withFactValue AND about = '[]')");
            parameters.Add(("$withFactKey", fact.Key));
            parameters.Add(("$withFactValue", fact.Value));
        }

        if (!string.IsNullOrWhiteSpace(query.NameContains))
        {
            Condition(" AND (instr(lower(e.name), lower($contains)) > 0 OR instr(lower(e.aliases), lower($contains)) > 0)");
            parameters.Add(("$contains", query.NameContains.Trim()));
        }

        var byFact = query.OrderByFact is not null;
        var sortExpression = byFact
            ? "COALESCE((SELECT MAX(number) FROM fact INDEXED BY fact_entity WHERE entity_id = e.id AND key = $factKey), -1e308)"
            : "e.name";
        if (byFact)
        {
            parameters.Add(("$factKey", query.OrderByFact));
        }

        // `last` walks backwards: flip the order, take the page, then reverse it.
        var backward = query.FromEnd;
        var descending = query.Descending ^ backward;
        var bounds = new StringBuilder();
        void Bound(PageCursor? cursor, bool afterIt, string name)
        {
            if (cursor is null)
            {
                return;
            }

            var comparison = afterIt ^ query.Descending ? ">" : "<";
            bounds.Append(CultureInfo.InvariantCulture, $" AND ({sortExpression}, e.key) {comparison} (${name}Value, ${name}Key)");
            parameters.Add(($"${name}Value", byFact ? double.Parse(cursor.SortValue, CultureInfo.InvariantCulture) : cursor.SortValue));
            parameters.Add(($"${name}Key", cursor.Key));
        }

        Bound(query.After, afterIt: true, "after");
        Bound(query.Before, afterIt: false, "before");

        var direction = descending ? "DESC" : "ASC";
        await using var lease = await LeaseAsync(cancellationToken);
        await using var transaction = BeginRead(lease);
        // A filter that keeps a large share of its kind (the largest district holds a tenth of a million
        // enterprises) pages fastest by walking the name index and testing each entity; the planner would gather
        // and sort every member instead. The (remembered) count tells which.
        int? knownTotal = null;
        var (byNameIndex, pageWhere) = ("", where);
        if (!byFact && IsFiltered(query))
        {
            knownTotal = await CountAsync(lease, transaction, query, where.ToString(), parameters, cancellationToken);
            if (query.IncludeItems && (long)knownTotal.Value * LargeShare > KindCount(lease, transaction, query.Kind))
            {
                (byNameIndex, pageWhere) = (" INDEXED BY entity_kind_name", perEntity);
            }
        }

        var items = new List<(Entity, PageCursor)>();
        if (query.IncludeItems)
        {
            var command = lease.Prepared(
                $"SELECT {EntityColumns}, {sortExpression} AS sort FROM entity e{byNameIndex} WHERE {pageWhere}{bounds} ORDER BY sort {direction}, e.key {direction} LIMIT {LimitClause(query.Limit + 1)}",
                transaction, [.. parameters]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var entity = ReadEntity(reader);
                var sortValue = byFact
                    ? reader.GetDouble(10).ToString("R", CultureInfo.InvariantCulture)
                    : reader.GetString(10);
                items.Add((entity, new PageCursor(sortValue, entity.Key)));
            }
        }

        var total = !query.IncludeTotalCount ? -1 : knownTotal ?? await CountAsync(lease, transaction, query, where.ToString(), parameters, cancellationToken);

        return EntityPage.FromProbe(items, total, query);
    }
}
