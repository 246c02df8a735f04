using SkiaSharp;

namespace GeoIncidents.Rendering.Text;

/// <summary>
/// The typefaces maps are drawn with: DejaVu Sans (regular and bold), shipped in the build output's
/// <c>fonts/</c> folder. SkiaSharp's NoDependencies native build has no fontconfig, so
/// <see cref="SKTypeface.Default"/> has no glyphs and text would silently not be drawn; loading our own
/// files also makes rendering deterministic. DejaVu covers Latin, Cyrillic and Armenian.
/// </summary>
public static class MapFonts
{
    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("DejaVuSans-Bold.ttf"));

    /// <summary>The folder the font files are read from (beside the program).</summary>
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "fonts");

    /// <summary>DejaVu Sans.</summary>
    /// <exception cref="FileNotFoundException">The font file is missing from the build output.</exception>
    public static SKTypeface Regular => RegularFace.Value;

    /// <summary>DejaVu Sans Bold.</summary>
    /// <exception cref="FileNotFoundException">The font file is missing from the build output.</exception>
    public static SKTypeface Bold => BoldFace.Value;

    private static SKTypeface Load(string fileName)
    {
        var path = Path.Combine(Directory, fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The map font '{fileName}' is missing from '{Directory}'; it ships in the build output.", path);
        }

        return SKTypeface.FromFile(path)
            ?? throw new InvalidDataException($"'{path}' is not a font SkiaSharp can read.");
    }
}
