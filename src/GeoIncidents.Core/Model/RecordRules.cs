using GeoIncidents.Core.Validation;

namespace GeoIncidents.Core.Model;

/// <summary>Rules shared by the record factories.</summary>
internal static class RecordRules
{
    public static void CheckSources(IssueCollector issues, ValueList<Source> sources)
    {
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is null)
            {
                issues.Error(ValidationCodes.Required, $"sources[{i}]", "a source is null");
            }
        }

        var duplicate = sources.OfType<Source>().GroupBy(s => s.Id, RecordIds.Comparer).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            issues.Error(ValidationCodes.DuplicateId, "sources", $"source '{duplicate.Key}' is cited twice");
        }
    }

    public static void CheckStorage(IssueCollector issues, int revision, DateTimeOffset? updated)
    {
        if (revision < 0)
        {
            issues.Error(ValidationCodes.OutOfRange, "revision", $"a revision is 0 or more (was {revision})");
        }

        if (updated is not null && revision == 0)
        {
            issues.Error(ValidationCodes.Inconsistent, "updated", "a record with an update time has a revision of 1 or more");
        }
    }

    public static ValueList<ValidationIssue> CheckWarnings(IssueCollector issues, IEnumerable<ValidationIssue>? warnings)
    {
        var list = ValueList.From(warnings);
        if (list.Any(w => w is null || w.Severity != ValidationSeverity.Warning))
        {
            issues.Error(ValidationCodes.Inconsistent, "warnings", "only warnings are stored on a record; errors reject it");
        }

        return list;
    }
}
