namespace GeoIncidents.Core.Storage;

/// <summary>A store rule was broken: carries the HTTP status and a stable error code (STYLE.md 9).</summary>
public abstract class StoreException : Exception
{
    private protected StoreException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>The stable error code (<c>revision-conflict</c>, <c>not-found</c>, ...).</summary>
    public abstract string ErrorCode { get; }

    /// <summary>The HTTP status that reports it.</summary>
    public abstract int StatusCode { get; }
}

/// <summary>An update or retraction expected another revision than the stored one: a stale write is refused, never applied.</summary>
public sealed class RevisionConflictException : StoreException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="collection">The collection.</param>
    /// <param name="id">The record id.</param>
    /// <param name="expectedRevision">The revision the writer expected.</param>
    /// <param name="currentRevision">The stored revision.</param>
    public RevisionConflictException(StoreCollection collection, string id, int expectedRevision, int currentRevision)
        : base($"{collection.WireName()} '{id}' is at revision {currentRevision}, not {expectedRevision}: reload it and apply the change again")
    {
        Collection = collection;
        Id = id;
        ExpectedRevision = expectedRevision;
        CurrentRevision = currentRevision;
    }

    /// <summary>The collection.</summary>
    public StoreCollection Collection { get; }

    /// <summary>The record id.</summary>
    public string Id { get; }

    /// <summary>The revision the writer expected.</summary>
    public int ExpectedRevision { get; }

    /// <summary>The stored revision now.</summary>
    public int CurrentRevision { get; }

    /// <inheritdoc />
    public override string ErrorCode => "revision-conflict";

    /// <inheritdoc />
    public override int StatusCode => 409;
}

/// <summary>No record has the id.</summary>
public sealed class RecordNotFoundException : StoreException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="collection">The collection.</param>
    /// <param name="id">The id looked for.</param>
    public RecordNotFoundException(StoreCollection collection, string id)
        : base($"{collection.WireName()} has no record '{id}'")
    {
        Collection = collection;
        Id = id;
    }

    /// <summary>The collection.</summary>
    public StoreCollection Collection { get; }

    /// <summary>The id looked for.</summary>
    public string Id { get; }

    /// <inheritdoc />
    public override string ErrorCode => "not-found";

    /// <inheritdoc />
    public override int StatusCode => 404;
}

/// <summary>A create used an id that exists already.</summary>
public sealed class RecordExistsException : StoreException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="collection">The collection.</param>
    /// <param name="id">The id.</param>
    public RecordExistsException(StoreCollection collection, string id)
        : base($"{collection.WireName()} already has a record '{id}': update it instead")
    {
        Collection = collection;
        Id = id;
    }

    /// <summary>The collection.</summary>
    public StoreCollection Collection { get; }

    /// <summary>The id.</summary>
    public string Id { get; }

    /// <inheritdoc />
    public override string ErrorCode => "already-exists";

    /// <inheritdoc />
    public override int StatusCode => 409;
}

/// <summary>A record cannot be stored as given: it refers to a record that does not exist, or breaks a store rule.</summary>
public sealed class StoreRuleException : StoreException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">The stable code (<c>unknown-reference</c>, <c>embedded-claims</c>, ...).</param>
    /// <param name="message">What is wrong, for users.</param>
    public StoreRuleException(string code, string message)
        : base(message) => ErrorCode = code;

    /// <inheritdoc />
    public override string ErrorCode { get; }

    /// <inheritdoc />
    public override int StatusCode => 422;
}

/// <summary>The database cannot be used: it is not a store, too new for this program, or needs <c>db migrate</c>.</summary>
public sealed class StoreSchemaException : StoreException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="inner">The underlying failure, or null.</param>
    public StoreSchemaException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <inheritdoc />
    public override string ErrorCode => "store-schema";

    /// <inheritdoc />
    public override int StatusCode => 500;
}
