using System.Text.RegularExpressions;

namespace GeoIncidents.Storage.GeoPackage;

/// <summary>Checks and quotes the table, column and index names that go into generated SQL.</summary>
internal static partial class GpkgIdentifier
{
    private static readonly string[] ReservedTablePrefixes = ["gpkg_", "gpkgext_", "rtree_", "sqlite_"];

    /// <summary>Plain SQL names only: a letter or underscore, then letters, digits, underscores; at most 63 characters.</summary>
    public static string Validate(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (!Pattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid name: use a letter or '_' followed by letters, digits or '_' (at most 63 characters)",
                parameterName);
        }

        return name;
    }

    public static string ValidateTableName(string name, string parameterName)
    {
        Validate(name, parameterName);
        foreach (var prefix in ReservedTablePrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"table name '{name}' uses the prefix '{prefix}', reserved by GeoPackage and SQLite", parameterName);
            }
        }

        return name;
    }

    /// <summary>Double-quoted for SQL; names are validated, so no quote can occur inside.</summary>
    public static string Quote(string name) => "\"" + name + "\"";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
