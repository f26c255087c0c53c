using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using IndustryGraph.Domain.Facts;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;
using IndustryGraph.Domain.Store;

namespace IndustryGraph.Domain.Seed;

/// <summary>
/// Turns the files of a seed folder (name → bytes) into a <see cref="GraphDataset"/>, validating the whole set
/// first: every problem is reported with file, line and column, and no dataset comes out while there is one.
/// </summary>
public static partial class SeedReader
{
    public const string SourcesFile = "sources.csv";
    public const string EntitiesFile = "entities.csv";
    public const string ChainLinksFile = "chain_links.csv";
    public const string RelationshipsFile = "relationships.csv";
    public const string FactsFile = "facts.csv";

    /// <summary>Suggested and decided placements of enterprises in chain links (optional: a folder without it has none).</summary>
    public const string PlacementsFile = "placements.csv";

    public static readonly IReadOnlyList<string> Files = [SourcesFile, EntitiesFile, ChainLinksFile, RelationshipsFile, FactsFile];

    /// <summary>Files a seed folder may hold: read after <see cref="Files"/> when present.</summary>
    public static readonly IReadOnlyList<string> OptionalFiles = [PlacementsFile];

    private static readonly IReadOnlyList<string> AllFiles = [.. Files, .. OptionalFiles];

    /// <summary>The columns a file must have (others are optional).</summary>
    public static IReadOnlyList<string> RequiredColumnsOf(string file) => RequiredColumns[file];

    private static readonly string[] ProvenanceColumns = ["source", "paragraph", "note"];

    private static readonly Dictionary<string, string[]> RequiredColumns = new()
    {
        [SourcesFile] = ["key", "title"],
        [EntitiesFile] = ["key", "kind", "name", "aliases", .. ProvenanceColumns],
        [ChainLinksFile] = ["key", "chain", "segment", "position", "name", .. ProvenanceColumns],
        [RelationshipsFile] = ["from", "type", "to", .. ProvenanceColumns],
        [FactsFile] = ["entity", "key", "value", .. ProvenanceColumns],
        [PlacementsFile] = ["enterprise", "link", "kind"],
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex KeyPattern();

    /// <summary>
    /// A stable key: lower-case ASCII letters, digits, '-', '_' and '.', not the word curated; an enterprise's
    /// key may also be its unified social credit code (18 digits and capitals, GB 32100-2015), as the register
    /// import keys enterprises.
    /// </summary>
    public static bool IsValidKey(string key, EntityKind? kind = null) =>
        (KeyPattern().IsMatch(key) && key != SourceRef.CuratedWord) || (kind == EntityKind.Enterprise && Register.CreditCode.IsWellFormed(key));

    public static GraphDataset Read(IReadOnlyDictionary<string, byte[]> files)
    {
        var result = TryRead(files);
        return result.Dataset ?? throw new SeedValidationException(result.Errors);
    }

    /// <param name="files">File name → bytes of a seed folder.</param>
    /// <param name="known">Entities already in the store that rows may reference (a merge import), or null.</param>
    public static SeedReadResult TryRead(IReadOnlyDictionary<string, byte[]> files, IReadOnlyDictionary<string, KnownEntity>? known = null)
    {
        // The files parse independently, so large ones parse side by side.
        var parsed = AllFiles.AsParallel().AsOrdered().Select(file => Parse(files, file)).ToList();
        return Validate(file => parsed[FileIndex(file)], known, null, CancellationToken.None);
    }

    /// <summary>
    /// The rows of a seed folder as an import stream, validated as <see cref="TryRead(IReadOnlyDictionary{string, byte[]}, IReadOnlyDictionary{string, KnownEntity}?)"/>
    /// does (the same rules and messages), each file read once row by row, and each table's valid rows handed on in
    /// parts while the next rows are checked, so a store writes while validation runs. When a problem turns up, no further part is given
    /// and, once every file has been checked, reading the stream throws <see cref="SeedValidationException"/>
    /// with every problem (the store then keeps nothing).
    /// </summary>
    public static ImportStream Stream(IReadOnlyDictionary<string, byte[]> files, IReadOnlyDictionary<string, KnownEntity>? known = null)
    {
        // About one row a line, headers aside; a chain link is an entity and its PART_OF relationship.
        var lines = files.Sum(file => (file.Key == ChainLinksFile ? 2L : 1L) * (file.Value.AsSpan().Count((byte)'\n') - 1));
        // Each file is read in one pass, row by row into validation, on a thread of its own beside the store's
        // writing: no row is held once validated, and the first rows are written at once.
        return new ImportStream(Math.Max(lines, 0), (emit, cancellationToken) => Task.Factory.StartNew(() =>
        {
            var result = Validate(file => Read(files, file, CsvTable.Open), known, emit, cancellationToken);
            if (result.Dataset is null)
            {
                throw new SeedValidationException(result.Errors);
            }
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default));
    }

    private static (CsvTable? Table, List<SeedError> Errors) Parse(IReadOnlyDictionary<string, byte[]> files, string file) =>
        Read(files, file, CsvTable.Parse);

    private static (CsvTable? Table, List<SeedError> Errors) Read(
        IReadOnlyDictionary<string, byte[]> files, string file, Func<string, byte[], List<SeedError>, CsvTable?> read)
    {
        var fileErrors = new List<SeedError>();
        if (!files.TryGetValue(file, out var bytes))
        {
            if (OptionalFiles.Contains(file))
            {
                return (null, fileErrors);
            }

            fileErrors.Add(new SeedError(file, 0, 0, $"the file is missing: a seed folder holds {string.Join(", ", Files)}"));
            return (null, fileErrors);
        }

        return (read(file, bytes, fileErrors), fileErrors);
    }

    private static int FileIndex(string file)
    {
        for (var i = 0; i < AllFiles.Count; i++)
        {
            if (AllFiles[i] == file)
            {
                return i;
            }
        }

        return -1;
    }

    private static SeedError? MissingColumns(string file, CsvTable table)
    {
        var missing = RequiredColumns[file].Where(column => !table.ColumnIndex.ContainsKey(column)).ToList();
        return missing.Count > 0 ? new SeedError(table.File, 1, 1, $"missing column(s): {string.Join(", ", missing)}") : null;
    }

    /// <summary>Validates tables already parsed (from CSV files or a JSON file), keyed by the seed file names.</summary>
    public static SeedReadResult TryRead(IReadOnlyDictionary<string, CsvTable> tables, IReadOnlyDictionary<string, KnownEntity>? known = null) =>
        Validate(file => tables.TryGetValue(file, out var table) ? (table, []) : Parse(new Dictionary<string, byte[]>(), file), known, null, CancellationToken.None);

    /// <summary>
    /// Validates the tables in the order of <see cref="Files"/>, each as <paramref name="tableOf"/> hands it over.
    /// A file that does not parse, or lacks a column, is reported with the other files' such problems alone (its
    /// rows cannot be read); otherwise every problem of every row, sorted by file, line and column.
    /// </summary>
    /// <param name="emit">Receives the valid rows in parts while no problem has turned up (a stream), or null.</param>
    private static SeedReadResult Validate(
        Func<string, (CsvTable? Table, List<SeedError> Errors)> tableOf, IReadOnlyDictionary<string, KnownEntity>? known,
        Action<ImportPart>? emit, CancellationToken cancellationToken)
    {
        var fileErrors = new List<SeedError>();
        var columnErrors = new List<SeedError>();
        var errors = new List<SeedError>();
        var builder = new Builder(errors, known ?? new Dictionary<string, KnownEntity>(), emit, cancellationToken);
        foreach (var file in AllFiles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (table, problems) = tableOf(file);
            if (table is null && problems.Count == 0 && OptionalFiles.Contains(file))
            {
                continue;
            }

            var missing = table is null ? null : MissingColumns(file, table);
            if (missing is not null)
            {
                columnErrors.Add(missing);
            }

            if (table is null || problems.Count + fileErrors.Count + columnErrors.Count > 0)
            {
                // The columns of the files that did parse are still checked, and a file read in one pass is read
                // to its end, so one run names every file that cannot be read and every missing column.
                builder.StopEmitting();
                foreach (var _ in table?.Records ?? [])
                {
                }

                // A file that turns out unreadable is reported as such alone, as one that failed to parse at once.
                if (problems.Count > 0 && missing is not null)
                {
                    columnErrors.Remove(missing);
                }

                fileErrors.AddRange(problems);
                continue;
            }

            FindUnstorableText(table, table.Header, errors);
            switch (file)
            {
                case SourcesFile:
                    builder.ReadSources(table);
                    break;
                case EntitiesFile:
                    builder.ReadEntities(table);
                    break;
                case ChainLinksFile:
                    builder.ReadChainLinks(table);
                    builder.ResolveChainLinks();
                    break;
                case RelationshipsFile:
                    builder.ReadRelationships(table);
                    break;
                case FactsFile:
                    builder.ReadFacts(table);
                    break;
                default:
                    builder.ReadPlacements(table);
                    break;
            }

            // A file read in one pass finds its quoting errors on the way: then it is a file that cannot be read.
            if (problems.Count > 0)
            {
                builder.StopEmitting();
                fileErrors.AddRange(problems);
            }
        }

        if (fileErrors.Count + columnErrors.Count > 0)
        {
            return new SeedReadResult(null, [.. fileErrors, .. columnErrors]);
        }

        var sorted = errors.OrderBy(error => FileIndex(error.File)).ThenBy(error => error.Line).ThenBy(error => error.Column).ToList();
        return sorted.Count > 0 ? new SeedReadResult(null, sorted) : new SeedReadResult(emit is null ? builder.Build() : GraphDataset.Empty, []);
    }

    /// <summary>Every field of a record that holds text the store cannot keep faithfully (see <see cref="StoredText"/>).</summary>
    private static void FindUnstorableText(CsvTable table, CsvRecord record, List<SeedError> errors)
    {
        if (!table.MayHoldUnstorableText)
        {
            return;
        }

        for (var index = 0; index < record.Fields.Count; index++)
        {
            var column = index < table.Header.Fields.Count ? table.Header.Fields[index].Trim() : "";
            if (StoredText.ProblemIn(column, record.Fields[index]) is { } problem)
            {
                var where = index < record.Columns.Count ? record.Columns[index] : 1;
                errors.Add(new SeedError(table.File, record.Line, where, $"{(column.Length > 0 ? $"'{column}'" : "the field")}: {problem}"));
            }
        }
    }

    private readonly struct Row(CsvTable table, CsvRecord record)
    {
        public int Line => record.Line;

        public string File => table.File;

        /// <summary>Where another seed file's rows are reported: the same JSON file, or that CSV file.</summary>
        public string FileOf(string seedFile) => table.File.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? seedFile : table.File;

        public string this[string column] => Get(column);

        public string Get(string column) =>
            table.IndexOf(column) is var index and >= 0 && index < record.Fields.Count ? record.Fields[index].Trim() : "";

        public int ColumnOf(string column) =>
            table.IndexOf(column) is var index and >= 0 && index < record.Columns.Count ? record.Columns[index] : 1;

        public SeedError Error(string column, string message) => new(File, Line, ColumnOf(column), message);

        /// <summary>The items of a list cell; an empty cell (most of them) and a one-item cell allocate no list of their own.</summary>
        public IReadOnlyList<string> List(string column, Dictionary<string, string[]> singleItems)
        {
            var cell = Get(column);
            if (cell.Length == 0)
            {
                return [];
            }

            if (cell.AsSpan().IndexOfAny('|', '\\') >= 0)
            {
                return SeedCell.SplitList(cell).Distinct().ToList();
            }

            if (!singleItems.TryGetValue(cell, out var items))
            {
                items = [cell];
                if (singleItems.Count < 100_000)
                {
                    singleItems[cell] = items;
                }
            }

            return items;
        }
    }

    private sealed class Builder(List<SeedError> errors, IReadOnlyDictionary<string, KnownEntity> known, Action<ImportPart>? emit, CancellationToken cancellationToken)
    {
        // Rows handed on per part of a stream: large enough that a part costs nothing, small enough that the
        // store starts writing at once.
        private const int PartRows = 20_000;

        private bool emitting = emit is not null;

        // Entities read and not yet handed on.
        private readonly List<Entity> pendingEntities = [];

        // Edges added since the last part, and edges of earlier parts that got another source since.
        private readonly List<(int From, int Type, int To)> pendingEdges = [];
        private readonly HashSet<(int From, int Type, int To)> pendingMoreSources = [];
        private int part;

        /// <summary>A problem was found elsewhere: nothing more is handed on (what was is rolled back by the store).</summary>
        public void StopEmitting() => emitting = false;

        private bool Emitting => emitting && errors.Count == 0;

        private void AddEntity(string key, Entity entity, int line)
        {
            entities[key] = (entity, line, entityNumbers++);
            if (emit is not null)
            {
                pendingEntities.Add(entity);
            }
        }

        private void EmitEntities()
        {
            if (Emitting && pendingEntities.Count > 0)
            {
                emit!(ImportPart.OfEntities([.. pendingEntities]));
            }

            pendingEntities.Clear();
        }

        private void EmitRelationships()
        {
            if (Emitting && pendingEdges.Count + pendingMoreSources.Count > 0)
            {
                emit!(ImportPart.OfRelationships(
                    pendingEdges.Select(RelationshipOf).ToList(),
                    pendingMoreSources.Select(RelationshipOf).ToList()));
            }

            pendingEdges.Clear();
            pendingMoreSources.Clear();
            part++;
        }

        private Relationship RelationshipOf((int From, int Type, int To) key)
        {
            var edge = relationships[key];
            return new Relationship(edge.From.Key, Types[key.Type], edge.To.Key, edge.Sources);
        }

        // Each entity read gets a number, by which edges are keyed.
        private readonly Dictionary<string, (Entity Entity, int Line, int Number)> entities = new(StringComparer.Ordinal);
        private int entityNumbers;

        // One-item lists (a tag, an alias) shared by the rows that give the same item; nothing changes a list once read.
        private readonly Dictionary<string, string[]> singleItems = new(StringComparer.Ordinal);

        // Provenance cells already read and found good, by (source, paragraph, note) as written.
        private readonly Dictionary<(string Source, string Paragraph, string Note), SourceRef> provenanceCells = [];

        // Figures already read from a fact's value (many facts share "418人" or "约3.1亿元").
        private readonly Dictionary<string, (bool Ok, Quantity Quantity, string? Problem)> figures = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string Chain, SeedError ChainPosition)> pendingLinks = new(StringComparer.Ordinal);
        // Most rows share a handful of provenances; one instance each keeps a million-row import small.
        private readonly Dictionary<SourceRef, SourceRef> provenances = [];
        // Edges by the numbers of (from, type, to): no string hashing for millions of rows.
        // Part: the part of a stream that first gave the edge.
        private readonly Dictionary<(int From, int Type, int To), (Entity From, Entity To, SourceRef[] Sources, int Part)> relationships = [];

        // The one-provenance list of each interned provenance, shared by every row that cites it (lists are never changed in place).
        private readonly Dictionary<SourceRef, SourceRef[]> oneSource = new(ReferenceEqualityComparer.Instance);

        // A stored entity a row refers to, made once per key, with its number.
        private readonly Dictionary<string, (Entity Entity, int Number)> knownEntities = new(StringComparer.Ordinal);

        private static readonly string[] Types = [.. RelationshipTypes.All];

        private readonly Dictionary<string, int> typeNumbers = Types.Select((type, index) => (type, index)).ToDictionary(pair => pair.type, pair => pair.index, StringComparer.Ordinal);

        private (string? Key, Entity? Entity, int Number) lastFrom;
        private (string? Key, Entity? Entity, int Number) lastTo;
        private (string? Key, Entity? Entity, int Number) lastEntity;

        private SourceRef[] One(SourceRef source)
        {
            if (!oneSource.TryGetValue(source, out var list))
            {
                list = [source];
                if (oneSource.Count < 100_000)
                {
                    oneSource[source] = list;
                }
            }

            return list;
        }
        private readonly List<Fact> facts = [];
        private readonly HashSet<(string, string, string?, string, string, SourceRef)> factRows = [];

        // The same fact told by several rows (one per source) is one fact with all their sources.
        private readonly Dictionary<(string Entity, string Key, string? AsOf, string Value, string About, double? Number, string? Unit), int> factAt = [];

        private IEnumerable<Row> RowsOf(CsvTable table)
        {
            var count = 0;
            foreach (var record in table.Records)
            {
                if (++count % 8192 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                FindUnstorableText(table, record, errors);
                yield return new Row(table, record);
            }
        }

        public void ReadSources(CsvTable table)
        {
            foreach (var row in RowsOf(table))
            {
                var key = row["key"];
                if (!CheckKey(row, key))
                {
                    continue;
                }

                var name = row["title"].Length > 0 ? row["title"] : key;
                var entity = new Entity(key, EntityKind.SourceDocument, name, [key], [], [new SourceRef(key, null, false, null)]);
                AddEntity(key, entity, row.Line);
                AddOptionalFact(row, key, "publisher");
                AddOptionalFact(row, key, "published");
                AddOptionalFact(row, key, "note");
            }
        }

        private void AddOptionalFact(Row row, string key, string column)
        {
            var value = row[column];
            if (value.Length > 0)
            {
                facts.Add(new Fact(key, column, value, null, null, null, [new SourceRef(key, null, false, null)]));
            }
        }

        public void ReadEntities(CsvTable table)
        {
            entities.EnsureCapacity(entities.Count + table.EstimatedRows);
            foreach (var row in RowsOf(table))
            {
                var key = row["key"];
                var kindText = row["kind"];
                var kindOk = EntityKindNames.TryParse(kindText, out var kind);
                var keyOk = CheckKey(row, key, kindOk ? kind : null);
                if (!kindOk)
                {
                    errors.Add(row.Error("kind", $"unknown kind '{kindText}': expected one of {string.Join(", ", KindsInEntitiesFile.Select(k => k.ToCode()))}"));
                }
                else if (kind is EntityKind.ChainLink or EntityKind.SourceDocument)
                {
                    errors.Add(row.Error("kind", $"kind {kind.ToCode()} does not belong in entities.csv: chain links go in chain_links.csv, documents in sources.csv"));
                    kindOk = false;
                }

                var nameOk = CheckName(row);
                var provenance = ReadProvenance(row);
                if (keyOk && kindOk && nameOk && provenance is not null)
                {
                    AddEntity(key, new Entity(key, kind, row["name"], row.List("aliases", singleItems), row.List("tags", singleItems), One(provenance)), row.Line);
                    if (pendingEntities.Count >= PartRows)
                    {
                        EmitEntities();
                    }
                }
            }
        }

        private static readonly EntityKind[] KindsInEntitiesFile =
        [
            EntityKind.District, EntityKind.Park, EntityKind.Enterprise, EntityKind.IndustryChain,
            EntityKind.ResearchPartner, EntityKind.Organization,
        ];

        public void ReadChainLinks(CsvTable table)
        {
            foreach (var row in RowsOf(table))
            {
                var key = row["key"];
                var keyOk = CheckKey(row, key);
                var segmentText = row["segment"];
                var segmentOk = EntityKindNames.TryParseSegment(segmentText, out var segment);
                if (!segmentOk)
                {
                    errors.Add(row.Error("segment", $"unknown segment '{segmentText}': expected UPSTREAM, MIDSTREAM or DOWNSTREAM"));
                }

                var positionOk = int.TryParse(row["position"], out var position) && position > 0;
                if (!positionOk)
                {
                    errors.Add(row.Error("position", $"bad number '{row["position"]}': position must be a whole number from 1"));
                }

                var nameOk = CheckName(row);
                var provenance = ReadProvenance(row);
                if (keyOk && segmentOk && positionOk && nameOk && provenance is not null)
                {
                    var placement = new ChainLinkPlacement(row["chain"], segment, position);
                    AddEntity(key, new Entity(key, EntityKind.ChainLink, row["name"], row.List("aliases", singleItems), row.List("tags", singleItems), One(provenance), placement), row.Line);
                    pendingLinks[key] = (row["chain"], row.Error("chain", ""));
                }
            }
        }

        public void ResolveChainLinks()
        {
            foreach (var (linkKey, (chainKey, position)) in pendingLinks)
            {
                var (chain, chainNumber) = entities.TryGetValue(chainKey, out var defined) ? (defined.Entity, defined.Number)
                    : known.TryGetValue(chainKey, out var stored) ? Known(chainKey, stored) : (null, 0);
                var chainKind = chain?.Kind;
                if (chainKind is null)
                {
                    errors.Add(position with { Message = $"reference to nothing: no industry chain has key '{chainKey}'" });
                    entities.Remove(linkKey);
                    continue;
                }

                if (chainKind != EntityKind.IndustryChain)
                {
                    errors.Add(position with { Message = $"'{chainKey}' is a {chainKind.Value.ToCode()}, not an INDUSTRY_CHAIN" });
                    entities.Remove(linkKey);
                    continue;
                }

                var link = entities[linkKey];
                AddRelationship(link.Entity, link.Number, RelationshipTypes.PartOf, chain!, chainNumber, link.Entity.Sources[0]);
            }

            // Every entity is read: a stream hands on the rest before any relationship.
            EmitEntities();
        }

        public void ReadRelationships(CsvTable table)
        {
            // Sized once: growing a dictionary of millions of edges copies it a dozen times.
            relationships.EnsureCapacity(relationships.Count + table.EstimatedRows);
            foreach (var row in RowsOf(table))
            {
                var from = Resolve(row, "from", ref lastFrom, out var fromNumber);
                var to = Resolve(row, "to", ref lastTo, out var toNumber);
                var type = row["type"].ToUpperInvariant();
                var typeOk = RelationshipTypes.IsKnown(type);
                if (!typeOk)
                {
                    errors.Add(row.Error("type", $"unknown relationship type '{row["type"]}': expected one of {string.Join(", ", RelationshipTypes.All)}"));
                }

                var provenance = ReadProvenance(row);
                if (from is null || to is null || !typeOk || provenance is null)
                {
                    continue;
                }

                if (!RelationshipTypes.Fits(type, from.Kind, to.Kind))
                {
                    errors.Add(row.Error("type", $"{type} cannot go from a {from.Kind.ToCode()} to a {to.Kind.ToCode()}: it connects {RelationshipTypes.DescribeAllowed(type)}"));
                    continue;
                }

                if (type == RelationshipTypes.Supplies && from.Link!.ChainKey != to.Link!.ChainKey)
                {
                    errors.Add(row.Error("to", $"SUPPLIES connects links of one chain: '{from.Key}' is in {from.Link.ChainKey}, '{to.Key}' in {to.Link.ChainKey}"));
                    continue;
                }

                if (from.Key == to.Key)
                {
                    errors.Add(row.Error("to", $"a relationship from '{from.Key}' to itself"));
                    continue;
                }

                if (!AddRelationship(from, fromNumber, type, to, toNumber, provenance))
                {
                    errors.Add(row.Error("from", $"duplicate row: {from.Key} {type} {to.Key} with the same source is already given"));
                }

                if (pendingEdges.Count >= PartRows)
                {
                    EmitRelationships();
                }
            }

            EmitRelationships();
        }

        /// <summary>Adds an edge or another source of it; false when the edge already has this source.</summary>
        private bool AddRelationship(Entity from, int fromNumber, string type, Entity to, int toNumber, SourceRef source)
        {
            var key = (fromNumber, typeNumbers[type], toNumber);
            ref var edge = ref CollectionsMarshal.GetValueRefOrAddDefault(relationships, key, out var exists);
            if (!exists)
            {
                // Most edges have one source: a shared one-element array, replaced only for the few with more.
                edge = (from, to, One(source), part);
                if (emit is not null)
                {
                    pendingEdges.Add(key);
                }

                return true;
            }

            ref var sources = ref edge.Sources;
            var known = sources!;
            if (known.Contains(source))
            {
                return false;
            }

            sources = [.. known, source];
            if (emit is not null && edge.Part < part)
            {
                pendingMoreSources.Add(key);
            }

            return true;
        }

        public void ReadFacts(CsvTable table)
        {
            foreach (var row in RowsOf(table))
            {
                var entity = Resolve(row, "entity", ref lastEntity, out _);
                var key = row["key"];
                var keyOk = key.Length > 0;
                if (!keyOk)
                {
                    errors.Add(row.Error("key", "the fact has no key (e.g. enterprise_count)"));
                }

                var value = row["value"];
                if (value.Length == 0)
                {
                    errors.Add(row.Error("value", "the fact has no value"));
                    keyOk = false;
                }

                double? number = null;
                string? unit = row["unit"].Length > 0 ? row["unit"] : null;
                var numberText = row["number"];
                if (numberText.Length > 0)
                {
                    if (Quantity.TryParsePlain(numberText, out var plain, out var plainProblem))
                    {
                        number = plain;
                    }
                    else if (Quantity.TryParse(numberText, out var written, out var writtenProblem) && written.Unit is null)
                    {
                        number = written.Number;
                    }
                    else
                    {
                        var why = plainProblem ?? writtenProblem ?? "write digits (1234.5), or 6亿 / 7.6万";
                        errors.Add(row.Error("number", $"bad number '{numberText}': {why}"));
                        keyOk = false;
                    }
                }
                else if (Figure(value) is { Ok: true, Quantity: var quantity })
                {
                    number = quantity.Number;
                    unit ??= quantity.Unit;
                }
                else if (Figure(value).Problem is { } valueProblem)
                {
                    errors.Add(row.Error("value", $"the figure in '{value}' cannot be read: {valueProblem}"));
                    keyOk = false;
                }

                if (entity is not null && keyOk && key == ParkCategories.FactKey && entity.Kind == EntityKind.Park && !ParkCategories.TryParse(value, out _))
                {
                    errors.Add(row.Error("value", $"unknown park category '{value}': expected one of {string.Join(", ", ParkCategories.All.Select(category => category.ToCode()))}"));
                    keyOk = false;
                }

                var about = ReadAbout(row);
                var provenance = ReadProvenance(row);
                if (entity is null || !keyOk || provenance is null || about is null)
                {
                    continue;
                }

                var asOf = row["as_of"].Length > 0 ? row["as_of"] : null;
                if (!factRows.Add((entity.Key, key, asOf, value, string.Join('|', about), provenance)))
                {
                    errors.Add(row.Error("entity", $"duplicate row: fact {key} of '{entity.Key}' with the same value and source is already given"));
                    continue;
                }

                var identity = (entity.Key, key, asOf, value, string.Join('|', about), number, unit);
                if (factAt.TryGetValue(identity, out var at))
                {
                    facts[at] = facts[at] with { Sources = [.. facts[at].Sources, provenance] };
                    continue;
                }

                factAt[identity] = facts.Count;
                facts.Add(new Fact(entity.Key, key, value, number, unit, asOf, One(provenance)) { About = about });
            }

            // Facts come last, whole: a later row may add a source to any of them.
            if (Emitting && facts.Count > 0)
            {
                emit!(ImportPart.OfFacts(facts));
            }
        }

        private readonly List<PlacementRecord> placements = [];
        private readonly HashSet<(string, string)> placementPairs = [];

        /// <summary>
        /// placements.csv: one row per (enterprise, link) with its kind (SUGGESTED, CONFIRMED, REJECTED: SOURCED and
        /// CURATED placements are WORKS_IN rows of relationships.csv), and optionally score, evidence (compact JSON),
        /// basis, decided_by and decided_at. Handed on as records as they are, after every fact.
        /// </summary>
        public void ReadPlacements(CsvTable table)
        {
            (string? Key, Entity? Entity, int Number) lastEnterprise = default, lastLink = default;
            foreach (var row in RowsOf(table))
            {
                var enterprise = Resolve(row, "enterprise", ref lastEnterprise, out _);
                var link = Resolve(row, "link", ref lastLink, out _);
                var ok = enterprise is not null && link is not null;
                if (enterprise is not null && enterprise.Kind != EntityKind.Enterprise)
                {
                    errors.Add(row.Error("enterprise", $"'{enterprise.Key}' is a {enterprise.Kind.ToCode()}: a placement places an ENTERPRISE"));
                    ok = false;
                }

                if (link is not null && link.Kind != EntityKind.ChainLink)
                {
                    errors.Add(row.Error("link", $"'{link.Key}' is a {link.Kind.ToCode()}: a placement is in a CHAIN_LINK"));
                    ok = false;
                }

                var kindText = row["kind"];
                if (!PlacementKindNames.TryParse(kindText, out var kind) || kind is PlacementKind.Sourced or PlacementKind.Curated)
                {
                    errors.Add(row.Error("kind", PlacementKindNames.TryParse(kindText, out _)
                        ? $"{kindText.ToUpperInvariant()} placements are WORKS_IN rows of relationships.csv: here SUGGESTED, CONFIRMED or REJECTED"
                        : $"unknown placement kind '{kindText}': expected SUGGESTED, CONFIRMED or REJECTED"));
                    ok = false;
                }

                double? score = null;
                if (row["score"] is { Length: > 0 } scoreText)
                {
                    if (double.TryParse(scoreText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                    {
                        score = number;
                    }
                    else
                    {
                        errors.Add(row.Error("score", $"bad number '{scoreText}': score must be a number such as 0.75"));
                        ok = false;
                    }
                }

                IReadOnlyList<PlacementEvidence> evidence = [];
                try
                {
                    evidence = PlacementEvidenceJson.Read(row["evidence"]);
                }
                catch (FormatException exception)
                {
                    errors.Add(row.Error("evidence", exception.Message));
                    ok = false;
                }

                DateTimeOffset? decidedAt = null;
                if (row["decided_at"] is { Length: > 0 } atText)
                {
                    if (DateTimeOffset.TryParse(atText, System.Globalization.CultureInfo.InvariantCulture,
                        System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var at))
                    {
                        decidedAt = at;
                    }
                    else
                    {
                        errors.Add(row.Error("decided_at", $"bad time '{atText}': decided_at is a date and time such as 2026-12-01T09:30:00Z"));
                        ok = false;
                    }
                }

                if (!ok)
                {
                    continue;
                }

                if (!placementPairs.Add((enterprise!.Key, link!.Key)))
                {
                    errors.Add(row.Error("enterprise", $"duplicate row: a placement of '{enterprise.Key}' in '{link.Key}' is already given"));
                    continue;
                }

                placements.Add(new PlacementRecord(enterprise.Key, link.Key, kind, score, evidence)
                {
                    Basis = row["basis"] is { Length: > 0 } basis ? basis : null,
                    DecidedBy = row["decided_by"] is { Length: > 0 } decidedBy ? decidedBy : null,
                    DecidedAt = decidedAt,
                });
            }

            if (Emitting && placements.Count > 0)
            {
                emit!(new ImportPart([], [], []) { Placements = placements });
            }
        }

        private (bool Ok, Quantity Quantity, string? Problem) Figure(string value)
        {
            if (figures.TryGetValue(value, out var figure))
            {
                return figure;
            }

            var ok = Quantity.TryParse(value, out var quantity, out var problem);
            figure = (ok, quantity, problem);
            if (figures.Count < 200_000)
            {
                figures[value] = figure;
            }

            return figure;
        }

        /// <summary>The keys of the optional 'about' column, each checked to name an entity; null when one does not.</summary>
        private IReadOnlyList<string>? ReadAbout(Row row)
        {
            var keys = row.List("about", singleItems);
            var ok = true;
            foreach (var key in keys)
            {
                if (!entities.ContainsKey(key) && !known.ContainsKey(key))
                {
                    var where = known.Count > 0 ? " in the files or the store" : "";
                    errors.Add(row.Error("about", $"reference to nothing: 'about' names '{key}', but no entity, chain link or source has that key{where}"));
                    ok = false;
                }
            }

            return ok ? keys : null;
        }

        /// <summary>The entity a column names and its number; <paramref name="last"/> keeps the previous answer, as rows of one entity come together.</summary>
        private Entity? Resolve(Row row, string column, ref (string? Key, Entity? Entity, int Number) last, out int number)
        {
            var key = row[column];
            if (!ReferenceEquals(key, last.Key))
            {
                var entity = Resolve(row, column, key, out number);
                last = entity is null ? default : (key, entity, number);
                return entity;
            }

            number = last.Number;
            return last.Entity;
        }

        private (Entity Entity, int Number) Known(string key, KnownEntity stored)
        {
            if (!knownEntities.TryGetValue(key, out var entity))
            {
                var link = stored.ChainKey is null ? null : new ChainLinkPlacement(stored.ChainKey, Segment.Upstream, 1);
                knownEntities[key] = entity = (new Entity(key, stored.Kind, key, [], [], [], link), entityNumbers++);
            }

            return entity;
        }

        private Entity? Resolve(Row row, string column, string key, out int number)
        {
            number = 0;
            if (key.Length == 0)
            {
                errors.Add(row.Error(column, $"'{column}' is empty: it must name a key"));
                return null;
            }

            if (entities.TryGetValue(key, out var found))
            {
                number = found.Number;
                return found.Entity;
            }

            if (known.TryGetValue(key, out var stored))
            {
                var (entity, storedNumber) = Known(key, stored);
                number = storedNumber;
                return entity;
            }

            var where = known.Count > 0 ? " in the files or the store" : "";
            errors.Add(row.Error(column, $"reference to nothing: no entity, chain link or source has key '{key}'{where}"));
            return null;
        }

        private bool CheckKey(Row row, string key, EntityKind? kind = null)
        {
            if (key.Length == 0)
            {
                errors.Add(row.Error("key", "the row has no key"));
                return false;
            }

            if (!IsValidKey(key, kind))
            {
                errors.Add(row.Error("key", $"bad key '{key}': use lower-case ASCII letters, digits, '-', '_' and '.' (an ENTERPRISE may be keyed by its 18-character credit code)"));
                return false;
            }

            if (entities.TryGetValue(key, out var earlier))
            {
                var earlierFile = earlier.Entity.Kind switch
                {
                    EntityKind.SourceDocument => SourcesFile,
                    EntityKind.ChainLink => ChainLinksFile,
                    _ => EntitiesFile,
                };
                errors.Add(row.Error("key", $"duplicate key '{key}': already defined at {row.FileOf(earlierFile)}:{earlier.Line}"));
                return false;
            }

            return true;
        }

        private bool CheckName(Row row)
        {
            if (row["name"].Length > 0)
            {
                return true;
            }

            errors.Add(row.Error("name", "the row has no name"));
            return false;
        }

        private SourceRef? ReadProvenance(Row row)
        {
            var cells = (row["source"], row["paragraph"], row["note"]);
            if (provenanceCells.TryGetValue(cells, out var known))
            {
                return known;
            }

            var read = ReadProvenance(row, cells.Item1, cells.Item3);
            if (read is not null && provenanceCells.Count < 100_000)
            {
                provenanceCells[cells] = read;
            }

            return read;
        }

        private SourceRef? ReadProvenance(Row row, string source, string noteCell)
        {
            var note = noteCell.Length > 0 ? noteCell : null;
            if (source.Length == 0)
            {
                errors.Add(row.Error("source", "the row has no provenance: 'source' must name a source document or be 'curated'"));
                return null;
            }

            if (string.Equals(source, SourceRef.CuratedWord, StringComparison.OrdinalIgnoreCase))
            {
                if (note is null)
                {
                    errors.Add(row.Error("note", "a curated row needs a note saying what knowledge it rests on"));
                    return null;
                }

                return Intern(SourceRef.FromCuration(note));
            }

            var isDocument = entities.TryGetValue(source, out var document)
                ? document.Entity.Kind == EntityKind.SourceDocument
                : known.TryGetValue(source, out var stored) && stored.Kind == EntityKind.SourceDocument;
            if (!isDocument)
            {
                errors.Add(row.Error("source", $"reference to nothing: no source document '{source}' in sources.csv"));
                return null;
            }

            var paragraphText = row["paragraph"];
            if (!int.TryParse(paragraphText, out var paragraph) || paragraph <= 0)
            {
                errors.Add(row.Error("paragraph", paragraphText.Length == 0
                    ? "the row cites a document but no paragraph"
                    : $"bad number '{paragraphText}': paragraph must be a whole number from 1"));
                return null;
            }

            return Intern(SourceRef.FromDocument(source, paragraph, note));
        }

        private SourceRef Intern(SourceRef source)
        {
            if (provenances.TryGetValue(source, out var shared))
            {
                return shared;
            }

            provenances[source] = source;
            return source;
        }

        public GraphDataset Build() => new(
            entities.Values.Select(value => value.Entity).ToList(),
            facts,
            relationships.Select(pair => new Relationship(pair.Value.From.Key, Types[pair.Key.Type], pair.Value.To.Key, pair.Value.Sources)).ToList())
        {
            Placements = placements,
        };
    }
}

public sealed record SeedReadResult(GraphDataset? Dataset, IReadOnlyList<SeedError> Errors);

/// <summary>An entity already in the store, as much as validation needs: its kind, and a link's chain.</summary>
public sealed record KnownEntity(EntityKind Kind, string? ChainKey);
