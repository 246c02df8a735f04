using System.Buffers.Text;
using System.Text.Json;
using GeoIncidents.Core.Storage;

namespace GeoIncidents.Storage.Relational;

/// <summary>
/// A keyset continuation token: the sort key of the last row of a page (collection, time_start, id), as base64url
/// JSON. Opaque to clients; checked on the way in.
/// </summary>
internal sealed record KeysetToken(StoreCollection Collection, DateTimeOffset? Time, string Id, long Fid = 0)
{
    public string Encode()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new Wire(Collection.WireName(), Time?.UtcTicks, Id, Fid == 0 ? null : Fid));
        return Base64Url.EncodeToString(json);
    }

    /// <exception cref="ArgumentException">The token is malformed or belongs to another collection.</exception>
    public static KeysetToken Decode(string token, StoreCollection expected)
    {
        try
        {
            var wire = JsonSerializer.Deserialize<Wire>(Base64Url.DecodeFromChars(token));
            if (wire is null || !StoreCollections.TryParse(wire.C, out var collection) || wire.I is null)
            {
                throw new ArgumentException("the continuation token is malformed", nameof(token));
            }

            if (collection != expected)
            {
                throw new ArgumentException($"the continuation token belongs to {wire.C}, not {expected.WireName()}", nameof(token));
            }

            return new KeysetToken(collection, wire.T is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null, wire.I, wire.F ?? 0);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentOutOfRangeException)
        {
            throw new ArgumentException("the continuation token is malformed", nameof(token), ex);
        }
    }

    private sealed record Wire(string C, long? T, string? I, long? F);
}
