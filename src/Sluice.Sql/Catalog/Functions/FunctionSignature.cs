using System.Text;
using Sluice.Core.Types;

namespace Sluice.Sql.Catalog.Functions;

/// <summary>
/// One accepted form of a function's arguments: a family per parameter, how many are required, and whether the
/// last parameter repeats. Immutable.
/// </summary>
public sealed class FunctionSignature
{
    private readonly ArgumentFamily[] _parameters;

    private FunctionSignature(ArgumentFamily[] parameters, int requiredCount, bool isVariadic)
    {
        _parameters = parameters;
        RequiredCount = requiredCount;
        IsVariadic = isVariadic;
    }

    /// <summary>The parameter families, in order.</summary>
    public IReadOnlyList<ArgumentFamily> Parameters => _parameters;

    /// <summary>How many leading parameters must be given.</summary>
    public int RequiredCount { get; }

    /// <summary>True when the last parameter may repeat any number of times.</summary>
    public bool IsVariadic { get; }

    /// <summary>Exactly these parameters.</summary>
    public static FunctionSignature Of(params ArgumentFamily[] parameters) => new(parameters, parameters.Length, false);

    /// <summary>The first <paramref name="requiredCount"/> parameters are required, the rest optional.</summary>
    public static FunctionSignature Optional(int requiredCount, params ArgumentFamily[] parameters) =>
        new(parameters, requiredCount, false);

    /// <summary>At least <paramref name="minimumCount"/> arguments; the last parameter repeats.</summary>
    public static FunctionSignature Variadic(int minimumCount, params ArgumentFamily[] parameters) =>
        new(parameters, minimumCount, true);

    /// <summary>The family of <paramref name="type"/> (<see cref="ArgumentFamily.None"/> for the <c>NULL</c> type).</summary>
    public static ArgumentFamily FamilyOf(DataType type) => type.TypeId switch
    {
        TypeId.Boolean => ArgumentFamily.Boolean,
        TypeId.TinyInt or TypeId.SmallInt or TypeId.Int or TypeId.BigInt => ArgumentFamily.Integer,
        TypeId.Decimal => ArgumentFamily.Decimal,
        TypeId.Float or TypeId.Double => ArgumentFamily.Approximate,
        TypeId.Char or TypeId.VarChar => ArgumentFamily.Character,
        TypeId.Binary or TypeId.VarBinary => ArgumentFamily.Binary,
        TypeId.Date => ArgumentFamily.Date,
        TypeId.Time => ArgumentFamily.Time,
        TypeId.Timestamp => ArgumentFamily.Timestamp,
        TypeId.TimestampLtz => ArgumentFamily.TimestampLtz,
        TypeId.IntervalYearMonth => ArgumentFamily.IntervalYearMonth,
        TypeId.IntervalDayTime => ArgumentFamily.IntervalDayTime,
        TypeId.Array => ArgumentFamily.Array,
        TypeId.Map => ArgumentFamily.Map,
        TypeId.Multiset => ArgumentFamily.Multiset,
        TypeId.Row => ArgumentFamily.Row,
        TypeId.Variant => ArgumentFamily.Variant,
        _ => ArgumentFamily.None,
    };

    /// <summary>The family expected at argument position <paramref name="index"/>, or None past the end.</summary>
    public ArgumentFamily ParameterAt(int index)
    {
        if (index < _parameters.Length)
        {
            return _parameters[index];
        }

        return IsVariadic && _parameters.Length > 0 ? _parameters[^1] : ArgumentFamily.None;
    }

    /// <summary>
    /// True when arguments of these families fit: the count is allowed, and each argument's family is one its
    /// parameter accepts (a <c>NULL</c> argument, <see cref="ArgumentFamily.None"/>, fits any value parameter).
    /// </summary>
    public bool Accepts(IReadOnlyList<ArgumentFamily> arguments)
    {
        if (arguments.Count < RequiredCount || (!IsVariadic && arguments.Count > _parameters.Length))
        {
            return false;
        }

        for (var i = 0; i < arguments.Count; i++)
        {
            var expected = ParameterAt(i);
            var actual = arguments[i];
            if (actual == ArgumentFamily.None)
            {
                if (expected == ArgumentFamily.Symbol)
                {
                    return false;
                }

                continue;
            }

            if ((expected & actual) == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The signature as text, for example <c>SUBSTRING(&lt;CHARACTER&gt;, &lt;INTEGER&gt;[, &lt;INTEGER&gt;])</c>.</summary>
    public string Format(string name)
    {
        var builder = new StringBuilder(name).Append('(');
        for (var i = 0; i < _parameters.Length; i++)
        {
            var optional = i >= RequiredCount;
            if (optional)
            {
                builder.Append('[');
            }

            if (i > 0)
            {
                builder.Append(", ");
            }

            builder.Append(FamilyName(_parameters[i]));
            if (IsVariadic && i == _parameters.Length - 1)
            {
                builder.Append(", ...");
            }

            if (optional)
            {
                builder.Append(']');
            }
        }

        return builder.Append(')').ToString();
    }

    /// <summary>The display name of a family, for example <c>&lt;NUMERIC&gt;</c>.</summary>
    public static string FamilyName(ArgumentFamily family) => family switch
    {
        ArgumentFamily.Any => "<ANY>",
        ArgumentFamily.Numeric => "<NUMERIC>",
        ArgumentFamily.ExactNumeric => "<EXACT_NUMERIC>",
        ArgumentFamily.Integer => "<INTEGER>",
        ArgumentFamily.Approximate => "<APPROXIMATE_NUMERIC>",
        ArgumentFamily.Character => "<CHARACTER>",
        ArgumentFamily.Binary => "<BINARY>",
        ArgumentFamily.String => "<STRING>",
        ArgumentFamily.Boolean => "<BOOLEAN>",
        ArgumentFamily.Datetime => "<DATETIME>",
        ArgumentFamily.AnyTimestamp => "<TIMESTAMP>",
        ArgumentFamily.Timestamp => "<TIMESTAMP_WITHOUT_TIME_ZONE>",
        ArgumentFamily.TimestampLtz => "<TIMESTAMP_LTZ>",
        ArgumentFamily.Date => "<DATE>",
        ArgumentFamily.Time => "<TIME>",
        ArgumentFamily.Interval => "<INTERVAL>",
        ArgumentFamily.IntervalDayTime => "<INTERVAL_DAY_TIME>",
        ArgumentFamily.IntervalYearMonth => "<INTERVAL_YEAR_MONTH>",
        ArgumentFamily.Array => "<ARRAY>",
        ArgumentFamily.Map => "<MAP>",
        ArgumentFamily.Multiset => "<MULTISET>",
        ArgumentFamily.Row => "<ROW>",
        ArgumentFamily.Symbol => "<SYMBOL>",
        ArgumentFamily.Variant => "<VARIANT>",
        ArgumentFamily.Any | ArgumentFamily.Variant => "<ANY|VARIANT>",
        _ => "<" + family.ToString().ToUpperInvariant().Replace(", ", "|", StringComparison.Ordinal) + ">",
    };
}
