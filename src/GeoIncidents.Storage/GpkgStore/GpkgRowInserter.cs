using System.Globalization;
using System.Text;
using GeoIncidents.Core.Storage;
using GeoIncidents.Storage.GeoPackage;
using GeoIncidents.Storage.Records;
using GeoIncidents.Storage.Relational;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using static GeoIncidents.Storage.GeoPackage.GpkgIdentifier;

namespace GeoIncidents.Storage.GpkgStore;

/// <summary>
/// A prepared <c>INSERT</c> (with the fid assigned in order, as AUTOINCREMENT would) for one store table of a GeoPackage, with the values converted exactly as
/// the EF Core model converts them (GeoPackage geometry blobs, DATETIME text in UTC with milliseconds, DATE text,
/// booleans 0/1, JSON text).
/// </summary>
/// <remarks>
/// <para>Single inserts let the table's R-tree insert trigger index the geometry. A bulk insert (a batch) defers the
/// spatial index instead, as GDAL does for new layers: inside the batch's transaction it drops the
/// <c>rtree_&lt;t&gt;_geom_insert</c> trigger, keeps each new row's envelope (computed from the geometry just
/// encoded, not by five SQL function calls per row) in memory (24 bytes and an 8-byte sort key per row), or, past
/// <see cref="PendingInMemoryLimit"/> rows, in a temporary table on disk so that memory stops growing with the batch,
/// and in <see cref="Complete"/> adds them to the R-tree in Morton (Z-order) order of their centres: when
/// they are at least as many as the tree holds (and at least <see cref="MinimumRowsToDeferIndexes"/>), the tree is
/// rebuilt, packed, from the old and new entries together (<see cref="GpkgRTreeBulkLoad"/>); otherwise they are
/// inserted through the rtree module in that order, which keeps its node pages hot. Then it re-creates the trigger with the standard SQL (<see cref="GpkgSchema.RTreeTriggerSql"/>). All of it is in the
/// batch's transaction: readers never see the table without its trigger or its index entries, and a failure or a
/// killed process rolls everything back, trigger included.</para>
/// </remarks>
internal sealed class GpkgRowInserter : IRowInserter
{
    private readonly StoreTable _table;
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly SqliteRawStatement _command;
    private readonly GpkgFeatureTable? _deferred;
    private SqliteRawStatement? _pending;
    private readonly string? _pendingTable;

    // The deferred R-tree entries while they are kept in memory: sort keys (Morton key of the centre, then the order of
    // arrival) and entries, the first _pendingCount of each; fids whose entry went stale (Forget) are skipped at the end.
    private ulong[] _pendingKeys = [];
    private RTreeEntry[] _pendingEntries = [];
    private int _pendingCount;
    private HashSet<long>? _forgotten;
    private readonly long _deferIndexesAfter;
    private readonly List<string> _deferredIndexes = [];
    private long _inserted;
    private long _nextFid;
    private readonly Dictionary<DateTimeOffset, string> _instants = [];
    private bool _completed;
    private readonly CreatedIds? _created;
    private bool _uncheckedInserts;

    private readonly int _pendingInMemoryLimit;

    public GpkgRowInserter(SqliteConnection connection, SqliteTransaction transaction, StoreTable table, bool bulk, int pendingInMemoryLimit = PendingInMemoryLimit)
    {
        _pendingInMemoryLimit = pendingInMemoryLimit;
        _table = table;
        _connection = connection;
        _transaction = transaction;
        // fids are assigned here, in order, as AUTOINCREMENT would (after both the largest fid and sqlite_sequence): the
        // batch holds the write lock, so nothing else inserts meanwhile; an explicit fid spares a RETURNING reader per row.
        _nextFid = Convert.ToInt64(GpkgFile.Scalar(connection, transaction,
            $"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = $t), 0), coalesce((SELECT max(fid) FROM {Quote(table.Name)}), 0)) + 1",
            ("$t", table.Name)), CultureInfo.InvariantCulture);
        var names = new List<string> { "fid", "id" };
        if (table.IsFeature)
        {
            names.Add("geom");
        }

        names.AddRange(table.Columns.Select(c => c.Name));
        names.AddRange(["revision", "created", "updated", "retracted"]);
        if (table.Temporal)
        {
            names.AddRange(["time_start", "time_end"]);
        }

        var sql = new StringBuilder("INSERT INTO ").Append(Quote(table.Name)).Append(" (")
            .AppendJoin(", ", names.Select(Quote)).Append(") VALUES (")
            .AppendJoin(", ", names.Select((_, i) => "?" + (i + 1).ToString(CultureInfo.InvariantCulture))).Append(')')

            // A row with the id already there is not an error here: TryInsert reports it (no change), Insert throws.
            .Append(" ON CONFLICT (\"id\") DO NOTHING");

        // The CHECK constraints (json_valid on the JSON columns, retracted IN (0, 1)) are compiled out of a bulk insert:
        // every value it binds comes from RecordCodec (JSON written by Utf8JsonWriter, flags as 0/1), and re-parsing
        // half a kilobyte of JSON per row cost a tenth of a large import's SQLite time. Other tools' writes, and this
        // connection's statements after Complete or Dispose, are checked as before (the pragma recompiles them).
        _uncheckedInserts = bulk;
        _created = bulk ? new CreatedIds() : null;
        if (bulk)
        {
            GpkgFile.Execute(connection, transaction, "PRAGMA ignore_check_constraints = ON");
        }

        _command = new SqliteRawStatement(connection, sql.ToString());

        // Secondary indexes keyed by the record id are rebuilt (sorted, once) instead of updated row by row when the batch
        // at least doubles the table (see DeferIndexes): the extra work is bounded by the batch's own size. Unique indexes
        // stay (they enforce ids and serve lookups).
        _deferIndexesAfter = bulk
            ? Math.Max(MinimumRowsToDeferIndexes, Convert.ToInt64(GpkgFile.Scalar(connection, transaction, $"SELECT count(*) FROM {Quote(table.Name)}"), CultureInfo.InvariantCulture))
            : long.MaxValue;
        if (bulk && table.IsFeature)
        {
            _deferred = GpkgStoreSchema.FeatureDeclaration(table);
            _pendingTable = "gi_pending_" + _deferred.RTreeName;
            GpkgFile.Execute(connection, transaction, $"DROP TRIGGER IF EXISTS {Quote(_deferred.RTreeName + "_insert")}");
        }
    }

    /// <summary>A bulk insert defers secondary indexes after this many rows at least (and after as many rows as the table had).</summary>
    public const long MinimumRowsToDeferIndexes = 10_000;

    /// <summary>
    /// How many deferred R-tree entries a bulk insert keeps in memory (32 bytes each, 64 MiB at most) before it moves them
    /// to a temporary table: sorting them in memory spares a million-row import about a million inserts into that
    /// table and SQLite's external sort of it (about 3 s of 34 on this machine).
    /// </summary>
    public const int PendingInMemoryLimit = 1 << 21;

    public long Insert(RecordRow row, RowImage image) =>
        TryInsert(row, image) is var fid and > 0 ? fid : throw new RecordExistsException(_table.Collection, image.Id);

    public long TryInsert(RecordRow row, RowImage image)
    {
        if (++_inserted == _deferIndexesAfter)
        {
            DeferIndexes();
        }

        var i = 1;
        var fid = _nextFid;
        var encoded = image.Encoded as EncodedRow;
        _command.Bind(i++, fid);
        if (encoded is not null)
        {
            _command.BindText(i++, encoded.Text(0));
        }
        else
        {
            _command.Bind(i++, image.Id);
        }

        if (_table.IsFeature)
        {
            _command.Bind(i++, encoded is not null ? encoded.Blob : image.Geometry is null ? null : GpkgBlob.Write(image.Geometry, GpkgFile.Wgs84SrsId));
        }

        for (var c = 0; c < _table.Columns.Count; c++)
        {
            var column = _table.Columns[c];
            switch (image.Values[c])
            {
                case null:
                    _command.Bind(i++, (string?)null);
                    break;
                case string when encoded is not null:
                    _command.BindText(i++, encoded.Text(c + 1));
                    break;
                case string text:
                    _command.Bind(i++, text);
                    break;
                case double real:
                    _command.Bind(i++, real);
                    break;
                case long integer:
                    _command.Bind(i++, integer);
                    break;
                case bool flag:
                    _command.Bind(i++, flag ? 1L : 0L);
                    break;
                case DateOnly date:
                    _command.Bind(i++, GpkgDateTime.FormatDate(date));
                    break;
                case var other:
                    throw new InvalidOperationException($"{_table.Name}.{column.Name}: unexpected value type {other.GetType().Name}");
            }
        }

        _command.Bind(i++, row.Revision);
        _command.Bind(i++, Instant(row.Created));
        _command.Bind(i++, Instant(row.Updated));
        _command.Bind(i++, row.Retracted ? 1L : 0L);
        if (_table.Temporal)
        {
            _command.Bind(i++, Instant(row.TimeStart));
            _command.Bind(i++, Instant(row.TimeEnd));
        }

        try
        {
            if (!_command.ExecuteChanged())
            {
                return 0;
            }

            _nextFid++;
            if (_created is not null)
            {
                if (encoded is not null)
                {
                    _created.Add(encoded.Text(0));
                }
                else
                {
                    _created.Add(Encoding.UTF8.GetBytes(image.Id));
                }
            }
        }
        catch (SqliteException ex) when (ex is { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 })
        {
            throw new RecordExistsException(_table.Collection, image.Id);
        }

        // After Complete the table's insert trigger is back and indexes the row itself.
        if (_pendingTable is not null && !_completed && image.Geometry is { IsEmpty: false } geometry)
        {
            var e = geometry.EnvelopeInternal;
            Pend(fid, e.MinX, e.MaxX, e.MinY, e.MaxY);
        }

        return fid;
    }

    public CreatedIds? Created => _created;

    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        CheckConstraintsAgain();
        foreach (var sql in _deferredIndexes)
        {
            GpkgFile.Execute(_connection, _transaction, sql);
        }

        if (_deferred is null)
        {
            return;
        }

        var rtree = _deferred.RTreeName;
        DropForgotten();
        var pending = _pending is null ? _pendingCount : Count($"SELECT count(*) FROM temp.{Quote(_pendingTable!)}");
        var existing = Count($"SELECT count(*) FROM {Quote(rtree + "_rowid")}");
        var rebuild = pending >= MinimumRowsToDeferIndexes && pending >= existing;
        if (rebuild && existing > 0)
        {
            // At least as many new entries as the tree holds: rebuild it packed, the existing entries with the new.
            using var read = new SqliteRawStatement(_connection, $"SELECT id, minx, maxx, miny, maxy FROM {Quote(rtree)}");
            foreach (var entry in GpkgRTreeBulkLoad.Read(read))
            {
                Pend(entry);
            }
        }

        if (_pending is null)
        {
            Array.Sort(_pendingKeys, _pendingEntries, 0, _pendingCount);
            var sorted = new ArraySegment<RTreeEntry>(_pendingEntries, 0, _pendingCount);
            if (rebuild)
            {
                GpkgRTreeBulkLoad.Rebuild(_connection, _transaction, rtree, sorted, _pendingCount);
            }
            else if (_pendingCount > 0)
            {
                using var insert = new SqliteRawStatement(_connection, $"INSERT INTO {Quote(rtree)} (id, minx, maxx, miny, maxy) VALUES (?1, ?2, ?3, ?4, ?5)");
                foreach (var entry in sorted)
                {
                    BindEntry(insert, 1, entry);
                    insert.Execute();
                }
            }

            (_pendingKeys, _pendingEntries, _pendingCount) = ([], [], 0);
        }
        else
        {
            if (rebuild)
            {
                using var sorted = new SqliteRawStatement(_connection, $"SELECT id, minx, maxx, miny, maxy FROM temp.{Quote(_pendingTable!)} ORDER BY k");
                GpkgRTreeBulkLoad.Rebuild(_connection, _transaction, rtree, GpkgRTreeBulkLoad.Read(sorted), pending + existing);
            }
            else
            {
                GpkgFile.Execute(_connection, _transaction,
                    $"INSERT INTO {Quote(rtree)} (id, minx, maxx, miny, maxy) SELECT id, minx, maxx, miny, maxy FROM temp.{Quote(_pendingTable!)} ORDER BY k");
            }

            _pending.Dispose();
            _pending = null;
            GpkgFile.Execute(_connection, _transaction, $"DROP TABLE temp.{Quote(_pendingTable!)}");
        }

        GpkgFile.Execute(_connection, _transaction, GpkgSchema.RTreeTriggerSql(_deferred)[0]);
    }

    /// <summary>Keeps a new row's box for the spatial index built in <see cref="Complete"/>.</summary>
    private void Pend(long fid, double minX, double maxX, double minY, double maxY) => Pend(RTreeEntry.Of(fid, minX, maxX, minY, maxY));

    /// <summary>Keeps an entry for the spatial index built in <see cref="Complete"/>, keyed by the Morton key of its centre.</summary>
    private void Pend(RTreeEntry entry)
    {
        var morton = MortonKeys.Of(((double)entry.MinX + entry.MaxX) / 2, ((double)entry.MinY + entry.MaxY) / 2);
        if (_pending is null && _pendingCount == _pendingEntries.Length)
        {
            if (_pendingCount >= _pendingInMemoryLimit)
            {
                Spill();
            }
            else
            {
                var size = Math.Min(_pendingInMemoryLimit, Math.Max(4096, _pendingCount * 2));
                Array.Resize(ref _pendingKeys, size);
                Array.Resize(ref _pendingEntries, size);
            }
        }

        if (_pending is null)
        {
            // The order of arrival breaks ties, so that the tree does not depend on the sort's algorithm.
            _pendingKeys[_pendingCount] = ((ulong)morton << 32) | (uint)_pendingCount;
            _pendingEntries[_pendingCount++] = entry;
            return;
        }

        _pending.Bind(1, morton);
        BindEntry(_pending, 2, entry);
        _pending.Execute();
    }

    /// <summary>Binds an entry's id, minX, maxX, minY and maxY to five parameters from <paramref name="first"/> on.</summary>
    private static void BindEntry(SqliteRawStatement statement, int first, RTreeEntry entry)
    {
        statement.Bind(first, entry.Id);
        statement.Bind(first + 1, entry.MinX);
        statement.Bind(first + 2, entry.MaxX);
        statement.Bind(first + 3, entry.MinY);
        statement.Bind(first + 4, entry.MaxY);
    }

    /// <summary>Moves the entries kept in memory to the temporary table; the batch's later entries go there too.</summary>
    private void Spill()
    {
        DropForgotten();
        GpkgFile.Execute(_connection, _transaction, $"CREATE TEMP TABLE IF NOT EXISTS {Quote(_pendingTable!)} (k INTEGER, id INTEGER, minx REAL, maxx REAL, miny REAL, maxy REAL)");
        GpkgFile.Execute(_connection, _transaction, $"DELETE FROM temp.{Quote(_pendingTable!)}");
        _pending = new SqliteRawStatement(_connection, $"INSERT INTO temp.{Quote(_pendingTable!)} VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        var (keys, entries, count) = (_pendingKeys, _pendingEntries, _pendingCount);
        (_pendingKeys, _pendingEntries, _pendingCount) = ([], [], 0);
        for (var i = 0; i < count; i++)
        {
            Pend(entries[i]);
        }
    }

    /// <summary>Removes the in-memory entries of rows whose geometry changed after their insert (see <see cref="Forget"/>).</summary>
    private void DropForgotten()
    {
        if (_forgotten is not { Count: > 0 })
        {
            return;
        }

        var kept = 0;
        for (var i = 0; i < _pendingCount; i++)
        {
            if (!_forgotten.Contains(_pendingEntries[i].Id))
            {
                _pendingKeys[kept] = (_pendingKeys[i] & 0xFFFF_FFFF_0000_0000UL) | (uint)kept;
                _pendingEntries[kept++] = _pendingEntries[i];
            }
        }

        _pendingCount = kept;
        _forgotten.Clear();
    }

    private long Count(string sql) => Convert.ToInt64(GpkgFile.Scalar(_connection, _transaction, sql), CultureInfo.InvariantCulture);

    public void Forget(long fid)
    {
        if (_pendingTable is null || _completed)
        {
            return;
        }

        if (_pending is null)
        {
            (_forgotten ??= []).Add(fid);
        }
        else
        {
            GpkgFile.Execute(_connection, _transaction, $"DELETE FROM temp.{Quote(_pendingTable)} WHERE id = $fid", ("$fid", fid));
        }
    }

    public void Dispose()
    {
        _command.Dispose();
        _pending?.Dispose();
        if (_connection.State == System.Data.ConnectionState.Open)
        {
            CheckConstraintsAgain();
        }
    }

    private void CheckConstraintsAgain()
    {
        if (_uncheckedInserts)
        {
            _uncheckedInserts = false;
            using var pragma = new SqliteRawStatement(_connection, "PRAGMA ignore_check_constraints = OFF");
            pragma.Execute();
        }
    }

    /// <summary>
    /// Drops the table's non-unique indexes whose key includes the record id (<c>ix_&lt;t&gt;_order</c>: time_start, id) and
    /// that the write session does not query (not <c>ix_claims_incident</c>), remembering their SQL from sqlite_master to
    /// re-create them, unchanged, in <see cref="Complete"/>. An import's rows reach such an index in random order, so
    /// each insert touches a random page; the other indexes have one column of few values (<c>updated</c>, the same
    /// instant on every row of a batch; <c>type</c>, <c>admin1</c>, <c>claimant</c>), where rows with growing fids land at
    /// the end of their value's run, on a few hot pages: updating them row by row costs less than a rebuild, which
    /// reads the whole table once per index (1,000,000 ACLED rows: about 1.5 GB per scan).
    /// </summary>
    private void DeferIndexes()
    {
        var indexes = new List<(string Name, string Sql)>();
        using (var command = GpkgFile.Command(_connection, _transaction,
                   "SELECT m.name, m.sql FROM sqlite_master m WHERE m.type = 'index' AND m.tbl_name = $t AND m.sql IS NOT NULL AND m.sql NOT LIKE 'CREATE UNIQUE%' AND m.name <> 'ix_claims_incident' " +
                   "AND EXISTS (SELECT 1 FROM pragma_index_info(m.name) k WHERE k.name = 'id') ORDER BY m.name",
                   ("$t", _table.Name)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, sql) in indexes)
        {
            GpkgFile.Execute(_connection, _transaction, $"DROP INDEX {Quote(name)}");
            _deferredIndexes.Add(sql);
        }
    }

    // created and updated are the batch's instant on every row, and the time windows of an import's rows repeat (days):
    // each instant is formatted once (the cache is cleared when it holds InstantCacheSize of them).
    private string? Instant(DateTimeOffset? value)
    {
        if (value is not { } v)
        {
            return null;
        }

        if (!_instants.TryGetValue(v, out var text))
        {
            if (_instants.Count == InstantCacheSize)
            {
                _instants.Clear();
            }

            _instants[v] = text = GpkgDateTime.Format(v);
        }

        return text;
    }

    private const int InstantCacheSize = 4096;

    /// <summary>
    /// Computes ahead, off the writing thread, what <see cref="TryInsert"/> binds for an image: the UTF-8 bytes of the id,
    /// of each text column, and the geometry blob.
    /// </summary>
    /// <param name="table">The image's table.</param>
    /// <param name="image">The image; its <see cref="RowImage.Encoded"/> is set.</param>
    /// <exception cref="ArgumentException">The geometry has a NaN or infinite coordinate (see <see cref="GpkgBlob.Write(NetTopologySuite.Geometries.Geometry, int)"/>).</exception>
    public static void Encode(StoreTable table, RowImage image)
    {
        var slots = table.Columns.Count + 1;
        var bounds = new int[slots * 2];
        var length = Encoding.UTF8.GetByteCount(image.Id);
        for (var c = 0; c < table.Columns.Count; c++)
        {
            if (image.Values[c] is string text)
            {
                length += Encoding.UTF8.GetByteCount(text);
            }
        }

        var bytes = new byte[length];
        var at = 0;
        void Put(int slot, string? text)
        {
            if (text is null)
            {
                bounds[2 * slot] = -1;
                return;
            }

            var n = Encoding.UTF8.GetBytes(text, bytes.AsSpan(at));
            bounds[2 * slot] = at;
            bounds[(2 * slot) + 1] = n;
            at += n;
        }

        Put(0, image.Id);
        for (var c = 0; c < table.Columns.Count; c++)
        {
            Put(c + 1, image.Values[c] as string);
        }

        var blob = table.IsFeature && image.Geometry is not null ? GpkgBlob.Write(image.Geometry, GpkgFile.Wgs84SrsId) : null;
        image.Encoded = new EncodedRow(bytes, bounds, blob);
    }

    /// <summary>A row's UTF-8 text (slot 0 the id, 1..n the columns) and geometry blob.</summary>
    private sealed class EncodedRow(byte[] bytes, int[] bounds, byte[]? blob)
    {
        public byte[]? Blob => blob;

        public ReadOnlySpan<byte> Text(int slot) => bytes.AsSpan(bounds[2 * slot], bounds[(2 * slot) + 1]);
    }

}
