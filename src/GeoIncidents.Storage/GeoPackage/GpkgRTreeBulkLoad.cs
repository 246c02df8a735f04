using System.Buffers.Binary;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using static GeoIncidents.Storage.GeoPackage.GpkgIdentifier;

namespace GeoIncidents.Storage.GeoPackage;

/// <summary>
/// Builds the R-tree of a GeoPackage geometry column (SQLite's <c>rtree</c> module, two dimensions, float32 boxes) in
/// one pass from entries sorted along a space-filling curve, packing full nodes bottom-up and writing the module's
/// three shadow tables directly. Inserting through the module instead chooses a leaf and splits nodes (with forced
/// re-insertion) for every entry, which costs several times as much per entry as the whole rest of a bulk import's
/// spatial work.
/// </summary>
/// <remarks>
/// <para>The format is SQLite's (its R-tree documentation and <c>ext/rtree/rtree.c</c>): <c>%_node(nodeno, data)</c>
/// holds one blob per node, node 1 being the root; a blob is as long as the table's node size (the length of the
/// root's blob, fixed when the table was created) and holds a 16-bit big-endian depth (meaningful in the root only: 0
/// when the root is a leaf), a 16-bit big-endian cell count, then the cells: a 64-bit big-endian id (the row's id in a
/// leaf, the child's node number above) and minX, maxX, minY, maxY as big-endian IEEE float32, the rest zero.
/// <c>%_rowid(rowid, nodeno)</c> gives the leaf of each row id, <c>%_parent(nodeno, parentnode)</c> the parent of each
/// node but the root. A parent cell's box is the union of its child's cells.</para>
/// <para>Boxes are rounded outward to float32 exactly as the module rounds the values it is given
/// (<see cref="RoundDown"/>, <see cref="RoundUp"/>), so the tree holds the same boxes that inserting through the module
/// would have stored, and SQLite's own <c>rtreecheck()</c> and <c>PRAGMA integrity_check</c> verify the result. Box
/// values that already are float32 (entries read back from an R-tree) are kept unchanged.</para>
/// </remarks>
internal static class GpkgRTreeBulkLoad
{
    private const int CellBytes = 8 + (4 * 4);
    private const int HeaderBytes = 4;

    // The module's rounding factors for doubles that are not float32 values (1 -/+ 2^-23).
    private const double RoundTowardsZero = 1.0 - (1.0 / 8388608.0);
    private const double RoundAwayFromZero = 1.0 + (1.0 / 8388608.0);

    /// <summary>The float32 value the rtree module stores for a box minimum: never above <paramref name="value"/>.</summary>
    /// <param name="value">The minimum, in the geometry's units (degrees here).</param>
    /// <returns>The stored value.</returns>
    public static float RoundDown(double value)
    {
        var f = (float)value;
        if (f > value)
        {
            f = (float)(value * (value < 0 ? RoundAwayFromZero : RoundTowardsZero));
        }

        return f;
    }

    /// <summary>The float32 value the rtree module stores for a box maximum: never below <paramref name="value"/>.</summary>
    /// <param name="value">The maximum, in the geometry's units (degrees here).</param>
    /// <returns>The stored value.</returns>
    public static float RoundUp(double value)
    {
        var f = (float)value;
        if (f < value)
        {
            f = (float)(value * (value < 0 ? RoundTowardsZero : RoundAwayFromZero));
        }

        return f;
    }

    /// <summary>
    /// Replaces the whole content of an R-tree with the entries a query yields, in the query's order (which should
    /// follow a space-filling curve so that neighbouring entries share leaves).
    /// </summary>
    /// <param name="connection">The open connection, in <paramref name="transaction"/>.</param>
    /// <param name="transaction">The write transaction: a failure rolls the tree back with it.</param>
    /// <param name="rtree">The R-tree's name (e.g. <c>rtree_incidents_geom</c>).</param>
    /// <param name="entries">The entries (boxes as <see cref="RoundDown"/> and <see cref="RoundUp"/> give them); every id once.</param>
    /// <param name="count">How many entries <paramref name="entries"/> yields.</param>
    /// <returns>The number of nodes written.</returns>
    /// <exception cref="SqliteException">SQLite reports an error (e.g. a duplicate id).</exception>
    /// <exception cref="InvalidOperationException">The R-tree has no root node, <paramref name="entries"/> yields another number of entries than
    /// <paramref name="count"/>, or a box has a minimum above its maximum.</exception>
    public static long Rebuild(SqliteConnection connection, SqliteTransaction transaction, string rtree, IEnumerable<RTreeEntry> entries, long count)
    {
        var nodeBytes = Convert.ToInt32(
            GpkgFile.Scalar(connection, transaction, $"SELECT length(data) FROM {Quote(rtree + "_node")} WHERE nodeno = 1")
                ?? throw new InvalidOperationException($"the R-tree {rtree} has no root node"),
            CultureInfo.InvariantCulture);
        var capacity = (nodeBytes - HeaderBytes) / CellBytes;
        if (capacity < 2)
        {
            throw new InvalidOperationException($"the R-tree {rtree} has nodes of {nodeBytes} bytes, too small for two cells");
        }

        foreach (var shadow in new[] { "_node", "_parent", "_rowid" })
        {
            GpkgFile.Execute(connection, transaction, $"DELETE FROM {Quote(rtree + shadow)}");
        }

        using var writer = new NodeWriter(connection, rtree, nodeBytes, count);
        var level = new List<Cell>();
        var leaf = new List<Cell>(capacity);
        long read = 0;
        var rootIsLeaf = count <= capacity;
        foreach (var entry in entries)
        {
            if (read == count)
            {
                throw new InvalidOperationException($"R-tree {rtree}: more than {count} entries read");
            }

            var cell = new Cell(entry.Id, entry.MinX, entry.MaxX, entry.MinY, entry.MaxY);
            if (cell.MinX > cell.MaxX || cell.MinY > cell.MaxY || float.IsNaN(cell.MinX) || float.IsNaN(cell.MinY))
            {
                throw new InvalidOperationException($"R-tree {rtree}: entry {entry.Id} has an invalid box");
            }

            read++;
            leaf.Add(cell);
            if (leaf.Count == capacity && !rootIsLeaf)
            {
                level.Add(writer.Write(leaf, depth: 0, isLeaf: true, root: false));
                leaf.Clear();
            }
        }

        if (read != count)
        {
            throw new InvalidOperationException($"R-tree {rtree}: {read} entries read, {count} expected");
        }

        if (rootIsLeaf)
        {
            writer.Write(leaf, depth: 0, isLeaf: true, root: true);
            writer.WriteRowIds();
            return writer.Nodes;
        }

        if (leaf.Count > 0)
        {
            level.Add(writer.Write(leaf, depth: 0, isLeaf: true, root: false));
        }

        // Internal levels, bottom-up, until the cells fit in the root.
        var depth = 1;
        while (level.Count > capacity)
        {
            var above = new List<Cell>((level.Count / capacity) + 1);
            for (var start = 0; start < level.Count; start += capacity)
            {
                above.Add(writer.Write(level.GetRange(start, Math.Min(capacity, level.Count - start)), depth, isLeaf: false, root: false));
            }

            level = above;
            depth++;
        }

        writer.Write(level, depth, isLeaf: false, root: true);
        writer.WriteRowIds();
        return writer.Nodes;
    }

    /// <summary>The entries a query yields (id, minX, maxX, minY, maxY per row), their boxes rounded as the module rounds them.</summary>
    /// <param name="query">The prepared query.</param>
    /// <returns>The entries, read as they are enumerated.</returns>
    public static IEnumerable<RTreeEntry> Read(SqliteRawStatement query)
    {
        while (query.Step())
        {
            yield return RTreeEntry.Of(
                raw.sqlite3_column_int64(query.Handle, 0),
                raw.sqlite3_column_double(query.Handle, 1),
                raw.sqlite3_column_double(query.Handle, 2),
                raw.sqlite3_column_double(query.Handle, 3),
                raw.sqlite3_column_double(query.Handle, 4));
        }
    }

    /// <summary>Up to this many entries (12 bytes each), the row-id mappings are sorted in memory and written in row-id order.</summary>
    private const long SortedRowIdsLimit = 1 << 22;

    /// <summary>A cell: a row id (leaf) or child node number, and its float32 box.</summary>
    private readonly record struct Cell(long Id, float MinX, float MaxX, float MinY, float MaxY);

    /// <summary>
    /// Writes nodes (numbered 2, 3, ... and 1 for the root) and their cells' parent mappings as it goes; the row-id
    /// mappings of the leaves are kept and written at the end in row-id order (<see cref="WriteRowIds"/>), so that
    /// <c>%_rowid</c> grows at its end instead of taking a million inserts at random places of its B-tree.
    /// </summary>
    private sealed class NodeWriter : IDisposable
    {
        private readonly SqliteRawStatement _node;
        private readonly SqliteRawStatement _parent;
        private readonly SqliteRawStatement _rowid;
        private readonly byte[] _blob;
        private readonly long[]? _rowIds;
        private readonly int[]? _leaves;
        private int _mapped;
        private long _next = 2;

        public NodeWriter(SqliteConnection connection, string rtree, int nodeBytes, long entries)
        {
            _blob = new byte[nodeBytes];
            if (entries <= SortedRowIdsLimit)
            {
                (_rowIds, _leaves) = (new long[entries], new int[entries]);
            }

            _node = new SqliteRawStatement(connection, $"INSERT INTO {Quote(rtree + "_node")} (nodeno, data) VALUES (?1, ?2)");
            _parent = new SqliteRawStatement(connection, $"INSERT INTO {Quote(rtree + "_parent")} (nodeno, parentnode) VALUES (?1, ?2)");
            _rowid = new SqliteRawStatement(connection, $"INSERT INTO {Quote(rtree + "_rowid")} (rowid, nodeno) VALUES (?1, ?2)");
        }

        public long Nodes { get; private set; }

        /// <summary>Writes one node holding <paramref name="cells"/>.</summary>
        /// <returns>The cell that points at it from its parent (its number and the union of its boxes).</returns>
        public Cell Write(List<Cell> cells, int depth, bool isLeaf, bool root)
        {
            var nodeno = root ? 1 : _next++;
            Array.Clear(_blob);
            var span = _blob.AsSpan();
            BinaryPrimitives.WriteUInt16BigEndian(span, root ? (ushort)depth : (ushort)0);
            BinaryPrimitives.WriteUInt16BigEndian(span[2..], (ushort)cells.Count);
            float minX = float.MaxValue, maxX = float.MinValue, minY = float.MaxValue, maxY = float.MinValue;
            var offset = HeaderBytes;
            foreach (var c in cells)
            {
                BinaryPrimitives.WriteInt64BigEndian(span[offset..], c.Id);
                BinaryPrimitives.WriteSingleBigEndian(span[(offset + 8)..], c.MinX);
                BinaryPrimitives.WriteSingleBigEndian(span[(offset + 12)..], c.MaxX);
                BinaryPrimitives.WriteSingleBigEndian(span[(offset + 16)..], c.MinY);
                BinaryPrimitives.WriteSingleBigEndian(span[(offset + 20)..], c.MaxY);
                offset += CellBytes;
                (minX, maxX, minY, maxY) = (Math.Min(minX, c.MinX), Math.Max(maxX, c.MaxX), Math.Min(minY, c.MinY), Math.Max(maxY, c.MaxY));
                if (isLeaf && _rowIds is not null)
                {
                    _rowIds[_mapped] = c.Id;
                    _leaves![_mapped++] = checked((int)nodeno);
                }
                else
                {
                    var mapping = isLeaf ? _rowid : _parent;
                    mapping.Bind(1, c.Id);
                    mapping.Bind(2, nodeno);
                    mapping.Execute();
                }
            }

            _node.Bind(1, nodeno);
            _node.Bind(2, _blob);
            _node.Execute();
            Nodes++;
            return new Cell(nodeno, minX, maxX, minY, maxY);
        }

        /// <summary>Writes the leaf of every row id, in row-id order.</summary>
        public void WriteRowIds()
        {
            if (_rowIds is null)
            {
                return;
            }

            Array.Sort(_rowIds, _leaves, 0, _mapped);
            for (var i = 0; i < _mapped; i++)
            {
                _rowid.Bind(1, _rowIds[i]);
                _rowid.Bind(2, (long)_leaves![i]);
                _rowid.Execute();
            }
        }

        public void Dispose()
        {
            _node.Dispose();
            _parent.Dispose();
            _rowid.Dispose();
        }
    }
}

/// <summary>An R-tree entry: a row id and its box as the rtree module stores it (float32, rounded outward).</summary>
/// <param name="Id">The row id (the feature's fid).</param>
/// <param name="MinX">Minimum x (longitude), rounded down.</param>
/// <param name="MaxX">Maximum x, rounded up.</param>
/// <param name="MinY">Minimum y (latitude), rounded down.</param>
/// <param name="MaxY">Maximum y, rounded up.</param>
internal readonly record struct RTreeEntry(long Id, float MinX, float MaxX, float MinY, float MaxY)
{
    /// <summary>The entry of a box given in doubles, rounded outward as the module rounds it.</summary>
    /// <param name="id">The row id.</param>
    /// <param name="minX">Minimum x.</param>
    /// <param name="maxX">Maximum x.</param>
    /// <param name="minY">Minimum y.</param>
    /// <param name="maxY">Maximum y.</param>
    /// <returns>The entry.</returns>
    public static RTreeEntry Of(long id, double minX, double maxX, double minY, double maxY) =>
        new(id, GpkgRTreeBulkLoad.RoundDown(minX), GpkgRTreeBulkLoad.RoundUp(maxX), GpkgRTreeBulkLoad.RoundDown(minY), GpkgRTreeBulkLoad.RoundUp(maxY));
}
