namespace IndustryGraph.Domain.Graph;

/// <summary>
/// Where a fact or relationship comes from: a paragraph of a source document, or curated domain knowledge
/// (with a note saying what knowledge). Every row of the graph carries at least one.
/// </summary>
public sealed record SourceRef(string? Document, int? Paragraph, bool Curated, string? Note)
{
    public const string CuratedWord = "curated";

    public static SourceRef FromDocument(string document, int paragraph, string? note = null) => new(document, paragraph, false, note);

    public static SourceRef FromCuration(string note) => new(null, null, true, note);

    public override string ToString() => Curated ? $"curated: {Note}" : $"{Document} ¶{Paragraph}";
}
