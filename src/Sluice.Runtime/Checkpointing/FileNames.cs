using System.Text;

namespace Sluice.Runtime.Checkpointing;

/// <summary>Turns operator ids into safe file names.</summary>
internal static class FileNames
{
    public static string Sanitize(string id)
    {
        var sb = new StringBuilder(id.Length);
        foreach (var c in id)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return sb.ToString();
    }
}
