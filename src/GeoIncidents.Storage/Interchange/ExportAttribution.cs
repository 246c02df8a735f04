using GeoIncidents.Core.Storage;

namespace GeoIncidents.Storage.Interchange;

/// <summary>One dataset in a store whose licence travels with an export.</summary>
/// <param name="Dataset">What it is (e.g. <c>reference line osm-2020</c>, <c>regions</c>, <c>places</c>).</param>
/// <param name="Attribution">The attribution to show (e.g. <c>© OpenStreetMap contributors</c>).</param>
/// <param name="Licence">Its licence (e.g. <c>ODbL-1.0</c>).</param>
public sealed record ExportDataset(string Dataset, string Attribution, string Licence);

/// <summary>
/// The attribution and licence every export carries (DESIGN.md, Storage: "licences travel with the data"), collected
/// from what the store holds: each reference line's attribution and licence (the ODbL line when the store holds
/// <c>osm-2020</c>: a store seeded with it is an ODbL-covered database), the regions' licences (Natural Earth, public
/// domain), the places' sources (GeoNames coordinates, CC BY 4.0; Who's On First), and users' own boundaries with the
/// licence they stated. GeoJSON exports write <see cref="Attribution"/> and <see cref="License"/> as top-level
/// members, GeoPackage exports as gpkg_metadata, CSV exports in a text file beside the CSV.
/// </summary>
/// <param name="Attribution">Every attribution, joined by "; ".</param>
/// <param name="License">Every licence, with what it covers, joined by "; ".</param>
/// <param name="Datasets">The datasets one by one.</param>
public sealed record ExportAttribution(string Attribution, string License, IReadOnlyList<ExportDataset> Datasets)
{
    /// <summary>Collects the attributions and licences of a store's boundary and place data.</summary>
    /// <param name="store">The store.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The attribution (empty strings when the store holds no third-party data).</returns>
    public static async Task<ExportAttribution> FromStoreAsync(IGeoIncidentStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var all = new RecordQuery { Limit = RecordQuery.MaxLimit };
        var datasets = new List<ExportDataset>();
        await foreach (var line in store.ReferenceLines.StreamAsync(all, cancellationToken).ConfigureAwait(false))
        {
            var l = line.Record;
            datasets.Add(new ExportDataset($"reference line {l.Id}", l.Attribution ?? l.Source, l.Licence));
        }

        var regionLicences = new SortedDictionary<string, (string Attribution, int Count)>(StringComparer.Ordinal);
        await foreach (var region in store.Regions.StreamAsync(all, cancellationToken).ConfigureAwait(false))
        {
            var r = region.Record;
            var attribution = r.Licence.Contains("Natural Earth", StringComparison.OrdinalIgnoreCase) || r.Source.Contains("Natural Earth", StringComparison.OrdinalIgnoreCase)
                ? "Made with Natural Earth"
                : r.Source;
            regionLicences[r.Licence] = regionLicences.TryGetValue(r.Licence, out var seen) ? (seen.Attribution, seen.Count + 1) : (attribution, 1);
        }

        foreach (var (licence, (attribution, count)) in regionLicences)
        {
            datasets.Add(new ExportDataset($"regions ({count})", attribution, licence));
        }

        var placeSources = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var place in store.Places.StreamAsync(all, cancellationToken).ConfigureAwait(false))
        {
            placeSources.Add(place.Record.Source);
        }

        if (placeSources.Any(s => s.Contains("GeoNames", StringComparison.OrdinalIgnoreCase)))
        {
            datasets.Add(new ExportDataset("places", "Place coordinates: GeoNames (geonames.org)", "CC-BY-4.0"));
        }

        if (placeSources.Any(s => s.Contains("Who's On First", StringComparison.OrdinalIgnoreCase)))
        {
            datasets.Add(new ExportDataset("places", "Who's On First (whosonfirst.org)", "CC0-1.0 (Who's On First's own work)"));
        }

        foreach (var other in placeSources.Where(s => !s.Contains("GeoNames", StringComparison.OrdinalIgnoreCase) && !s.Contains("Who's On First", StringComparison.OrdinalIgnoreCase)))
        {
            datasets.Add(new ExportDataset("places", other, "as stated by the source"));
        }

        var attributionText = string.Join("; ", datasets.Select(d => d.Attribution).Distinct(StringComparer.Ordinal));
        var licenceText = string.Join("; ", datasets.GroupBy(d => d.Licence, StringComparer.Ordinal)
            .Select(g => $"{g.Key} ({string.Join(", ", g.Select(d => d.Dataset))})"));
        if (datasets.Any(d => d.Licence.Contains("ODbL", StringComparison.OrdinalIgnoreCase)))
        {
            licenceText = "The store holds OpenStreetMap data: the database is ODbL-1.0 covered (© OpenStreetMap contributors); " + licenceText;
        }

        return new ExportAttribution(attributionText, licenceText, datasets);
    }
}
