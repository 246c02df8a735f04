using GeoIncidents.Geodesy.Geometries;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Storage.GeoPackage;

/// <summary>
/// EF Core value converter between an NTS geometry and a GeoPackage blob (<see cref="GpkgBlob"/>): 2D, SRID checked
/// on write (default EPSG:4326), SRID kept on read. Pair it with <see cref="GpkgGeometryComparer{TGeometry}"/>, or use
/// <see cref="GpkgEntityFrameworkExtensions.HasGpkgGeometryConversion{TGeometry}"/>.
/// </summary>
/// <typeparam name="TGeometry">The property's geometry type (Point, MultiPolygon, Geometry, ...).</typeparam>
public sealed class GpkgGeometryConverter<TGeometry> : ValueConverter<TGeometry, byte[]>
    where TGeometry : Geometry
{
    /// <summary>Creates the converter.</summary>
    /// <param name="srsId">The srs_id the column requires (default EPSG:4326); writing a geometry with another SRID throws <see cref="ArgumentException"/>.</param>
    public GpkgGeometryConverter(int srsId = GeometryFactories.Wgs84Srid)
        : base(g => GpkgBlob.Write(g, srsId), b => (TGeometry)GpkgBlob.Read(b))
    {
    }
}

/// <summary>
/// EF Core change-tracking comparer for geometries: equal when both are null, or both have the same SRID and are
/// exactly equal vertex by vertex (<see cref="Geometry.EqualsExact(Geometry)"/>); snapshots are deep copies, so a
/// geometry changed in place is seen as modified.
/// </summary>
/// <typeparam name="TGeometry">The property's geometry type.</typeparam>
public sealed class GpkgGeometryComparer<TGeometry> : ValueComparer<TGeometry?>
    where TGeometry : Geometry
{
    /// <summary>Creates the comparer.</summary>
    public GpkgGeometryComparer()
        : base(
            (a, b) => a == null ? b == null : b != null && a.SRID == b.SRID && a.EqualsExact(b),
            g => g == null ? 0 : g.GetHashCode(),
            g => g == null ? null : (TGeometry)g.Copy())
    {
    }
}

/// <summary>EF Core value converter for GeoPackage DATETIME columns: UTC text with milliseconds (<see cref="GpkgDateTime"/>).</summary>
public sealed class GpkgDateTimeConverter : ValueConverter<DateTimeOffset, string>
{
    /// <summary>Creates the converter.</summary>
    public GpkgDateTimeConverter()
        : base(d => GpkgDateTime.Format(d), s => GpkgDateTime.Parse(s))
    {
    }
}

/// <summary>EF Core value converter for GeoPackage DATE columns: <c>YYYY-MM-DD</c> (<see cref="GpkgDateTime"/>).</summary>
public sealed class GpkgDateConverter : ValueConverter<DateOnly, string>
{
    /// <summary>Creates the converter.</summary>
    public GpkgDateConverter()
        : base(d => GpkgDateTime.FormatDate(d), s => GpkgDateTime.ParseDate(s))
    {
    }
}

/// <summary>
/// Wiring EF Core to a GeoPackage file: the SQLite provider with the ST_* functions on every connection, and property
/// conversions for geometry and date columns. EF is used for CRUD and queries only: create tables with
/// <see cref="GpkgSchema"/>, never with EnsureCreated or migrations (EF's SQLite provider emits SpatiaLite calls for
/// geometry columns and would not produce a GeoPackage).
/// </summary>
public static class GpkgEntityFrameworkExtensions
{
    /// <summary>Uses the SQLite provider on a GeoPackage file, with <see cref="GpkgConnectionInterceptor"/> added.</summary>
    /// <param name="optionsBuilder">The options builder.</param>
    /// <param name="path">The GeoPackage file path.</param>
    /// <param name="sqliteOptionsAction">Further SQLite provider options, or null.</param>
    /// <returns>The options builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="optionsBuilder"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static DbContextOptionsBuilder UseGeoPackage(this DbContextOptionsBuilder optionsBuilder, string path,
        Action<SqliteDbContextOptionsBuilder>? sqliteOptionsAction = null)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        return optionsBuilder.UseSqlite(GpkgConnection.BuildConnectionString(path), sqliteOptionsAction)
            .AddInterceptors(GpkgConnectionInterceptor.Instance);
    }

    /// <summary>Uses the SQLite provider on a GeoPackage file, with <see cref="GpkgConnectionInterceptor"/> added.</summary>
    /// <typeparam name="TContext">The context type.</typeparam>
    /// <param name="optionsBuilder">The options builder.</param>
    /// <param name="path">The GeoPackage file path.</param>
    /// <param name="sqliteOptionsAction">Further SQLite provider options, or null.</param>
    /// <returns>The options builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="optionsBuilder"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static DbContextOptionsBuilder<TContext> UseGeoPackage<TContext>(this DbContextOptionsBuilder<TContext> optionsBuilder, string path,
        Action<SqliteDbContextOptionsBuilder>? sqliteOptionsAction = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        return optionsBuilder.UseSqlite(GpkgConnection.BuildConnectionString(path), sqliteOptionsAction)
            .AddInterceptors(GpkgConnectionInterceptor.Instance);
    }

    /// <summary>Maps a geometry property to a GeoPackage blob column: <see cref="GpkgGeometryConverter{TGeometry}"/> plus <see cref="GpkgGeometryComparer{TGeometry}"/>.</summary>
    /// <typeparam name="TGeometry">The property's geometry type.</typeparam>
    /// <param name="property">The property builder.</param>
    /// <param name="srsId">The srs_id the column requires (default EPSG:4326).</param>
    /// <returns>The property builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="property"/> is null.</exception>
    public static PropertyBuilder<TGeometry?> HasGpkgGeometryConversion<TGeometry>(this PropertyBuilder<TGeometry?> property, int srsId = GeometryFactories.Wgs84Srid)
        where TGeometry : Geometry
    {
        ArgumentNullException.ThrowIfNull(property);
        // The non-generic overload: the converter is declared on non-nullable TGeometry (EF passes NULL through untouched).
        ((PropertyBuilder)property).HasConversion(new GpkgGeometryConverter<TGeometry>(srsId), new GpkgGeometryComparer<TGeometry>());
        return property;
    }

    /// <summary>Maps a <see cref="DateTimeOffset"/> property to a GeoPackage DATETIME column (<see cref="GpkgDateTimeConverter"/>).</summary>
    /// <param name="property">The property builder.</param>
    /// <returns>The property builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="property"/> is null.</exception>
    public static PropertyBuilder<DateTimeOffset> HasGpkgDateTimeConversion(this PropertyBuilder<DateTimeOffset> property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.HasConversion(new GpkgDateTimeConverter());
    }

    /// <summary>Maps a nullable <see cref="DateTimeOffset"/> property to a GeoPackage DATETIME column (<see cref="GpkgDateTimeConverter"/>; NULL stays NULL).</summary>
    /// <param name="property">The property builder.</param>
    /// <returns>The property builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="property"/> is null.</exception>
    public static PropertyBuilder<DateTimeOffset?> HasGpkgDateTimeConversion(this PropertyBuilder<DateTimeOffset?> property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.HasConversion(new GpkgDateTimeConverter());
    }

    /// <summary>
    /// <see cref="GpkgContents.UpdateExtent"/> on the context's connection and current transaction: call it after
    /// SaveChanges inside an explicit transaction (<c>Database.BeginTransaction()</c>) so rows, R-tree and extent commit together.
    /// </summary>
    /// <param name="database">The context's database facade (a GeoPackage context).</param>
    /// <param name="table">The feature table.</param>
    /// <param name="changedAt">The instant for <c>last_change</c> (the injected clock's now).</param>
    /// <returns>The new extent, or null when the table has no non-empty geometry.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">The context does not use SQLite, or the table is not registered.</exception>
    public static GpkgEnvelope? UpdateGpkgExtent(this DatabaseFacade database, GpkgFeatureTable table, DateTimeOffset changedAt)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(table);
        if (database.GetDbConnection() is not SqliteConnection connection)
        {
            throw new InvalidOperationException("UpdateGpkgExtent needs a context on the SQLite (GeoPackage) provider");
        }

        database.OpenConnection();
        try
        {
            var transaction = database.CurrentTransaction?.GetDbTransaction() as SqliteTransaction;
            return GpkgContents.UpdateExtent(connection, transaction, table, changedAt);
        }
        finally
        {
            database.CloseConnection();
        }
    }
}
