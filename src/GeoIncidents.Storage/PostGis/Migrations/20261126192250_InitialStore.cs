using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GeoIncidents.Storage.PostGis.Migrations
{
    /// <inheritdoc />
    public partial class InitialStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:postgis", ",,");

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    fid = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "text", nullable: true),
                    role = table.Column<string>(type: "text", nullable: true),
                    secret_sha256 = table.Column<string>(type: "text", nullable: true),
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    revision = table.Column<int>(type: "integer", nullable: true),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    retracted = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_keys", x => x.fid);
                });

            migrationBuilder.CreateTable(
                name: "claims",
                columns: table => new
                {
                    fid = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    asserted = table.Column<string>(type: "text", nullable: true),
                    claimant = table.Column<string>(type: "text", nullable: true),
                    derivation = table.Column<string>(type: "text", nullable: true),
                    displacement = table.Column<string>(type: "text", nullable: true),
                    incident = table.Column<string>(type: "text", nullable: true),
                    location_precision_code = table.Column<long>(type: "bigint", nullable: true),
                    location_precision_m = table.Column<double>(type: "double precision", nullable: true),
                    location_precision_scheme = table.Column<string>(type: "text", nullable: true),
                    occurred = table.Column<string>(type: "text", nullable: true),
                    occurred_precision = table.Column<string>(type: "text", nullable: true),
                    sources = table.Column<string>(type: "text", nullable: true),
                    stated_on = table.Column<DateOnly>(type: "date", nullable: true),
                    warnings = table.Column<string>(type: "text", nullable: true),
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    revision = table.Column<int>(type: "integer", nullable: true),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    retracted = table.Column<bool>(type: "boolean", nullable: false),
                    time_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    time_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    search_text = table.Column<string>(type: "text", nullable: true),
                    geom = table.Column<Geometry>(type: "geometry(Geometry,4326)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_claims", x => x.fid);
                });

            migrationBuilder.CreateTable(
                name: "control_events",
                columns: table => new
                {
                    fid = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    effective = table.Column<DateOnly>(type: "date", nullable: true),
                    from_party = table.Column<string>(type: "text", nullable: true),
                    note = table.Column<string>(type: "text", nullable: true),
                    planned = table.Column<DateOnly>(type: "date", nullable: true),
                    sources = table.Column<string>(type: "text", nullable: true),
                    subject = table.Column<string>(type: "text", nullable: true),
                    subject_kind = table.Column<string>(type: "text", nullable: true),
                    to_party = table.Column<string>(type: "text", nullable: true),
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    revision = table.Column<int>(type: "integer", nullable: true),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    retracted = table.Column<bool>(type: "boolean", nullable: false),
                    time_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    time_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_control_events", x => x.fid);
                });

            migrationBuilder.CreateTable(
                name: "geoincidents_meta",
                columns: table => new
                {
                    fid = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    key = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_geoincidents_meta", x => x.fid);
                });

            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    fid = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    admin1 = table.Column<string>(type: "text", nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    location_precision_code = table.Column<long>(type: "bigint", nullable: true),
                    location_precision_m = table.Column<double>(type: "double precision", nullable: true),
                    location_precision_scheme = table.Column<string>(type: "text", nullable: true),
                    occurred = table.Column<string>(type: "text", nullable: true),
                    occurred_precision = table.Column<string>(type: "text", nullable: true),
                    sources = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "text", nullable: true),
                    tags = table.Column<string>(type: "text", nullable: true),
                    title = table.Column<string>(type: "text", nullable: true),
                    type = table.Column<string>(type: "text", nullable: true),
                    warnings = table.Column<string>(type: "text", nullable: true),
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    revision = table.Column<int>(type: "integer", nullable: true),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    retracted = table.Column<bool>(type: "boolean", nullable: false),
                    time_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    time_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    search_text = table.Column<string>(type: "text", nullable: true),
                    geom = table.Column<Geometry>(type: "geometry(Geometry,4326)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incidents", x => x.fid);
                });

            migrationBuilder.CreateTable(
                name: "parties",
                columns: table => new
                {
                    fid = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    country = table.Column<string>(type: "text", nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    name = table.Column<string>(type: "text", nullable: true),
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    revision = table.Column<int>(type: "integer", nullable: true),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    retracted = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_parties", x => x.fid);
                });

            migrationBuilder.CreateTable(
                name: "places",
                columns: table => new
                {
                    fid = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    alternates = table.Column<string>(type: "text", nullable: true),
                    country = table.Column<string>(type: "text", nullable: true),
                    feature_type = table.Column<string>(type: "text", nullable: true),
                    geonames_id = table.Column<long>(type: "bigint", nullable: true),
                    name = table.Column<string>(type: "text", nullable: true),
                    name_az = table.Column<string>(type: "text", nullable: true),
                    name_hy = table.Column<string>(type: "text", nullable: true),
                    name_ru = table.Column<string>(type: "text", nullable: true),
                    ne_admin1_containing = table.Column<string>(type: "text", nullable: true),
                    note = table.Column<string>(type: "text", nullable: true),
                    source = table.Column<string>(type: "text", nullable: true),
                    source_name = table.Column<string>(type: "text", nullable: true),
                    source_ref = table.Column<string>(type: "text", nullable: true),
                    wof_id = table.Column<long>(type: "bigint", nullable: true),
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    revision = table.Column<int>(type: "integer", nullable: true),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    retracted = table.Column<bool>(type: "boolean", nullable: false),
                    geom = table.Column<Geometry>(type: "geometry(Point,4326)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_places", x => x.fid);
                });

            migrationBuilder.CreateTable(
                name: "reference_lines",
                columns: table => new
                {
                    fid = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    accuracy_assumed = table.Column<bool>(type: "boolean", nullable: true),
                    accuracy_max_m = table.Column<double>(type: "double precision", nullable: true),
                    accuracy_median_m = table.Column<double>(type: "double precision", nullable: true),
                    accuracy_note = table.Column<string>(type: "text", nullable: true),
                    accuracy_p95_m = table.Column<double>(type: "double precision", nullable: true),
                    as_of = table.Column<string>(type: "text", nullable: true),
                    attribution = table.Column<string>(type: "text", nullable: true),
                    left_country = table.Column<string>(type: "text", nullable: true),
                    licence = table.Column<string>(type: "text", nullable: true),
                    name = table.Column<string>(type: "text", nullable: true),
                    parts = table.Column<string>(type: "text", nullable: true),
                    right_country = table.Column<string>(type: "text", nullable: true),
                    source = table.Column<string>(type: "text", nullable: true),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: true),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true),
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    revision = table.Column<int>(type: "integer", nullable: true),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    retracted = table.Column<bool>(type: "boolean", nullable: false),
                    time_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    time_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    geom = table.Column<Geometry>(type: "geometry(MultiLineString,4326)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reference_lines", x => x.fid);
                });

            migrationBuilder.CreateTable(
                name: "regions",
                columns: table => new
                {
                    fid = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    accuracy_assumed = table.Column<bool>(type: "boolean", nullable: true),
                    accuracy_max_m = table.Column<double>(type: "double precision", nullable: true),
                    accuracy_median_m = table.Column<double>(type: "double precision", nullable: true),
                    accuracy_note = table.Column<string>(type: "text", nullable: true),
                    accuracy_p95_m = table.Column<double>(type: "double precision", nullable: true),
                    country = table.Column<string>(type: "text", nullable: true),
                    iso_3166 = table.Column<string>(type: "text", nullable: true),
                    kind = table.Column<string>(type: "text", nullable: true),
                    licence = table.Column<string>(type: "text", nullable: true),
                    name = table.Column<string>(type: "text", nullable: true),
                    name_local = table.Column<string>(type: "text", nullable: true),
                    source = table.Column<string>(type: "text", nullable: true),
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    revision = table.Column<int>(type: "integer", nullable: true),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    retracted = table.Column<bool>(type: "boolean", nullable: false),
                    geom = table.Column<Geometry>(type: "geometry(MultiPolygon,4326)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_regions", x => x.fid);
                });

            migrationBuilder.CreateTable(
                name: "revisions",
                columns: table => new
                {
                    fid = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    collection = table.Column<string>(type: "text", nullable: true),
                    record_id = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    revision = table.Column<int>(type: "integer", nullable: true),
                    action = table.Column<string>(type: "text", nullable: false),
                    actor = table.Column<string>(type: "text", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_fields = table.Column<string>(type: "text", nullable: true),
                    snapshot = table.Column<string>(type: "text", nullable: true),
                    batch_source = table.Column<string>(type: "text", nullable: true),
                    batch_sha256 = table.Column<string>(type: "text", nullable: true),
                    batch_records = table.Column<string>(type: "text", nullable: true),
                    batch_count = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_revisions", x => x.fid);
                });

            migrationBuilder.CreateTable(
                name: "sources",
                columns: table => new
                {
                    fid = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    language = table.Column<string>(type: "text", nullable: true),
                    published = table.Column<DateOnly>(type: "date", nullable: true),
                    publisher = table.Column<string>(type: "text", nullable: true),
                    quote = table.Column<string>(type: "text", nullable: true),
                    title = table.Column<string>(type: "text", nullable: true),
                    url = table.Column<string>(type: "text", nullable: true),
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    revision = table.Column<int>(type: "integer", nullable: true),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    retracted = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sources", x => x.fid);
                });

            migrationBuilder.CreateTable(
                name: "zones",
                columns: table => new
                {
                    fid = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    controlled_by = table.Column<string>(type: "text", nullable: true),
                    derivation = table.Column<string>(type: "text", nullable: true),
                    kind = table.Column<string>(type: "text", nullable: true),
                    name = table.Column<string>(type: "text", nullable: true),
                    note = table.Column<string>(type: "text", nullable: true),
                    sources = table.Column<string>(type: "text", nullable: true),
                    uncertainty_m = table.Column<double>(type: "double precision", nullable: true),
                    uncertainty_reasoning = table.Column<string>(type: "text", nullable: true),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: true),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true),
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    revision = table.Column<int>(type: "integer", nullable: true),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    retracted = table.Column<bool>(type: "boolean", nullable: false),
                    time_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    time_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    geom = table.Column<Geometry>(type: "geometry(Geometry,4326)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_zones", x => x.fid);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_updated",
                table: "api_keys",
                column: "updated");

            migrationBuilder.CreateIndex(
                name: "ux_api_keys_id",
                table: "api_keys",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_claims_claimant",
                table: "claims",
                column: "claimant");

            migrationBuilder.CreateIndex(
                name: "ix_claims_geom",
                table: "claims",
                column: "geom")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_claims_incident",
                table: "claims",
                column: "incident");

            migrationBuilder.CreateIndex(
                name: "ix_claims_order",
                table: "claims",
                columns: new[] { "time_start", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_claims_updated",
                table: "claims",
                column: "updated");

            migrationBuilder.CreateIndex(
                name: "ux_claims_id",
                table: "claims",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_control_events_updated",
                table: "control_events",
                column: "updated");

            migrationBuilder.CreateIndex(
                name: "ux_control_events_id",
                table: "control_events",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_geoincidents_meta_key",
                table: "geoincidents_meta",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_incidents_admin1",
                table: "incidents",
                column: "admin1");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_geom",
                table: "incidents",
                column: "geom")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_order",
                table: "incidents",
                columns: new[] { "time_start", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_incidents_type",
                table: "incidents",
                column: "type");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_updated",
                table: "incidents",
                column: "updated");

            migrationBuilder.CreateIndex(
                name: "ux_incidents_id",
                table: "incidents",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_parties_updated",
                table: "parties",
                column: "updated");

            migrationBuilder.CreateIndex(
                name: "ux_parties_id",
                table: "parties",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_places_geom",
                table: "places",
                column: "geom")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_places_updated",
                table: "places",
                column: "updated");

            migrationBuilder.CreateIndex(
                name: "ux_places_id",
                table: "places",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reference_lines_geom",
                table: "reference_lines",
                column: "geom")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_reference_lines_updated",
                table: "reference_lines",
                column: "updated");

            migrationBuilder.CreateIndex(
                name: "ux_reference_lines_id",
                table: "reference_lines",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_regions_geom",
                table: "regions",
                column: "geom")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_regions_updated",
                table: "regions",
                column: "updated");

            migrationBuilder.CreateIndex(
                name: "ux_regions_id",
                table: "regions",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_revisions_action",
                table: "revisions",
                column: "action");

            migrationBuilder.CreateIndex(
                name: "ix_revisions_record_id",
                table: "revisions",
                column: "record_id");

            migrationBuilder.CreateIndex(
                name: "ix_sources_updated",
                table: "sources",
                column: "updated");

            migrationBuilder.CreateIndex(
                name: "ux_sources_id",
                table: "sources",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_zones_geom",
                table: "zones",
                column: "geom")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_zones_updated",
                table: "zones",
                column: "updated");

            migrationBuilder.CreateIndex(
                name: "ux_zones_id",
                table: "zones",
                column: "id",
                unique: true);

            // Hand-written: the revision log is append-only, and the store schema version is recorded as in the GeoPackage.
            migrationBuilder.Sql("""
                CREATE FUNCTION revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'revisions are append-only'; END $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER revisions_append_only BEFORE UPDATE OR DELETE ON revisions FOR EACH ROW EXECUTE FUNCTION revisions_append_only();");
            migrationBuilder.Sql("INSERT INTO geoincidents_meta (key, value) VALUES ('schema_version', '1');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS revisions_append_only ON revisions;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS revisions_append_only();");
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "claims");

            migrationBuilder.DropTable(
                name: "control_events");

            migrationBuilder.DropTable(
                name: "geoincidents_meta");

            migrationBuilder.DropTable(
                name: "incidents");

            migrationBuilder.DropTable(
                name: "parties");

            migrationBuilder.DropTable(
                name: "places");

            migrationBuilder.DropTable(
                name: "reference_lines");

            migrationBuilder.DropTable(
                name: "regions");

            migrationBuilder.DropTable(
                name: "revisions");

            migrationBuilder.DropTable(
                name: "sources");

            migrationBuilder.DropTable(
                name: "zones");
        }
    }
}
