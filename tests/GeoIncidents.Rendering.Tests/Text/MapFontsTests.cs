using GeoIncidents.Rendering.Text;
using SkiaSharp;

namespace GeoIncidents.Rendering.Tests.Text;

public class MapFontsTests
{
    [Fact]
    public void Regular_IsDejaVuWithGlyphs_NotTheEmptyDefault()
    {
        Assert.Equal("DejaVu Sans", MapFonts.Regular.FamilyName);
        Assert.True(MapFonts.Regular.GlyphCount > 1000);
        Assert.True(MapFonts.Bold.IsBold);
    }

    [Theory]
    [InlineData("Goris")]
    [InlineData("Գորիս")] // Armenian
    [InlineData("Горис")] // Cyrillic
    public void Text_IsActuallyDrawn(string label)
    {
        using var font = new SKFont(MapFonts.Regular, 32);
        Assert.All(font.GetGlyphs(label), g => Assert.NotEqual(0, g)); // 0 = .notdef, a missing glyph

        using var surface = SKSurface.Create(new SKImageInfo(200, 60));
        surface.Canvas.Clear(SKColors.White);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        surface.Canvas.DrawText(label, 10, 45, SKTextAlign.Left, font, paint);
        using var image = surface.Snapshot();
        using var pixels = image.PeekPixels();
        var dark = 0;
        for (var y = 0; y < 60; y++)
        {
            for (var x = 0; x < 200; x++)
            {
                dark += pixels.GetPixelColor(x, y).Red < 128 ? 1 : 0;
            }
        }

        Assert.True(dark > 100, $"only {dark} dark pixels: the label was not drawn");
    }
}
