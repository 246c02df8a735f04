using GeoIncidents.Core.Model;

namespace GeoIncidents.Core.Storage;

/// <summary>
/// The record collections of a store. Feature collections (with a geometry) are <see cref="Incidents"/> to
/// <see cref="Places"/>; the rest are attribute collections. Wire names (URLs, CLI, revision log) are kebab-case:
/// <c>reference-lines</c>, <c>control-events</c>, <c>api-keys</c>.
/// </summary>
public enum StoreCollection
{
    /// <summary><c>incidents</c> (<see cref="Incident"/>, feature table <c>incidents</c>).</summary>
    Incidents,

    /// <summary><c>claims</c> (<see cref="Claim"/>, feature table <c>claims</c>).</summary>
    Claims,

    /// <summary><c>regions</c> (<see cref="Region"/>, feature table <c>regions</c>).</summary>
    Regions,

    /// <summary><c>reference-lines</c> (<see cref="ReferenceLine"/>, feature table <c>reference_lines</c>).</summary>
    ReferenceLines,

    /// <summary><c>zones</c> (<see cref="Zone"/>, feature table <c>zones</c>).</summary>
    Zones,

    /// <summary><c>places</c> (<see cref="Place"/>, feature table <c>places</c>).</summary>
    Places,

    /// <summary><c>parties</c> (<see cref="Party"/>, attribute table <c>parties</c>).</summary>
    Parties,

    /// <summary><c>sources</c> (<see cref="Source"/>, attribute table <c>sources</c>).</summary>
    Sources,

    /// <summary><c>control-events</c> (<see cref="ControlEvent"/>, attribute table <c>control_events</c>).</summary>
    ControlEvents,

    /// <summary><c>api-keys</c> (<see cref="ApiKey"/>, attribute table <c>api_keys</c>).</summary>
    ApiKeys,
}

/// <summary>Facts about <see cref="StoreCollection"/> values: wire names, table names, record types.</summary>
public static class StoreCollections
{
    /// <summary>Every collection, in declaration order (the order <c>db info</c> lists them).</summary>
    public static IReadOnlyList<StoreCollection> All { get; } = Enum.GetValues<StoreCollection>();

    /// <summary>The wire name (<c>reference-lines</c>).</summary>
    /// <param name="collection">A defined collection.</param>
    /// <returns>The kebab-case name.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string WireName(this StoreCollection collection) => WireNames.Of(collection);

    /// <summary>The table name in both backends (<c>reference_lines</c>).</summary>
    /// <param name="collection">A defined collection.</param>
    /// <returns>The snake_case table name.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string TableName(this StoreCollection collection) => WireNames.Of(collection).Replace('-', '_');

    /// <summary>Whether records of the collection carry a geometry (a feature table).</summary>
    /// <param name="collection">The collection.</param>
    /// <returns>True for incidents, claims, regions, reference lines, zones and places.</returns>
    public static bool IsFeatureCollection(this StoreCollection collection) => collection <= StoreCollection.Places;

    /// <summary>Parses a wire name.</summary>
    /// <param name="text">E.g. <c>incidents</c>, <c>reference-lines</c>.</param>
    /// <param name="collection">The collection when the method returns true.</param>
    /// <returns>True when <paramref name="text"/> names a collection.</returns>
    public static bool TryParse(string? text, out StoreCollection collection) => WireNames.TryParse(text, out collection);

    /// <summary>The collection holding records of type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">A record type of the model (<see cref="Incident"/>, ..., <see cref="ApiKey"/>).</typeparam>
    /// <returns>The collection.</returns>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not stored.</exception>
    public static StoreCollection Of<T>()
        where T : class => Of(typeof(T));

    /// <summary>The collection holding records of a type.</summary>
    /// <param name="recordType">A record type of the model.</param>
    /// <returns>The collection.</returns>
    /// <exception cref="ArgumentException">The type is not stored.</exception>
    public static StoreCollection Of(Type recordType) => recordType switch
    {
        _ when recordType == typeof(Incident) => StoreCollection.Incidents,
        _ when recordType == typeof(Claim) => StoreCollection.Claims,
        _ when recordType == typeof(Region) => StoreCollection.Regions,
        _ when recordType == typeof(ReferenceLine) => StoreCollection.ReferenceLines,
        _ when recordType == typeof(Zone) => StoreCollection.Zones,
        _ when recordType == typeof(Place) => StoreCollection.Places,
        _ when recordType == typeof(Party) => StoreCollection.Parties,
        _ when recordType == typeof(Source) => StoreCollection.Sources,
        _ when recordType == typeof(ControlEvent) => StoreCollection.ControlEvents,
        _ when recordType == typeof(ApiKey) => StoreCollection.ApiKeys,
        _ => throw new ArgumentException($"{recordType.Name} is not a stored record type", nameof(recordType)),
    };
}
