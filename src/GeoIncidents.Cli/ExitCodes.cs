namespace GeoIncidents.Cli;

/// <summary>Documented exit codes of <c>geoincidents</c> (DESIGN.md, CLI contract; README).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The command failed (an I/O error, a service that could not start, ...).</summary>
    public const int Failure = 1;

    /// <summary>Bad input or usage.</summary>
    public const int BadInput = 2;

    /// <summary>An import was rejected; nothing was written.</summary>
    public const int ImportRejected = 3;
}
