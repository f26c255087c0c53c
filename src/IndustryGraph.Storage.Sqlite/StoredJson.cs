using System.Text.Json;
using System.Text.Json.Serialization;
using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Storage.Sqlite;

/// <summary>How lists (names, tags, provenance) are kept in a column: compact JSON.</summary>
internal static class StoredJson
{
    public static string Write(IReadOnlyList<string> values) => JsonSerializer.Serialize(values, StoredJsonContext.Default.IReadOnlyListString);

    public static IReadOnlyList<string> ReadStrings(string json) =>
        json == "[]" ? [] : JsonSerializer.Deserialize(json, StoredJsonContext.Default.ListString) ?? [];

    // A graph has few distinct provenances (a million rows cite a few hundred paragraphs): each is parsed once.
    // Bounded, so a store with many distinct notes cannot grow it without limit.
    private const int MaxRemembered = 10_000;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<SourceRef>> Remembered = new(StringComparer.Ordinal);

    public static string Write(IReadOnlyList<SourceRef> sources) =>
        JsonSerializer.Serialize(sources.Select(source => new StoredSource(source.Document, source.Paragraph, source.Curated ? true : null, source.Note)).ToList(),
            StoredJsonContext.Default.ListStoredSource);

    public static IReadOnlyList<SourceRef> ReadSources(string json)
    {
        if (Remembered.TryGetValue(json, out var known))
        {
            return known;
        }

        IReadOnlyList<SourceRef> sources = (JsonSerializer.Deserialize(json, StoredJsonContext.Default.ListStoredSource) ?? [])
            .Select(stored => new SourceRef(stored.D, stored.P, stored.C == true, stored.N)).ToArray();
        if (Remembered.Count < MaxRemembered)
        {
            Remembered.TryAdd(json, sources);
        }

        return sources;
    }
}

internal sealed record StoredSource(string? D, int? P, bool? C, string? N);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<StoredSource>))]
internal sealed partial class StoredJsonContext : JsonSerializerContext;
