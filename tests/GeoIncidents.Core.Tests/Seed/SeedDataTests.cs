using GeoIncidents.Core.Model;
using GeoIncidents.Core.Seed;

namespace GeoIncidents.Core.Tests.Seed;

public class SeedDataTests
{
    private static readonly SeedData Data = SeedData.Load();

    [Fact]
    public void Load_ShippedData_HasNoWarnings()
    {
        Assert.True(Data.Warnings.Count == 0, string.Join(Environment.NewLine, Data.Warnings));
    }
}
