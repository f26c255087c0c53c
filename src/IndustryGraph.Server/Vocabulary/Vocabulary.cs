using System.Text.Json;
using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Seed;

namespace IndustryGraph.Server.Vocabulary;

/// <summary>The groups of words the vocabulary names, each a section of vocabulary.json.</summary>
public enum VocabularySection
{
    Statuses,
    Segments,
    Kinds,
    ScopeKinds,
    Categories,
    Relationships,
    Tags,
    Effects,
    ReportKinds,
    FactKeys,
    Words,
}

/// <summary>
/// Every word a planner reads for a key (fact keys, statuses, kinds, categories, relationship types, tags), in
/// Chinese and English, from one data file the page's bundle reads too (vocabulary.json); and the Chinese texts of
/// the seed's English notes and periods (seed/notes_zh.csv), keyed by the English text, so a note edited since
/// keeps its own words rather than a stale translation.
/// </summary>
public sealed class Vocabulary
{
    private const string TermsResource = "IndustryGraph.Server.Vocabulary.vocabulary.json";
    private const string ChineseTextsResource = "IndustryGraph.Server.Vocabulary.notes_zh.csv";

    private readonly Dictionary<VocabularySection, Dictionary<string, Term>> sections;
    private readonly Dictionary<string, string> chineseTexts;

    private Vocabulary(Dictionary<VocabularySection, Dictionary<string, Term>> sections, Dictionary<string, string> chineseTexts)
    {
        this.sections = sections;
        this.chineseTexts = chineseTexts;
    }

    /// <summary>The vocabulary shipped with the server.</summary>
    public static Vocabulary Shipped { get; } = Load();

    /// <summary>The words of a section, for tests and the seed checks.</summary>
    public IReadOnlyDictionary<string, Term> Section(VocabularySection section) => sections[section];

    /// <summary>The English texts that have a Chinese text.</summary>
    public IReadOnlyDictionary<string, string> ChineseTexts => chineseTexts;

    /// <summary>The key's word in the language; the key itself when the vocabulary has none (a key added since).</summary>
    public string Label(VocabularySection section, string key, AnalysisLanguage language) =>
        sections[section].TryGetValue(key, out var term) ? term.In(language) : key;

    /// <summary>A free text (a note, a period) in the language: its Chinese text when one is written, else the text as stored.</summary>
    public string? Text(string? text, AnalysisLanguage language) =>
        text is not null && language == AnalysisLanguage.Chinese && chineseTexts.TryGetValue(text.Trim(), out var chinese) ? chinese : text;

    private static Vocabulary Load()
    {
        var assembly = typeof(Vocabulary).Assembly;
        using var terms = assembly.GetManifestResourceStream(TermsResource) ?? throw new InvalidOperationException($"{TermsResource} is not embedded");
        var json = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, Dictionary<string, string>>>>(terms)
            ?? throw new InvalidOperationException($"{TermsResource} is empty");
        var sections = Enum.GetValues<VocabularySection>().ToDictionary(
            section => section,
            section => json.TryGetValue(JsonNamingPolicy.CamelCase.ConvertName(section.ToString()), out var words)
                ? words.ToDictionary(word => word.Key, word => new Term(word.Value["zh"], word.Value["en"]), StringComparer.Ordinal)
                : throw new InvalidOperationException($"{TermsResource} has no section {section}"));

        using var texts = assembly.GetManifestResourceStream(ChineseTextsResource) ?? throw new InvalidOperationException($"{ChineseTextsResource} is not embedded");
        using var buffer = new MemoryStream();
        texts.CopyTo(buffer);
        var errors = new List<SeedError>();
        var table = CsvTable.Parse("notes_zh.csv", buffer.ToArray(), errors)
            ?? throw new InvalidOperationException(string.Join("; ", errors.Select(error => error.ToString())));
        var english = table.IndexOf("text");
        var chinese = table.IndexOf("zh");
        var chineseTexts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            chineseTexts[row.Fields[english].Trim()] = row.Fields[chinese].Trim();
        }

        return new Vocabulary(sections, chineseTexts);
    }
}

/// <summary>One word in both languages.</summary>
public sealed record Term(string Zh, string En)
{
    public string In(AnalysisLanguage language) => language == AnalysisLanguage.Chinese ? Zh : En;
}
