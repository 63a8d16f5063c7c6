using System.Globalization;
using System.Text;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Java's <c>String.toUpperCase</c> / <c>toLowerCase</c> in the root locale, which Flink's <c>UPPER</c> and <c>LOWER</c>
/// use for values that are not all ASCII: the simple case mappings of UnicodeData (as .NET's invariant mappings, plus
/// the dotless and dotted capital I that .NET's invariant culture leaves alone), the unconditional one-to-many
/// mappings of SpecialCasing.txt (<c>ß</c> to <c>SS</c>, ligatures, Greek with iota subscripts; <c>İ</c> to
/// <c>i̇</c>), and the final form of capital sigma at the end of a word.
/// </summary>
internal static class JavaCaseMapping
{
    /// <summary>The code points whose uppercase is more than one character (SpecialCasing.txt, unconditional).</summary>
    private static readonly Dictionary<int, string> FullUpper = new()
    {
        [0x00DF] = "\u0053\u0053", [0x0149] = "\u02BC\u004E", [0x01F0] = "\u004A\u030C", [0x0390] = "\u0399\u0308\u0301",
        [0x03B0] = "\u03A5\u0308\u0301", [0x0587] = "\u0535\u0552", [0x1E96] = "\u0048\u0331", [0x1E97] = "\u0054\u0308",
        [0x1E98] = "\u0057\u030A", [0x1E99] = "\u0059\u030A", [0x1E9A] = "\u0041\u02BE", [0x1F50] = "\u03A5\u0313",
        [0x1F52] = "\u03A5\u0313\u0300", [0x1F54] = "\u03A5\u0313\u0301", [0x1F56] = "\u03A5\u0313\u0342", [0x1F80] = "\u1F08\u0399",
        [0x1F81] = "\u1F09\u0399", [0x1F82] = "\u1F0A\u0399", [0x1F83] = "\u1F0B\u0399", [0x1F84] = "\u1F0C\u0399",
        [0x1F85] = "\u1F0D\u0399", [0x1F86] = "\u1F0E\u0399", [0x1F87] = "\u1F0F\u0399", [0x1F88] = "\u1F08\u0399",
        [0x1F89] = "\u1F09\u0399", [0x1F8A] = "\u1F0A\u0399", [0x1F8B] = "\u1F0B\u0399", [0x1F8C] = "\u1F0C\u0399",
        [0x1F8D] = "\u1F0D\u0399", [0x1F8E] = "\u1F0E\u0399", [0x1F8F] = "\u1F0F\u0399", [0x1F90] = "\u1F28\u0399",
        [0x1F91] = "\u1F29\u0399", [0x1F92] = "\u1F2A\u0399", [0x1F93] = "\u1F2B\u0399", [0x1F94] = "\u1F2C\u0399",
        [0x1F95] = "\u1F2D\u0399", [0x1F96] = "\u1F2E\u0399", [0x1F97] = "\u1F2F\u0399", [0x1F98] = "\u1F28\u0399",
        [0x1F99] = "\u1F29\u0399", [0x1F9A] = "\u1F2A\u0399", [0x1F9B] = "\u1F2B\u0399", [0x1F9C] = "\u1F2C\u0399",
        [0x1F9D] = "\u1F2D\u0399", [0x1F9E] = "\u1F2E\u0399", [0x1F9F] = "\u1F2F\u0399", [0x1FA0] = "\u1F68\u0399",
        [0x1FA1] = "\u1F69\u0399", [0x1FA2] = "\u1F6A\u0399", [0x1FA3] = "\u1F6B\u0399", [0x1FA4] = "\u1F6C\u0399",
        [0x1FA5] = "\u1F6D\u0399", [0x1FA6] = "\u1F6E\u0399", [0x1FA7] = "\u1F6F\u0399", [0x1FA8] = "\u1F68\u0399",
        [0x1FA9] = "\u1F69\u0399", [0x1FAA] = "\u1F6A\u0399", [0x1FAB] = "\u1F6B\u0399", [0x1FAC] = "\u1F6C\u0399",
        [0x1FAD] = "\u1F6D\u0399", [0x1FAE] = "\u1F6E\u0399", [0x1FAF] = "\u1F6F\u0399", [0x1FB2] = "\u1FBA\u0399",
        [0x1FB3] = "\u0391\u0399", [0x1FB4] = "\u0386\u0399", [0x1FB6] = "\u0391\u0342", [0x1FB7] = "\u0391\u0342\u0399",
        [0x1FBC] = "\u0391\u0399", [0x1FC2] = "\u1FCA\u0399", [0x1FC3] = "\u0397\u0399", [0x1FC4] = "\u0389\u0399",
        [0x1FC6] = "\u0397\u0342", [0x1FC7] = "\u0397\u0342\u0399", [0x1FCC] = "\u0397\u0399", [0x1FD2] = "\u0399\u0308\u0300",
        [0x1FD3] = "\u0399\u0308\u0301", [0x1FD6] = "\u0399\u0342", [0x1FD7] = "\u0399\u0308\u0342", [0x1FE2] = "\u03A5\u0308\u0300",
        [0x1FE3] = "\u03A5\u0308\u0301", [0x1FE4] = "\u03A1\u0313", [0x1FE6] = "\u03A5\u0342", [0x1FE7] = "\u03A5\u0308\u0342",
        [0x1FF2] = "\u1FFA\u0399", [0x1FF3] = "\u03A9\u0399", [0x1FF4] = "\u038F\u0399", [0x1FF6] = "\u03A9\u0342",
        [0x1FF7] = "\u03A9\u0342\u0399", [0x1FFC] = "\u03A9\u0399", [0xFB00] = "\u0046\u0046", [0xFB01] = "\u0046\u0049",
        [0xFB02] = "\u0046\u004C", [0xFB03] = "\u0046\u0046\u0049", [0xFB04] = "\u0046\u0046\u004C", [0xFB05] = "\u0053\u0054",
        [0xFB06] = "\u0053\u0054", [0xFB13] = "\u0544\u0546", [0xFB14] = "\u0544\u0535", [0xFB15] = "\u0544\u053B",
        [0xFB16] = "\u054E\u0546", [0xFB17] = "\u0544\u053D",
    };

    /// <summary>The string in upper case, as Java's <c>toUpperCase(Locale.ROOT)</c>.</summary>
    public static string ToUpper(string text)
    {
        var builder = new StringBuilder(text.Length + 4);
        foreach (var rune in text.EnumerateRunes())
        {
            if (FullUpper.TryGetValue(rune.Value, out var full))
            {
                builder.Append(full);
            }
            else if (rune.Value == 0x0131)
            {
                builder.Append('I');
            }
            else
            {
                AppendRune(builder, Rune.ToUpperInvariant(rune));
            }
        }

        return builder.ToString();
    }

    /// <summary>The string in lower case, as Java's <c>toLowerCase(Locale.ROOT)</c>.</summary>
    public static string ToLower(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        for (var i = 0; i < text.Length;)
        {
            var rune = Rune.GetRuneAt(text, i);
            switch (rune.Value)
            {
                case 0x0130:
                    builder.Append("i\u0307");
                    break;
                case 0x03A3:
                    builder.Append(IsFinalSigma(text, i) ? '\u03C2' : '\u03C3');
                    break;
                default:
                    AppendRune(builder, Rune.ToLowerInvariant(rune));
                    break;
            }

            i += rune.Utf16SequenceLength;
        }

        return builder.ToString();
    }

    /// <summary>
    /// Final_Sigma as Java applies it: a cased letter comes before the sigma in its word, and none after it (a word being
    /// a run of letters, marks, digits and connector punctuation).
    /// </summary>
    private static bool IsFinalSigma(string text, int index)
    {
        var before = false;
        for (var i = index; i > 0;)
        {
            Rune.DecodeLastFromUtf16(text.AsSpan(0, i), out var rune, out var length);
            if (!IsWordPart(rune))
            {
                break;
            }

            if (IsCased(rune))
            {
                before = true;
                break;
            }

            i -= length;
        }

        if (!before)
        {
            return false;
        }

        for (var i = index + 1; i < text.Length;)
        {
            var rune = Rune.GetRuneAt(text, i);
            if (!IsWordPart(rune))
            {
                break;
            }

            if (IsCased(rune))
            {
                return false;
            }

            i += rune.Utf16SequenceLength;
        }

        return true;
    }

    private static bool IsCased(Rune rune) => Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;

    private static bool IsWordPart(Rune rune) => Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
        or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
        or UnicodeCategory.EnclosingMark or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation;

    private static void AppendRune(StringBuilder builder, Rune rune)
    {
        Span<char> chars = stackalloc char[2];
        builder.Append(chars[..rune.EncodeToUtf16(chars)]);
    }
}
