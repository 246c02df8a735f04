using GeoIncidents.Core.Model;
using GeoIncidents.Geodesy.Positions;

namespace GeoIncidents.Core.Analysis;

/// <summary>One record saying who controlled a position on a date.</summary>
/// <param name="PartyId">The controlling party.</param>
/// <param name="PartyName">Its name, or null when the party is not in the data.</param>
/// <param name="Basis"><c>zone</c> (a zone's validity and controlling party) or <c>control-event</c> (a handover).</param>
/// <param name="SubjectId">The zone, or the region the control event concerns.</param>
/// <param name="RecordId">The zone's or the control event's id.</param>
/// <param name="Since">The first day this control is recorded from, or null when the data does not say.</param>
/// <param name="Until">The last day, or null (not ended in the data).</param>
/// <param name="Explanation">What the record says, in a sentence.</param>
/// <param name="Sources">The record's sources.</param>
public sealed record ControlStatement(
    string PartyId,
    string? PartyName,
    string Basis,
    string SubjectId,
    string RecordId,
    DateOnly? Since,
    DateOnly? Until,
    string Explanation,
    ValueList<Source> Sources);

/// <summary>
/// <c>ControlOn(position, date)</c>: who controlled a position on a date according to the zones and control events.
/// </summary>
/// <param name="Position">The position.</param>
/// <param name="Date">The day (UTC calendar date).</param>
/// <param name="ControlledBy">The party of the most specific statement (a zone before a region's handover), or null when unknown.</param>
/// <param name="Statements">Every record that speaks to the position on that date, most specific first; empty when none does.</param>
/// <param name="RegionIds">The regions containing the position (country first).</param>
/// <param name="ZoneIds">The zones whose (derived) outline contains the position, whatever their validity.</param>
/// <param name="Receipt">Method, datasets (regions, zones), notes (why unknown, what the outlines' uncertainty means); no verdict.</param>
public sealed record ControlResult(
    GeoPosition Position,
    DateOnly Date,
    string? ControlledBy,
    ValueList<ControlStatement> Statements,
    ValueList<string> RegionIds,
    ValueList<string> ZoneIds,
    MeasurementReceipt Receipt)
{
    /// <summary>True when at least one record speaks to the position on the date.</summary>
    public bool Known => ControlledBy is not null;
}

/// <summary>Who controlled a place on a date (see <see cref="ControlOn"/>).</summary>
public static class ControlAnalysis
{
    /// <summary>The method text written on the receipt.</summary>
    public const string MethodText =
        "point-in-polygon (topological, lon/lat) against zones (derived outlines included) and regions; control from the zones' validity and "
        + "controlling party, and from the control events of the regions and zones containing the position (the latest effective on or before the date)";

    /// <summary>
    /// Who controlled a position on a date: every zone containing it and valid that day (its controlling party), and
    /// the latest control event effective on or before that day for each region or zone containing it (its receiving
    /// party; before a region's first event, the party the event names as the previous holder, if any). When no
    /// record covers the position on that date the answer is "unknown" (<see cref="ControlResult.ControlledBy"/> null):
    /// nothing is inferred from borders alone.
    /// </summary>
    /// <param name="data">The records.</param>
    /// <param name="position">The position.</param>
    /// <param name="date">The day.</param>
    /// <returns>The statements with their sources.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="AnalysisException">A zone's outline cannot be derived (see <see cref="DerivationAnalysis.DeriveCorridor(AnalysisData, string)"/>).</exception>
    public static ControlResult ControlOn(AnalysisData data, GeoPosition position, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(data);
        var point = GeodesicGeometry.ToPoint(position);
        var country = data.CountryAt(position);
        var regions = new List<Region>();
        if (country is not null)
        {
            regions.Add(country);
        }

        regions.AddRange(data.SubdivisionsAt(position));
        var statements = new List<ControlStatement>();
        var notes = new List<string>();
        var datasets = regions.Select(DatasetUse.Of).ToList();
        var zonesHere = new List<Zone>();
        foreach (var zone in data.Zones)
        {
            var outline = zone.Geometry ?? DerivationAnalysis.DeriveCorridor(data, zone.Id).Geometry;
            if (!outline.Covers(point))
            {
                continue;
            }

            zonesHere.Add(zone);
            datasets.Add(DatasetUse.Of(zone));
            if (zone.Uncertainty is { } u)
            {
                notes.Add($"Zone {zone.Id}'s outline is uncertain by {u.Radius} (its own statement): near its edge, membership is itself uncertain.");
            }

            if (date < zone.ValidFrom || (zone.ValidTo is { } to && date > to))
            {
                notes.Add($"Zone {zone.Id} covers the position but is valid only {Iso(zone.ValidFrom)} to {(zone.ValidTo is { } t ? Iso(t) : "(open)")}.");
                continue;
            }

            statements.Add(new ControlStatement(
                zone.ControlledBy,
                data.PartyOrNull(zone.ControlledBy)?.Name,
                "zone",
                zone.Id,
                zone.Id,
                zone.ValidFrom,
                zone.ValidTo,
                $"{zone.Name} ({WireName(zone.Kind)}) is controlled by {zone.ControlledBy} from {Iso(zone.ValidFrom)}{(zone.ValidTo is { } end ? $" to {Iso(end)}" : string.Empty)}.",
                zone.Sources));
        }

        var subjects = regions.Select(r => (Kind: ControlSubjectKind.Region, r.Id))
            .Concat(zonesHere.Select(z => (Kind: ControlSubjectKind.Zone, z.Id)));
        foreach (var (kind, id) in subjects)
        {
            var events = data.ControlEvents.Where(e => e.SubjectKind == kind && e.SubjectId == id).OrderBy(e => e.Effective).ToList();
            if (events.Count == 0)
            {
                continue;
            }

            var current = events.LastOrDefault(e => e.Effective <= date);
            if (current is not null)
            {
                var next = events.FirstOrDefault(e => e.Effective > date);
                var moved = current.Planned is { } planned ? $" (originally agreed for {Iso(planned)})" : string.Empty;
                statements.Add(new ControlStatement(
                    current.ToPartyId,
                    data.PartyOrNull(current.ToPartyId)?.Name,
                    "control-event",
                    id,
                    current.Id,
                    current.Effective,
                    next?.Effective.AddDays(-1),
                    $"{id} passed {(current.FromPartyId is null ? string.Empty : $"from {current.FromPartyId} ")}to {current.ToPartyId} on {Iso(current.Effective)}{moved}.",
                    current.Sources));
                continue;
            }

            var first = events[0];
            if (first.Planned is { } p && p <= date)
            {
                notes.Add($"{id}: the handover to {first.ToPartyId} was agreed for {Iso(p)} but took effect on {Iso(first.Effective)} (event {first.Id}).");
            }

            if (first.FromPartyId is not null)
            {
                statements.Add(new ControlStatement(
                    first.FromPartyId,
                    data.PartyOrNull(first.FromPartyId)?.Name,
                    "control-event",
                    id,
                    first.Id,
                    null,
                    first.Effective.AddDays(-1),
                    $"{id} was held by {first.FromPartyId} until it passed to {first.ToPartyId} on {Iso(first.Effective)} (the event names the previous holder; when that control began is not recorded).",
                    first.Sources));
            }
            else
            {
                notes.Add($"{id} passed to {first.ToPartyId} on {Iso(first.Effective)}; the event does not name who held it before, so before that date it is unknown.");
            }
        }

        var controlledBy = statements.FirstOrDefault()?.PartyId;
        if (controlledBy is null)
        {
            notes.Add("Unknown: no zone or control event in the data covers this position on this date (nothing is inferred from borders alone).");
        }
        else if (statements.Select(s => s.PartyId).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            notes.Add("The records name different parties: a zone is more specific than its region's handover, so controlled_by is the zone's party; every statement is listed.");
        }

        if (regions.Count > 1)
        {
            notes.Add("Regions are Natural Earth outlines; its internal boundaries are coarse (e.g. Lachin town falls in its Shusha district polygon), so near them the district, and its handover, may be the wrong one.");
        }

        var receipt = MeasurementReceipt.Create(MethodText, datasets, notes: notes);
        return new ControlResult(
            position,
            date,
            controlledBy,
            ValueList.From(statements),
            ValueList.From(regions.Select(r => r.Id)),
            ValueList.From(zonesHere.Select(z => z.Id)),
            receipt);
    }

    private static string WireName(ZoneKind kind) => WireNames.Of(kind);

    /// <summary>A day as ISO 8601 in the Gregorian calendar whatever the current culture.</summary>
    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
