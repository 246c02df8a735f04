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

        if (FirstRepeatedId(sources, s => s.Id) is { } duplicate)
        {
            issues.Error(ValidationCodes.DuplicateId, "sources", $"source '{duplicate}' is cited twice");
        }
    }

    /// <summary>
    /// The id (under <see cref="RecordIds.Comparer"/>) of the first item, in list order, whose id a later item repeats;
    /// null items are skipped. The lists are short (a record's sources, tags or claims), so a pairwise scan allocates
    /// nothing where grouping built a lookup per record; long lists are grouped.
    /// </summary>
    public static string? FirstRepeatedId<T>(ValueList<T> items, Func<T, string> id)
        where T : class
    {
        if (items.Count > PairwiseScanLimit)
        {
            return items.OfType<T>().GroupBy(id, RecordIds.Comparer).FirstOrDefault(g => g.Count() > 1)?.Key;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { } a)
            {
                continue;
            }

            for (var j = i + 1; j < items.Count; j++)
            {
                if (items[j] is { } b && RecordIds.Comparer.Equals(id(a), id(b)))
                {
                    return id(a);
                }
            }
        }

        return null;
    }

    /// <summary>True when two strings of the list are equal (ordinal; two nulls count as equal).</summary>
    public static bool HasRepeatedText(ValueList<string> items)
    {
        if (items.Count > PairwiseScanLimit)
        {
            return items.Distinct(StringComparer.Ordinal).Count() != items.Count;
        }

        for (var i = 0; i < items.Count; i++)
        {
            for (var j = i + 1; j < items.Count; j++)
            {
                if (string.Equals(items[i], items[j], StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Up to this many items, duplicates are found by comparing pairs (at most 120 comparisons).</summary>
    private const int PairwiseScanLimit = 16;

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
