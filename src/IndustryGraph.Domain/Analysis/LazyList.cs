using System.Collections;

namespace IndustryGraph.Domain.Analysis;

/// <summary>A list worked out on first use, once: the parts of an answer a query may not select (a gap's candidates, partners, hosting places).</summary>
public sealed class LazyList<T>(Func<IReadOnlyList<T>> compute) : IReadOnlyList<T>
{
    private readonly Lazy<IReadOnlyList<T>> items = new(compute);

    public int Count => items.Value.Count;

    public T this[int index] => items.Value[index];

    public IEnumerator<T> GetEnumerator() => items.Value.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
