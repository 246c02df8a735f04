using GeoIncidents.Core.Storage;
using GeoIncidents.Storage.GeoPackage;
using GeoIncidents.Storage.Records;
using GeoIncidents.Storage.Relational;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Storage.GpkgStore;

/// <summary>
/// The store in one GeoPackage 1.3 file (the default): the feature tables <c>incidents</c>, <c>claims</c>,
/// <c>regions</c>, <c>reference_lines</c>, <c>zones</c>, <c>places</c> and the attribute tables <c>parties</c>,
/// <c>sources</c>, <c>control_events</c>, <c>api_keys</c>, <c>revisions</c> and <c>geoincidents_meta</c>, all in
/// gpkg_contents, with the R-tree spatial index on every geometry column; WAL; every write one transaction that also
/// keeps the layer extents current. Spatial filters use the R-tree as a prefilter (float32 boxes rounded outward)
/// and NTS for the exact test. The file opens in GDAL and QGIS.
/// </summary>
public sealed class GeoPackageStore : EfStore
{
    private readonly DbContextOptions<GpkgStoreContext> _options;
    private readonly PooledDbContextFactory<GpkgStoreContext> _contexts;
    private readonly string _connectionString;

    private GeoPackageStore(string path, TimeProvider clock)
        : base(clock, new StoreDescription(StoreBackend.GeoPackage, path))
    {
        Path = path;
        _connectionString = GpkgConnection.BuildConnectionString(path);
        // A list filter (id IN list) binds one JSON parameter (json_each), not one parameter per element: a batch
        // looks up a thousand ids at a time, and SQLite's parser is quadratic in the number of named parameters.
        _options = new DbContextOptionsBuilder<GpkgStoreContext>()
            .UseGeoPackage(path, o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            .AddInterceptors(GpkgTextSearch.Interceptor)
            .Options;
        _contexts = new PooledDbContextFactory<GpkgStoreContext>(_options, ContextPoolSize);
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens a store file. A missing (or empty) file is created with the current schema when
    /// <paramref name="create"/> is true. Rows another tool appended (no <c>created</c> time) are adopted.
    /// </summary>
    /// <param name="path">The .gpkg path.</param>
    /// <param name="clock">The clock for revision times.</param>
    /// <param name="create">Create the file when missing.</param>
    /// <param name="actor">Who adopts foreign rows, if any (default: the current OS user).</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The store.</returns>
    /// <exception cref="FileNotFoundException">The file is missing and <paramref name="create"/> is false.</exception>
    /// <exception cref="StoreSchemaException">The file is not a store of this version: too new, or older (run <c>db migrate</c>), or not a GeoPackage.</exception>
    public static async Task<GeoPackageStore> OpenAsync(string path, TimeProvider clock, bool create = true, StoreActor? actor = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(clock);
        var full = System.IO.Path.GetFullPath(path);
        var isNew = !File.Exists(full) || new FileInfo(full).Length == 0;
        if (isNew && !create)
        {
            throw new FileNotFoundException($"no store at '{full}' (run `geoincidents db init`)", full);
        }

        if (isNew)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            Migrate(full, clock, allowUpgrade: true);
        }
        else
        {
            RollBackHotJournal(full);
            CheckVersion(full);
            EnsureWal(full);
        }

        var store = new GeoPackageStore(full, clock);
        await store.AdoptForeignRowsAsync(actor ?? StoreActor.CurrentUser, cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <summary>
    /// Creates or upgrades the store schema in a GeoPackage file (<c>db migrate</c>): initialises the GeoPackage core,
    /// adds missing store tables and columns (also to layers another tool made), registers everything in gpkg_contents
    /// and records the schema version, in one transaction. Idempotent.
    /// </summary>
    /// <param name="path">The .gpkg path (created when missing).</param>
    /// <param name="clock">The clock for gpkg_contents.last_change.</param>
    /// <param name="allowUpgrade">Upgrade an older schema (false: refuse with a message naming <c>db migrate</c>).</param>
    /// <returns>The schema version before and after.</returns>
    /// <exception cref="StoreSchemaException">The file is not a GeoPackage, is newer than this program, or a table cannot be upgraded.</exception>
    public static (int Before, int After) Migrate(string path, TimeProvider clock, bool allowUpgrade = true)
    {
        ArgumentNullException.ThrowIfNull(clock);
        try
        {
            using var connection = GpkgConnection.Open(path, pooling: false);
            GpkgFile.Initialize(connection, GpkgJournalMode.Wal);
            return GpkgConnection.InWriteTransaction(connection, tx =>
            {
                var before = GpkgStoreSchema.ReadVersion(connection, tx);
                if (before > CurrentSchemaVersion)
                {
                    throw new StoreSchemaException($"'{path}' has store schema version {before}; this program knows up to {CurrentSchemaVersion}: upgrade geoincidents");
                }

                if (!allowUpgrade && before < CurrentSchemaVersion)
                {
                    throw new StoreSchemaException($"'{path}' has store schema version {before}, this program needs {CurrentSchemaVersion}: run `geoincidents db migrate`");
                }

                var now = clock.GetUtcNow();
                foreach (var table in GpkgStoreSchema.All)
                {
                    GpkgStoreSchema.AddMissingColumns(connection, tx, table);
                    GpkgSchema.EnsureTable(connection, tx, table, now);
                }

                GpkgStoreSchema.DropObsoleteColumns(connection, tx);
                foreach (var trigger in GpkgStoreSchema.AppendOnlyTriggers)
                {
                    using var command = connection.CreateCommand();
                    command.Transaction = tx;
                    command.CommandText = trigger;
                    command.ExecuteNonQuery();
                }

                GpkgStoreSchema.WriteVersion(connection, tx, CurrentSchemaVersion);
                return (before, CurrentSchemaVersion);
            });
        }
        catch (Exception ex) when (ex is InvalidOperationException or SqliteException or ArgumentException)
        {
            throw new StoreSchemaException($"cannot use '{path}' as a store: {ex.Message}", ex);
        }
    }

    /// <summary>Migrates, then adopts rows another tool appended (<c>db migrate</c>).</summary>
    /// <param name="path">The .gpkg path.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="actor">Who migrates.</param>
    /// <param name="cancellationToken">Cancels the adoption.</param>
    /// <returns>Versions before and after, and how many foreign rows were adopted or left invalid.</returns>
    /// <exception cref="StoreSchemaException">See <see cref="Migrate(string, TimeProvider, bool)"/>.</exception>
    public static async Task<(int Before, int After, int Adopted, int Invalid)> MigrateAsync(string path, TimeProvider clock, StoreActor actor, CancellationToken cancellationToken = default)
    {
        var (before, after) = Migrate(path, clock);
        await using var store = new GeoPackageStore(System.IO.Path.GetFullPath(path), clock);
        var (adopted, invalid) = await store.AdoptForeignRowsAsync(actor, cancellationToken).ConfigureAwait(false);
        return (before, after, adopted, invalid);
    }

    /// <inheritdoc />
    private protected override bool SpatialFiltersAreExact => false;

    /// <inheritdoc />
    protected override ValueTask DisposeCoreAsync()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    /// <summary>A context from the store's pool (EF Core context pooling: no model and service set-up per query); disposing it returns it.</summary>
    private protected override StoreDbContext CreateContext() => _contexts.CreateDbContext();

    private protected override IQueryable<TRow> BboxPrefilter<TRow>(StoreDbContext db, IQueryable<TRow> rows, BoundingBox box)
    {
        var (w, s, e, n) = (box.WestDegrees, box.SouthDegrees, box.EastDegrees, box.NorthDegrees);
        var candidates = db.Set<RTreeRow<TRow>>().Where(t => t.MinX <= e && t.MaxX >= w && t.MinY <= n && t.MaxY >= s).Select(t => t.Id);
        return rows.Where(r => candidates.Contains(r.Fid));
    }

    private protected override IQueryable<TRow> RegionPrefilter<TRow>(StoreDbContext db, IQueryable<TRow> rows, StoreTable table, string regionId, Geometry regionGeometry)
    {
        var env = regionGeometry.EnvelopeInternal;
        var (w, s, e, n) = (env.MinX, env.MinY, env.MaxX, env.MaxY);
        var candidates = db.Set<RTreeRow<TRow>>().Where(t => t.MinX <= e && t.MaxX >= w && t.MinY <= n && t.MaxY >= s).Select(t => t.Id);
        return table.Collection == StoreCollection.Incidents
            ? rows.Where(r => EF.Property<string>(r, "admin1") == regionId || candidates.Contains(r.Fid))
            : rows.Where(r => candidates.Contains(r.Fid));
    }

    private protected override Task AfterWriteAsync(StoreDbContext db, IReadOnlyCollection<StoreTable> touched, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as SqliteTransaction;
        foreach (var table in touched)
        {
            if (table.IsFeature)
            {
                GpkgContents.UpdateExtent(connection, transaction, GpkgStoreSchema.FeatureDeclaration(table), now);
            }
            else
            {
                GpkgContents.Touch(connection, transaction, GpkgStoreSchema.Declaration(table), now);
            }
        }

        if (touched.Count > 0)
        {
            GpkgContents.Touch(connection, transaction, GpkgStoreSchema.Revisions, now);
        }

        return Task.CompletedTask;
    }

    /// <summary>The page cache of a batch's connection, in KiB: 64 MiB keeps the indexes of a million-row import in memory.</summary>
    public const int BatchCacheKibibytes = 64 * 1024;

    private protected override void PrepareImage(StoreTable table, RowImage image) => GpkgRowInserter.Encode(table, image);

    private protected override IRowInserter? CreateRowInserter(StoreDbContext db, StoreTable table, bool bulk) =>
        db.Database.CurrentTransaction?.GetDbTransaction() is SqliteTransaction transaction
            ? new GpkgRowInserter((SqliteConnection)db.Database.GetDbConnection(), transaction, table, bulk, PendingRTreeEntriesInMemory)
            : null;

    /// <summary>How many deferred R-tree entries a batch keeps in memory before moving them to a temporary table (tests lower it).</summary>
    internal int PendingRTreeEntriesInMemory { get; set; } = GpkgRowInserter.PendingInMemoryLimit;

    /// <summary>
    /// A batch whose source is at least this large (in bytes, <see cref="BatchSource.Bytes"/>) is written through a
    /// rollback journal rather than the write-ahead log when no other connection has the file open: 16 MiB, about
    /// 30,000 ACLED rows.
    /// </summary>
    /// <remarks>
    /// In WAL mode every page of a large import is written twice (into the log, then by the checkpoint into the file).
    /// With a rollback journal, pages past the file's original end (all the new rows and index pages) are written once:
    /// the journal keeps only the few pages that existed (sqlite_sequence, gpkg_contents, the roots of the touched
    /// tables) and the file's original size, so a failure, a rollback or a killed process truncates the file back
    /// and restores those pages (SQLite rolls a hot journal back on the next open). The switch needs the file to
    /// itself (SQLite refuses it while another connection holds it in WAL mode: the batch then stays in WAL); readers
    /// that open the file while the batch runs wait for its commit (up to the busy timeout), as they would for any
    /// writer of a rollback-journal file. The file returns to WAL when the batch ends, and <see cref="OpenAsync"/> puts a
    /// file that a killed batch left in rollback mode back into WAL.
    /// </remarks>
    public const long LargeBatchBytes = 16L << 20;

    private protected override async Task<bool> PrepareBatchConnectionAsync(StoreDbContext db, BatchSource source, CancellationToken cancellationToken)
    {
        if (source.Bytes < LargeBatchBytes)
        {
            return false;
        }

        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = (SqliteConnection)db.Database.GetDbConnection();

        // Idle pooled connections of this process would hold the file in WAL mode; this one is disposed when closed.
        SqliteConnection.ClearPool(connection);
        return TrySetJournalMode(connection, "DELETE");
    }

    /// <summary>
    /// Sets the file's journal mode once, without waiting: SQLite answers SQLITE_BUSY at once when another connection
    /// has the file open (no busy handler on the raw statement, unlike an ADO.NET command, which would retry for
    /// <see cref="GpkgConnection.BusyTimeoutSeconds"/>).
    /// </summary>
    /// <returns>True when the file is in <paramref name="mode"/> afterwards.</returns>
    private static bool TrySetJournalMode(SqliteConnection connection, string mode)
    {
        using var pragma = new SqliteRawStatement(connection, "PRAGMA journal_mode = " + mode);
        try
        {
            return pragma.Step() && string.Equals(SQLitePCL.raw.sqlite3_column_text(pragma.Handle, 0).utf8_to_string(), mode, StringComparison.OrdinalIgnoreCase);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            // SQLITE_BUSY / SQLITE_LOCKED: another connection has the file open.
            return false;
        }
    }

    private protected override Task BeginBatchAsync(StoreDbContext db, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as SqliteTransaction;
        GpkgFile.Execute(connection, transaction, "PRAGMA cache_size = -" + BatchCacheKibibytes.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // The secondary indexes a bulk batch rebuilds at its end are sorted by SQLite's external sorter; let it merge on a second thread.
        GpkgFile.Execute(connection, transaction, "PRAGMA threads = " + SorterThreads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Task.CompletedTask;
    }

    /// <summary>Worker threads SQLite's sorter may use while a batch builds its indexes.</summary>
    private const int SorterThreads = 2;

    private protected override void EndBatch(StoreDbContext db, bool prepared)
    {
        if (db.Database.GetDbConnection() is SqliteConnection { State: System.Data.ConnectionState.Open } connection)
        {
            if (prepared)
            {
                RestoreWal(connection);
            }

            // Back to SQLite's defaults (2 MB cache, no sorter threads) before the connection returns to the pool, and give the memory back.
            GpkgFile.Execute(connection, null, "PRAGMA cache_size = -2000");
            GpkgFile.Execute(connection, null, "PRAGMA threads = 0");
            GpkgFile.Execute(connection, null, "PRAGMA shrink_memory");
        }
    }

    /// <summary>Puts the file back into WAL mode; a failure (another process holds it) is left to the next <see cref="OpenAsync"/>.</summary>
    private static void RestoreWal(SqliteConnection connection)
    {
        try
        {
            GpkgFile.Execute(connection, null, "PRAGMA journal_mode = WAL");
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            // The next store to open the file sets WAL again.
        }
    }

    /// <summary>
    /// Rolls back the journal a killed large batch left beside the file (any read-write access does; a read-only
    /// connection could not, and would refuse to read), so that the file holds none of the batch.
    /// </summary>
    private static void RollBackHotJournal(string path)
    {
        if (!File.Exists(path + "-journal"))
        {
            return;
        }

        try
        {
            using var connection = GpkgConnection.Open(path, pooling: false);
            GpkgFile.Scalar(connection, null, "SELECT count(*) FROM sqlite_master");
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6 or 8)
        {
            // Busy, locked or read-only: the version check reports what it finds.
        }
    }

    /// <summary>Puts a store file that a killed large batch left with a rollback journal back into WAL mode (rolling the journal back first).</summary>
    private static void EnsureWal(string path)
    {
        try
        {
            using var connection = GpkgConnection.Open(path, pooling: false);
            if (!string.Equals(GpkgFile.Scalar(connection, null, "PRAGMA journal_mode") as string, "wal", StringComparison.OrdinalIgnoreCase))
            {
                RestoreWal(connection);
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6 or 8)
        {
            // Busy, locked or read-only: the file is used as it is.
        }
    }

    private protected override Task<long> InsertBatchRevisionAsync(StoreDbContext db, BatchRevision revision, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var at = GpkgDateTime.Format(revision.At);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as SqliteTransaction;

        // {"collection": {"created": {id: revision}, "updated": {id: revision}}}, collections by wire name, written as
        // UTF-8 into one buffer: the created ids are read from the rows themselves in fid order (rows above the fid the
        // batch started from, created at its instant), so the text is the one SQLite's json_group_object gave, without
        // SQLite holding the million-entry group and its concatenated copies (136 MB for 1,000,000 ids); what remains is
        // the text itself (about 14 bytes per id) and SQLite's copy of it into the row.
        var text = new System.Buffers.ArrayBufferWriter<byte>(EstimateBatchRecordsBytes(revision));
        Append(text, "{"u8);
        var firstCollection = true;
        foreach (var collection in BatchCollections(revision))
        {
            if (!firstCollection)
            {
                Append(text, ","u8);
            }

            firstCollection = false;
            AppendJsonKey(text, collection.WireName());
            Append(text, "{"u8);
            var table = StoreTables.Of(collection);
            var hasCreated = revision.CreatedAfterFid.TryGetValue(table, out var after);
            if (hasCreated)
            {
                Append(text, "\"created\":"u8);
                if (revision.CreatedIds.TryGetValue(table, out var ids) && ids.Count == revision.CreatedCounts.GetValueOrDefault(collection))
                {
                    AppendCreated(ids, revision.CreatedThenChanged.GetValueOrDefault(collection), text);
                }
                else
                {
                    AppendCreated(connection, table, after, at, text);
                }
            }

            if (revision.Updated.TryGetValue(collection, out var updated) && updated.Count > 0)
            {
                if (hasCreated)
                {
                    Append(text, ","u8);
                }

                // The same text as System.Text.Json's serialization of the dictionary (which json() kept as it was).
                Append(text, "\"updated\":"u8);
                using var writer = new System.Text.Json.Utf8JsonWriter(text);
                System.Text.Json.JsonSerializer.Serialize(writer, updated);
            }

            Append(text, "}"u8);
        }

        Append(text, "}"u8);

        long id;
        using (var insert = new SqliteRawStatement(connection,
            "INSERT INTO revisions (action, actor, at, batch_source, batch_sha256, batch_records, batch_count) " +
            "VALUES ('batch', ?1, ?2, ?3, ?4, ?5, ?6) RETURNING fid"))
        {
            insert.Bind(1, revision.Actor.Value);
            insert.Bind(2, at);
            insert.Bind(3, revision.Source.Name);
            insert.Bind(4, revision.Source.Sha256);
            insert.BindText(5, text.WrittenSpan);
            insert.Bind(6, (long)revision.RecordCount);
            if (!insert.Step())
            {
                throw new InvalidOperationException("the batch revision insert returned no fid");
            }

            id = SQLitePCL.raw.sqlite3_column_int64(insert.Handle, 0);
            while (insert.Step())
            {
                // RETURNING gives one row; stepping to the end completes the statement.
            }
        }

        GpkgContents.Touch(connection, transaction, GpkgStoreSchema.Revisions, revision.At);
        return Task.FromResult(id);
    }

    /// <summary>A first capacity for the batch revision's text: about 24 bytes per listed id.</summary>
    private static int EstimateBatchRecordsBytes(BatchRevision revision) =>
        (int)Math.Min(Array.MaxLength, 256 + (24L * revision.RecordCount));

    /// <summary>Appends <c>{"id":revision,...}</c> for the rows a batch created in a table, in fid order (json_group_object's text).</summary>
    private static void AppendCreated(SqliteConnection connection, StoreTable table, long afterFid, string at, System.Buffers.ArrayBufferWriter<byte> text)
    {
        using var rows = new SqliteRawStatement(connection, $"SELECT id, revision FROM \"{table.Name}\" WHERE fid > ?1 AND created = ?2 ORDER BY fid");
        rows.Bind(1, afterFid);
        rows.Bind(2, at);
        Append(text, "{"u8);
        var first = true;
        Span<byte> digits = stackalloc byte[24];
        while (rows.Step())
        {
            if (!first)
            {
                Append(text, ","u8);
            }

            first = false;
            AppendJsonKey(text, SQLitePCL.raw.sqlite3_column_blob(rows.Handle, 0));
            if (SQLitePCL.raw.sqlite3_column_type(rows.Handle, 1) == SQLitePCL.raw.SQLITE_NULL)
            {
                Append(text, "null"u8);
            }
            else
            {
                System.Buffers.Text.Utf8Formatter.TryFormat(SQLitePCL.raw.sqlite3_column_int64(rows.Handle, 1), digits, out var written);
                Append(text, digits[..written]);
            }
        }

        Append(text, "}"u8);
    }

    /// <summary>
    /// As <see cref="AppendCreated(SqliteConnection, StoreTable, long, string, System.Buffers.ArrayBufferWriter{byte})"/>
    /// from the ids the batch's bulk inserter kept (in fid order): every one has revision 1 unless the batch changed it later.
    /// </summary>
    private static void AppendCreated(CreatedIds ids, Dictionary<string, int>? changed, System.Buffers.ArrayBufferWriter<byte> text)
    {
        Append(text, "{"u8);
        Span<byte> digits = stackalloc byte[24];
        for (var i = 0; i < ids.Count; i++)
        {
            if (i > 0)
            {
                Append(text, ","u8);
            }

            var id = ids[i];
            AppendJsonKey(text, id);
            if (changed is { Count: > 0 } && changed.TryGetValue(System.Text.Encoding.UTF8.GetString(id), out var revision))
            {
                System.Buffers.Text.Utf8Formatter.TryFormat(revision, digits, out var written);
                Append(text, digits[..written]);
            }
            else
            {
                Append(text, "1"u8);
            }
        }

        Append(text, "}"u8);
    }

    private static void Append(System.Buffers.ArrayBufferWriter<byte> text, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(text.GetSpan(bytes.Length));
        text.Advance(bytes.Length);
    }

    private static void AppendJsonKey(System.Buffers.ArrayBufferWriter<byte> text, string key) =>
        AppendJsonKey(text, System.Text.Encoding.UTF8.GetBytes(key));

    /// <summary>Appends <c>"key":</c>, escaping as SQLite's JSON functions do: <c>"</c> and <c>\</c> by a backslash, control characters as <c>\b \f \n \r \t</c> or <c>\u00xx</c>.</summary>
    private static void AppendJsonKey(System.Buffers.ArrayBufferWriter<byte> text, ReadOnlySpan<byte> key)
    {
        Append(text, "\""u8);
        var start = 0;
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c >= 0x20 && c != (byte)'"' && c != (byte)'\\')
            {
                continue;
            }

            Append(text, key[start..i]);
            start = i + 1;
            ReadOnlySpan<byte> escape = c switch
            {
                (byte)'"' => "\\\""u8,
                (byte)'\\' => "\\\\"u8,
                (byte)'\b' => "\\b"u8,
                (byte)'\f' => "\\f"u8,
                (byte)'\n' => "\\n"u8,
                (byte)'\r' => "\\r"u8,
                (byte)'\t' => "\\t"u8,
                _ => [(byte)'\\', (byte)'u', (byte)'0', (byte)'0', (byte)"0123456789abcdef"[c >> 4], (byte)"0123456789abcdef"[c & 0xf]],
            };
            Append(text, escape);
        }

        Append(text, key[start..]);
        Append(text, "\":"u8);
    }

    /// <inheritdoc />
    internal override bool StoresSearchText => false;

    /// <inheritdoc />
    private protected override IQueryable<TRow> TextFilter<TRow>(StoreDbContext db, IQueryable<TRow> rows, StoreCollection collection, string needle) => collection switch
    {
        StoreCollection.Incidents => rows.Where(r =>
            GpkgTextSearch.Contains(needle, EF.Property<string?>(r, "title"), EF.Property<string?>(r, "description"))
            || db.Set<ClaimRow>().Any(c => EF.Property<string>(c, "incident") == r.Id && !c.Retracted && c.Created != null
                && GpkgTextSearch.Contains(needle, EF.Property<string?>(c, "asserted"), null))),
        StoreCollection.Claims => rows.Where(r => GpkgTextSearch.Contains(needle, EF.Property<string?>(r, "asserted"), null)),
        _ => throw new ArgumentOutOfRangeException(nameof(collection), collection, "no text filter on this collection"),
    };

    private protected override bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    private static void CheckVersion(string path)
    {
        int version;
        try
        {
            using var connection = GpkgConnection.Open(path, readOnly: true, pooling: false);
            if (!GpkgFile.IsGeoPackage(connection))
            {
                throw new StoreSchemaException($"'{path}' is not a GeoPackage");
            }

            version = GpkgStoreSchema.ReadVersion(connection, null);
        }
        catch (SqliteException ex)
        {
            throw new StoreSchemaException($"cannot open '{path}': {ex.Message}", ex);
        }

        if (version > CurrentSchemaVersion)
        {
            throw new StoreSchemaException($"'{path}' has store schema version {version}; this program knows up to {CurrentSchemaVersion}: upgrade geoincidents");
        }

        if (version < CurrentSchemaVersion)
        {
            throw new StoreSchemaException($"'{path}' has store schema version {version}, this program needs {CurrentSchemaVersion}: run `geoincidents db migrate --db {path}`");
        }
    }
}
