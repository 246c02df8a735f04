using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using GeoIncidents.Core.Validation;

namespace GeoIncidents.Core.Interchange;

/// <summary>One feature as read from a stream: its 1-based number and its JSON, or the error that prevented reading it.</summary>
/// <param name="Number">The feature's 1-based number (0 for a document-level error).</param>
/// <param name="Element">The feature's JSON (a detached clone), or null when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the feature could not be read, or null.</param>
public readonly record struct RawFeature(int Number, JsonElement? Element, FeatureError? Error);

/// <summary>
/// Streaming readers for large GeoJSON inputs: a FeatureCollection read one feature at a time (memory bounded by the
/// largest feature, not the file), and a GeoJSON Text Sequence (RFC 8142: one feature per line, each optionally
/// prefixed by the record separator U+001E). Each feature comes out with its number; a feature that is not an object
/// is reported and skipped; malformed JSON in a FeatureCollection stops the reading with an error naming the feature
/// number, while a bad line in a sequence is reported and the next line is read.
/// </summary>
/// <remarks>Map the raw features to records with a <see cref="FeatureMapper{T}"/> (e.g.
/// <c>ModelFeatures.Incidents.ReadBatchAsync(GeoJsonFeatureStreams.ReadFeatureCollectionAsync(stream))</c>).</remarks>
public static class GeoJsonFeatureStreams
{
    /// <summary>The largest single feature a FeatureCollection reader accepts: 256 MiB (bounds memory on hostile input).</summary>
    public const int MaxFeatureBytes = 256 * 1024 * 1024;

    private const int InitialBufferBytes = 64 * 1024;

    /// <summary>Reads the features of a GeoJSON FeatureCollection one at a time.</summary>
    /// <param name="stream">A readable stream holding one FeatureCollection (UTF-8, with or without BOM).</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The features in order; errors come as <see cref="RawFeature"/> values with <see cref="RawFeature.Error"/> set.</returns>
    public static async IAsyncEnumerable<RawFeature> ReadFeatureCollectionAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var parser = new FeatureCollectionParser();
        var buffer = new byte[InitialBufferBytes];
        int start = 0, end = 0;
        var final = false;
        var first = true;
        var output = new List<RawFeature>();
        while (true)
        {
            if (!final)
            {
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    if (buffer.Length >= MaxFeatureBytes)
                    {
                        yield return new RawFeature(parser.CurrentNumber, null, new FeatureError(parser.CurrentNumber, string.Empty, $"the feature is larger than {MaxFeatureBytes / (1024 * 1024)} MiB; reading stopped here", ValidationCodes.OutOfRange));
                        yield break;
                    }

                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var n = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    final = true;
                }
                else
                {
                    end += n;
                }

                if (first && end - start >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                {
                    start += 3;
                }

                if (end - start >= 3 || final)
                {
                    first = false;
                }
            }

            FeatureError? failure = null;
            try
            {
                start += parser.Parse(buffer.AsSpan(start, end - start), final, output);
            }
            catch (JsonException ex)
            {
                failure = new FeatureError(parser.CurrentNumber, string.Empty, $"invalid JSON ({ex.Message}); reading stopped here", ValidationCodes.InvalidFormat);
            }
            catch (InvalidDataException ex)
            {
                failure = new FeatureError(0, string.Empty, ex.Message, ValidationCodes.InvalidFormat);
            }

            foreach (var f in output)
            {
                yield return f;
            }

            output.Clear();
            if (failure is not null)
            {
                yield return new RawFeature(failure.Number, null, failure);
                yield break;
            }

            if (parser.Done)
            {
                if (parser.DocumentError is { } documentError)
                {
                    yield return new RawFeature(0, null, new FeatureError(0, string.Empty, documentError, ValidationCodes.InvalidFormat));
                }

                yield break;
            }

            if (final)
            {
                yield return new RawFeature(parser.CurrentNumber, null, new FeatureError(parser.CurrentNumber, string.Empty, "the document ends before the FeatureCollection does (truncated?)", ValidationCodes.InvalidFormat));
                yield break;
            }
        }
    }

    /// <summary>Reads a GeoJSON Text Sequence (RFC 8142) or newline-delimited GeoJSON: one feature per line.</summary>
    /// <param name="stream">A readable stream (UTF-8).</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The features in order; blank lines are skipped and do not count; a line that is not JSON is reported and skipped.</returns>
    public static async IAsyncEnumerable<RawFeature> ReadSequenceAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var number = 0;
        var line = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            line++;
            var trimmed = text.AsSpan().TrimStart('\u001e').Trim();
            if (trimmed.IsEmpty)
            {
                continue;
            }

            number++;
            RawFeature result;
            try
            {
                using var doc = JsonDocument.Parse(trimmed.ToString());
                result = doc.RootElement.ValueKind == JsonValueKind.Object
                    ? new RawFeature(number, doc.RootElement.Clone(), null)
                    : new RawFeature(number, null, new FeatureError(number, string.Empty, $"line {line}: expected a GeoJSON Feature object, found {JsonFields.Describe(doc.RootElement)}", ValidationCodes.InvalidFormat));
            }
            catch (JsonException ex)
            {
                result = new RawFeature(number, null, new FeatureError(number, string.Empty, $"line {line}: invalid JSON ({ex.Message})", ValidationCodes.InvalidFormat));
            }

            yield return result;
        }
    }

    /// <summary>
    /// An incremental FeatureCollection parser over a <see cref="Utf8JsonReader"/>: each call consumes whole units
    /// (a token, a skipped member, a whole feature) and stops before a unit that is not complete in the buffer.
    /// </summary>
    private sealed class FeatureCollectionParser
    {
        private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = 256 });
        private Phase _phase = Phase.Start;
        private bool _sawType;
        private bool _sawFeatures;
        private int _number;

        private enum Phase
        {
            Start,
            Root,
            Features,
            Done,
        }

        public bool Done => _phase == Phase.Done;

        /// <summary>The number of the feature being read (for errors).</summary>
        public int CurrentNumber => _number + 1;

        public string? DocumentError { get; private set; }

        public int Parse(ReadOnlySpan<byte> data, bool isFinalBlock, List<RawFeature> output)
        {
            var reader = new Utf8JsonReader(data, isFinalBlock, _state);
            long committed = 0;
            var committedState = _state;
            while (_phase != Phase.Done && Step(ref reader, data, output))
            {
                committed = reader.BytesConsumed;
                committedState = reader.CurrentState;
            }

            _state = committedState;
            return (int)committed;
        }

        private bool Step(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, List<RawFeature> output)
        {
            switch (_phase)
            {
                case Phase.Start:
                    if (!reader.Read())
                    {
                        return false;
                    }

                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw new InvalidDataException("the document is not a GeoJSON FeatureCollection (it is not a JSON object)");
                    }

                    _phase = Phase.Root;
                    return true;

                case Phase.Root:
                    if (!reader.Read())
                    {
                        return false;
                    }

                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        DocumentError = !_sawType ? "the document has no \"type\": \"FeatureCollection\""
                            : !_sawFeatures ? "the FeatureCollection has no \"features\" array" : null;
                        _phase = Phase.Done;
                        return true;
                    }

                    var name = reader.GetString();
                    if (!reader.Read())
                    {
                        return false;
                    }

                    if (name == "features")
                    {
                        if (reader.TokenType != JsonTokenType.StartArray)
                        {
                            throw new InvalidDataException("\"features\" is not an array");
                        }

                        _sawFeatures = true;
                        _phase = Phase.Features;
                        return true;
                    }

                    if (name == "type")
                    {
                        var type = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        if (type != "FeatureCollection")
                        {
                            throw new InvalidDataException($"the document's type is {(type is null ? "not a string" : $"'{type}'")}, expected \"FeatureCollection\"");
                        }

                        _sawType = true;
                        return true;
                    }

                    return reader.TrySkip();

                case Phase.Features:
                    if (!reader.Read())
                    {
                        return false;
                    }

                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        _phase = Phase.Root;
                        return true;
                    }

                    var tokenStart = reader.TokenStartIndex;
                    var kind = reader.TokenType;
                    if (!reader.TrySkip())
                    {
                        return false;
                    }

                    _number++;
                    if (kind != JsonTokenType.StartObject)
                    {
                        output.Add(new RawFeature(_number, null, new FeatureError(_number, string.Empty, $"expected a GeoJSON Feature object, found a JSON {kind}", ValidationCodes.InvalidFormat)));
                        return true;
                    }

                    var bytes = data.Slice((int)tokenStart, (int)(reader.BytesConsumed - tokenStart));
                    using (var doc = JsonDocument.Parse(bytes.ToArray()))
                    {
                        output.Add(new RawFeature(_number, doc.RootElement.Clone(), null));
                    }

                    return true;

                default:
                    return false;
            }
        }
    }
}
