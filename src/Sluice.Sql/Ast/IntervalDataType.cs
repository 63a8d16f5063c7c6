using Sluice.Core.Types;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>An interval type: <c>INTERVAL YEAR [TO MONTH]</c>, <c>INTERVAL DAY TO SECOND(3)</c>, ...</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Qualifier">The units.</param>
/// <param name="IsNotNull">True when <c>NOT NULL</c> is written.</param>
public sealed record IntervalDataType(SourceSpan Span, IntervalQualifier Qualifier, bool IsNotNull) : SqlDataType(Span, IsNotNull)
{
    /// <inheritdoc />
    protected override DataType ToNullableDataType()
    {
        if (Qualifier.Start is TimeUnit.Year or TimeUnit.Quarter or TimeUnit.Month)
        {
            return DataTypes.IntervalYearMonth();
        }

        var precision = Qualifier.FractionalPrecision ?? DataTypes.DefaultTimestampPrecision;
        if (precision < 0 || precision > DataTypes.MaxTimePrecision)
        {
            throw InvalidType(
                $"the fractional precision of an interval must be between 0 and {DataTypes.MaxTimePrecision} (both inclusive)");
        }

        return DataTypes.IntervalDayTime(precision);
    }
}
