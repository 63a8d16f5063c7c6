using System.Globalization;

namespace Sluice.Connectors.Files.Sink;

/// <summary>
/// The name of a part file in its three states: in progress
/// <c>.&lt;prefix&gt;-&lt;subtask&gt;-&lt;attempt&gt;-&lt;counter&gt;.inprogress</c>, pending <c>.….pending</c>
/// (both hidden: names starting with '.' are ignored by readers, as in Flink) and committed
/// <c>&lt;prefix&gt;-&lt;subtask&gt;-&lt;attempt&gt;-&lt;counter&gt;&lt;suffix&gt;</c>. The attempt id makes names unique across restarts.
/// </summary>
internal readonly record struct PartFileName(string Prefix, int Subtask, string AttemptId, long Counter)
{
    public const string InProgressExtension = ".inprogress";
    public const string PendingExtension = ".pending";

    public string InProgressName => "." + BaseName + InProgressExtension;

    public string PendingName => "." + BaseName + PendingExtension;

    private string BaseName => string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{Subtask}-{AttemptId}-{Counter}");

    public string FinalName(string suffix) => BaseName + suffix;

    /// <summary>Parses a hidden (in-progress or pending) part file name of the sink with <paramref name="prefix"/>.</summary>
    public static bool TryParseHidden(string fileName, string prefix, out PartFileName name)
    {
        name = default;
        var lead = "." + prefix + "-";
        if (!fileName.StartsWith(lead, StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> rest;
        if (fileName.EndsWith(InProgressExtension, StringComparison.Ordinal))
        {
            rest = fileName.AsSpan(lead.Length, fileName.Length - lead.Length - InProgressExtension.Length);
        }
        else if (fileName.EndsWith(PendingExtension, StringComparison.Ordinal))
        {
            rest = fileName.AsSpan(lead.Length, fileName.Length - lead.Length - PendingExtension.Length);
        }
        else
        {
            return false;
        }

        // <subtask>-<attempt>-<counter>: the attempt id may itself contain '-'.
        var first = rest.IndexOf('-');
        var last = rest.LastIndexOf('-');
        if (first <= 0 || last <= first + 1
            || !int.TryParse(rest[..first], NumberStyles.None, CultureInfo.InvariantCulture, out var subtask)
            || !long.TryParse(rest[(last + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var counter))
        {
            return false;
        }

        name = new PartFileName(prefix, subtask, rest[(first + 1)..last].ToString(), counter);
        return true;
    }
}
