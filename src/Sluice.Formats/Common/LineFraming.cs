namespace Sluice.Formats.Common;

/// <summary>Cuts line-delimited records: a record ends at <c>\n</c>; a <c>\r</c> before it is dropped. Stateless.</summary>
internal static class LineFraming
{
    public static bool TryFrame(ReadOnlySpan<byte> buffer, bool isFinalBlock, out int recordLength, out int consumed)
    {
        var newline = buffer.IndexOf((byte)'\n');
        if (newline >= 0)
        {
            consumed = newline + 1;
            recordLength = newline > 0 && buffer[newline - 1] == (byte)'\r' ? newline - 1 : newline;
            return true;
        }

        if (isFinalBlock && buffer.Length > 0)
        {
            consumed = buffer.Length;
            recordLength = buffer[^1] == (byte)'\r' ? buffer.Length - 1 : buffer.Length;
            return true;
        }

        recordLength = 0;
        consumed = 0;
        return false;
    }
}
