using System.Collections;

namespace GeoIncidents.Core.Model;

/// <summary>
/// An immutable list that compares by value (element by element), so that records holding lists (tags, sources,
/// claims) keep value equality.
/// </summary>
/// <typeparam name="T">The element type; elements compare with <see cref="EqualityComparer{T}.Default"/>.</typeparam>
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] _items;

    internal ValueList(T[] items) => _items = items;

    /// <summary>The empty list.</summary>
    public static ValueList<T> Empty { get; } = new([]);

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public T this[int index] => _items[index];

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <inheritdoc />
    public bool Equals(ValueList<T>? other) =>
        other is not null && (ReferenceEquals(this, other) || _items.AsSpan().SequenceEqual(other._items, EqualityComparer<T>.Default));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}

/// <summary>Builds <see cref="ValueList{T}"/> instances.</summary>
public static class ValueList
{
    /// <summary>Copies a sequence into an immutable value list; null gives the empty list.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The elements, or null.</param>
    /// <returns>The list.</returns>
    public static ValueList<T> From<T>(IEnumerable<T>? items)
    {
        if (items is null)
        {
            return ValueList<T>.Empty;
        }

        if (items is ValueList<T> already)
        {
            return already;
        }

        var array = items.ToArray();
        return array.Length == 0 ? ValueList<T>.Empty : new ValueList<T>(array);
    }
}
