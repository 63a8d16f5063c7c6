using System.Text;
using Sluice.Core.Errors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Translates a SQL <c>SIMILAR TO</c> pattern into a .NET regular expression that must match the whole string, with
/// Calcite's (and Flink's) rules: <c>_</c> any character, <c>%</c> any sequence, <c>[...]</c> character classes (with
/// <c>[:ALPHA:]</c>, <c>[:DIGIT:]</c>, ...), <c>| * + ? {m,n} ( )</c> as in regular expressions, an optional escape
/// character. Invalid patterns are user errors.
/// </summary>
internal static class SimilarToTranslator
{
    private const string SqlSpecials = "[]()|^-+*%_?{}";
    private const string RegexSpecials = "[]()|^-+*?{}$\\.";

    private static readonly (string Name, string Class)[] CharacterClasses =
    [
        ("[:ALPHA:]", "a-zA-Z"), ("[:alpha:]", "a-zA-Z"), ("[:UPPER:]", "A-Z"), ("[:upper:]", "A-Z"), ("[:LOWER:]", "a-z"),
        ("[:lower:]", "a-z"), ("[:DIGIT:]", "0-9"), ("[:digit:]", "0-9"), ("[:SPACE:]", " "), ("[:space:]", " "),
        ("[:WHITESPACE:]", "\\s"), ("[:whitespace:]", "\\s"), ("[:ALNUM:]", "a-zA-Z0-9"), ("[:alnum:]", "a-zA-Z0-9"),
    ];

    public static string Translate(string pattern, char? escape)
    {
        var regex = new StringBuilder("\\A(?:");
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (escape == c)
            {
                if (i + 1 >= pattern.Length)
                {
                    throw Invalid(pattern);
                }

                var next = pattern[++i];
                if (SqlSpecials.Contains(next, StringComparison.Ordinal) || next == escape)
                {
                    if (RegexSpecials.Contains(next, StringComparison.Ordinal))
                    {
                        regex.Append('\\');
                    }

                    regex.Append(next);
                }
                else
                {
                    throw Invalid(pattern);
                }

                continue;
            }

            if (inClass)
            {
                if (c == ']')
                {
                    inClass = false;
                    regex.Append(']');
                    continue;
                }

                var matched = false;
                foreach (var (name, characters) in CharacterClasses)
                {
                    if (string.CompareOrdinal(pattern, i, name, 0, name.Length) == 0)
                    {
                        regex.Append(characters);
                        i += name.Length - 1;
                        matched = true;
                        break;
                    }
                }

                if (!matched)
                {
                    if (c is '\\' or '[')
                    {
                        regex.Append('\\');
                    }

                    regex.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '_':
                    regex.Append('.');
                    break;
                case '%':
                    regex.Append("(?s:.*)");
                    break;
                case '[':
                    inClass = true;
                    regex.Append('[');
                    break;
                case ']':
                    throw Invalid(pattern);
                case '\\':
                    regex.Append("\\\\");
                    break;
                case '$':
                    regex.Append("\\$");
                    break;
                default:
                    regex.Append(c);
                    break;
            }
        }

        if (inClass)
        {
            throw Invalid(pattern);
        }

        return regex.Append(")\\z").ToString();
    }

    private static SluiceException Invalid(string pattern) =>
        new($"Invalid regular expression '{pattern}' in SIMILAR TO.", ErrorDomain.User);
}
