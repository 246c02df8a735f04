using System.Collections.Concurrent;
using System.Text;

namespace GeoIncidents.Core.Model;

/// <summary>
/// The names enumerations carry in GeoJSON, CSV and URLs: the member name in lower kebab-case
/// (<see cref="IncidentType.BorderCrossing"/> is <c>border-crossing</c>). Parsing is case-sensitive and rejects numbers.
/// </summary>
public static class WireNames
{
    private static readonly ConcurrentDictionary<Type, (Dictionary<string, object> ByName, Dictionary<object, string> ByValue)> Tables = new();

    /// <summary>The wire name of a value.</summary>
    /// <typeparam name="TEnum">An enumeration of the model.</typeparam>
    /// <param name="value">A defined value.</param>
    /// <returns>The kebab-case name.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        return Table<TEnum>().ByValue.TryGetValue(value, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a defined {typeof(TEnum).Name}.");
    }

    /// <summary>Parses a wire name.</summary>
    /// <typeparam name="TEnum">An enumeration of the model.</typeparam>
    /// <param name="text">The kebab-case name, e.g. <c>border-crossing</c>.</param>
    /// <param name="value">The value when the method returns true.</param>
    /// <returns>True when <paramref name="text"/> is one of <see cref="All{TEnum}"/>.</returns>
    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        if (text is not null && Table<TEnum>().ByName.TryGetValue(text, out var boxed))
        {
            value = (TEnum)boxed;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Every wire name of an enumeration, in declaration order.</summary>
    /// <typeparam name="TEnum">An enumeration of the model.</typeparam>
    /// <returns>The names.</returns>
    public static IReadOnlyList<string> All<TEnum>()
        where TEnum : struct, Enum => Enum.GetValues<TEnum>().Select(v => Of(v)).ToList();

    private static (Dictionary<string, object> ByName, Dictionary<object, string> ByValue) Table<TEnum>()
        where TEnum : struct, Enum =>
        Tables.GetOrAdd(typeof(TEnum), static _ =>
        {
            var byName = new Dictionary<string, object>(StringComparer.Ordinal);
            var byValue = new Dictionary<object, string>();
            foreach (var v in Enum.GetValues<TEnum>())
            {
                var name = Kebab(v.ToString());
                byName[name] = v;
                byValue[v] = name;
            }

            return (byName, byValue);
        });

    private static string Kebab(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c) && i > 0)
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}
