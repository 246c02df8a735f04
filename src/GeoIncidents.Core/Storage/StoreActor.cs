using System.Text.RegularExpressions;

namespace GeoIncidents.Core.Storage;

/// <summary>
/// Who made a change, as written to the revision log: <c>key:&lt;key id&gt;</c> for a request with an API key, or
/// <c>cli:&lt;os user&gt;</c> for the command line (DESIGN.md, Storage; ISSUE 5 "Revisions").
/// </summary>
public readonly partial record struct StoreActor
{
    private StoreActor(string value) => Value = value;

    /// <summary>The text stored in the revision log, 3–200 characters.</summary>
    public string Value { get; }

    /// <summary>A request authenticated with an API key.</summary>
    /// <param name="keyId">The key's id (a stable id, not the secret).</param>
    /// <returns>The actor <c>key:&lt;keyId&gt;</c>.</returns>
    /// <exception cref="ArgumentException">The id is not a stable id.</exception>
    public static StoreActor Key(string keyId)
    {
        if (!Model.RecordIds.IsValid(keyId))
        {
            throw new ArgumentException($"'{keyId}' is not a key id", nameof(keyId));
        }

        return new StoreActor("key:" + keyId);
    }

    /// <summary>The command line run by an operating-system user.</summary>
    /// <param name="userName">The user name (<see cref="Environment.UserName"/>); non-empty, at most 150 characters, no control characters.</param>
    /// <returns>The actor <c>cli:&lt;userName&gt;</c>.</returns>
    /// <exception cref="ArgumentException">The name is empty, too long or has control characters.</exception>
    public static StoreActor CommandLine(string userName)
    {
        if (string.IsNullOrWhiteSpace(userName) || userName.Length > 150 || userName.Any(char.IsControl))
        {
            throw new ArgumentException("a user name is 1–150 characters without control characters", nameof(userName));
        }

        return new StoreActor("cli:" + userName.Trim());
    }

    /// <summary>The command line run by the current operating-system user (<c>cli:$USER</c>).</summary>
    public static StoreActor CurrentUser => CommandLine(string.IsNullOrWhiteSpace(Environment.UserName) ? "unknown" : Environment.UserName);

    /// <summary>Reads an actor back from the revision log (<c>key:…</c>, <c>cli:…</c>, or any other 3–200 character text, e.g. written by another tool).</summary>
    /// <param name="value">The stored text.</param>
    /// <returns>The actor.</returns>
    /// <exception cref="ArgumentException">The text is empty, longer than 200 characters or has control characters.</exception>
    public static StoreActor Parse(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 200 || value.Any(char.IsControl) || !Shape().IsMatch(value))
        {
            throw new ArgumentException($"'{value}' is not an actor (key:ID or cli:USER)", nameof(value));
        }

        return new StoreActor(value);
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    [GeneratedRegex("^[a-z]+:.+$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
