using System.Text;
using System.Text.RegularExpressions;
using Sluice.Core.Errors;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// The regular-expression functions (see <see cref="RegexFunction"/>) with Flink's edge cases: an invalid regular
/// expression or group makes <c>REGEXP</c> FALSE and the extracting and replacing functions NULL (Flink logs and
/// returns null); <c>REGEXP</c> with an empty expression is FALSE; <c>REGEXP_EXTRACT</c> without a group returns the
/// whole match; <c>REGEXP_REPLACE</c> inserts the replacement literally; <c>REGEXP_COUNT</c> and <c>REGEXP_INSTR</c>
/// are null for an invalid expression too, and count positions in UTF-16 code units as Java does. A constant expression is compiled once, one
/// from the data when it changes. Matching runs on a reused character buffer; extracted groups allocate. A constant
/// expression of the shape of <see cref="DelimitedParameterPattern"/> (<c>(&amp;|^)key=([^&amp;]*)</c>) is matched on the
/// UTF-8 bytes instead, for <c>REGEXP</c> and <c>REGEXP_EXTRACT</c>, without decoding or allocating.
/// </summary>
internal sealed class RegexKernel : NaryKernel
{
    private readonly RegexFunction _function;
    private readonly Regex? _constant;
    private readonly bool _constantInvalid;
    private readonly DelimitedParameterPattern? _parameter;
    private char[] _chars = new char[256];
    private string? _lastPattern;
    private Regex? _last;

    public RegexKernel(Kernel[] operands, RegexFunction function, string? constantPattern, string? constantEscape, DataType type)
        : base(operands, type)
    {
        _function = function;
        if (constantPattern is not null)
        {
            _constant = Compile(constantPattern, constantEscape);
            _constantInvalid = _constant is null;
            if (_constant is not null && function is RegexFunction.Find or RegexFunction.Extract)
            {
                _parameter = DelimitedParameterPattern.TryRecognize(constantPattern);
            }
        }
    }

    protected override bool SelfMayFail => _function == RegexFunction.Similar && _constant is null;

    protected override ColumnVector Compute(in Frame frame, ColumnVector[] operands)
    {
        var rows = frame.Count;
        var nulls = NullMasks.Union(rows, operands);
        var text = (BytesVector)operands[0];
        var patterns = (BytesVector)operands[1];
        if (_function is RegexFunction.Find or RegexFunction.Similar)
        {
            var bits = new ulong[NullMasks.WordCount(rows)];
            for (var i = 0; i < rows; i++)
            {
                if (NullMasks.Get(nulls, i))
                {
                    continue;
                }

                var regex = RegexAt(patterns, operands, i);
                if (regex is not null && (_parameter is { } parameter ? parameter.TryMatch(text.GetBytes(i), out _, out _, out _) : regex.IsMatch(Decode(text.GetBytes(i)))))
                {
                    bits[i >> 6] |= 1UL << i;
                }
            }

            return NullMasks.NewBoolean(Type, rows, bits, nulls);
        }

        if (_function is RegexFunction.Count or RegexFunction.Instr)
        {
            return ComputeCounts(text, patterns, operands, rows, nulls);
        }

        if (_parameter is not null)
        {
            return ExtractParameters(text, operands, rows, nulls);
        }

        using var builder = ColumnVectorBuilder.Create(Type, Math.Max(1, rows));
        for (var i = 0; i < rows; i++)
        {
            var regex = NullMasks.Get(nulls, i) ? null : RegexAt(patterns, operands, i);
            if (regex is null)
            {
                builder.AppendNull();
                continue;
            }

            var input = Encoding.UTF8.GetString(text.GetBytes(i));
            switch (_function)
            {
                case RegexFunction.Extract:
                {
                    var group = operands.Length > 2 ? ((PrimitiveVector<int>)operands[2]).Values[i] : 0;
                    ((BytesVectorBuilder)builder).Append(ExtractGroup(regex, input, group));
                    break;
                }

                case RegexFunction.ExtractAll:
                {
                    var group = operands.Length > 2 ? ((PrimitiveVector<int>)operands[2]).Values[i] : regex.GetGroupNumbers().Length > 1 ? 1 : 0;
                    if (group < 0 || group >= regex.GetGroupNumbers().Length)
                    {
                        builder.AppendNull();
                        break;
                    }

                    var list = (ListVectorBuilder)builder;
                    list.StartEntry();
                    for (var match = regex.Match(input); match.Success; match = match.NextMatch())
                    {
                        ((BytesVectorBuilder)list.Elements).Append(match.Groups[group].Success ? match.Groups[group].Value : null);
                    }

                    break;
                }

                case RegexFunction.Substr:
                {
                    var match = regex.Match(input);
                    ((BytesVectorBuilder)builder).Append(match.Success ? match.Value : null);
                    break;
                }

                default:
                {
                    var replacement = Encoding.UTF8.GetString(((BytesVector)operands[2]).GetBytes(i));
                    ((BytesVectorBuilder)builder).Append(regex.Replace(input, _ => replacement));
                    break;
                }
            }
        }

        return builder.Build();
    }

    /// <summary>
    /// <c>REGEXP_EXTRACT</c> with a constant <see cref="DelimitedParameterPattern"/>: the groups are cut from the UTF-8
    /// bytes without decoding, matching or allocating (a row whose group is not valid UTF-8 takes the engine's path).
    /// </summary>
    private ColumnVector ExtractParameters(BytesVector text, ColumnVector[] operands, int rows, ulong[]? nulls)
    {
        var parameter = _parameter!;
        var groups = operands.Length > 2 ? ((PrimitiveVector<int>)operands[2]).Values : default;
        using var builder = new BytesVectorBuilder(Type, Math.Max(1, rows));
        for (var i = 0; i < rows; i++)
        {
            if (NullMasks.Get(nulls, i))
            {
                builder.AppendNull();
                continue;
            }

            var bytes = text.GetBytes(i);
            var group = groups.IsEmpty ? 0 : groups[i];
            if (!parameter.TryExtract(bytes, group, out var value, out var valid))
            {
                builder.AppendNull();
            }
            else if (valid)
            {
                builder.Append(value);
            }
            else
            {
                builder.Append(ExtractGroup(_constant!, Encoding.UTF8.GetString(bytes), group));
            }
        }

        return builder.Build();
    }

    /// <summary>Group <paramref name="group"/> of the first match of <paramref name="regex"/> in <paramref name="input"/>, or null.</summary>
    private static string? ExtractGroup(Regex regex, string input, int group)
    {
        var match = regex.Match(input);
        return match.Success && group >= 0 && group < match.Groups.Count && match.Groups[group].Success
            ? match.Groups[group].Value
            : null;
    }

    private PrimitiveVector<int> ComputeCounts(BytesVector text, BytesVector patterns, ColumnVector[] operands, int rows, ulong[]? nulls)
    {
        var result = PrimitiveVector<int>.Allocate(Type, rows);
        var values = result.Values;
        for (var i = 0; i < rows; i++)
        {
            if (NullMasks.Get(nulls, i))
            {
                result.SetNull(i);
                continue;
            }

            var regex = RegexAt(patterns, operands, i);
            if (regex is null)
            {
                result.SetNull(i);
                continue;
            }

            var input = Decode(text.GetBytes(i));
            if (_function == RegexFunction.Instr)
            {
                foreach (var match in regex.EnumerateMatches(input))
                {
                    values[i] = match.Index + 1;
                    break;
                }
            }
            else
            {
                values[i] = regex.Count(input);
            }
        }

        return result;
    }

    private Regex? RegexAt(BytesVector patterns, ColumnVector[] operands, int row)
    {
        if (_constant is not null || _constantInvalid)
        {
            return _constant;
        }

        var pattern = Encoding.UTF8.GetString(patterns.GetBytes(row));
        var escape = _function == RegexFunction.Similar && operands.Length > 2 ? Encoding.UTF8.GetString(((BytesVector)operands[2]).GetBytes(row)) : null;
        var key = escape is null ? pattern : escape + "\0" + pattern;
        if (key != _lastPattern)
        {
            _last = Compile(pattern, escape);
            _lastPattern = key;
        }

        return _last;
    }

    private Regex? Compile(string pattern, string? escape)
    {
        if (_function == RegexFunction.Similar)
        {
            if (escape is not null && escape.Length != 1)
            {
                throw new SluiceException($"Invalid escape character '{escape}'.", ErrorDomain.User);
            }

            return new Regex(SimilarToTranslator.Translate(pattern, escape?[0]), RegexOptions.CultureInvariant);
        }

        if (_function == RegexFunction.Find && pattern.Length == 0)
        {
            return null;
        }

        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private ReadOnlySpan<char> Decode(ReadOnlySpan<byte> utf8)
    {
        var max = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (_chars.Length < max)
        {
            _chars = new char[Math.Max(max, _chars.Length * 2)];
        }

        var count = Encoding.UTF8.GetChars(utf8, _chars);
        return _chars.AsSpan(0, count);
    }
}
