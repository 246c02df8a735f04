using GeoIncidents.Core.Validation;

namespace GeoIncidents.Core.Model;

/// <summary>
/// A change of control over a region or zone on a date: the Aghdam district (<c>AZ-AGM</c>) returned to Azerbaijan by
/// 20 November 2020. When the handover was moved, <see cref="Planned"/> keeps the originally agreed date.
/// </summary>
public sealed record ControlEvent
{
    private ControlEvent(string id, ControlSubjectKind subjectKind, string subjectId, string? fromPartyId, string toPartyId, DateOnly effective, DateOnly? planned, string? note, ValueList<Source> sources)
    {
        Id = id;
        SubjectKind = subjectKind;
        SubjectId = subjectId;
        FromPartyId = fromPartyId;
        ToPartyId = toPartyId;
        Effective = effective;
        Planned = planned;
        Note = note;
        Sources = sources;
    }

    /// <summary>The stable id.</summary>
    public string Id { get; }

    /// <summary>Whether <see cref="SubjectId"/> is a region or a zone.</summary>
    public ControlSubjectKind SubjectKind { get; }

    /// <summary>The region or zone id.</summary>
    public string SubjectId { get; }

    /// <summary>The party that held control before, or null when no source names it.</summary>
    public string? FromPartyId { get; }

    /// <summary>The party that holds control from <see cref="Effective"/> on.</summary>
    public string ToPartyId { get; }

    /// <summary>The day control changed (UTC calendar date).</summary>
    public DateOnly Effective { get; }

    /// <summary>The originally agreed day when the change was moved, else null.</summary>
    public DateOnly? Planned { get; }

    /// <summary>A note (what the sources say), or null.</summary>
    public string? Note { get; }

    /// <summary>The sources.</summary>
    public ValueList<Source> Sources { get; }

    /// <summary>Creates a control event.</summary>
    /// <param name="id">The stable id.</param>
    /// <param name="subjectKind">Region or zone.</param>
    /// <param name="subjectId">The region or zone id.</param>
    /// <param name="toPartyId">The party that takes control.</param>
    /// <param name="effective">The day control changed.</param>
    /// <param name="fromPartyId">The party that held control, or null; different from <paramref name="toPartyId"/>.</param>
    /// <param name="planned">The originally agreed day, or null.</param>
    /// <param name="note">A note, or null.</param>
    /// <param name="sources">The sources, or null.</param>
    /// <returns>The event.</returns>
    /// <exception cref="RecordValidationException">A value is missing or invalid; the issues name the fields.</exception>
    public static ControlEvent Create(
        string id,
        ControlSubjectKind subjectKind,
        string subjectId,
        string toPartyId,
        DateOnly effective,
        string? fromPartyId = null,
        DateOnly? planned = null,
        string? note = null,
        IEnumerable<Source>? sources = null)
    {
        var issues = new IssueCollector();
        var eventId = issues.Id("id", id);
        issues.Defined("subject_kind", subjectKind);
        var subject = issues.Id("subject", subjectId);
        var to = issues.Id("to_party", toPartyId);
        var from = issues.OptionalId("from_party", fromPartyId);
        if (from is not null && from == to)
        {
            issues.Error(ValidationCodes.Inconsistent, "to_party", $"control passes from '{from}' to itself");
        }

        var text = issues.OptionalText("note", note, 2_000);
        issues.ThrowIfErrors("control event");
        return new ControlEvent(eventId, subjectKind, subject, from, to, effective, planned, text, ValueList.From(sources));
    }
}
