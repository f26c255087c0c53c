namespace IndustryGraph.Domain.Placements;

/// <summary>A word found in a text: where it starts, how long it is (UTF-16), and which word of the automaton it is.</summary>
public readonly record struct WordMatch(int Start, int Length, int Word)
{
    public int End => Start + Length;
}

/// <summary>
/// An Aho–Corasick automaton over a fixed list of words: one pass over a text finds every occurrence of every
/// word, overlapping ones included, in time linear in the text. Immutable once built, so safe to share.
/// </summary>
public sealed class WordAutomaton
{
    // A character outside every word sends the automaton back to the root without a lookup.
    private const ushort NotInAlphabet = 0;

    private readonly ushort[] alphabet = new ushort[char.MaxValue + 1];
    private readonly int alphabetSize;
    private readonly TransitionTable transitions;
    private readonly int[] rootTransitions;
    private readonly int[] failure;
    private readonly int[] wordAt;
    private readonly int[] nextOutput;
    private readonly int[] wordLengths;

    public WordAutomaton(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        wordLengths = words.Select(word => word.Length).ToArray();
        ushort letters = 0;
        foreach (var character in words.SelectMany(word => word).Distinct().Order())
        {
            alphabet[character] = ++letters;
        }

        alphabetSize = letters + 1;
        var children = new List<Dictionary<ushort, int>> { new() };
        var terminal = new List<int> { -1 };
        for (var index = 0; index < words.Count; index++)
        {
            if (words[index].Length == 0)
            {
                throw new ArgumentException($"word {index} is empty", nameof(words));
            }

            var state = 0;
            foreach (var character in words[index])
            {
                var letter = alphabet[character];
                if (!children[state].TryGetValue(letter, out var next))
                {
                    next = children.Count;
                    children.Add([]);
                    terminal.Add(-1);
                    children[state][letter] = next;
                }

                state = next;
            }

            // The first of equal words wins; callers give distinct words.
            if (terminal[state] < 0)
            {
                terminal[state] = index;
            }
        }

        var states = children.Count;
        if ((long)states * alphabetSize > int.MaxValue)
        {
            throw new ArgumentException("too many words for one automaton", nameof(words));
        }

        transitions = new TransitionTable(states);
        failure = new int[states];
        wordAt = terminal.ToArray();
        nextOutput = new int[states];
        rootTransitions = new int[alphabetSize];
        foreach (var (letter, child) in children[0])
        {
            rootTransitions[letter] = child;
        }

        nextOutput[0] = -1;
        var queue = new Queue<int>();
        foreach (var child in children[0].Values)
        {
            failure[child] = 0;
            nextOutput[child] = -1;
            queue.Enqueue(child);
        }

        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            foreach (var (letter, child) in children[state])
            {
                transitions.Add(Key(state, letter), child);
                var fallback = failure[state];
                while (fallback != 0 && !children[fallback].ContainsKey(letter))
                {
                    fallback = failure[fallback];
                }

                failure[child] = children[fallback].TryGetValue(letter, out var target) && target != child ? target : 0;
                nextOutput[child] = wordAt[failure[child]] >= 0 ? failure[child] : nextOutput[failure[child]];
                queue.Enqueue(child);
            }
        }
    }

    public int WordCount => wordLengths.Length;

    /// <summary>Adds every occurrence of every word in <paramref name="text"/> to <paramref name="matches"/>, by end position.</summary>
    public void FindAll(string text, List<WordMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(matches);
        var state = 0;
        for (var position = 0; position < text.Length; position++)
        {
            var letter = alphabet[text[position]];
            if (letter == NotInAlphabet)
            {
                state = 0;
                continue;
            }

            state = Step(state, letter);
            for (var output = wordAt[state] >= 0 ? state : nextOutput[state]; output > 0; output = nextOutput[output])
            {
                var word = wordAt[output];
                matches.Add(new WordMatch(position + 1 - wordLengths[word], wordLengths[word], word));
            }
        }
    }

    private int Step(int state, ushort letter)
    {
        while (state != 0)
        {
            var next = transitions.Find(Key(state, letter));
            if (next >= 0)
            {
                return next;
            }

            state = failure[state];
        }

        return rootTransitions[letter];
    }

    private int Key(int state, ushort letter) => (state * alphabetSize) + letter;

    /// <summary>
    /// The trie's edges in one open-addressed table (state and letter → next state): a lookup is a multiply and
    /// a probe or two, where a dictionary costs several times that on every character of every scope.
    /// </summary>
    private sealed class TransitionTable
    {
        private readonly int[] keys;
        private readonly int[] values;
        private readonly int mask;

        public TransitionTable(int edges)
        {
            var capacity = 16;
            while (capacity < edges * 2)
            {
                capacity <<= 1;
            }

            keys = new int[capacity];
            values = new int[capacity];
            mask = capacity - 1;
            Array.Fill(keys, -1);
        }

        public void Add(int key, int value)
        {
            var slot = Slot(key);
            while (keys[slot] >= 0 && keys[slot] != key)
            {
                slot = (slot + 1) & mask;
            }

            keys[slot] = key;
            values[slot] = value;
        }

        /// <summary>The next state, or -1 when the state has no edge for the letter.</summary>
        public int Find(int key)
        {
            for (var slot = Slot(key); ; slot = (slot + 1) & mask)
            {
                var found = keys[slot];
                if (found == key)
                {
                    return values[slot];
                }

                if (found < 0)
                {
                    return -1;
                }
            }
        }

        private int Slot(int key) => (int)(((uint)key * 0x9E3779B1u) >> 7) & mask;
    }
}
