using System.Text.RegularExpressions;
using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Seed;
using IndustryGraph.Server.Tests.Hosting;
using IndustryGraph.Server.Vocabulary;

namespace IndustryGraph.Server.Tests.Vocabulary;

/// <summary>The shipped vocabulary against the shipped seed and the codes the API answers: no key without its words, no English note without its Chinese text.</summary>
public sealed partial class VocabularyTests
{
    private static readonly Server.Vocabulary.Vocabulary Shipped = Server.Vocabulary.Vocabulary.Shipped;

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex LatinWord();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    private static IReadOnlyList<Dictionary<string, string>> Rows(string file) => Repository.SeedRows(file);

    private static void HasWords(VocabularySection section, string key)
    {
        Assert.True(Shipped.Section(section).TryGetValue(key, out var term), $"{section} has no words for {key}");
        Assert.Matches(Chinese(), term.Zh);
        Assert.False(string.IsNullOrWhiteSpace(term.En), $"{section} {key} has no English words");
    }

    [Fact]
    public void Every_fact_key_category_and_tag_of_the_seed_has_words_in_both_languages()
    {
        var facts = Rows("facts.csv");
        Assert.All(facts.Select(fact => fact["key"]).Distinct(), key => HasWords(VocabularySection.FactKeys, key));
        Assert.All(facts.Where(fact => fact["key"] == "category").Select(fact => fact["value"]).Distinct(), category => HasWords(VocabularySection.Categories, category));
        Assert.All(Rows("entities.csv").SelectMany(entity => SeedCell.SplitList(entity["tags"])).Distinct(), tag => HasWords(VocabularySection.Tags, tag));
    }

    [Fact]
    public void Every_code_the_api_answers_has_words_in_both_languages()
    {
        Assert.All(Enum.GetValues<LinkStatus>(), status => HasWords(VocabularySection.Statuses, status.ToString().ToUpperInvariant()));
        Assert.All(Enum.GetValues<EntityKind>(), kind => HasWords(VocabularySection.Kinds, kind.ToCode()));
        Assert.All(Enum.GetValues<Segment>(), segment => HasWords(VocabularySection.Segments, segment.ToCode()));
        Assert.All(Enum.GetValues<ParkCategory>(), category => HasWords(VocabularySection.Categories, category.ToCode()));
        Assert.All(Enum.GetValues<WhatIfEffect>(), effect => HasWords(VocabularySection.Effects, effect.ToString().ToUpperInvariant()));
        Assert.All(Enum.GetValues<ScopeKind>(), kind => HasWords(VocabularySection.ScopeKinds, kind.ToString().ToUpperInvariant()));
        Assert.All(RelationshipTypes.All, type => HasWords(VocabularySection.Relationships, type));
    }

    [Fact]
    public void Every_english_note_and_period_of_the_seed_has_a_chinese_text_for_every_row()
    {
        var texts = new List<(string File, int Row, string Text)>();
        foreach (var (file, columns) in new[] { ("sources.csv", new[] { "note" }), ("entities.csv", ["note"]), ("chain_links.csv", ["note"]), ("relationships.csv", ["note"]), ("facts.csv", ["note", "as_of"]) })
        {
            var rows = Rows(file);
            for (var row = 0; row < rows.Count; row++)
            {
                // A period is words, so any Latin letter in it (2024 H1) is English; other texts may name MEMS or 5A甲级.
                texts.AddRange(columns.Select(column => (file, row + 2, rows[row][column], Period: column == "as_of"))
                    .Where(item => item.Period ? item.Item3.Any(char.IsAsciiLetter) : LatinWord().IsMatch(item.Item3))
                    .Select(item => (item.file, item.Item2, item.Item3)));
            }
        }

        Assert.True(texts.Count > 1000, $"only {texts.Count} English texts found: the seed's columns moved?");
        var untranslated = texts
            .Select(item => (item.File, item.Row, item.Text, Chinese: Shipped.Text(Server.Entities.SourceRefType.CuratedNote(item.Text), AnalysisLanguage.Chinese)))
            .Where(item => item.Chinese == Server.Entities.SourceRefType.CuratedNote(item.Text) || !Chinese().IsMatch(item.Chinese!))
            .Select(item => $"{item.File}:{item.Row}: {item.Text}")
            .ToList();
        Assert.True(untranslated.Count == 0, $"{untranslated.Count} seed texts have no Chinese text in seed/notes_zh.csv, e.g.\n{string.Join("\n", untranslated.Take(10))}");
        Assert.Equal("2025 target", Shipped.Text("2025 target", AnalysisLanguage.English));
        Assert.Equal("2025年下半年", Shipped.Text("2025-H2", AnalysisLanguage.Chinese));
    }
}
