using GraphQL;
using GraphQL.DataLoader;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Search;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Analysis;
using IndustryGraph.Server.GraphQL;

namespace IndustryGraph.Server.Entities;

/// <summary>
/// One request's view of the store: batch loaders for entities, facts and relationships, so each level of a
/// query costs a constant number of store calls whatever the number of parents. A query reads one data version,
/// chosen once, by its first read (<see cref="SnapshotAsync"/>): entity fields read it from a pinned snapshot and analysis
/// fields ask the index for it, so a write committed while the query runs shows in none of its fields.
/// </summary>
public sealed class GraphReader : IAsyncDisposable
{
    private readonly IGraphStore store;
    private readonly BatchLoader<string, Entity> entities;
    private readonly BatchLoader<string, IReadOnlyList<Fact>> facts;
    private readonly BatchLoader<RelationshipQuery, IReadOnlyList<Relationship>> relationships;
    private readonly BatchLoader<string, IReadOnlyList<Domain.Placements.PlacementRecord>> placements;

    private readonly RequestLanguage language;

    public GraphReader(IGraphStore store, RequestLanguage language)
    {
        this.store = store;
        this.language = language;
        entities = new BatchLoader<string, Entity>(async (keys, cancellationToken) =>
            await (await ReadsAsync(cancellationToken).ConfigureAwait(false)).GetEntitiesAsync(keys, cancellationToken).ConfigureAwait(false));
        facts = new BatchLoader<string, IReadOnlyList<Fact>>(async (keys, cancellationToken) =>
            await (await ReadsAsync(cancellationToken).ConfigureAwait(false)).GetFactsAsync(keys, cancellationToken).ConfigureAwait(false));
        relationships = new BatchLoader<RelationshipQuery, IReadOnlyList<Relationship>>(FetchRelationshipsAsync);
        placements = new BatchLoader<string, IReadOnlyList<Domain.Placements.PlacementRecord>>(async (keys, cancellationToken) =>
            await (await ReadsAsync(cancellationToken).ConfigureAwait(false)).GetPlacementsAsync(keys, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Called once when the operation is known, before any field resolves. A query pins one data version for all
    /// its fields, taken when the first field reads (so a query that reads nothing, <c>{ __typename }</c>, costs the
    /// store nothing); a mutation reads the live store instead, because its own writes must show in the fields it
    /// returns.
    /// </summary>
    public Task BeginAsync(bool pinVersion, CancellationToken cancellationToken)
    {
        pinning = pinVersion;
        return Task.CompletedTask;
    }

    private bool pinning;
    private readonly Lock opening = new();
    private Task<IGraphSnapshot>? snapshot;

    /// <summary>The version this request reads, opened by the first read that needs it; null for a mutation (the latest).</summary>
    public async Task<IGraphSnapshot?> SnapshotAsync(CancellationToken cancellationToken)
    {
        if (!pinning)
        {
            return null;
        }

        Task<IGraphSnapshot> opened;
        lock (opening)
        {
            opened = snapshot ??= store.OpenSnapshotAsync(cancellationToken);
        }

        return await opened.ConfigureAwait(false);
    }

    /// <summary>Where this request reads: its snapshot or the live store.</summary>
    public async Task<IGraphReads> ReadsAsync(CancellationToken cancellationToken) =>
        await SnapshotAsync(cancellationToken).ConfigureAwait(false) ?? (IGraphReads)store;

    public async ValueTask DisposeAsync()
    {
        Task<IGraphSnapshot>? opened;
        lock (opening)
        {
            opened = snapshot;
        }

        if (opened is null)
        {
            return;
        }

        // A snapshot that failed to open has nothing to give back; the request already answered the fault.
        await ((Task)opened).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (opened.IsCompletedSuccessfully)
        {
            await opened.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    public IDataLoaderResult<Entity?> Entity(string key) => entities.Load(key);

    public IDataLoaderResult<IReadOnlyList<Entity>> Entities(IEnumerable<string> keys) => entities.LoadMany(keys);

    public IDataLoaderResult<IReadOnlyList<Fact>> Facts(string key) => facts.Load(key).Then(found => found ?? []);

    /// <summary>The stored placement records (suggested, confirmed, rejected) of an enterprise, with their evidence.</summary>
    public IDataLoaderResult<IReadOnlyList<Domain.Placements.PlacementRecord>> Placements(string enterpriseKey) =>
        placements.Load(enterpriseKey).Then(found => found ?? []);

    public IDataLoaderResult<IReadOnlyList<Relationship>> Relationships(string key, Direction? direction, string? type) =>
        relationships.Load(new RelationshipQuery(key, direction, type)).Then(found => found ?? []);

    /// <summary>The entities at the other end of an entity's relationships of one type, with the edges.</summary>
    public IDataLoaderResult<IDataLoaderResult<IReadOnlyList<Related>>> Related(string key, Direction direction, string type, EntityKind? kind = null) =>
        Relationships(key, direction, type).ThenLoad(edges =>
            Entities(edges.Select(edge => edge.OtherEnd(key))).Then(others =>
            {
                var byKey = others.Where(other => kind is null || other.Kind == kind).ToDictionary(other => other.Key, StringComparer.Ordinal);
                return (IReadOnlyList<Related>)edges
                    .Where(edge => byKey.ContainsKey(edge.OtherEnd(key)))
                    .Select(edge => new Related(edge, byKey[edge.OtherEnd(key)]))
                    .ToList();
            }));

    public IDataLoaderResult<IDataLoaderResult<IReadOnlyList<Entity>>> RelatedEntities(string key, Direction direction, string type, EntityKind? kind = null) =>
        Related(key, direction, type, kind).Then(inner => inner.Then(related => (IReadOnlyList<Entity>)related.Select(item => item.Entity).OrderBy(entity => entity.Name, StringComparer.Ordinal).ToList()));

    public IDataLoaderResult<IDataLoaderResult<Entity?>> RelatedEntity(string key, Direction direction, string type, EntityKind? kind = null) =>
        RelatedEntities(key, direction, type, kind).Then(inner => inner.Then(list => list.FirstOrDefault()));

    private async Task<IReadOnlyDictionary<RelationshipQuery, IReadOnlyList<Relationship>>> FetchRelationshipsAsync(
        IReadOnlyCollection<RelationshipQuery> queries, CancellationToken cancellationToken)
    {
        var result = new Dictionary<RelationshipQuery, IReadOnlyList<Relationship>>();
        foreach (var group in queries.GroupBy(query => (query.Direction, query.Type)))
        {
            var keys = group.Select(query => query.Key).ToList();
            var types = group.Key.Type?.Split('|');
            var found = await (await ReadsAsync(cancellationToken).ConfigureAwait(false)).GetRelationshipsAsync(keys, group.Key.Direction, types, cancellationToken).ConfigureAwait(false);
            foreach (var query in group)
            {
                result[query] = found.Where(edge => query.Matches(edge)).ToList();
            }
        }

        return result;
    }

    /// <summary>
    /// Resolves an argument that names one entity: its API id, its key, its exact name or alias, else (unless
    /// <paramref name="partialNames"/> is false, as for writes) a name or alias it uniquely starts or is part of
    /// (管城 → 管城区). None or several is NOT_FOUND with suggestions, ranked as the analysis index ranks them.
    /// </summary>
    public async Task<Entity> ResolveAsync(string reference, EntityKind? kind, string argument, CancellationToken cancellationToken, bool partialNames = true)
    {
        var found = await TryResolveAsync(reference, kind, cancellationToken).ConfigureAwait(false);
        if (found.Count == 1)
        {
            return found[0];
        }

        var resolution = found.Count > 1
            ? new NameResolution(null, found.Take(NameMatch.MaxSuggestions).ToList()) { Ambiguous = true }
            : await ResolvePartialAsync(reference, kind, cancellationToken).ConfigureAwait(false);
        if (resolution.Match is not null && partialNames)
        {
            return resolution.Match;
        }

        var suggestions = resolution.Match is not null ? [resolution.Match.Name] : resolution.SuggestionNames;
        throw new ApiError(ErrorCodes.NotFound, resolution.Ambiguous
            ? language.Text.Ambiguous(argument, reference, suggestions)
            : language.Text.NotFound(argument, kind, reference, suggestions), suggestions);
    }

    private const int PartialCandidates = 100;

    /// <summary>Candidates the store's search finds for the text (or, when none, for each of its characters), decided by <see cref="NameMatch.Resolve"/>.</summary>
    private async Task<NameResolution> ResolvePartialAsync(string reference, EntityKind? kind, CancellationToken cancellationToken)
    {
        var reads = await ReadsAsync(cancellationToken).ConfigureAwait(false);
        EntityKind[]? kinds = kind is null ? null : [kind.Value];
        var text = reference.Trim();
        if (text.Length == 0)
        {
            return new NameResolution(null, []);
        }

        var hits = await reads.SearchAsync(text, kinds, PartialCandidates, cancellationToken).ConfigureAwait(false);
        var candidates = hits.Select(hit => hit.Entity).ToList();
        if (candidates.Count == 0)
        {
            foreach (var probe in NameMatch.SuggestionProbes(text))
            {
                candidates.AddRange((await reads.SearchAsync(probe, kinds, PartialCandidates, cancellationToken).ConfigureAwait(false)).Select(hit => hit.Entity));
            }
        }

        return NameMatch.Resolve(text, candidates);
    }

    public async Task<IReadOnlyList<Entity>> TryResolveAsync(string reference, EntityKind? kind, CancellationToken cancellationToken)
    {
        if (GlobalId.TryDecode(reference, out var idKind, out var key) && (kind is null || idKind == kind))
        {
            var byId = await (await ReadsAsync(cancellationToken).ConfigureAwait(false)).GetEntitiesAsync([key], cancellationToken).ConfigureAwait(false);
            if (byId.TryGetValue(key, out var entity) && entity.Kind == idKind)
            {
                return [entity];
            }
        }

        return await (await ReadsAsync(cancellationToken).ConfigureAwait(false)).FindByNameAsync(reference, kind, cancellationToken).ConfigureAwait(false) switch
        {
            [var exactKey, ..] when exactKey.Key == reference.Trim() => [exactKey],
            var matches => matches,
        };
    }
}

/// <summary>Relationships of one entity; <see cref="Type"/> may list several types separated by '|'.</summary>
public sealed record RelationshipQuery(string Key, Direction? Direction, string? Type)
{
    public bool Matches(Relationship edge) =>
        (Type is null || Type.Split('|').Contains(edge.Type)) && Direction switch
        {
            Domain.Graph.Direction.Out => edge.FromKey == Key,
            Domain.Graph.Direction.In => edge.ToKey == Key,
            _ => edge.FromKey == Key || edge.ToKey == Key,
        };
}

/// <summary>An entity reached over a relationship.</summary>
public sealed record Related(Relationship Edge, Entity Entity);
