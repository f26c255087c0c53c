using System.Text.Json;
using System.Text.Json.Serialization;
using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Storage.Sqlite;

/// <summary>How lists (names, tags, provenance) are kept in a column: compact JSON.</summary>
internal static class StoredJson
{
    public static string Write(IReadOnlyList<string> values) => JsonSerializer.Serialize(values, StoredJsonContext.Default.IReadOnlyListString);

    public static IReadOnlyList<string> ReadStrings(string json) => JsonSerializer.Deserialize(json, StoredJsonContext.Default.ListString) ?? [];

    public static string Write(IReadOnlyList<SourceRef> sources) =>
        JsonSerializer.Serialize(sources.Select(source => new StoredSource(source.Document, source.Paragraph, source.Curated ? true : null, source.Note)).ToList(),
            StoredJsonContext.Default.ListStoredSource);

    public static IReadOnlyList<SourceRef> ReadSources(string json) =>
        (JsonSerializer.Deserialize(json, StoredJsonContext.Default.ListStoredSource) ?? [])
        .Select(stored => new SourceRef(stored.D, stored.P, stored.C == true, stored.N)).ToList();
}

internal sealed record StoredSource(string? D, int? P, bool? C, string? N);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<StoredSource>))]
internal sealed partial class StoredJsonContext : JsonSerializerContext;
