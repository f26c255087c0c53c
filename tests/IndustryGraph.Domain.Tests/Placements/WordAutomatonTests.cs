using IndustryGraph.Domain.Placements;

namespace IndustryGraph.Domain.Tests.Placements;

/// <summary>The automaton finds exactly the occurrences a plain search over every word finds.</summary>
public sealed class WordAutomatonTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Finds_every_occurrence_a_plain_search_finds(int seed)
    {
        var random = new Random(seed);
        const string letters = "传感器制造销售芯片设计AB";
        string Text(int length) => new([.. Enumerable.Range(0, length).Select(_ => letters[random.Next(letters.Length)])]);
        var words = Enumerable.Range(0, 60).Select(_ => Text(random.Next(1, 5))).Distinct().ToList();
        var automaton = new WordAutomaton(words);

        for (var round = 0; round < 50; round++)
        {
            var text = Text(random.Next(0, 80)) + "，外";
            var found = new List<WordMatch>();
            automaton.FindAll(text, found);

            var expected = words.SelectMany((word, index) => Occurrences(text, word).Select(start => new WordMatch(start, word.Length, index)));
            Assert.Equal(expected.OrderBy(match => match.Start).ThenBy(match => match.Word), found.OrderBy(match => match.Start).ThenBy(match => match.Word));
        }
    }

    private static IEnumerable<int> Occurrences(string text, string word)
    {
        for (var start = text.IndexOf(word, StringComparison.Ordinal); start >= 0; start = text.IndexOf(word, start + 1, StringComparison.Ordinal))
        {
            yield return start;
        }
    }
}
