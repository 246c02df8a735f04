using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Testing;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;

namespace GeoIncidents.Storage.Tests.PostGis;

/// <summary>Proves the PostGIS wiring: a real server, the Npgsql NTS plugin, SRID 4326 kept on a round trip.</summary>
public class PostGisWiringTests
{
    [PostGisFact]
    public async Task Polygon_RoundTripsWithSrid4326_AndPostGisMeasuresIt()
    {
        ExternalServices.PostGis.EnsureAvailable();
        await using var database = await PostGisTestDatabase.CreateAsync();
        var syunikishSquare = (Polygon)new WKTReader(GeometryFactories.Wgs84.GeometryServices).Read(
            "POLYGON ((46.0 39.0, 46.5 39.0, 46.5 39.5, 46.0 39.5, 46.0 39.0))");
        syunikishSquare.SRID = 4326;

        await using (var create = database.DataSource.CreateCommand("CREATE TABLE t (id int PRIMARY KEY, g geometry(Polygon, 4326))"))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var insert = database.DataSource.CreateCommand("INSERT INTO t VALUES (1, $1)"))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = syunikishSquare });
            await insert.ExecuteNonQueryAsync();
        }

        await using var select = database.DataSource.CreateCommand(
            "SELECT g, ST_SRID(g), ST_Area(g::geography), postgis_lib_version() FROM t WHERE id = 1");
        await using var reader = await select.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var back = reader.GetFieldValue<Polygon>(0);
        Assert.Equal(4326, back.SRID);
        Assert.Equal(4326, reader.GetInt32(1));
        Assert.True(back.EqualsExact(syunikishSquare), $"round trip changed the polygon: {back}");
        // A 0.5° x 0.5° cell at 39°N is about 43 km x 55.6 km; PostGIS's own geography area confirms the server computed it.
        var areaKm2 = reader.GetDouble(2) / 1e6;
        Assert.InRange(areaKm2, 2300, 2500);
        Assert.StartsWith("3.", reader.GetString(3), StringComparison.Ordinal);
    }
}
