using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using GeoIncidents.Core.Validation;

namespace GeoIncidents.Core.Model;

/// <summary>
/// Where a fact was reported: publisher, title, address, publication date, language and at most a short quote.
/// Incidents, claims, zones and control events cite sources; GeoJSON embeds them as
/// <c>{id, publisher, title, url, published, language, quote}</c>.
/// </summary>
public sealed partial record Source
{
    /// <summary>The longest quote accepted, in characters: quote a phrase, never a passage.</summary>
    public const int MaxQuoteLength = 300;

    private Source(string id, string publisher, string title, Uri? url, DateOnly? published, string? language, string? quote)
    {
        Id = id;
        Publisher = publisher;
        Title = title;
        Url = url;
        Published = published;
        Language = language;
        Quote = quote;
    }

    /// <summary>The stable id (e.g. <c>s1</c>).</summary>
    public string Id { get; }

    /// <summary>Who published it (TASS, Office of the Prime Minister of Armenia, International Crisis Group...), at most 300 characters.</summary>
    public string Publisher { get; }

    /// <summary>The title, at most 500 characters.</summary>
    public string Title { get; }

    /// <summary>The absolute http(s) address, or null.</summary>
    public Uri? Url { get; }

    /// <summary>The publication date (UTC calendar date), or null when the source has none (a dataset).</summary>
    public DateOnly? Published { get; }

    /// <summary>The language as a BCP 47 tag (<c>en</c>, <c>hy</c>, <c>az</c>, <c>ru</c>), or null.</summary>
    public string? Language { get; }

    /// <summary>A short quote, at most <see cref="MaxQuoteLength"/> characters, or null.</summary>
    public string? Quote { get; }

    /// <summary>Creates a source.</summary>
    /// <param name="id">The stable id; see <see cref="DeriveId"/> for sources given without one.</param>
    /// <param name="publisher">Who published it (required).</param>
    /// <param name="title">The title (required).</param>
    /// <param name="url">An absolute http or https address, or null.</param>
    /// <param name="published">The publication date, or null.</param>
    /// <param name="language">A BCP 47 language tag, or null.</param>
    /// <param name="quote">A short quote, or null.</param>
    /// <returns>The source.</returns>
    /// <exception cref="RecordValidationException">A value is missing or invalid; the issues name the fields.</exception>
    public static Source Create(string id, string publisher, string title, Uri? url = null, DateOnly? published = null, string? language = null, string? quote = null)
    {
        var issues = new IssueCollector();
        var sourceId = issues.Id("id", id);
        var pub = issues.Text("publisher", publisher, 300);
        var ttl = issues.Text("title", title, 500);
        if (url is not null && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            issues.Error(ValidationCodes.InvalidFormat, "url", $"'{url}' is not an absolute http or https address");
        }

        var lang = issues.OptionalText("language", language, 35);
        if (lang is not null && !LanguageTag().IsMatch(lang))
        {
            issues.Error(ValidationCodes.InvalidFormat, "language", $"'{lang}' is not a BCP 47 language tag (e.g. en, hy, az, ru, hy-Latn)");
        }

        var q = issues.OptionalText("quote", quote, MaxQuoteLength);
        issues.ThrowIfErrors("source");
        return new Source(sourceId, pub, ttl, url, published, lang, q);
    }

    /// <summary>
    /// A stable id for a source given without one: <c>src-</c> and the first 12 hex digits of the SHA-256 of its
    /// publisher, title, url and published date (so the same citation always gets the same id).
    /// </summary>
    /// <param name="publisher">The publisher.</param>
    /// <param name="title">The title.</param>
    /// <param name="url">The address, or null.</param>
    /// <param name="published">The date, or null.</param>
    /// <returns>The id.</returns>
    public static string DeriveId(string? publisher, string? title, Uri? url, DateOnly? published)
    {
        var key = string.Join('\n', publisher?.Trim(), title?.Trim(), url?.ToString(), published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return "src-" + Convert.ToHexStringLower(hash)[..12];
    }

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();
}
