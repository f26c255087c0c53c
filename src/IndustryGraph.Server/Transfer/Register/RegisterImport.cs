using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;
using IndustryGraph.Domain.Register;
using IndustryGraph.Domain.Seed;
using IndustryGraph.Domain.Store;

namespace IndustryGraph.Server.Transfer.Register;

/// <summary>How one register import runs.</summary>
/// <param name="FileName">The name problems and the source document carry (the uploaded or given file's name).</param>
/// <param name="AsOf">The date the register's undated figures are for (YYYY-MM-DD): the import's day unless given.</param>
public sealed record RegisterImportOptions(string FileName, string AsOf, RegisterText Text)
{
    public bool DryRun { get; init; }

    public string Actor { get; init; } = "cli";

    public IProgress<long>? Progress { get; init; }

    /// <summary>Receives how long each step of the store's write took (for benchmarks).</summary>
    public Action<string>? Trace { get; init; }
}

/// <summary>What an import did (or, dry, would do); <see cref="Problems"/> holds its warnings, and its errors when nothing was imported.</summary>
public sealed record RegisterImportResult(RegisterProblems Problems, ImportSummary? Summary)
{
    public int Rows { get; init; }

    public int EnterprisesAdded { get; init; }

    public int EnterprisesUpdated { get; init; }

    /// <summary>Rows whose 登记状态 says the enterprise no longer operates.</summary>
    public int Inactive { get; init; }

    /// <summary>Of <see cref="Inactive"/>, those the store held as operating (or did not hold).</summary>
    public int NewlyInactive { get; init; }

    public int Suggestions { get; init; }

    /// <summary>Whether placements were suggested at all (a placement suggester is registered).</summary>
    public bool Suggested { get; init; }

    public string? DocumentKey { get; init; }

    public TimeSpan Elapsed { get; init; }

    public bool Imported => Summary is not null;

    public double RowsPerSecond => Rows / Math.Max(Elapsed.TotalSeconds, 0.001);
}

/// <summary>
/// Reads a register export into the store through the store's own merge import, in one transaction: rows are
/// read, checked and mapped in batches while the store writes the ones before; what the store already holds of
/// the enterprises a batch names is read first, so a re-import adds only what changed. All or nothing: an error
/// in any row and nothing is kept.
/// </summary>
public sealed class RegisterImport(IGraphStore store, IndustryClassification industries, IPlacementSuggester? suggester)
{
    // Rows mapped together, with one read of what the store holds of their enterprises.
    private const int BatchRows = 5_000;
    private const int FactsPerPart = 50_000;

    public async Task<RegisterImportResult> RunAsync(string path, RegisterImportOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var problems = new RegisterProblems(options.FileName, options.Text);
        var file = RegisterFile.Open(path, problems);
        if (file is null)
        {
            return new RegisterImportResult(problems, null);
        }

        var known = await store.ReadKnownEntitiesAsync(cancellationToken);
        var documentKey = await DocumentKeyAsync(path, cancellationToken);
        var mapping = new RegisterMapping(documentKey, options.AsOf,
            key => known.TryGetValue(key, out var entity) && entity.Kind == EntityKind.District, suggester);
        var run = new Run(store, industries, problems, mapping, known, documentKey, options, suggester is not null);
        var stream = new ImportStream(file.EstimatedRows, (emit, token) => run.ProduceAsync(file, emit, token));
        ImportSummary summary;
        try
        {
            summary = await store.ImportAsync(stream, new ImportOptions(ImportMode.Merge)
            {
                DryRun = options.DryRun,
                Actor = options.Actor,
                Origin = options.FileName,
                Progress = options.Progress,
                Trace = options.Trace,
            }, cancellationToken);
        }
        catch (RegisterRejectedException)
        {
            return new RegisterImportResult(problems, null) { Rows = run.Rows, Elapsed = clock.Elapsed };
        }

        return new RegisterImportResult(problems, summary)
        {
            Rows = run.Rows,
            EnterprisesAdded = run.Added,
            EnterprisesUpdated = run.Updated,
            Inactive = run.Inactive,
            NewlyInactive = run.NewlyInactive,
            Suggestions = run.Suggestions,
            Suggested = suggester is not null,
            DocumentKey = documentKey,
            Elapsed = clock.Elapsed,
        };
    }

    /// <summary>The source document's key: the same file gives the same key, so importing it again changes nothing.</summary>
    private static async Task<string> DocumentKeyAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return "register-" + Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    /// <summary>Thrown by the stream after the last row when a row had an error: the store then keeps nothing.</summary>
    private sealed class RegisterRejectedException() : Exception("the register file has errors; nothing was imported");

    /// <summary>One pass over the file: the stream's producer, and the counts it leaves.</summary>
    private sealed class Run(
        IGraphStore store, IndustryClassification industries, RegisterProblems problems, RegisterMapping mapping,
        IReadOnlyDictionary<string, KnownEntity> known, string documentKey, RegisterImportOptions options, bool suggesting)
    {
        public int Rows { get; private set; }

        public int Added { get; private set; }

        public int Updated { get; private set; }

        public int Inactive { get; private set; }

        public int NewlyInactive { get; private set; }

        public int Suggestions { get; private set; }

        private readonly List<Relationship> relationships = [];
        private readonly List<Fact> facts = [];
        private readonly List<PlacementRecord> placements = [];
        private readonly List<string> suggestedFor = [];
        private readonly Dictionary<string, int> firstRow = new(StringComparer.Ordinal);

        public async Task ProduceAsync(RegisterFile file, Action<ImportPart> emit, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            RegisterRowReader? reader = null;
            var batch = new List<RegisterEntry>(BatchRows);
            var documentGiven = false;
            foreach (var (row, cells) in ReadOrReject(file))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (reader is null)
                {
                    var header = RegisterHeader.Read(cells, problems);
                    if (header is null)
                    {
                        throw new RegisterRejectedException();
                    }

                    reader = new RegisterRowReader(header, industries, problems);
                    continue;
                }

                if (reader.Read(row, cells) is not { } entry)
                {
                    continue;
                }

                Rows++;
                if (!firstRow.TryAdd(entry.CreditCode, row))
                {
                    problems.Warn(row, 0, problems.Text.RepeatedCode(entry.CreditCode, firstRow[entry.CreditCode]));
                    continue;
                }

                batch.Add(entry);
                if (batch.Count == BatchRows)
                {
                    await MapAsync(batch, documentGiven ? null : emit, emit, cancellationToken);
                    documentGiven = true;
                    batch.Clear();
                }
            }

            if (reader is null)
            {
                problems.Error(1, 0, problems.Text.EmptyFile);
            }

            await MapAsync(batch, documentGiven ? null : emit, emit, cancellationToken);
            if (problems.HasErrors)
            {
                throw new RegisterRejectedException();
            }

            options.Trace?.Invoke($"rows read and mapped {clock.Elapsed.TotalSeconds:0.0} s");

            for (var at = 0; at < relationships.Count; at += FactsPerPart)
            {
                emit(ImportPart.OfRelationships(relationships.GetRange(at, Math.Min(FactsPerPart, relationships.Count - at)), []));
            }

            if (!known.ContainsKey(documentKey))
            {
                // As sources.csv gives an article's date and a note: the register's date, and what file it was.
                IReadOnlyList<SourceRef> itself = [new SourceRef(documentKey, null, false, null)];
                facts.Add(new Fact(documentKey, "published", options.AsOf, null, null, null, itself));
                facts.Add(new Fact(documentKey, "note", $"{options.FileName}: {Rows} rows", null, null, null, itself));
            }
            for (var at = 0; at < facts.Count; at += FactsPerPart)
            {
                emit(ImportPart.OfFacts(facts.GetRange(at, Math.Min(FactsPerPart, facts.Count - at))));
            }

            if (suggesting)
            {
                emit(new ImportPart([], [], []) { Placements = placements, SuggestedFor = suggestedFor });
            }
        }

        /// <summary>The file's rows; a file that breaks while it is read (a damaged workbook) is one problem and rejects the import.</summary>
        private IEnumerable<(int Row, IReadOnlyList<string> Cells)> ReadOrReject(RegisterFile file)
        {
            using var rows = file.Rows().GetEnumerator();
            while (true)
            {
                try
                {
                    if (!rows.MoveNext())
                    {
                        yield break;
                    }
                }
                catch (Exception exception) when (exception is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or FormatException)
                {
                    problems.Error(0, 0, problems.Text.NotAWorkbook(exception.Message));
                    throw new RegisterRejectedException();
                }

                yield return rows.Current;
            }
        }

        /// <summary>Maps a batch against what the store holds of its enterprises; gives its entities (the document's first) while no error has turned up.</summary>
        private async Task MapAsync(List<RegisterEntry> batch, Action<ImportPart>? giveDocument, Action<ImportPart> emit, CancellationToken cancellationToken)
        {
            var stored = await ReadStoredAsync(batch, cancellationToken);
            var entities = new List<Entity>(batch.Count + 1);
            if (giveDocument is not null && !known.ContainsKey(documentKey))
            {
                entities.Add(RegisterMapping.Document(documentKey, problems.Text.DocumentTitle(options.FileName)));
            }

            foreach (var entry in batch)
            {
                var change = mapping.Map(entry, stored.GetValueOrDefault(entry.CreditCode));
                if (change.Entity is not null)
                {
                    entities.Add(change.Entity);
                }

                if (change.LocatedIn is not null)
                {
                    relationships.Add(change.LocatedIn);
                }

                facts.AddRange(change.Facts);
                placements.AddRange(change.Placements);
                suggestedFor.Add(entry.CreditCode);
                Suggestions += change.Placements.Count;
                Added += change.Added ? 1 : 0;
                Updated += change.Updated ? 1 : 0;
                Inactive += entry.Active ? 0 : 1;
                NewlyInactive += change.BecameInactive ? 1 : 0;
            }

            // After an error nothing more is given: the stream will throw, and the store keep nothing.
            if (!problems.HasErrors && entities.Count > 0)
            {
                emit(ImportPart.OfEntities(entities));
            }
        }

        private async Task<Dictionary<string, StoredEnterprise>> ReadStoredAsync(List<RegisterEntry> batch, CancellationToken cancellationToken)
        {
            var keys = batch.Select(entry => entry.CreditCode).Where(known.ContainsKey).ToList();
            var result = new Dictionary<string, StoredEnterprise>(StringComparer.Ordinal);
            if (keys.Count == 0)
            {
                return result;
            }

            var entities = await store.GetEntitiesAsync(keys, cancellationToken);
            var storedFacts = await store.GetFactsAsync(keys, cancellationToken);
            var located = (await store.GetRelationshipsAsync(keys, Direction.Out, [RelationshipTypes.LocatedIn], cancellationToken))
                .ToLookup(edge => edge.FromKey, edge => edge.ToKey, StringComparer.Ordinal);
            foreach (var key in keys)
            {
                if (entities.TryGetValue(key, out var entity) && entity.Kind == EntityKind.Enterprise)
                {
                    result[key] = new StoredEnterprise(entity, storedFacts.GetValueOrDefault(key) ?? [], [.. located[key]]);
                }
            }

            return result;
        }
    }

    /// <summary>Today's date as the import dates figures.</summary>
    public static string Today() => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
