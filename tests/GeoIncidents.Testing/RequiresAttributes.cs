using Xunit;

namespace GeoIncidents.Testing;

/// <summary>A fact that needs PostGIS: skipped with a reason on a developer machine, run (and failing) under CI=true.</summary>
public sealed class PostGisFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when PostGIS is absent and CI is not set.</summary>
    public PostGisFactAttribute() => Skip = ExternalServices.PostGis.SkipUnlessAvailable;
}

/// <summary>A fact that needs Chromium: skipped with a reason on a developer machine, run (and failing) under CI=true.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when Chromium is absent and CI is not set.</summary>
    public ChromiumFactAttribute() => Skip = ExternalServices.Chromium.SkipUnlessAvailable;
}

/// <summary>A fact that needs GDAL's command-line tools: skipped with a reason on a developer machine, run (and failing) under CI=true.</summary>
public sealed class GdalFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when GDAL is absent and CI is not set.</summary>
    public GdalFactAttribute() => Skip = ExternalServices.Gdal.SkipUnlessAvailable;
}

/// <summary>A fact that needs GDAL's Python bindings: skipped with a reason on a developer machine, run (and failing) under CI=true.</summary>
public sealed class GdalPythonFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when python3-gdal is absent and CI is not set.</summary>
    public GdalPythonFactAttribute() => Skip = ExternalServices.GdalPython.SkipUnlessAvailable;
}

/// <summary>A fact that needs GeographicLib's tools: skipped with a reason on a developer machine, run (and failing) under CI=true.</summary>
public sealed class GeographicLibFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when GeodSolve is absent and CI is not set.</summary>
    public GeographicLibFactAttribute() => Skip = ExternalServices.GeographicLib.SkipUnlessAvailable;
}
