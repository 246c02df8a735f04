using System.Globalization;
using System.IO.Compression;

namespace GeoIncidents.Geodesy.Tests.Support;

/// <summary>Reads the committed reference files (ReferenceData/README.md): gzipped, whitespace-separated, '#' comments.</summary>
public static class ReferenceData
{
    /// <summary>A row: its category, the input fields exactly as given to the reference tool, and the numbers.</summary>
    /// <param name="Category">global, short, antipodal, equatorial, meridional, polar or coincident.</param>
    /// <param name="Values">Every numeric field after the category, in file order.</param>
    /// <param name="LineNumber">1-based line number in the uncompressed file.</param>
    public sealed record Row(string Category, double[] Values, int LineNumber);

    /// <summary>The path of a reference file copied to the test output.</summary>
    /// <param name="fileName">File name inside ReferenceData/.</param>
    /// <returns>The full path.</returns>
    public static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "ReferenceData", fileName);

    /// <summary>Reads every data row of a (possibly gzipped) reference file.</summary>
    /// <param name="fileName">File name inside ReferenceData/.</param>
    /// <returns>The rows.</returns>
    public static IReadOnlyList<Row> Read(string fileName)
    {
        var path = PathOf(fileName);
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    /// <summary>Parses rows in the reference format from text.</summary>
    /// <param name="reader">The text.</param>
    /// <returns>The rows.</returns>
    public static IReadOnlyList<Row> Parse(TextReader reader)
    {
        var rows = new List<Row>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var values = new double[parts.Length - 1];
            for (var i = 1; i < parts.Length; i++)
            {
                values[i - 1] = double.Parse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            rows.Add(new Row(parts[0], values, lineNumber));
        }

        return rows;
    }
}
