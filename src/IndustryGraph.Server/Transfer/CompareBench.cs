using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Search;
using IndustryGraph.Domain.Seed;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Hosting;
using IndustryGraph.Server.Seed;
using Microsoft.Data.Sqlite;

namespace IndustryGraph.Server.Transfer;

/// <summary>
/// <c>bench compare</c>: the project over HTTP (its own server process, keep-alive, answer cache off) beside
/// Kùzu in-process (a node worker) and plain SQL on the same SQLite file, interleaved round by round, with the
/// answers of the three compared; then throughput with wrk against the project and a plain Kestrel endpoint
/// returning the same bytes; start-up, memory and import figures. Figures are printed, never asserted.
/// </summary>
public sealed class CompareBench(GraphSize size, int seed, string work, int rounds, int wrkSeconds, TextWriter output)
{
    /// <summary>Use the store and Kùzu database a previous run left in the work folder instead of importing again.</summary>
    public bool ReuseStores { get; init; }

    private readonly List<string> disagreements = [];

    public IReadOnlyList<string> Disagreements => disagreements;

    private void Say(string line)
    {
        output.WriteLine(line);
        output.Flush();
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(work);
        var data = Path.Combine(work, $"graph-{size.Name}-{seed}");
        if (!File.Exists(Path.Combine(data, "entities.csv")))
        {
            var clock = Stopwatch.StartNew();
            var counts = new GraphGenerator(size, seed).WriteTo(data);
            Say($"generated {size.Name}: {counts.Rows:N0} rows in {clock.Elapsed.TotalSeconds:0.0} s");
        }

        var dbPath = Path.Combine(work, "compare.db");
        var kuzuData = Path.Combine(work, "kuzu-csv");
        var kuzuDb = Path.Combine(kuzuData, "kuzu-db");
        var reuse = ReuseStores && File.Exists(dbPath) && (File.Exists(kuzuDb) || Directory.Exists(kuzuDb));
        var importLine = "import: not measured (--reuse-stores)";
        GraphDataset? dataset;
        if (reuse)
        {
            dataset = SeedFolder.ReadOrThrow(data);
        }
        else
        {
            foreach (var file in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" })
            {
                File.Delete(file);
            }

            // The import as `import` measures it: the folder read and validated while the store writes, end to end.
            var importClock = Stopwatch.StartNew();
            var (stream, problems) = SeedFolder.Stream(data);
            if (stream is null)
            {
                throw new SeedValidationException(problems);
            }

            await StoreSelection.Open(StoreSettings.Sqlite(dbPath)).GetRequiredService<IGraphStore>().ImportAsync(stream, new ImportOptions(ImportMode.Merge), cancellationToken);
            var importSeconds = importClock.Elapsed.TotalSeconds;
            var rows = stream.RowCount;
            importLine = $"import {size.Name}: {rows:N0} rows in {importSeconds:0.0} s = {rows / importSeconds:N0} rows/s (reading and validating {stream.ProducerTime.TotalSeconds:0.0} s of it, beside the writing)";
            Say(importLine);
            SqliteConnection.ClearAllPools();
            // For Kùzu's files, not timed.
            dataset = SeedFolder.ReadOrThrow(data);
        }

        if (!reuse)
        {
            WriteKuzuCsv(dataset, kuzuData);
        }

        var questions = Questions(dataset, dbPath);
        dataset = null;
        GC.Collect();

        await using var kuzu = await KuzuWorker.StartAsync(cancellationToken);
        var kuzuLoad = await kuzu.LoadAsync(kuzuData, reuse, cancellationToken);
        Say($"kuzu: {(reuse ? "opened" : "loaded")} in {kuzuLoad / 1000:0.0} s");

        using var server = await ServerProcess.StartAsync(dbPath, cancellationToken);
        Say($"start-up: listening after {server.ListeningAfter.TotalSeconds:0.0} s, analysis answering after {server.AnalysisReadyAfter.TotalSeconds:0.0} s");

        await using var sql = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await sql.OpenAsync(cancellationToken);

        var results = questions.ToDictionary(question => question.Name, _ => new Timings());
        foreach (var question in questions)
        {
            await CompareAnswersAsync(question, server, kuzu, sql, cancellationToken);
        }

        for (var round = 0; round < rounds; round++)
        {
            foreach (var question in questions)
            {
                var timings = results[question.Name];
                timings.Project.Add((await server.QueryAsync(question.GraphQL, question.Variables, cancellationToken)).Milliseconds);
                if (question.Cypher is not null)
                {
                    timings.Kuzu.Add((await kuzu.RunAsync(question.Cypher, question.CypherParameters, cancellationToken)).Milliseconds);
                }

                if (question.Sql is not null && round < question.SqlRounds)
                {
                    timings.Sql.Add(TimeSql(sql, question));
                }
            }
        }

        var peakAfterLatency = server.Memory();
        var wrk = await ThroughputAsync(server, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var memory = server.Memory();
        var (transactionMicros, pageMicros) = StoreFloors(sql);

        Say("");
        Say($"## bench compare --size {size.Name} --seed {seed}: {rounds} interleaved rounds, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        Say("");
        Say("| question | IndustryGraph p50 / p99 ms | Kùzu p50 / p99 ms | plain SQL p50 / p99 ms | IG ÷ Kùzu (p50) | IG ÷ SQL (p50) |");
        Say("| --- | --- | --- | --- | --- | --- |");
        foreach (var question in questions)
        {
            var timings = results[question.Name];
            Say($"| {question.Name} | {Percentiles(timings.Project)} | {Percentiles(timings.Kuzu)} | {Percentiles(timings.Sql)} | {Ratio(timings.Project, timings.Kuzu)} | {Ratio(timings.Project, timings.Sql)} |");
        }

        Say("");
        Say($"| throughput (wrk 2 threads × 32 connections, {wrkSeconds} s) | IndustryGraph rps | plain Kestrel, same bytes, rps | ratio | IndustryGraph CPU µs per answer | plain Kestrel CPU µs per answer |");
        Say("| --- | --- | --- | --- | --- | --- |");
        foreach (var pair in wrk)
        {
            Say($"| `{pair.Query}` | {pair.Project.RequestsPerSecond:N0} | {pair.Plain.RequestsPerSecond:N0} | {(pair.Plain.RequestsPerSecond > 0 ? pair.Project.RequestsPerSecond / pair.Plain.RequestsPerSecond : 0):0.00}× | {pair.Project.CpuMicrosPerAnswer:0.0} | {pair.Plain.CpuMicrosPerAnswer:0.0} |");
        }

        var plainMicros = wrk.Count > 0 && wrk[0].Plain.RequestsPerSecond > 0 ? Environment.ProcessorCount * 1e6 / wrk[0].Plain.RequestsPerSecond : double.NaN;
        Say("");
        Say($"floors: a plain Kestrel answer costs the machine about {plainMicros:0.0} µs (cores ÷ its rps, wrk included); on one SQLite connection of this process, prepared: a read transaction (BEGIN, version, ROLLBACK) {transactionMicros:0.0} µs, with the one-item page statement of enterprises(first: 1) {pageMicros:0.0} µs");
        Say($"start-up on the imported store: listening {server.ListeningAfter.TotalSeconds:0.0} s, analysis index ready {server.AnalysisReadyAfter.TotalSeconds:0.0} s");
        Say($"memory of the server: peak {memory.PeakMb:N0} MB, after the latency rounds {peakAfterLatency.CurrentMb:N0} MB, settled after wrk {memory.CurrentMb:N0} MB");
        Say(importLine);
        Say(disagreements.Count == 0
            ? "answers: the three systems agree on every question"
            : $"answers: {disagreements.Count} disagreement(s):" + string.Concat(disagreements.Select(line => Environment.NewLine + "  " + line)));
        return disagreements.Count == 0 ? 0 : 1;
    }

    private sealed class Timings
    {
        public List<double> Project { get; } = [];

        public List<double> Kuzu { get; } = [];

        public List<double> Sql { get; } = [];
    }

    private static string Percentiles(List<double> values)
    {
        if (values.Count == 0)
        {
            return "—";
        }

        var sorted = values.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{Format(sorted[sorted.Count / 2])} / {Format(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * 0.99) - 1)])}");
    }

    private static string Format(double ms) => ms >= 100 ? ms.ToString("N0", CultureInfo.InvariantCulture) : ms.ToString(ms >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);

    private static string Ratio(List<double> project, List<double> other)
    {
        if (project.Count == 0 || other.Count == 0)
        {
            return "—";
        }

        var ratio = project.Order().ElementAt(project.Count / 2) / other.Order().ElementAt(other.Count / 2);
        return ratio.ToString(ratio >= 10 ? "N0" : "0.00", CultureInfo.InvariantCulture) + "×";
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>One question asked of the three systems, and how to read each answer into one comparable text.</summary>
    private sealed record Question(string Name, string GraphQL, object? Variables, Func<JsonNode, string>? ReadProject)
    {
        public string? Cypher { get; init; }

        public Dictionary<string, object?> CypherParameters { get; init; } = [];

        public Func<JsonArray, string>? ReadKuzu { get; init; }

        public string? Sql { get; init; }

        public Dictionary<string, object?> SqlParameters { get; init; } = [];

        public Func<SqliteDataReader, string>? ReadSql { get; init; }

        /// <summary>Rounds the SQL side runs (a path search on L takes seconds).</summary>
        public int SqlRounds { get; init; } = int.MaxValue;

        /// <summary>A SQL answer that takes several statements (breadth first, level by level); otherwise <see cref="Sql"/> is run.</summary>
        public Func<SqliteConnection, string>? RunSql { get; init; }
    }

    private List<Question> Questions(GraphDataset dataset, string dbPath)
    {
        var keyOf = dataset.Entities.ToDictionary(entity => entity.Key, StringComparer.Ordinal);
        var located = dataset.Relationships.Where(edge => edge.Type == RelationshipTypes.LocatedIn).ToList();
        var parkDistrict = located.Where(edge => keyOf[edge.FromKey].Kind == EntityKind.Park).GroupBy(edge => edge.FromKey).ToDictionary(group => group.Key, group => group.First().ToKey);
        var enterpriseDistricts = located.Where(edge => keyOf[edge.FromKey].Kind == EntityKind.Enterprise)
            .Select(edge => (edge.FromKey, District: keyOf[edge.ToKey].Kind == EntityKind.District ? edge.ToKey : parkDistrict.GetValueOrDefault(edge.ToKey)))
            .Where(item => item.District is not null).Distinct().ToList();
        var district = enterpriseDistricts.GroupBy(item => item.District!).OrderByDescending(group => group.Count()).ThenBy(group => group.Key, StringComparer.Ordinal).First().Key;
        var chain = dataset.Entities.Where(entity => entity.Kind == EntityKind.IndustryChain).Select(entity => entity.Key).Order(StringComparer.Ordinal).First();
        var links = dataset.Entities.Where(entity => entity.Link?.ChainKey == chain).OrderBy(entity => entity.Link!.Position).ToList();
        var link = links[links.Count * 2 / 3].Key;
        var enterpriseInPark = located.First(edge => keyOf[edge.FromKey].Kind == EntityKind.Enterprise && keyOf[edge.ToKey].Kind == EntityKind.Park);
        var farPark = parkDistrict.Where(pair => pair.Value != parkDistrict[enterpriseInPark.ToKey]).Select(pair => pair.Key).Order(StringComparer.Ordinal).First();
        Say($"questions: district {keyOf[district].Name} ({district}), chain {keyOf[chain].Name} ({links.Count} links), link {keyOf[link].Name}, path {enterpriseInPark.FromKey} → {farPark}; store {dbPath}");

        string Keys(JsonArray array, string field = "key") => string.Join(",", array.Select(row => row![field]!.ToString()));
        string SqlRows(SqliteDataReader reader)
        {
            var values = new List<string>();
            while (reader.Read())
            {
                values.Add(reader.FieldCount == 1 ? reader.GetValue(0).ToString()! : $"{reader.GetValue(0)}:{reader.GetValue(1)}");
            }

            return string.Join(",", values);
        }

        string KuzuPairs(JsonArray array) => string.Join(",", array.Select(row => $"{row!["k"]}:{row["v"]}"));

        var questions = new List<Question>
        {
            new("`{ parks(first: 1) { nodes { name } } }`", "{ parks(first: 1) { nodes { name } } }", null, null),
            new("`{ enterprises(first: 1) { nodes { name } } }`", "{ enterprises(first: 1) { nodes { name } } }", null, null),
            new("`enterprises(district:) { totalCount }`", "query($d: String) { enterprises(district: $d, first: 1) { totalCount } }", new { d = district },
                data => data["enterprises"]!["totalCount"]!.ToString())
            {
                Cypher = "MATCH (e:Entity) WHERE e.kind = 'ENTERPRISE' AND (EXISTS { MATCH (e)-[:LOCATED_IN]->(:Entity {key: $d}) } OR EXISTS { MATCH (e)-[:LOCATED_IN]->(:Entity)-[:LOCATED_IN]->(:Entity {key: $d}) }) RETURN count(*) AS n",
                CypherParameters = new() { ["d"] = district },
                ReadKuzu = rows => rows[0]!["n"]!.ToString(),
                Sql = """
                    SELECT COUNT(*) FROM entity e WHERE e.kind = 'ENTERPRISE' AND e.id IN (
                      SELECT from_id FROM relationship WHERE type = 'LOCATED_IN' AND to_id = (SELECT id FROM entity WHERE key = $d)
                      UNION SELECT r1.from_id FROM relationship r1 JOIN relationship r2 ON r2.from_id = r1.to_id AND r2.type = 'LOCATED_IN'
                        AND r2.to_id = (SELECT id FROM entity WHERE key = $d) WHERE r1.type = 'LOCATED_IN')
                    """,
                SqlParameters = new() { ["$d"] = district },
                ReadSql = SqlRows,
            },
        };

        foreach (var text in new[] { "装备", "新能源", "有限公司" })
        {
            const string Rank = "CASE WHEN {0} = {1} THEN 0 WHEN {2} THEN 1 ELSE 2 END";
            var kindOrder = string.Join(" ", Enum.GetValues<EntityKind>().Select(kind => $"WHEN '{kind.ToCode()}' THEN {NameMatch.KindOrder(kind)}"));
            questions.Add(new Question($"search, {text.Length}-character text ({text}), first 20", "query($t: String!) { search(text: $t, first: 20) { entity { key } } }", new { t = text },
                data => string.Join(",", data["search"]!.AsArray().Select(hit => hit!["entity"]!["key"]!.ToString())))
            {
                Cypher = $"MATCH (e:Entity) WHERE e.name CONTAINS $t RETURN e.key AS key ORDER BY {string.Format(CultureInfo.InvariantCulture, Rank, "e.name", "$t", "starts_with(e.name, $t)")}, size(e.name), e.ko, e.key LIMIT 20",
                CypherParameters = new() { ["t"] = text },
                ReadKuzu = rows => Keys(rows),
                // The same ranking over the LIKE scan: exact, prefix, substring; shorter name; kind; key.
                Sql = $"SELECT key FROM entity WHERE name LIKE '%' || $t || '%' ORDER BY {string.Format(CultureInfo.InvariantCulture, Rank, "name", "$t", "substr(name, 1, length($t)) = $t")}, length(name), CASE kind {kindOrder} ELSE 7 END, key LIMIT 20",
                SqlParameters = new() { ["$t"] = text },
                ReadSql = SqlRows,
            });
        }

        const string LinkCountsCypher = """
            MATCH (l:Entity)-[:PART_OF]->(:Entity {key: $c})
            OPTIONAL MATCH (e:Entity)-[:WORKS_IN]->(l)
            WHERE e.kind = 'ENTERPRISE' AND (EXISTS { MATCH (e)-[:LOCATED_IN]->(:Entity {key: $d}) } OR EXISTS { MATCH (e)-[:LOCATED_IN]->(:Entity)-[:LOCATED_IN]->(:Entity {key: $d}) })
            RETURN l.key AS k, count(DISTINCT e) AS v ORDER BY k
            """;
        const string LinkCountsSql = """
            WITH scope(id) AS (
              SELECT from_id FROM relationship WHERE type = 'LOCATED_IN' AND to_id = (SELECT id FROM entity WHERE key = $d)
              UNION SELECT r1.from_id FROM relationship r1 JOIN relationship r2 ON r2.from_id = r1.to_id AND r2.type = 'LOCATED_IN'
                AND r2.to_id = (SELECT id FROM entity WHERE key = $d) WHERE r1.type = 'LOCATED_IN')
            SELECT l.key AS k, (SELECT COUNT(DISTINCT w.from_id) FROM relationship w JOIN entity e ON e.id = w.from_id AND e.kind = 'ENTERPRISE'
                                WHERE w.to_id = l.id AND w.type = 'WORKS_IN' AND w.from_id IN scope) AS v
            FROM relationship p JOIN entity l ON l.id = p.from_id
            WHERE p.type = 'PART_OF' AND p.to_id = (SELECT id FROM entity WHERE key = $c) ORDER BY k
            """;
        static string Gaps(string pairs) => string.Join(",", pairs.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split(':')).Where(pair => int.Parse(pair[1], CultureInfo.InvariantCulture) < 2)
            .Select(pair => $"{pair[0]}:{(pair[1] == "0" ? "MISSING" : "WEAK")}"));
        questions.Add(new Question($"`chainGaps`, one chain ({links.Count} links) in the largest district", "query($c: String!, $d: String) { chainGaps(chain: $c, scope: { district: $d }) { link { key } status } }", new { c = chain, d = district },
            data => string.Join(",", data["chainGaps"]!.AsArray().Select(gap => $"{gap!["link"]!["key"]}:{gap["status"]}").Order(StringComparer.Ordinal)))
        {
            Cypher = LinkCountsCypher, CypherParameters = new() { ["c"] = chain, ["d"] = district }, ReadKuzu = rows => Gaps(KuzuPairs(rows)),
            Sql = LinkCountsSql, SqlParameters = new() { ["$c"] = chain, ["$d"] = district }, ReadSql = reader => Gaps(SqlRows(reader)),
        });
        questions.Add(new Question($"`chainMap` counts per link, same chain and district", "query($c: String!, $d: String) { chainMap(chain: $c, scope: { district: $d }) { links { link { key } countInScope } } }", new { c = chain, d = district },
            data => string.Join(",", data["chainMap"]!["links"]!.AsArray().Select(row => $"{row!["link"]!["key"]}:{row["countInScope"]}").Order(StringComparer.Ordinal)))
        {
            Cypher = LinkCountsCypher, CypherParameters = new() { ["c"] = chain, ["d"] = district }, ReadKuzu = KuzuPairs,
            Sql = LinkCountsSql, SqlParameters = new() { ["$c"] = chain, ["$d"] = district }, ReadSql = SqlRows,
        });

        foreach (var depth in new[] { 2, 4 })
        {
            questions.Add(new Question($"`upstream` depth {depth} from a link", $"query($l: String!) {{ upstream(of: $l, depth: {depth}) {{ link {{ key }} distance }} }}", new { l = link },
                data => string.Join(",", data["upstream"]!.AsArray().Select(step => $"{step!["link"]!["key"]}:{step["distance"]}").Order(StringComparer.Ordinal)))
            {
                Cypher = $"MATCH (b:Entity)-[s:SUPPLIES* SHORTEST 1..{depth}]->(a:Entity {{key: $l}}) WHERE b.key <> $l RETURN b.key AS k, length(s) AS v ORDER BY k",
                CypherParameters = new() { ["l"] = link },
                ReadKuzu = KuzuPairs,
                Sql = $"""
                    WITH RECURSIVE up(id, d) AS (
                      SELECT id, 0 FROM entity WHERE key = $l
                      UNION SELECT r.from_id, up.d + 1 FROM up JOIN relationship r ON r.to_id = up.id AND r.type = 'SUPPLIES' WHERE up.d < {depth})
                    SELECT e.key AS k, MIN(up.d) AS v FROM up JOIN entity e ON e.id = up.id WHERE e.key <> $l GROUP BY e.key ORDER BY k
                    """,
                SqlParameters = new() { ["$l"] = link },
                ReadSql = SqlRows,
            });
        }

        questions.Add(new Question("shortest path enterprise → park, up to 6 hops", "query($a: String!, $b: String!) { paths(from: $a, to: $b, maxHops: 6, first: 1) { length } }", new { a = enterpriseInPark.FromKey, b = farPark },
            data => data["paths"]!.AsArray().FirstOrDefault()?["length"]?.ToString() ?? "none")
        {
            Cypher = "MATCH p = (a:Entity {key: $a})-[* SHORTEST 1..6]-(b:Entity {key: $b}) RETURN length(p) AS n",
            CypherParameters = new() { ["a"] = enterpriseInPark.FromKey, ["b"] = farPark },
            ReadKuzu = rows => rows.Count == 0 ? "none" : rows[0]!["n"]!.ToString(),
            // Breadth first over both directions, level by level, each entity visited once (a recursive CTE
            // cannot skip visited rows and explodes on hubs).
            Sql = "bfs",
            RunSql = connection => SqlShortestPath(connection, enterpriseInPark.FromKey, farPark, 6),
            SqlRounds = size == GraphSize.L ? 3 : size == GraphSize.M ? 10 : int.MaxValue,
        });
        return questions;
    }

    private async Task CompareAnswersAsync(Question question, ServerProcess server, KuzuWorker kuzu, SqliteConnection sql, CancellationToken cancellationToken)
    {
        var project = await server.QueryAsync(question.GraphQL, question.Variables, cancellationToken);
        if (project.Error is not null)
        {
            disagreements.Add($"{question.Name}: IndustryGraph answered an error: {project.Error}");
            return;
        }

        if (question.ReadProject is null)
        {
            return;
        }

        var ours = question.ReadProject(project.Data!);
        if (question.Cypher is not null)
        {
            var answer = await kuzu.RunAsync(question.Cypher, question.CypherParameters, cancellationToken);
            var theirs = answer.Error ?? question.ReadKuzu!(answer.Rows!);
            if (theirs != ours)
            {
                disagreements.Add($"{question.Name}: IndustryGraph {Short(ours)} but Kùzu {Short(theirs)}");
            }
        }

        if (question.Sql is not null)
        {
            var theirs = RunSql(sql, question);
            if (theirs != ours)
            {
                disagreements.Add($"{question.Name}: IndustryGraph {Short(ours)} but SQL {Short(theirs)}");
            }
        }
    }

    private static string Short(string answer) => answer.Length > 300 ? answer[..300] + "…" : $"[{answer}]";

    private static SqliteCommand SqlCommand(SqliteConnection connection, Question question)
    {
        var command = connection.CreateCommand();
        command.CommandText = question.Sql;
        command.CommandTimeout = 600;
        foreach (var (name, value) in question.SqlParameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static double TimeSql(SqliteConnection connection, Question question)
    {
        var clock = Stopwatch.StartNew();
        RunSql(connection, question);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static string RunSql(SqliteConnection connection, Question question)
    {
        if (question.RunSql is not null)
        {
            return question.RunSql(connection);
        }

        using var command = SqlCommand(connection, question);
        using var reader = command.ExecuteReader();
        return question.ReadSql!(reader);
    }

    /// <summary>The length of a shortest path over relationships of any type and direction, or "none" past <paramref name="maxHops"/>.</summary>
    private static string SqlShortestPath(SqliteConnection connection, string from, string to, int maxHops)
    {
        void Exec(string sql, params (string, object)[] parameters)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            command.ExecuteNonQuery();
        }

        Exec("CREATE TEMP TABLE IF NOT EXISTS bfs_seen (id INTEGER PRIMARY KEY, d INTEGER NOT NULL); DELETE FROM bfs_seen");
        Exec("INSERT INTO bfs_seen (id, d) SELECT id, 0 FROM entity WHERE key = $a", ("$a", from));
        for (var depth = 1; depth <= maxHops; depth++)
        {
            Exec("""
                INSERT OR IGNORE INTO bfs_seen (id, d)
                  SELECT r.to_id, $d FROM bfs_seen s JOIN relationship r ON r.from_id = s.id WHERE s.d = $d - 1
                  UNION SELECT r.from_id, $d FROM bfs_seen s JOIN relationship r INDEXED BY relationship_to ON r.to_id = s.id WHERE s.d = $d - 1
                """, ("$d", depth));
            using var found = connection.CreateCommand();
            found.CommandText = "SELECT s.d FROM bfs_seen s JOIN entity e ON e.id = s.id WHERE e.key = $b";
            found.Parameters.AddWithValue("$b", to);
            if (found.ExecuteScalar() is long distance)
            {
                return distance.ToString(CultureInfo.InvariantCulture);
            }
        }

        return "none";
    }

    /// <summary>Nodes with their kind order (for the search ranking) and one edge file per relationship type.</summary>
    private static void WriteKuzuCsv(GraphDataset dataset, string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        using (var nodes = new StreamWriter(Path.Combine(folder, "nodes.csv"), false, new UTF8Encoding(false)))
        {
            nodes.WriteLine("key,kind,name,ko");
            foreach (var entity in dataset.Entities)
            {
                nodes.WriteLine($"{Quote(entity.Key)},{entity.Kind.ToCode()},{Quote(entity.Name)},{NameMatch.KindOrder(entity.Kind)}");
            }
        }

        foreach (var group in dataset.Relationships.GroupBy(edge => edge.Type))
        {
            using var edges = new StreamWriter(Path.Combine(folder, $"rel-{group.Key}.csv"), false, new UTF8Encoding(false));
            edges.WriteLine("from,to");
            foreach (var edge in group)
            {
                edges.WriteLine($"{Quote(edge.FromKey)},{Quote(edge.ToKey)}");
            }
        }
    }

    /// <summary>
    /// What a one-item page costs SQLite alone, with nothing of HTTP or GraphQL: the read transaction every query
    /// opens, and that with the page statement the server prepares for <c>enterprises(first: 1)</c>. Microseconds each.
    /// </summary>
    private static (double Transaction, double Page) StoreFloors(SqliteConnection sql)
    {
        using var begin = sql.CreateCommand();
        begin.CommandText = "BEGIN DEFERRED; SELECT value FROM meta WHERE key = 'data_version'";
        using var page = sql.CreateCommand();
        page.CommandText = "SELECT e.id, e.key, e.kind, e.name, e.aliases, e.tags, e.sources, e.chain_key, e.segment, e.position, e.name AS sort FROM entity e WHERE e.kind = $kind ORDER BY sort ASC, e.key ASC LIMIT 2";
        page.Parameters.AddWithValue("$kind", EntityKind.Enterprise.ToCode());
        using var rollback = sql.CreateCommand();
        rollback.CommandText = "ROLLBACK";

        double Time(bool withPage)
        {
            const int Runs = 20_000;
            var clock = new Stopwatch();
            for (var run = -Runs / 10; run < Runs; run++)
            {
                if (run == 0)
                {
                    clock.Start();
                }

                begin.ExecuteScalar();
                if (withPage)
                {
                    using var reader = page.ExecuteReader();
                    while (reader.Read())
                    {
                        _ = reader.GetString(3);
                    }
                }

                rollback.ExecuteNonQuery();
            }

            return clock.Elapsed.TotalMicroseconds / Runs;
        }

        return (Time(withPage: false), Time(withPage: true));
    }

    /// <summary>One wrk run: its rate, and the processor time the serving process spent per answer.</summary>
    private readonly record struct WrkRun(double RequestsPerSecond, double CpuMicrosPerAnswer);

    private readonly record struct ThroughputPair(string Query, WrkRun Project, WrkRun Plain);

    private async Task<List<ThroughputPair>> ThroughputAsync(ServerProcess server, CancellationToken cancellationToken)
    {
        var result = new List<ThroughputPair>();
        if (!File.Exists("/usr/bin/wrk"))
        {
            Say("throughput: skipped, wrk is not installed (apt-get install -y wrk)");
            return result;
        }

        var firstPark = await server.QueryAsync("{ parks(first: 1) { nodes { id } } }", null, cancellationToken);
        var parkId = firstPark.Data?["parks"]?["nodes"]?[0]?["id"]?.ToString() ?? throw new InvalidOperationException("the server lists no park: " + firstPark.Error);
        foreach (var query in new[] { "{ parks(first: 1) { nodes { name } } }", "{ enterprises(first: 1) { nodes { name } } }", $"{{ node(id: \"{parkId}\") {{ ... on Park {{ name }} }} }}", "{ __typename }" })
        {
            var url = $"{server.BaseAddress}graphql?query={Uri.EscapeDataString(query)}";
            var (bytes, contentType) = await server.GetBytesAsync(url, cancellationToken);
            await using var plain = await PlainEndpoint.StartAsync(bytes, contentType, cancellationToken);
            // Each first, unmeasured: the runtime compiles hot code again, optimized, after its first calls (in
            // the project's server that takes seconds under 32 connections: a fresh server answers { __typename }
            // at a third of its settled rate for its first 5 s), and what is measured is the settled rate.
            await WrkAsync(url, server.ProcessorTime, cancellationToken, seconds: 4);
            await WrkAsync(plain.Url, PlainEndpoint.ProcessorTime, cancellationToken, seconds: 1);
            var project = await WrkAsync(url, server.ProcessorTime, cancellationToken);
            var baseline = await WrkAsync(plain.Url, PlainEndpoint.ProcessorTime, cancellationToken);
            result.Add(new ThroughputPair(query, project, baseline));
        }

        return result;
    }

    private async Task<WrkRun> WrkAsync(string url, Func<TimeSpan> serverProcessorTime, CancellationToken cancellationToken, int? seconds = null)
    {
        var start = new ProcessStartInfo("wrk", ["-t2", "-c32", $"-d{seconds ?? wrkSeconds}s", url]) { RedirectStandardOutput = true, RedirectStandardError = true };
        var processorBefore = serverProcessorTime();
        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var processor = serverProcessorTime() - processorBefore;
        var lines = text.Split('\n');
        var rate = lines.FirstOrDefault(line => line.StartsWith("Requests/sec:", StringComparison.Ordinal));
        // "  123456 requests in 5.00s, 12.34MB read"
        var total = lines.Select(line => line.Trim().Split(' ')).FirstOrDefault(words => words.Length > 2 && words[1] == "requests" && words[2] == "in");
        if (text.Contains("Non-2xx", StringComparison.Ordinal))
        {
            disagreements.Add($"wrk {url}: some answers were not 2xx");
        }

        var requests = total is null ? 0 : long.Parse(total[0], CultureInfo.InvariantCulture);
        return new WrkRun(
            rate is null ? 0 : double.Parse(rate["Requests/sec:".Length..].Trim(), CultureInfo.InvariantCulture),
            requests > 0 ? processor.TotalMicroseconds / requests : double.NaN);
    }

    private readonly record struct Answer(double Milliseconds, JsonNode? Data, string? Error);

    /// <summary>The project's server in a process of its own, so its start-up and memory are its alone.</summary>
    private sealed class ServerProcess : IDisposable
    {
        private readonly Process process;
        private readonly HttpClient http;

        private ServerProcess(Process process, Uri baseAddress)
        {
            this.process = process;
            BaseAddress = baseAddress;
            http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromHours(1) }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(10) };
        }

        public Uri BaseAddress { get; }

        /// <summary>Processor time the server has used so far, all its threads.</summary>
        public TimeSpan ProcessorTime()
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }

        public TimeSpan ListeningAfter { get; private set; }

        public TimeSpan AnalysisReadyAfter { get; private set; }

        public static async Task<ServerProcess> StartAsync(string dbPath, CancellationToken cancellationToken)
        {
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet", [typeof(CompareBench).Assembly.Location, "serve", "--db", dbPath, "--urls", $"http://127.0.0.1:{port}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["Analysis__CacheDuration"] = "00:00:00";
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            var clock = Stopwatch.StartNew();
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, line) => { if (line.Data is not null) Console.Error.WriteLine($"  server: {line.Data}"); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}/"));
            try
            {
                await server.WaitUntilReadyAsync(clock, cancellationToken);
                return server;
            }
            catch
            {
                server.Dispose();
                throw;
            }
        }

        private async Task WaitUntilReadyAsync(Stopwatch clock, CancellationToken cancellationToken)
        {
            var server = this;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"the server exited with code {process.ExitCode} before listening");
                }

                try
                {
                    using var health = await server.http.GetAsync("health", cancellationToken);
                    if (health.IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(20, cancellationToken);
            }

            server.ListeningAfter = clock.Elapsed;
            var ready = await server.QueryAsync("{ chains(first: 1) { nodes { key } } }", null, cancellationToken);
            var chain = ready.Data!["chains"]!["nodes"]![0]!["key"]!.ToString();
            // Analysis waits for the index being built; on a big store it may answer ANALYSIS_INDEX_BUILDING first.
            while (true)
            {
                var analysis = await server.QueryAsync("query($c: String!) { chainMap(chain: $c) { threshold } }", new { c = chain }, cancellationToken);
                if (analysis.Error is null)
                {
                    break;
                }

                if (!analysis.Error.Contains("ANALYSIS_INDEX_BUILDING", StringComparison.Ordinal) || clock.Elapsed > TimeSpan.FromMinutes(10))
                {
                    throw new InvalidOperationException($"the server's first analysis answer was an error: {analysis.Error}");
                }
            }

            server.AnalysisReadyAfter = clock.Elapsed;
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public async Task<Answer> QueryAsync(string query, object? variables, CancellationToken cancellationToken)
        {
            var body = JsonSerializer.Serialize(new { query, variables });
            var clock = Stopwatch.StartNew();
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync("graphql", content, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            var json = JsonNode.Parse(text)!;
            var error = json["errors"] is JsonArray errors && errors.Count > 0 ? errors.ToJsonString() : null;
            return new Answer(elapsed, json["data"], error);
        }

        public async Task<(byte[] Bytes, string ContentType)> GetBytesAsync(string url, CancellationToken cancellationToken)
        {
            using var response = await http.GetAsync(url, cancellationToken);
            return (await response.Content.ReadAsByteArrayAsync(cancellationToken), response.Content.Headers.ContentType?.ToString() ?? "application/json");
        }

        public (double CurrentMb, double PeakMb) Memory()
        {
            var status = File.Exists($"/proc/{process.Id}/status") ? File.ReadAllLines($"/proc/{process.Id}/status") : [];
            double Field(string name) => status.Where(line => line.StartsWith(name, StringComparison.Ordinal))
                .Select(line => double.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024).FirstOrDefault();
            return (Field("VmRSS:"), Field("VmHWM:"));
        }

        public void Dispose()
        {
            http.Dispose();
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }
    }

    /// <summary>A bare Kestrel endpoint that answers every request with the same bytes: the HTTP floor.</summary>
    private sealed class PlainEndpoint : IAsyncDisposable
    {
        private readonly WebApplication app;

        private PlainEndpoint(WebApplication app, string url)
        {
            this.app = app;
            Url = url;
        }

        public string Url { get; }

        /// <summary>Processor time of this process, which serves the plain endpoint (the rest of the bench idles while wrk runs).</summary>
        public static TimeSpan ProcessorTime() => Process.GetCurrentProcess().TotalProcessorTime;

        public static async Task<PlainEndpoint> StartAsync(byte[] bytes, string contentType, CancellationToken cancellationToken)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.Run(context =>
            {
                context.Response.ContentType = contentType;
                context.Response.ContentLength = bytes.Length;
                return context.Response.Body.WriteAsync(bytes, cancellationToken).AsTask();
            });
            await app.StartAsync(cancellationToken);
            var address = app.Urls.First();
            return new PlainEndpoint(app, address.TrimEnd('/') + "/graphql");
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Kùzu 0.11.3 in a node process (bench/kuzu/worker.mjs): one JSON line per request and per answer.</summary>
    private sealed class KuzuWorker : IAsyncDisposable
    {
        private readonly Process process;
        private int next;

        private KuzuWorker(Process process) => this.process = process;

        public static string? Folder()
        {
            // Above the program (a build in the source tree), or above the working directory (a copied build).
            foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            {
                for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
                {
                    var candidate = Path.Combine(directory.FullName, "bench", "kuzu");
                    if (File.Exists(Path.Combine(candidate, "worker.mjs")))
                    {
                        return candidate;
                    }
                }
            }

            return null;
        }

        public static Task<KuzuWorker> StartAsync(CancellationToken cancellationToken)
        {
            var folder = Folder() ?? throw new InvalidOperationException("bench/kuzu/worker.mjs not found above " + AppContext.BaseDirectory);
            if (!Directory.Exists(Path.Combine(folder, "node_modules", "kuzu")))
            {
                throw new InvalidOperationException($"Kùzu is not installed: run `npm ci --prefix {folder}`");
            }

            var start = new ProcessStartInfo("node", ["worker.mjs"])
            {
                WorkingDirectory = folder,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
                StandardInputEncoding = new UTF8Encoding(false),
            };
            var process = Process.Start(start)!;
            process.ErrorDataReceived += (_, line) => { if (line.Data is not null) Console.Error.WriteLine($"  kuzu: {line.Data}"); };
            process.BeginErrorReadLine();
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(new KuzuWorker(process));
        }

        private async Task<JsonNode> SendAsync(object request, CancellationToken cancellationToken)
        {
            await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(request).AsMemory(), cancellationToken);
            await process.StandardInput.FlushAsync(cancellationToken);
            var line = await process.StandardOutput.ReadLineAsync(cancellationToken) ?? throw new InvalidOperationException("the Kùzu worker exited");
            return JsonNode.Parse(line)!;
        }

        public async Task<double> LoadAsync(string folder, bool reuse, CancellationToken cancellationToken)
        {
            var answer = await SendAsync(reuse ? new { id = ++next, open = folder } : (object)new { id = ++next, load = folder }, cancellationToken);
            return answer["error"] is { } error ? throw new InvalidOperationException("Kùzu load: " + error) : answer["ms"]!.GetValue<double>();
        }

        public async Task<(double Milliseconds, JsonArray? Rows, string? Error)> RunAsync(string cypher, Dictionary<string, object?> parameters, CancellationToken cancellationToken)
        {
            var answer = await SendAsync(new { id = ++next, cypher, @params = parameters }, cancellationToken);
            return answer["error"] is { } error ? (0, null, "error: " + error) : (answer["ms"]!.GetValue<double>(), answer["rows"]!.AsArray(), null);
        }

        public async ValueTask DisposeAsync()
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(5000))
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            process.Dispose();
        }
    }
}
