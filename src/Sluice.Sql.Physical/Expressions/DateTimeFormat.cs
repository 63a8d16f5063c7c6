using Sluice.Core.Errors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// A compiled Java date-time pattern (<c>yyyy-MM-dd HH:mm:ss.SSS</c>, as Flink's <c>DATE_FORMAT</c>,
/// <c>TO_TIMESTAMP</c>, <c>UNIX_TIMESTAMP</c> and <c>FROM_UNIXTIME</c> take them) that formats and parses wall-clock
/// timestamps (epoch microseconds) as UTF-8 without allocating. Letters: <c>G</c> era, <c>y</c>/<c>u</c> year
/// (<c>yy</c> two digits), <c>M</c>/<c>L</c> month (<c>MMM</c> <c>Jan</c>, <c>MMMM</c> <c>January</c>), <c>d</c> day,
/// <c>D</c> day of year, <c>Q</c> quarter, <c>E</c> day name, <c>a</c> AM/PM, <c>H</c> <c>k</c> <c>K</c> <c>h</c>
/// hours, <c>m</c> minutes, <c>s</c> seconds, <c>S</c> fraction of second, <c>X</c>/<c>x</c>/<c>Z</c> zone offset;
/// <c>'text'</c> quotes, <c>''</c> is a quote, other characters are literal. Parsing is lenient about the number of
/// digits (unless fields are adjacent) and case; missing fields default to 1970-01-01 00:00:00. Immutable.
/// </summary>
internal sealed class DateTimeFormat
{
    private static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] DayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    private readonly Token[] _tokens;

    private DateTimeFormat(string pattern, Token[] tokens)
    {
        Pattern = pattern;
        _tokens = tokens;
        Granule = GranuleOf(tokens);
    }

    public string Pattern { get; }

    /// <summary>
    /// The length in microseconds of the time unit the pattern's finest field shows (a day for <c>yyyy-MM-dd</c>, a
    /// second for <c>HH:mm:ss</c>): two wall-clock times in the same unit (counted from the epoch) with the same offset
    /// format alike. 0 when the pattern shows a fraction of a second.
    /// </summary>
    public long Granule { get; }

    /// <summary><c>yyyy-MM-dd HH:mm:ss</c>.</summary>
    public static DateTimeFormat DefaultTimestamp { get; } = Compile("yyyy-MM-dd HH:mm:ss");

    /// <summary>Compiles a pattern.</summary>
    /// <exception cref="SluiceException">The pattern has an unknown letter or an unclosed quote (<see cref="ErrorDomain.User"/>).</exception>
    public static DateTimeFormat Compile(string pattern)
    {
        var tokens = new List<Token>();
        var literal = new System.Text.StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\'')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] == '\'')
                {
                    literal.Append('\'');
                    i++;
                    continue;
                }

                var end = pattern.IndexOf('\'', i + 1);
                if (end < 0)
                {
                    throw new SluiceException($"Invalid date-time pattern '{pattern}': a quote is not closed.", ErrorDomain.User);
                }

                literal.Append(pattern, i + 1, end - i - 1);
                i = end;
                continue;
            }

            if (char.IsAsciiLetter(c))
            {
                if ("GyuMLdDQqEeaHkKhmsSXxZn".IndexOf(c, StringComparison.Ordinal) < 0)
                {
                    throw new SluiceException($"Invalid date-time pattern '{pattern}': unknown pattern letter '{c}'.", ErrorDomain.User);
                }

                if (literal.Length > 0)
                {
                    tokens.Add(new Token('\0', 0, System.Text.Encoding.UTF8.GetBytes(literal.ToString())));
                    literal.Clear();
                }

                var count = 1;
                while (i + 1 < pattern.Length && pattern[i + 1] == c)
                {
                    count++;
                    i++;
                }

                tokens.Add(new Token(c, count, []));
                continue;
            }

            literal.Append(c);
        }

        if (literal.Length > 0)
        {
            tokens.Add(new Token('\0', 0, System.Text.Encoding.UTF8.GetBytes(literal.ToString())));
        }

        return new DateTimeFormat(pattern, tokens.ToArray());
    }

    /// <summary>
    /// Appends the wall-clock time <paramref name="micros"/> plus <paramref name="nanoOfMicro"/> (0..999, the digits past the
    /// microsecond of a nanosecond timestamp); <paramref name="offsetMicros"/> is printed by offset letters.
    /// </summary>
    public void Format(Utf8Buffer output, long micros, long offsetMicros = 0, int nanoOfMicro = 0)
    {
        var days = Civil.DayOf(micros);
        var time = Civil.TimeOfDay(micros);
        var (year, month, day) = Civil.CivilFromDays(days);
        var hour = (int)(time / Civil.MicrosPerHour);
        var minute = (int)(time / Civil.MicrosPerMinute % 60);
        var second = (int)(time / Civil.MicrosPerSecond % 60);
        var fraction = time % Civil.MicrosPerSecond;
        foreach (var token in _tokens)
        {
            var count = token.Count;
            switch (token.Letter)
            {
                case '\0':
                    output.Append(token.Text);
                    break;
                case 'G':
                    output.Append(year > 0 ? "AD"u8 : "BC"u8);
                    break;
                case 'y' or 'u':
                    if (count == 2)
                    {
                        output.AppendInteger(Math.Abs(year) % 100, 2);
                    }
                    else
                    {
                        output.AppendInteger(year, count);
                    }

                    break;
                case 'M' or 'L':
                    if (count >= 4)
                    {
                        output.Append(MonthNames[month - 1]);
                    }
                    else if (count == 3)
                    {
                        output.Append(MonthNames[month - 1].AsSpan(0, 3));
                    }
                    else
                    {
                        output.AppendInteger(month, count);
                    }

                    break;
                case 'd':
                    output.AppendInteger(day, count);
                    break;
                case 'D':
                    output.AppendInteger(Civil.DayOfYear(days), count);
                    break;
                case 'Q' or 'q':
                    output.AppendInteger((month + 2) / 3, count);
                    break;
                case 'E' or 'e':
                    var name = DayNames[Civil.IsoDayOfWeek(days) - 1];
                    output.Append(count >= 4 ? name.AsSpan() : name.AsSpan(0, 3));
                    break;
                case 'a':
                    output.Append(hour < 12 ? "AM"u8 : "PM"u8);
                    break;
                case 'H':
                    output.AppendInteger(hour, count);
                    break;
                case 'k':
                    output.AppendInteger(hour == 0 ? 24 : hour, count);
                    break;
                case 'K':
                    output.AppendInteger(hour % 12, count);
                    break;
                case 'h':
                    output.AppendInteger(hour % 12 == 0 ? 12 : hour % 12, count);
                    break;
                case 'm':
                    output.AppendInteger(minute, count);
                    break;
                case 's':
                    output.AppendInteger(second, count);
                    break;
                case 'S':
                {
                    // The first digits of the fraction (nine digits: the nanosecond), padded with zeros past it.
                    var start = output.Length;
                    output.AppendInteger((fraction * 1000) + nanoOfMicro, 9);
                    if (count < 9)
                    {
                        output.Truncate(start + count);
                    }

                    for (var extra = 9; extra < count; extra++)
                    {
                        output.Append((byte)'0');
                    }

                    break;
                }

                case 'n':
                    output.AppendInteger((fraction * 1000) + nanoOfMicro, count);
                    break;
                default:
                    WriteOffset(output, token, offsetMicros);
                    break;
            }
        }
    }

    /// <summary>
    /// Parses <paramref name="text"/> into a wall-clock time (or, when the text has an offset, the instant's UTC time
    /// with <paramref name="hasOffset"/> set). <paramref name="allowTrailing"/> ignores text after the pattern (as
    /// <c>SimpleDateFormat</c> does).
    /// </summary>
    public bool TryParse(ReadOnlySpan<byte> text, out long micros, out bool hasOffset, bool allowTrailing = false)
    {
        micros = 0;
        hasOffset = false;
        text = TemporalText.Trim(text);
        long year = 1970;
        var month = 1;
        var day = 1;
        var dayOfYear = -1;
        var hour = 0;
        var minute = 0;
        var second = 0;
        long fraction = 0;
        var pm = -1;
        var twelveHour = false;
        var offset = 0L;
        var position = 0;
        for (var t = 0; t < _tokens.Length; t++)
        {
            var token = _tokens[t];
            var adjacent = t + 1 < _tokens.Length && _tokens[t + 1].IsNumeric && token.IsNumeric;
            switch (token.Letter)
            {
                case '\0':
                    if (!text[position..].StartsWith(token.Text))
                    {
                        return false;
                    }

                    position += token.Text.Length;
                    break;
                case 'G':
                    if (!Match(text, ref position, "AD"u8) && !Match(text, ref position, "BC"u8))
                    {
                        return false;
                    }

                    break;
                case 'M' or 'L' when token.Count >= 3:
                {
                    var found = false;
                    for (var m = 0; m < 12 && !found; m++)
                    {
                        found = MatchName(text, ref position, MonthNames[m], token.Count >= 4);
                        if (found)
                        {
                            month = m + 1;
                        }
                    }

                    if (!found)
                    {
                        return false;
                    }

                    break;
                }

                case 'E' or 'e':
                {
                    var found = false;
                    for (var d = 0; d < 7 && !found; d++)
                    {
                        found = MatchName(text, ref position, DayNames[d], token.Count >= 4);
                    }

                    if (!found)
                    {
                        return false;
                    }

                    break;
                }

                case 'a':
                    if (Match(text, ref position, "AM"u8))
                    {
                        pm = 0;
                    }
                    else if (Match(text, ref position, "PM"u8))
                    {
                        pm = 1;
                    }
                    else
                    {
                        return false;
                    }

                    break;
                case 'X' or 'x' or 'Z':
                    if (!TryParseOffset(text, ref position, out offset))
                    {
                        return false;
                    }

                    hasOffset = true;
                    break;
                default:
                {
                    var negative = false;
                    if (token.Letter is 'y' or 'u' && position < text.Length && text[position] == '-')
                    {
                        negative = true;
                        position++;
                    }

                    var maxDigits = adjacent ? token.Count : token.Letter is 'S' or 'n' ? 9 : token.Letter is 'y' or 'u' ? 9 : Math.Max(token.Count, token.Letter == 'D' ? 3 : 2);
                    var start = position;
                    long value = 0;
                    var fractionDigits = 0;
                    while (position < text.Length && position - start < maxDigits && text[position] is >= (byte)'0' and <= (byte)'9')
                    {
                        var digit = text[position] - '0';
                        if (token.Letter == 'S' && fractionDigits < 6)
                        {
                            value = (value * 10) + digit;
                            fractionDigits++;
                        }
                        else if (token.Letter != 'S')
                        {
                            value = (value * 10) + digit;
                        }

                        position++;
                    }

                    if (position == start)
                    {
                        return false;
                    }

                    switch (token.Letter)
                    {
                        case 'y' or 'u':
                            year = token.Count == 2 && position - start == 2 ? 2000 + value : value;
                            year = negative ? -year : year;
                            break;
                        case 'M' or 'L':
                            month = (int)value;
                            break;
                        case 'd':
                            day = (int)value;
                            break;
                        case 'D':
                            dayOfYear = (int)value;
                            break;
                        case 'Q' or 'q':
                            month = ((int)value * 3) - 2;
                            break;
                        case 'H':
                            hour = (int)value;
                            break;
                        case 'k':
                            hour = (int)value % 24;
                            break;
                        case 'K' or 'h':
                            hour = (int)value % 12;
                            twelveHour = true;
                            break;
                        case 'm':
                            minute = (int)value;
                            break;
                        case 's':
                            second = (int)value;
                            break;
                        case 'S':
                            for (; fractionDigits < 6; fractionDigits++)
                            {
                                value *= 10;
                            }

                            fraction = value;
                            break;
                        default:
                            fraction = value / 1000;
                            break;
                    }

                    break;
                }
            }
        }

        if ((!allowTrailing && position != text.Length) || month is < 1 or > 12 || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        if (pm == 1 || (pm == 0 && twelveHour))
        {
            hour = (hour % 12) + (pm == 1 ? 12 : 0);
        }

        long days;
        if (dayOfYear > 0)
        {
            days = Civil.DaysFromCivil(year, 1, 1) + dayOfYear - 1;
        }
        else
        {
            if (day < 1 || day > Civil.DaysInMonth((int)year, month))
            {
                return false;
            }

            days = Civil.DaysFromCivil(year, month, day);
        }

        micros = (days * Civil.MicrosPerDay) + (((((hour * 60L) + minute) * 60) + second) * Civil.MicrosPerSecond) + fraction - offset;
        return true;
    }

    private static bool Match(ReadOnlySpan<byte> text, ref int position, ReadOnlySpan<byte> word)
    {
        var rest = text[position..];
        if (rest.Length >= word.Length && System.Text.Ascii.EqualsIgnoreCase(rest[..word.Length], word))
        {
            position += word.Length;
            return true;
        }

        return false;
    }

    private static bool MatchName(ReadOnlySpan<byte> text, ref int position, string name, bool full)
    {
        Span<byte> bytes = stackalloc byte[16];
        var length = System.Text.Encoding.ASCII.GetBytes(full ? name : name[..3], bytes);
        return Match(text, ref position, bytes[..length]);
    }

    private static bool TryParseOffset(ReadOnlySpan<byte> text, ref int position, out long offset)
    {
        offset = 0;
        if (position < text.Length && text[position] == 'Z')
        {
            position++;
            return true;
        }

        if (Match(text, ref position, "GMT"u8) || Match(text, ref position, "UTC"u8))
        {
            if (position >= text.Length || text[position] is not ((byte)'+' or (byte)'-'))
            {
                return true;
            }
        }

        if (position >= text.Length || text[position] is not ((byte)'+' or (byte)'-'))
        {
            return false;
        }

        var sign = text[position++] == '-' ? -1 : 1;
        var digits = 0;
        var hours = 0;
        var minutes = 0;
        while (position < text.Length && digits < 4)
        {
            var c = text[position];
            if (c == ':' && digits == 2)
            {
                position++;
                continue;
            }

            if (c is < (byte)'0' or > (byte)'9')
            {
                break;
            }

            if (digits < 2)
            {
                hours = (hours * 10) + (c - '0');
            }
            else
            {
                minutes = (minutes * 10) + (c - '0');
            }

            digits++;
            position++;
        }

        if (digits is not (2 or 4) || hours > 18 || minutes > 59)
        {
            return false;
        }

        offset = sign * ((hours * Civil.MicrosPerHour) + (minutes * Civil.MicrosPerMinute));
        return true;
    }

    private static long GranuleOf(Token[] tokens)
    {
        var granule = Civil.MicrosPerDay;
        foreach (var token in tokens)
        {
            var unit = token.Letter switch
            {
                'S' or 'n' => 0,
                's' => Civil.MicrosPerSecond,
                'm' => Civil.MicrosPerMinute,
                'H' or 'k' or 'K' or 'h' or 'a' => Civil.MicrosPerHour,
                _ => Civil.MicrosPerDay,
            };
            granule = Math.Min(granule, unit);
        }

        return granule;
    }

    private static void WriteOffset(Utf8Buffer output, Token token, long offsetMicros)
    {
        if (offsetMicros == 0 && token.Letter == 'X')
        {
            output.Append((byte)'Z');
            return;
        }

        var minutes = Math.Abs(offsetMicros) / Civil.MicrosPerMinute;
        output.Append(offsetMicros < 0 ? (byte)'-' : (byte)'+');
        output.AppendInteger(minutes / 60, 2);
        if (token.Letter == 'Z' ? token.Count >= 4 : token.Count >= 3)
        {
            output.Append((byte)':');
        }

        if (token.Letter == 'Z' || token.Count >= 2 || minutes % 60 != 0)
        {
            output.AppendInteger(minutes % 60, 2);
        }
    }

    private sealed record Token(char Letter, int Count, byte[] Text)
    {
        public bool IsNumeric => Letter is not ('\0' or 'G' or 'E' or 'e' or 'a' or 'X' or 'x' or 'Z') && !(Letter is 'M' or 'L' && Count >= 3);
    }
}
