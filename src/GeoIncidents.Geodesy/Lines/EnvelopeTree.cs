namespace GeoIncidents.Geodesy.Lines;

/// <summary>
/// A static, packed (Sort-Tile-Recursive) R-tree over <see cref="GeoBox"/>es, built once and read by any number of
/// threads. Entries 0 … <see cref="LeafCount"/> − 1 are the leaves (their ids are the caller's item indices); the
/// nodes follow, the last one being the root.
/// </summary>
internal sealed class EnvelopeTree
{
    /// <summary>Children per node: small enough that a node's box stays tight, large enough to keep the tree shallow.</summary>
    internal const int NodeCapacity = 8;

    private readonly GeoBox[] _boxes;
    private readonly int[] _childStart;  // per node (id - LeafCount)
    private readonly int[] _childCount;
    private readonly int[] _childIds;
    private readonly GeoBox[] _childBoxes; // _childBoxes[k] = _boxes[_childIds[k]]: a node's children's boxes side by side

    public EnvelopeTree(IReadOnlyList<GeoBox> leaves, double oneMinusF)
    {
        if (leaves.Count == 0)
        {
            throw new ArgumentException("An index needs at least one entry.", nameof(leaves));
        }

        LeafCount = leaves.Count;
        var boxes = new List<GeoBox>(leaves.Count * 8 / 7 + 2);
        boxes.AddRange(leaves);
        var childStart = new List<int>();
        var childCount = new List<int>();
        var childIds = new List<int>(leaves.Count * 8 / 7 + 2);

        var level = Enumerable.Range(0, leaves.Count).ToArray();
        do
        {
            var ordered = TileOrder(level, boxes);
            var next = new List<int>((ordered.Length + NodeCapacity - 1) / NodeCapacity);
            for (var start = 0; start < ordered.Length; start += NodeCapacity)
            {
                var count = Math.Min(NodeCapacity, ordered.Length - start);
                var box = boxes[ordered[start]];
                for (var k = 1; k < count; k++)
                {
                    box = box.Union(boxes[ordered[start + k]], oneMinusF);
                }

                next.Add(boxes.Count);
                boxes.Add(box);
                childStart.Add(childIds.Count);
                childCount.Add(count);
                for (var k = 0; k < count; k++)
                {
                    childIds.Add(ordered[start + k]);
                }
            }

            level = [.. next];
        }
        while (level.Length > 1);

        _boxes = [.. boxes];
        _childStart = [.. childStart];
        _childCount = [.. childCount];
        _childIds = [.. childIds];
        _childBoxes = [.. childIds.Select(id => boxes[id])];
        Root = level[0];
    }

    /// <summary>How many leaves (items) the tree holds.</summary>
    public int LeafCount { get; }

    /// <summary>The root node's id.</summary>
    public int Root { get; }

    /// <summary>Whether an id is a leaf (an item index).</summary>
    public bool IsLeaf(int id) => id < LeafCount;

    /// <summary>The box of a leaf or node.</summary>
    public ref readonly GeoBox Box(int id) => ref _boxes[id];

    /// <summary>The ids of a node's children.</summary>
    public ReadOnlySpan<int> Children(int node) =>
        _childIds.AsSpan(_childStart[node - LeafCount], _childCount[node - LeafCount]);

    /// <summary>The boxes of a node's children, in the order of <see cref="Children"/> (stored together for the search).</summary>
    public ReadOnlySpan<GeoBox> ChildBoxes(int node) =>
        _childBoxes.AsSpan(_childStart[node - LeafCount], _childCount[node - LeafCount]);

    /// <summary>Adds the leaves whose boxes overlap <paramref name="query"/> to <paramref name="result"/>.</summary>
    public void Overlapping(in GeoBox query, List<int> result)
    {
        var stack = new Stack<int>();
        stack.Push(Root);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (!_boxes[id].Intersects(query))
            {
                continue;
            }

            if (IsLeaf(id))
            {
                result.Add(id);
                continue;
            }

            foreach (var child in Children(id))
            {
                stack.Push(child);
            }
        }
    }

    /// <summary>Sort-Tile-Recursive order: vertical slices by longitude, each sorted by latitude.</summary>
    private static int[] TileOrder(int[] ids, List<GeoBox> boxes)
    {
        var nodes = (ids.Length + NodeCapacity - 1) / NodeCapacity;
        var slices = (int)Math.Ceiling(Math.Sqrt(nodes));
        var perSlice = slices * NodeCapacity;
        var byLon = ids.OrderBy(i => boxes[i].MinLon + boxes[i].MaxLon).ThenBy(i => i).ToArray();
        var result = new int[ids.Length];
        for (var start = 0; start < byLon.Length; start += perSlice)
        {
            var count = Math.Min(perSlice, byLon.Length - start);
            var slice = byLon.AsSpan(start, count).ToArray()
                .OrderBy(i => boxes[i].MinLat + boxes[i].MaxLat).ThenBy(i => i);
            var k = start;
            foreach (var id in slice)
            {
                result[k++] = id;
            }
        }

        return result;
    }
}
