using System.Diagnostics;

namespace GeoIncidents.Testing;

/// <summary>
/// The test policy for real services and tools (PostGIS, Chromium, GDAL, GeographicLib): on a developer
/// machine a test that needs one skips with a reason naming what to install; under <c>CI=true</c> the same
/// test runs and fails, so CI can never go green by skipping.
/// </summary>
public static class ExternalServices
{
    /// <summary>Environment variable holding the PostGIS connection string for tests (set by .ci/run).</summary>
    public const string PostGisVariable = "GEOINCIDENTS_TEST_PG";

    /// <summary>True when running under CI (<c>CI=true</c>): missing services are failures, not skips.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>PostgreSQL with PostGIS, reached through <see cref="PostGisVariable"/>.</summary>
    public static Requirement PostGis { get; } = new(
        "PostGIS",
        () => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostGisVariable)),
        $"requires PostgreSQL+PostGIS: set {PostGisVariable} to a connection string (.ci/run starts a throwaway server)");

    /// <summary>Debian's Chromium at /usr/bin/chromium (driven through Microsoft.Playwright).</summary>
    public static Requirement Chromium { get; } = new(
        "Chromium",
        () => File.Exists(ChromiumPath),
        "requires Chromium at /usr/bin/chromium: apt-get install chromium");

    /// <summary>GDAL's command-line tools (ogrinfo, ogr2ogr).</summary>
    public static Requirement Gdal { get; } = new(
        "GDAL",
        () => FindOnPath("ogrinfo") is not null,
        "requires GDAL's ogrinfo on PATH: apt-get install gdal-bin");

    /// <summary>
    /// Debian's Python with GDAL's bindings (validate_gpkg.py). Debian's interpreter is used explicitly: a
    /// python3 earlier on PATH (pyenv, a venv) does not see python3-gdal.
    /// </summary>
    public static Requirement GdalPython { get; } = new(
        "GDAL Python",
        () => File.Exists(ValidateGpkgScript) && RunsOk(DebianPython, "-c \"from osgeo import gdal\""),
        "requires GDAL's Python bindings and validate_gpkg.py: apt-get install python3-gdal");

    /// <summary>Debian's Python interpreter, which sees python3-gdal.</summary>
    public const string DebianPython = "/usr/bin/python3";

    /// <summary>GDAL's GeoPackage validator as packaged by Debian's python3-gdal.</summary>
    public const string ValidateGpkgScript = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py";

    /// <summary>GeographicLib's command-line tools (GeodSolve, Planimeter, GeoConvert).</summary>
    public static Requirement GeographicLib { get; } = new(
        "GeographicLib",
        () => FindOnPath("GeodSolve") is not null,
        "requires GeographicLib's GeodSolve on PATH: apt-get install geographiclib-tools");

    /// <summary>Path of the Chromium binary used by browser tests.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("GEOINCIDENTS_CHROMIUM") ?? "/usr/bin/chromium";

    /// <summary>The full path of an executable on PATH, or null.</summary>
    /// <param name="name">The executable's file name.</param>
    /// <returns>The path, or null when it is not on PATH.</returns>
    public static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    private static bool RunsOk(string file, string arguments)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true });
            if (p is null)
            {
                return false;
            }

            p.WaitForExit(30_000);
            return p.HasExited && p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>One external dependency of a test.</summary>
    public sealed class Requirement
    {
        private readonly Lazy<bool> _available;

        internal Requirement(string name, Func<bool> probe, string skipReason)
        {
            Name = name;
            SkipReason = skipReason;
            _available = new Lazy<bool>(probe);
        }

        /// <summary>What is required.</summary>
        public string Name { get; }

        /// <summary>Why a test skips on a developer machine, and what to install.</summary>
        public string SkipReason { get; }

        /// <summary>Whether it is present.</summary>
        public bool IsAvailable => _available.Value;

        /// <summary>The skip reason for a test attribute: null (run) when present or under CI.</summary>
        public string? SkipUnlessAvailable => IsAvailable || IsCi ? null : SkipReason;

        /// <summary>Fails the running test with a clear message when the requirement is missing (under CI).</summary>
        /// <exception cref="InvalidOperationException">The requirement is missing.</exception>
        public void EnsureAvailable()
        {
            if (!IsAvailable)
            {
                throw new InvalidOperationException($"{Name} is missing and CI=true makes it required: {SkipReason}.");
            }
        }
    }
}
