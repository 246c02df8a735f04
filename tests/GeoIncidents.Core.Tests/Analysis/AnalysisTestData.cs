using System.Globalization;
using GeoIncidents.Core.Analysis;
using GeoIncidents.Core.Seed;
using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;

namespace GeoIncidents.Core.Tests.Analysis;

/// <summary>The shipped data for the analysis tests (loaded once; analyses never change it) and the reference tables.</summary>
internal static class AnalysisTestData
{
    private static readonly Lazy<SeedData> LazySeed = new(() => SeedData.Load());
    private static readonly Lazy<AnalysisData> LazyData = new(() => AnalysisData.FromSeed(LazySeed.Value));

    public static SeedData Seed => LazySeed.Value;

    public static AnalysisData Data => LazyData.Value;

    public static GeoPosition PlacePosition(string id) => Data.Place(id).Position;

    /// <summary>The rows of a tab-separated reference file (Analysis/ReferenceData), comment lines skipped.</summary>
    public static IReadOnlyList<string[]> Rows(string file) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Analysis", "ReferenceData", file))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .ToList();

    public static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The geodesic distance between two positions, metres.</summary>
    public static double Meters(GeoPosition a, GeoPosition b) => Geodesic.Wgs84.Inverse(a, b).Distance.Meters;

    public static Length Km(double km) => Length.FromKilometers(km);
}
