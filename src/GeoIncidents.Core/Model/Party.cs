using GeoIncidents.Core.Validation;

namespace GeoIncidents.Core.Model;

/// <summary>
/// Someone who makes claims or controls territory: a ministry (<c>am-mod</c>), a government (<c>az-gov</c>), a force
/// (<c>ru-peacekeepers</c>) or an organisation (<c>crisis-group</c>).
/// </summary>
public sealed record Party
{
    private Party(string id, string name, string? country, string? description)
    {
        Id = id;
        Name = name;
        Country = country;
        Description = description;
    }

    /// <summary>The stable id.</summary>
    public string Id { get; }

    /// <summary>The name in English, at most 200 characters.</summary>
    public string Name { get; }

    /// <summary>The country it belongs to (ISO 3166-1 alpha-2), or null for international organisations.</summary>
    public string? Country { get; }

    /// <summary>An optional description, at most 1,000 characters.</summary>
    public string? Description { get; }

    /// <summary>Creates a party.</summary>
    /// <param name="id">The stable id.</param>
    /// <param name="name">The name (required).</param>
    /// <param name="country">An ISO 3166-1 alpha-2 code, or null.</param>
    /// <param name="description">An optional description.</param>
    /// <returns>The party.</returns>
    /// <exception cref="RecordValidationException">A value is missing or invalid; the issues name the fields.</exception>
    public static Party Create(string id, string name, string? country = null, string? description = null)
    {
        var issues = new IssueCollector();
        var partyId = issues.Id("id", id);
        var partyName = issues.Text("name", name, 200);
        if (country is not null && !CountryCodes.IsAlpha2(country))
        {
            issues.Error(ValidationCodes.InvalidFormat, "country", $"'{country}' is not an ISO 3166-1 alpha-2 code (e.g. AM, AZ, RU)");
        }

        var text = issues.OptionalText("description", description, 1_000);
        issues.ThrowIfErrors("party");
        return new Party(partyId, partyName, country, text);
    }
}
