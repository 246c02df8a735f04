using System.Reflection;

namespace GeoIncidents.Core.Tests.Architecture;

/// <summary>DESIGN.md: dependencies point one way; Geodesy and Core never reach ASP.NET Core or EF Core.</summary>
public class DependencyDirectionTests
{
    private static readonly string[] Forbidden = ["Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.Data.Sqlite", "SkiaSharp"];

    public static TheoryData<string> BottomAssemblies => new()
    {
        typeof(GeoIncidents.Geodesy.Units.Length).Assembly.GetName().Name!,
        typeof(GeoIncidents.Core.ShippedData.ShippedDataSet).Assembly.GetName().Name!,
    };

    [Theory]
    [MemberData(nameof(BottomAssemblies))]
    public void Assembly_ReferencesNoWebOrDatabaseAssembly(string assemblyName)
    {
        var offenders = TransitiveReferences(Assembly.Load(assemblyName))
            .Where(n => Forbidden.Any(f => n.StartsWith(f, StringComparison.Ordinal)))
            .ToList();
        Assert.True(offenders.Count == 0, $"{assemblyName} references {string.Join(", ", offenders)}");
    }

    [Fact]
    public void Geodesy_DoesNotReferenceCore()
    {
        var refs = TransitiveReferences(typeof(GeoIncidents.Geodesy.Units.Length).Assembly);
        Assert.DoesNotContain("GeoIncidents.Core", refs);
    }

    [Fact]
    public void Guard_SeesTheReferencesItChecks()
    {
        // The guard is only meaningful if it walks real references: Core must be seen to use NTS and Geodesy.
        var refs = TransitiveReferences(typeof(GeoIncidents.Core.ShippedData.ShippedDataSet).Assembly);
        Assert.Contains("NetTopologySuite", refs);
        Assert.Contains("GeoIncidents.Geodesy", refs);
    }

    private static HashSet<string> TransitiveReferences(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<AssemblyName>(root.GetReferencedAssemblies());
        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            if (!seen.Add(name.Name!) || name.Name!.StartsWith("System", StringComparison.Ordinal) || name.Name == "netstandard" || name.Name == "mscorlib")
            {
                continue;
            }

            Assembly loaded;
            try
            {
                loaded = Assembly.Load(name);
            }
            catch (FileNotFoundException)
            {
                continue;
            }

            foreach (var r in loaded.GetReferencedAssemblies())
            {
                queue.Enqueue(r);
            }
        }

        return seen;
    }
}
