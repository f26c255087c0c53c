using System.Runtime.CompilerServices;
using System.Threading.Channels;
using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Store;

/// <summary>
/// One part of an <see cref="ImportStream"/>. <see cref="MoreSources"/> are relationships an earlier part gave,
/// given again with every source known so far (a later row stated the same edge with another source).
/// </summary>
public sealed record ImportPart(IReadOnlyList<Entity> Entities, IReadOnlyList<Relationship> Relationships, IReadOnlyList<Fact> Facts)
{
    public IReadOnlyList<Relationship> MoreSources { get; init; } = [];

    /// <summary>
    /// Suggestions computed for enterprises (after every fact). For each enterprise of <see cref="SuggestedFor"/>
    /// the store keeps <see cref="Placements.PlacementMerge"/>'s rules: its stale suggestions go, its decisions stay.
    /// </summary>
    public IReadOnlyList<Placements.PlacementRecord> Placements { get; init; } = [];

    /// <summary>
    /// Enterprises whose suggestions this import computed anew (also those for which it found none), named in the
    /// part that brings their suggestions or an earlier one. Records of enterprises not named are written as given.
    /// </summary>
    public IReadOnlyList<string> SuggestedFor { get; init; } = [];

    public static ImportPart OfEntities(IReadOnlyList<Entity> entities) => new(entities, [], []);

    public static ImportPart OfRelationships(IReadOnlyList<Relationship> relationships, IReadOnlyList<Relationship> moreSources) =>
        new([], relationships, []) { MoreSources = moreSources };

    public static ImportPart OfFacts(IReadOnlyList<Fact> facts) => new([], [], facts);
}

/// <summary>
/// A dataset handed to a store in parts while it is still being read and validated, so that a store can write
/// the first parts while later rows are checked. Parts come in order: every entity before any relationship,
/// every relationship before any fact, every fact before any placement. When the data turns out invalid (or reading it is cancelled), reading
/// the stream throws after the parts already given, and the store keeps none of them: an import is still all
/// of it or nothing. A stream is read once.
/// </summary>
public sealed class ImportStream
{
    private readonly Func<Action<ImportPart>, CancellationToken, Task> produce;
    private int read;

    /// <param name="expectedRows">About how many rows the stream holds (for progress and for choosing a bulk write).</param>
    /// <param name="produce">Hands every part to the action, in order, then returns; throws when the data is invalid. The action blocks while the store is several parts behind, so a producer that hands on many parts runs on a thread of its own.</param>
    public ImportStream(long expectedRows, Func<Action<ImportPart>, CancellationToken, Task> produce)
    {
        ExpectedRows = expectedRows;
        this.produce = produce;
    }

    /// <summary>A dataset already read and validated, as one part; its placement records are written as they are (it suggests for no enterprise).</summary>
    public static ImportStream Of(GraphDataset dataset) => new(dataset.RowCount, (emit, _) =>
    {
        emit(new ImportPart(dataset.Entities, dataset.Relationships, dataset.Facts) { Placements = dataset.Placements });
        return Task.CompletedTask;
    });

    public long ExpectedRows { get; }

    /// <summary>Entities, relationships, facts and placements the parts held (a relationship given again counted once); final once the stream is read.</summary>
    public long RowCount => EntityCount + RelationshipCount + FactCount + PlacementCount;

    public long EntityCount { get; private set; }

    public long RelationshipCount { get; private set; }

    public long FactCount { get; private set; }

    public long PlacementCount { get; private set; }

    /// <summary>How long the producer took to read and validate everything (it runs beside the store's writing); set once the stream is read.</summary>
    public TimeSpan ProducerTime { get; private set; }

    /// <summary>
    /// The parts, produced on another thread while the caller works on the ones it has. Throws the producer's
    /// exception after the last part it gave.
    /// </summary>
    public async IAsyncEnumerable<ImportPart> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref read, 1) != 0)
        {
            throw new InvalidOperationException("an import stream is read once");
        }

        // Bounded: a producer ahead of the store waits instead of piling up parts (memory, and garbage collections
        // of parts that live on while they wait).
        var channel = Channel.CreateBounded<ImportPart>(new BoundedChannelOptions(PartsAhead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var producing = Task.Run(async () =>
        {
            try
            {
                await produce(part => Hand(channel.Writer, part, stop.Token), stop.Token).ConfigureAwait(false);
                ProducerTime = clock.Elapsed;
                channel.Writer.TryComplete();
            }
            catch (Exception exception)
            {
                channel.Writer.TryComplete(exception);
                throw;
            }
        }, CancellationToken.None);
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var part))
                {
                    EntityCount += part.Entities.Count;
                    RelationshipCount += part.Relationships.Count;
                    FactCount += part.Facts.Count;
                    PlacementCount += part.Placements.Count;
                    yield return part;
                }
            }

            await producing.ConfigureAwait(false);
        }
        finally
        {
            // The consumer stopped early (its own failure or cancellation): the producer stops too, and is
            // waited for, so nothing runs on after the import has returned.
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await producing.ConfigureAwait(false);
            }
            catch (Exception) when (!producing.IsCompletedSuccessfully)
            {
                // Already surfaced above, or of no interest once the consumer has failed.
            }
        }
    }

    private const int PartsAhead = 8;

    /// <summary>Hands a part on, waiting while <see cref="PartsAhead"/> parts are still to be read (the producer runs on a thread of its own).</summary>
    private static void Hand(ChannelWriter<ImportPart> writer, ImportPart part, CancellationToken cancellationToken)
    {
        if (!writer.TryWrite(part))
        {
            writer.WriteAsync(part, cancellationToken).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The whole dataset, for a store that writes it in one piece.</summary>
    public async Task<GraphDataset> ToDatasetAsync(CancellationToken cancellationToken = default) =>
        (await ReadWholeAsync(cancellationToken).ConfigureAwait(false)).Dataset;

    /// <summary>The whole dataset and the enterprises whose suggestions it computed anew (<see cref="ImportPart.SuggestedFor"/>), for a store that writes it in one piece.</summary>
    public async Task<(GraphDataset Dataset, IReadOnlyList<string> SuggestedFor)> ReadWholeAsync(CancellationToken cancellationToken = default)
    {
        var entities = new List<Entity>();
        var placements = new List<Placements.PlacementRecord>();
        var suggestedFor = new List<string>();
        var relationships = new List<Relationship>();
        var facts = new List<Fact>();
        Dictionary<(string, string, string), int>? relationshipAt = null;
        await foreach (var part in ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            entities.AddRange(part.Entities);
            facts.AddRange(part.Facts);
            placements.AddRange(part.Placements);
            suggestedFor.AddRange(part.SuggestedFor);
            if (part.MoreSources.Count > 0 && relationshipAt is null)
            {
                relationshipAt = [];
                for (var i = 0; i < relationships.Count; i++)
                {
                    relationshipAt[Edge(relationships[i])] = i;
                }
            }

            foreach (var relationship in part.Relationships)
            {
                relationshipAt?.Add(Edge(relationship), relationships.Count);
                relationships.Add(relationship);
            }

            foreach (var restated in part.MoreSources)
            {
                relationships[relationshipAt![Edge(restated)]] = restated;
            }
        }

        return (new GraphDataset(entities, facts, relationships) { Placements = placements }, suggestedFor);
    }

    private static (string, string, string) Edge(Relationship relationship) => (relationship.FromKey, relationship.Type, relationship.ToKey);
}
