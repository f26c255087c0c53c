using IndustryGraph.Domain.Placements;

namespace IndustryGraph.Storage.Contract;

/// <summary>
/// A test double for the placement suggester port: suggests <paramref name="link"/> (score 0.8) for every
/// enterprise whose business scope holds <paramref name="word"/>, with the word's position as evidence.
/// </summary>
public sealed class WordPlacementSuggester(string word, string link) : IPlacementSuggester
{
    public IReadOnlyList<PlacementSuggestion> Suggest(EnterpriseDescription enterprise)
    {
        var at = enterprise.BusinessScope.IndexOf(word, StringComparison.Ordinal);
        return at < 0 ? [] : [new PlacementSuggestion(link, 0.8, [new PlacementEvidence(PlacementEvidenceKind.Word, word, at, word.Length)])];
    }
}
