using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Analysis;

/// <summary>
/// An immutable in-memory view of a whole graph for analysis: entities numbered 0..n-1, edges numbered
/// 0..m-1, and compressed adjacency (CSR) per direction with each node's edges grouped by relationship type,
/// so a traversal step is a slice of an int array. Sized for a million entities and a few million edges:
/// no per-node collections, only flat arrays.
/// </summary>
public sealed partial class GraphIndex
{
    private readonly Entity[] entities;
    private readonly Dictionary<string, int> idByKey;

    // Exact-name lookup without a string per name: (hash, entity) pairs sorted by hash, checked against the names.
    private readonly uint[] nameHashes;
    private readonly int[] nameIds;

    private readonly int[] edgeFrom;
    private readonly int[] edgeTo;
    private readonly byte[] edgeType;
    private readonly string[] typeNames;
    private readonly Dictionary<string, byte> typeCodes;

    // A graph has few distinct provenances: each edge points at its list instead of holding a relationship object.
    private readonly int[] edgeSourcesOf;
    private readonly IReadOnlyList<SourceRef>[] sourceSets;
    private readonly Adjacency outgoing;
    private readonly Adjacency incoming;

    // Where each entity is: its districts (direct, through its parks, and their parent districts) and parks.
    private readonly int[] districtStart;
    private readonly int[] districtIds;

    // Each chain's links in chain order, and each link's chain.
    private readonly int[] linksStart;
    private readonly int[] linkIds;
    private readonly int[] chainOfLink;

    // Each entity's facts, and the facts naming it in their `about`: few per entity, so one array each way.
    private readonly int[] factStart;
    private readonly Fact[] factList;
    private readonly Dictionary<int, Fact[]> factsAbout;

    private GraphIndex(GraphDataset dataset)
    {
        entities = [.. dataset.Entities];
        idByKey = new Dictionary<string, int>(entities.Length, StringComparer.Ordinal);
        for (var id = 0; id < entities.Length; id++)
        {
            idByKey[entities[id].Key] = id;
        }

        // The parts that do not depend on each other are built on two threads (a million entities, millions of edges).
        var nameLookup = Task.Run(() => BuildNameLookup(entities));
        var factIndex = Task.Run(() => BuildFacts(dataset.Facts));

        typeCodes = new Dictionary<string, byte>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var type in RelationshipTypes.All.Order(StringComparer.Ordinal))
        {
            AddType(type);
        }

        // A store's table of positions into this very entity list is taken as it is; records are matched by key.
        (edgeFrom, edgeTo, edgeType, edgeSourcesOf, sourceSets) =
            dataset.Relationships is RelationshipTable table && ReferenceEquals(table.Entities, dataset.Entities)
                ? EdgesFromTable(table)
                : EdgesFromRecords(dataset.Relationships);

        typeNames = [.. names];
        var byType = Adjacency.ByType(edgeType, typeNames.Length);
        var outgoingSide = Task.Run(() => Adjacency.Build(entities.Length, edgeFrom, byType));
        incoming = Adjacency.Build(entities.Length, edgeTo, byType);
        outgoing = outgoingSide.GetAwaiter().GetResult();
        (districtStart, districtIds) = BuildDistricts();
        (linksStart, linkIds, chainOfLink) = BuildChains();
        (nameHashes, nameIds) = nameLookup.GetAwaiter().GetResult();
        (factStart, factList, factsAbout) = factIndex.GetAwaiter().GetResult();
        placements = PlacementTable.Build(dataset.Placements, idByKey, entities);

        byte AddType(string type)
        {
            if (!typeCodes.TryGetValue(type, out var code))
            {
                if (names.Count > byte.MaxValue)
                {
                    throw new InvalidOperationException($"the graph has more than {byte.MaxValue + 1} relationship types; the analysis index numbers them in one byte");
                }

                code = (byte)names.Count;
                typeCodes[type] = code;
                names.Add(type);
            }

            return code;
        }

        (int[] From, int[] To, byte[] Type, int[] SourcesOf, IReadOnlyList<SourceRef>[] Sets) EdgesFromTable(RelationshipTable table)
        {
            var count = table.Count;
            var (from, to, type, sourcesOf) = (new int[count], new int[count], new byte[count], new int[count]);
            var codes = new byte[table.TypeNames.Count];
            for (var t = 0; t < codes.Length; t++)
            {
                codes[t] = AddType(table.TypeNames[t]);
            }

            for (var e = 0; e < count; e++)
            {
                from[e] = table.FromOf(e);
                to[e] = table.ToOf(e);
                if ((uint)from[e] >= (uint)entities.Length || (uint)to[e] >= (uint)entities.Length)
                {
                    throw new ArgumentException($"relationship {e} points outside the dataset's {entities.Length} entities", nameof(dataset));
                }

                type[e] = codes[table.TypeCodeOf(e)];
                sourcesOf[e] = table.SourcesCodeOf(e);
            }

            return (from, to, type, sourcesOf, [.. table.SourceSets]);
        }

        (int[] From, int[] To, byte[] Type, int[] SourcesOf, IReadOnlyList<SourceRef>[] Sets) EdgesFromRecords(IReadOnlyList<Relationship> relationships)
        {
            var (from, to, type, sourcesOf) = (new List<int>(relationships.Count), new List<int>(relationships.Count), new List<byte>(relationships.Count), new List<int>(relationships.Count));
            var sets = new List<IReadOnlyList<SourceRef>>();
            var setCodes = new Dictionary<IReadOnlyList<SourceRef>, int>(ReferenceEqualityComparer.Instance);
            foreach (var relationship in relationships)
            {
                // A dangling edge cannot be traversed; the store's validation keeps them out, this keeps the index total.
                if (idByKey.TryGetValue(relationship.FromKey, out var start) && idByKey.TryGetValue(relationship.ToKey, out var end))
                {
                    from.Add(start);
                    to.Add(end);
                    type.Add(AddType(relationship.Type));
                    if (!setCodes.TryGetValue(relationship.Sources, out var set))
                    {
                        setCodes[relationship.Sources] = set = sets.Count;
                        sets.Add(relationship.Sources);
                    }

                    sourcesOf.Add(set);
                }
            }

            return ([.. from], [.. to], [.. type], [.. sourcesOf], [.. sets]);
        }
    }

    /// <summary>The facts on an entity, in dataset order.</summary>
    public ReadOnlySpan<Fact> FactsOf(int entity) => factList.AsSpan(factStart[entity], factStart[entity + 1] - factStart[entity]);

    /// <summary>The facts on other entities whose <see cref="Fact.About"/> names this one.</summary>
    public IReadOnlyList<Fact> FactsAbout(int entity) => factsAbout.TryGetValue(entity, out var facts) ? facts : [];

    private (int[] Start, Fact[] Facts, Dictionary<int, Fact[]> About) BuildFacts(IReadOnlyList<Fact> facts)
    {
        var start = new int[entities.Length + 1];
        var owners = new int[facts.Count];
        var about = new Dictionary<int, List<Fact>>();
        for (var i = 0; i < facts.Count; i++)
        {
            owners[i] = idByKey.TryGetValue(facts[i].EntityKey, out var owner) ? owner : -1;
            if (owners[i] < 0)
            {
                continue;
            }

            start[owners[i] + 1]++;
            foreach (var key in facts[i].About)
            {
                if (idByKey.TryGetValue(key, out var subject))
                {
                    if (!about.TryGetValue(subject, out var list))
                    {
                        about[subject] = list = [];
                    }

                    list.Add(facts[i]);
                }
            }
        }

        for (var id = 0; id < entities.Length; id++)
        {
            start[id + 1] += start[id];
        }

        var next = start[..^1].ToArray();
        var sorted = new Fact[start[entities.Length]];
        for (var i = 0; i < facts.Count; i++)
        {
            if (owners[i] >= 0)
            {
                sorted[next[owners[i]]++] = facts[i];
            }
        }

        return (start, sorted, about.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray()));
    }

    public static GraphIndex Build(GraphDataset dataset) => new(dataset);

    public int EntityCount => entities.Length;

    public int EdgeCount => edgeFrom.Length;

    public Entity Entity(int id) => entities[id];

    public EntityKind KindOf(int id) => entities[id].Kind;

    public bool TryGetId(string key, out int id) => idByKey.TryGetValue(key, out id);

    public int IdOf(Entity entity) => idByKey[entity.Key];

    /// <summary>Entities an argument names: an API id, a key, or an exact name or alias (case-insensitive).</summary>
    public IReadOnlyList<int> Find(string reference, EntityKind? kind)
    {
        var text = reference.Trim();
        if (GlobalId.TryDecode(text, out var idKind, out var decodedKey) && idByKey.TryGetValue(decodedKey, out var byId)
            && entities[byId].Kind == idKind && (kind is null || kind == idKind))
        {
            return [byId];
        }

        if (idByKey.TryGetValue(text, out var byKey) && (kind is null || entities[byKey].Kind == kind))
        {
            return [byKey];
        }

        var found = new List<int>();
        var hash = NameHash(text);
        for (var i = LowerBound(nameHashes, hash); i < nameHashes.Length && nameHashes[i] == hash; i++)
        {
            var id = nameIds[i];
            if ((found.Count == 0 || found[^1] != id) && (kind is null || entities[id].Kind == kind) && HasName(entities[id], text))
            {
                found.Add(id);
            }
        }

        return found;
    }

    /// <summary>Every entity of the kind (all when null), for resolving names that are not exact.</summary>
    public IEnumerable<Entity> EntitiesOfKind(EntityKind? kind) => kind is null ? entities : entities.Where(entity => entity.Kind == kind);

    /// <summary>The relationship an edge stands for, made on each call (equal to the stored one, not the same object).</summary>
    public Relationship Edge(int edge) => new(entities[edgeFrom[edge]].Key, typeNames[edgeType[edge]], entities[edgeTo[edge]].Key, sourceSets[edgeSourcesOf[edge]]);

    /// <summary>The provenance of an edge, without making its relationship.</summary>
    public IReadOnlyList<SourceRef> EdgeSources(int edge) => sourceSets[edgeSourcesOf[edge]];

    public int EdgeFrom(int edge) => edgeFrom[edge];

    public int EdgeTo(int edge) => edgeTo[edge];

    public string EdgeTypeName(int edge) => typeNames[edgeType[edge]];

    public int OtherEnd(int edge, int node) => edgeFrom[edge] == node ? edgeTo[edge] : edgeFrom[edge];

    /// <summary>The ids of the edges of one type leaving (Out) or entering (In) a node.</summary>
    public ReadOnlySpan<int> Edges(int node, Direction direction, string type) =>
        typeCodes.TryGetValue(type, out var code) ? Side(direction).Slice(node, code, edgeType) : [];

    /// <summary>The ids of all edges leaving (Out) or entering (In) a node.</summary>
    public ReadOnlySpan<int> Edges(int node, Direction direction) => Side(direction).All(node);

    /// <summary>
    /// The districts an entity is in: those it is LOCATED_IN, those of the parks it is LOCATED_IN, and every
    /// district those are PART_OF (a city contains its districts). For a district: itself and its parents.
    /// </summary>
    public ReadOnlySpan<int> DistrictsOf(int entity) => districtIds.AsSpan(districtStart[entity], districtStart[entity + 1] - districtStart[entity]);

    /// <summary>A chain's links, upstream first, then by position.</summary>
    public ReadOnlySpan<int> LinksOf(int chain) => linkIds.AsSpan(linksStart[chain], linksStart[chain + 1] - linksStart[chain]);

    /// <summary>The chain a link is PART_OF, or -1.</summary>
    public int ChainOf(int link) => chainOfLink[link];

    public bool HasEdge(int from, string type, int to)
    {
        foreach (var edge in Edges(from, Direction.Out, type))
        {
            if (edgeTo[edge] == to)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The parks an entity is LOCATED_IN.</summary>
    public IEnumerable<int> ParksOf(int entity)
    {
        var parks = new List<int>();
        foreach (var edge in Edges(entity, Direction.Out, RelationshipTypes.LocatedIn))
        {
            if (entities[edgeTo[edge]].Kind == EntityKind.Park)
            {
                parks.Add(edgeTo[edge]);
            }
        }

        return parks;
    }

    /// <summary>The district an entity is most directly in: its own LOCATED_IN district, else its park's; -1 when unknown.</summary>
    public int PrimaryDistrictOf(int entity)
    {
        foreach (var edge in Edges(entity, Direction.Out, RelationshipTypes.LocatedIn))
        {
            if (entities[edgeTo[edge]].Kind == EntityKind.District)
            {
                return edgeTo[edge];
            }
        }

        foreach (var park in ParksOf(entity))
        {
            foreach (var edge in Edges(park, Direction.Out, RelationshipTypes.LocatedIn))
            {
                if (entities[edgeTo[edge]].Kind == EntityKind.District)
                {
                    return edgeTo[edge];
                }
            }
        }

        return -1;
    }

    /// <summary>Names match trimmed and case-insensitively (ordinal), as <see cref="Graph.Entity.IsNamed"/> compares them.</summary>
    private static uint NameHash(string name) => (uint)string.GetHashCode(name.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase);

    private static bool SameName(string name, string text) => name.AsSpan().Trim().Equals(text.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase);

    private static bool HasName(Entity entity, string text)
    {
        if (SameName(entity.Name, text))
        {
            return true;
        }

        foreach (var alias in entity.Aliases)
        {
            if (SameName(alias, text))
            {
                return true;
            }
        }

        return false;
    }

    private static int LowerBound(uint[] sorted, uint value)
    {
        var (low, high) = (0, sorted.Length);
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private Adjacency Side(Direction direction) => direction == Direction.Out ? outgoing : incoming;

    private static (uint[] Hashes, int[] Ids) BuildNameLookup(Entity[] entities)
    {
        var count = 0;
        foreach (var entity in entities)
        {
            count += 1 + entity.Aliases.Count;
        }

        // One (hash, id) per distinct name of an entity, sorted by hash then id, so a lookup reads ids in order.
        var pairs = new ulong[count];
        var used = 0;
        for (var id = 0; id < entities.Length; id++)
        {
            var entity = entities[id];
            pairs[used++] = ((ulong)NameHash(entity.Name) << 32) | (uint)id;
            for (var a = 0; a < entity.Aliases.Count; a++)
            {
                if (!SameName(entity.Name, entity.Aliases[a]) && !entity.Aliases.Take(a).Any(earlier => SameName(earlier, entity.Aliases[a])))
                {
                    pairs[used++] = ((ulong)NameHash(entity.Aliases[a]) << 32) | (uint)id;
                }
            }
        }

        Array.Sort(pairs, 0, used);
        var hashes = new uint[used];
        var ids = new int[used];
        for (var i = 0; i < used; i++)
        {
            hashes[i] = (uint)(pairs[i] >> 32);
            ids[i] = (int)(uint)pairs[i];
        }

        return (hashes, ids);
    }

    private (int[] Start, int[] Ids) BuildDistricts()
    {
        var start = new int[entities.Length + 1];
        var ids = new List<int>();
        var found = new List<int>(4);
        for (var id = 0; id < entities.Length; id++)
        {
            start[id] = ids.Count;
            found.Clear();
            if (entities[id].Kind == EntityKind.District)
            {
                // A district is in itself and in the districts it is part of, so a city scope contains its districts.
                AddWithParents(id, found);
            }

            foreach (var edge in Edges(id, Direction.Out, RelationshipTypes.LocatedIn))
            {
                var place = edgeTo[edge];
                if (entities[place].Kind == EntityKind.District)
                {
                    AddWithParents(place, found);
                }
                else if (entities[place].Kind == EntityKind.Park)
                {
                    foreach (var parkEdge in Edges(place, Direction.Out, RelationshipTypes.LocatedIn))
                    {
                        if (entities[edgeTo[parkEdge]].Kind == EntityKind.District)
                        {
                            AddWithParents(edgeTo[parkEdge], found);
                        }
                    }
                }
            }

            ids.AddRange(found);
        }

        start[entities.Length] = ids.Count;
        return (start, [.. ids]);
    }

    private void AddWithParents(int district, List<int> found)
    {
        // PART_OF between districts is shallow (district → city); the bound only guards against a cycle in the data.
        for (var hops = 0; hops < 8 && district >= 0 && !found.Contains(district); hops++)
        {
            found.Add(district);
            var parent = -1;
            foreach (var edge in Edges(district, Direction.Out, RelationshipTypes.PartOf))
            {
                if (entities[edgeTo[edge]].Kind == EntityKind.District)
                {
                    parent = edgeTo[edge];
                    break;
                }
            }

            district = parent;
        }
    }

    private (int[] Start, int[] Ids, int[] ChainOfLink) BuildChains()
    {
        var chainOf = new int[entities.Length];
        Array.Fill(chainOf, -1);
        var start = new int[entities.Length + 1];
        var ids = new List<int>();
        for (var id = 0; id < entities.Length; id++)
        {
            start[id] = ids.Count;
            if (entities[id].Kind != EntityKind.IndustryChain)
            {
                continue;
            }

            var links = new List<int>();
            foreach (var edge in Edges(id, Direction.In, RelationshipTypes.PartOf))
            {
                var link = edgeFrom[edge];
                if (entities[link].Kind == EntityKind.ChainLink && !links.Contains(link))
                {
                    links.Add(link);
                    chainOf[link] = id;
                }
            }

            links.Sort((a, b) =>
            {
                var (x, y) = (entities[a].Link, entities[b].Link);
                var bySegment = (x?.Segment ?? Segment.Downstream).CompareTo(y?.Segment ?? Segment.Downstream);
                if (bySegment != 0)
                {
                    return bySegment;
                }

                var byPosition = (x?.Position ?? 0).CompareTo(y?.Position ?? 0);
                return byPosition != 0 ? byPosition : string.CompareOrdinal(entities[a].Key, entities[b].Key);
            });
            ids.AddRange(links);
        }

        start[entities.Length] = ids.Count;
        return (start, [.. ids], chainOf);
    }

    /// <summary>Compressed adjacency of one direction: node → its edge ids, sorted by relationship type.</summary>
    private sealed class Adjacency
    {
        private readonly int[] start;
        private readonly int[] edgeIds;

        private Adjacency(int[] start, int[] edgeIds)
        {
            this.start = start;
            this.edgeIds = edgeIds;
        }

        /// <summary>Two stable counting sorts: by type (<paramref name="byType"/>), then by node, leave each node's edges grouped by type.</summary>
        public static Adjacency Build(int nodeCount, int[] endpoint, int[] byType)
        {
            var start = new int[nodeCount + 1];
            foreach (var node in endpoint)
            {
                start[node + 1]++;
            }

            for (var i = 0; i < nodeCount; i++)
            {
                start[i + 1] += start[i];
            }

            var next = start[..^1].ToArray();
            var edgeIds = new int[endpoint.Length];
            foreach (var edge in byType)
            {
                edgeIds[next[endpoint[edge]]++] = edge;
            }

            return new Adjacency(start, edgeIds);
        }

        public ReadOnlySpan<int> All(int node) => edgeIds.AsSpan(start[node], start[node + 1] - start[node]);

        public ReadOnlySpan<int> Slice(int node, byte code, byte[] type)
        {
            var all = All(node);
            var first = LowerBound(all, code, type);
            var end = LowerBound(all, code + 1, type);
            return all[first..end];
        }

        private static int LowerBound(ReadOnlySpan<int> sorted, int code, byte[] type)
        {
            var (low, high) = (0, sorted.Length);
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (type[sorted[middle]] < code)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }

        /// <summary>Edge ids sorted by type, stably.</summary>
        public static int[] ByType(byte[] type, int typeCount)
        {
            var next = new int[typeCount + 1];
            foreach (var code in type)
            {
                next[code + 1]++;
            }

            for (var i = 0; i < typeCount; i++)
            {
                next[i + 1] += next[i];
            }

            var sorted = new int[type.Length];
            for (var edge = 0; edge < type.Length; edge++)
            {
                sorted[next[type[edge]]++] = edge;
            }

            return sorted;
        }
    }
}
