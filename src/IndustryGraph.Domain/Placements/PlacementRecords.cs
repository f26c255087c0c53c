using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace IndustryGraph.Domain.Placements;

/// <summary>The SCREAMING_SNAKE codes of placement kinds, as stores, files and the API write them (SUGGESTED).</summary>
public static class PlacementKindNames
{
    // Written once per kind (an import writes millions of records).
    private static readonly string[] KindCodes = [.. Enum.GetValues<PlacementKind>().Select(kind => kind.ToString().ToUpperInvariant())];
    private static readonly string[] EvidenceCodes = [.. Enum.GetValues<PlacementEvidenceKind>().Select(kind => kind.ToString().ToUpperInvariant())];

    public static string ToCode(this PlacementKind kind) => KindCodes[(int)kind];

    public static bool TryParse(string code, out PlacementKind kind) =>
        Enum.TryParse(code.Trim(), ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(code, out _);

    public static string ToCode(this PlacementEvidenceKind kind) => EvidenceCodes[(int)kind];

    public static bool TryParseEvidence(string code, out PlacementEvidenceKind kind) =>
        Enum.TryParse(code.Trim(), ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(code, out _);
}

/// <summary>
/// Evidence as compact JSON, the one text form every store and file keeps it in: an array of
/// <c>[kind, text, start, length]</c>, e.g. <c>[["CODE","3983",0,4],["WORD","传感器",12,3]]</c>.
/// </summary>
public static class PlacementEvidenceJson
{
    public const string Empty = "[]";

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? buffer;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(IReadOnlyList<PlacementEvidence> evidence)
    {
        if (evidence.Count == 0)
        {
            return Empty;
        }

        if (evidence is StoredEvidence stored && stored.Json is { } json)
        {
            return json;
        }

        var output = buffer ??= new ArrayBufferWriter<byte>(256);
        output.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(output, WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var item in evidence)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(item.Kind.ToCode());
                writer.WriteStringValue(item.Text);
                writer.WriteNumberValue(item.Start);
                writer.WriteNumberValue(item.Length);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>Reads the JSON at once; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static IReadOnlyList<PlacementEvidence> Read(string json)
    {
        if (json.Length == 0 || json == Empty)
        {
            return [];
        }

        var items = new List<PlacementEvidence>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        try
        {
            Expect(ref reader, JsonTokenType.StartArray);
            while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
            {
                Expect(ref reader, JsonTokenType.String);
                var code = reader.GetString()!;
                if (!PlacementKindNames.TryParseEvidence(code, out var kind))
                {
                    throw new FormatException($"evidence kind '{code}' is not one of CODE, WORD, NAME");
                }

                Expect(ref reader, JsonTokenType.String);
                var text = reader.GetString()!;
                Expect(ref reader, JsonTokenType.Number);
                var start = reader.GetInt32();
                Expect(ref reader, JsonTokenType.Number);
                var length = reader.GetInt32();
                Expect(ref reader, JsonTokenType.EndArray);
                items.Add(new PlacementEvidence(kind, text, start, length));
            }

            if (reader.TokenType != JsonTokenType.EndArray)
            {
                throw new FormatException("evidence must be an array of [kind, text, start, length] arrays");
            }
        }
        catch (JsonException exception)
        {
            throw new FormatException($"evidence is not JSON: {exception.Message}", exception);
        }

        return items;
    }

    /// <summary>
    /// The evidence of stored JSON, parsed when first looked at: a whole-graph read holds millions of records whose
    /// evidence only a few answers show, and the JSON is smaller than the parsed items. Writing it back costs nothing.
    /// </summary>
    public static IReadOnlyList<PlacementEvidence> ReadLazily(string json) => json.Length == 0 || json == Empty ? [] : new StoredEvidence(json);

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new FormatException("evidence must be an array of [kind, text, start, length] arrays");
        }
    }

    private sealed class StoredEvidence(string json) : IReadOnlyList<PlacementEvidence>
    {
        private IReadOnlyList<PlacementEvidence>? items;

        /// <summary>The JSON as stored, until parsed (then the items are the truth).</summary>
        public string? Json => items is null ? json : null;

        private IReadOnlyList<PlacementEvidence> Items => items ??= Read(json);

        public PlacementEvidence this[int index] => Items[index];

        public int Count => Items.Count;

        public IEnumerator<PlacementEvidence> GetEnumerator() => Items.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>What stores and imports need to say about placement records: their order and when two are the same.</summary>
public static class PlacementRecords
{
    /// <summary>One enterprise's records, best first: by score (none last), then by link key.</summary>
    public static IComparer<PlacementRecord> BestFirst { get; } = Comparer<PlacementRecord>.Create((a, b) =>
    {
        var byScore = (b.Score ?? double.NegativeInfinity).CompareTo(a.Score ?? double.NegativeInfinity);
        return byScore != 0 ? byScore : string.CompareOrdinal(a.LinkKey, b.LinkKey);
    });

    /// <summary>Whether two records hold the same (enterprise, link, kind, score, evidence, basis, decision): a store that holds one need not write the other.</summary>
    public static bool Same(PlacementRecord a, PlacementRecord b) =>
        a.EnterpriseKey == b.EnterpriseKey && a.LinkKey == b.LinkKey && a.Kind == b.Kind && Nullable.Equals(a.Score, b.Score)
        && a.Basis == b.Basis && a.DecidedBy == b.DecidedBy && Nullable.Equals(a.DecidedAt, b.DecidedAt)
        && PlacementEvidenceJson.Write(a.Evidence) == PlacementEvidenceJson.Write(b.Evidence);

    /// <summary>A record's pair, as one value.</summary>
    public static (string Enterprise, string Link) Pair(this PlacementRecord record) => (record.EnterpriseKey, record.LinkKey);

    /// <summary>A decision time as stores and files write it: UTC, fixed width (it sorts in time order), to the tick.</summary>
    public static string FormatTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
