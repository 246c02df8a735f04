using System.Security.Cryptography;
using System.Text;
using GeoIncidents.Core.Model;

namespace GeoIncidents.Core.Storage;

/// <summary>The role an API key grants (readers need no key).</summary>
public enum ApiKeyRole
{
    /// <summary><c>editor</c>: may create, update and retract records.</summary>
    Editor,

    /// <summary><c>admin</c>: an editor who may also manage keys.</summary>
    Admin,
}

/// <summary>
/// An API key as stored: its id (named in revisions as <c>key:&lt;id&gt;</c>), a name, a role and the SHA-256 of its
/// secret. The secret itself is never stored; a revoked key is a retracted record.
/// </summary>
public sealed record ApiKey
{
    private ApiKey(string id, string name, ApiKeyRole role, string secretSha256)
    {
        Id = id;
        Name = name;
        Role = role;
        SecretSha256 = secretSha256;
    }

    /// <summary>The stable id.</summary>
    public string Id { get; }

    /// <summary>Who or what the key is for, 1–200 characters.</summary>
    public string Name { get; }

    /// <summary>The role.</summary>
    public ApiKeyRole Role { get; }

    /// <summary>SHA-256 of the secret, 64 lower-case hex digits.</summary>
    public string SecretSha256 { get; }

    /// <summary>Creates a key record.</summary>
    /// <param name="id">The stable id.</param>
    /// <param name="name">A name, 1–200 characters.</param>
    /// <param name="role">The role.</param>
    /// <param name="secretSha256">SHA-256 of the secret as 64 hex digits (<see cref="HashSecret"/>).</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">A value is missing or malformed.</exception>
    public static ApiKey Create(string id, string name, ApiKeyRole role, string secretSha256)
    {
        if (!RecordIds.IsValid(id))
        {
            throw new ArgumentException($"'{id}' is not a stable id", nameof(id));
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            throw new ArgumentException("a key name is 1–200 characters", nameof(name));
        }

        if (!Enum.IsDefined(role))
        {
            throw new ArgumentException($"unknown role {role}", nameof(role));
        }

        if (secretSha256 is null || secretSha256.Length != 64 || !secretSha256.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            throw new ArgumentException("the secret hash is 64 lower-case hex digits (SHA-256)", nameof(secretSha256));
        }

        return new ApiKey(id, name.Trim(), role, secretSha256);
    }

    /// <summary>The SHA-256 of a secret as stored.</summary>
    /// <param name="secret">The secret.</param>
    /// <returns>64 lower-case hex digits.</returns>
    /// <exception cref="ArgumentException">The secret is empty.</exception>
    public static string HashSecret(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }
}
