using GeoIncidents.Core.Model;

namespace GeoIncidents.Core.Interchange;

/// <summary>
/// ACLED's event classification (<c>disorder_type</c>, <c>event_type</c>, <c>sub_event_type</c>; ACLED codebook
/// 2023) to and from <see cref="IncidentType"/>. Import keeps ACLED's own values as <c>event_type=…</c> and
/// <c>sub_event_type=…</c> tags, so nothing of the original classification is lost; the table only chooses our type.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>ACLED event_type / sub_event_type</term><description>incident type</description></listheader>
/// <item><term>Battles / Armed clash, or any other sub-event type of Battles</term><description>clash</description></item>
/// <item><term>Battles / Government regains territory, Non-state actor overtakes territory</term><description>control-change</description></item>
/// <item><term>Explosions/Remote violence / Shelling/artillery/missile attack, Air/drone strike</term><description>shelling</description></item>
/// <item><term>Explosions/Remote violence / Remote explosive/landmine/IED</term><description>casualty (on this border: mines and IEDs that kill or injure)</description></item>
/// <item><term>Explosions/Remote violence / Grenade, Suicide bomb, Chemical weapon</term><description>other</description></item>
/// <item><term>Violence against civilians / Attack</term><description>casualty</description></item>
/// <item><term>Violence against civilians / Abduction/forced disappearance</term><description>detention</description></item>
/// <item><term>Violence against civilians / Sexual violence</term><description>other</description></item>
/// <item><term>Strategic developments / Agreement</term><description>agreement</description></item>
/// <item><term>Strategic developments / Arrests</term><description>detention</description></item>
/// <item><term>Strategic developments / Non-violent transfer of territory</term><description>control-change</description></item>
/// <item><term>Strategic developments / any other sub-event type</term><description>other</description></item>
/// <item><term>Protests, Riots / any</term><description>other</description></item>
/// <item><term>anything else (a future ACLED category)</term><description>other (the original stays in the tags)</description></item>
/// </list>
/// <para>Export without ACLED tags (an incident not imported from ACLED) writes the reverse choice:
/// clash → Battles / Armed clash; shelling → Explosions/Remote violence / Shelling/artillery/missile attack;
/// detention → Strategic developments / Arrests; casualty → Violence against civilians / Attack;
/// agreement → Strategic developments / Agreement; control-change → Strategic developments / Non-violent transfer of
/// territory; border-crossing, ceasefire, statement, other → Strategic developments / Other.</para>
/// </remarks>
public static class AcledEventTypes
{
    private static readonly Dictionary<string, IncidentType> BySubEvent = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Armed clash"] = IncidentType.Clash,
        ["Government regains territory"] = IncidentType.ControlChange,
        ["Non-state actor overtakes territory"] = IncidentType.ControlChange,
        ["Shelling/artillery/missile attack"] = IncidentType.Shelling,
        ["Air/drone strike"] = IncidentType.Shelling,
        ["Remote explosive/landmine/IED"] = IncidentType.Casualty,
        ["Attack"] = IncidentType.Casualty,
        ["Abduction/forced disappearance"] = IncidentType.Detention,
        ["Agreement"] = IncidentType.Agreement,
        ["Arrests"] = IncidentType.Detention,
        ["Non-violent transfer of territory"] = IncidentType.ControlChange,
    };

    /// <summary>Our incident type for an ACLED classification (see the table in the remarks).</summary>
    /// <param name="eventType">ACLED <c>event_type</c>, or null.</param>
    /// <param name="subEventType">ACLED <c>sub_event_type</c>, or null.</param>
    /// <returns>The type; <see cref="IncidentType.Other"/> for anything the table does not name.</returns>
    public static IncidentType ToIncidentType(string? eventType, string? subEventType)
    {
        if (subEventType is not null && BySubEvent.TryGetValue(subEventType.Trim(), out var type))
        {
            return type;
        }

        return eventType?.Trim().ToUpperInvariant() switch
        {
            "BATTLES" => IncidentType.Clash,
            _ => IncidentType.Other,
        };
    }

    /// <summary>The ACLED classification written for an incident type when the incident carries no ACLED tags.</summary>
    /// <param name="type">The incident type.</param>
    /// <returns>disorder_type, event_type and sub_event_type.</returns>
    public static (string DisorderType, string EventType, string SubEventType) FromIncidentType(IncidentType type) => type switch
    {
        IncidentType.Clash => ("Political violence", "Battles", "Armed clash"),
        IncidentType.Shelling => ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
        IncidentType.Detention => ("Strategic developments", "Strategic developments", "Arrests"),
        IncidentType.Casualty => ("Political violence", "Violence against civilians", "Attack"),
        IncidentType.Agreement => ("Strategic developments", "Strategic developments", "Agreement"),
        IncidentType.ControlChange => ("Strategic developments", "Strategic developments", "Non-violent transfer of territory"),
        _ => ("Strategic developments", "Strategic developments", "Other"),
    };
}
