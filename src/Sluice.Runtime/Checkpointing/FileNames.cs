using System.Globalization;
using System.Text;
using Sluice.Core.Hashing;

namespace Sluice.Runtime.Checkpointing;

/// <summary>Turns operator ids into safe file names.</summary>
internal static class FileNames
{
    /// <summary>
    /// Keeps ASCII letters, digits, '-', '_' and '.'; any other character becomes '_' and a stable hash of the
    /// original id is appended, so two ids never share a file name.
    /// </summary>
    public static string Sanitize(string id)
    {
        var sb = new StringBuilder(id.Length + 9);
        var changed = false;
        foreach (var c in id)
        {
            var safe = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
            changed |= !safe;
            sb.Append(safe ? c : '_');
        }

        if (changed)
        {
            sb.Append('~').Append(((uint)StableHash.Hash(id)).ToString("x8", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
