using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Planning;
using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Binding;

/// <summary>
/// Timestamps of precision 0..6 are microseconds and of 7..9 nanoseconds: a precision change within one unit needs no
/// conversion, one across 6 does, so comparisons, set operations and sinks convert the microsecond side.
/// </summary>
public sealed class TimestampPrecisionCoercionTests
{
    [Theory]
    [InlineData(3, 6, false)]
    [InlineData(0, 3, false)]
    [InlineData(7, 9, false)]
    [InlineData(3, 9, true)]
    [InlineData(9, 6, true)]
    public void NeedsConversion_OnlyAcrossPrecisionSix(int from, int to, bool needed)
    {
        Assert.Equal(needed, TypeRules.NeedsConversion(DataTypes.Timestamp(from), DataTypes.Timestamp(to)));
        Assert.Equal(needed, TypeRules.NeedsConversion(DataTypes.TimestampLtz(from), DataTypes.TimestampLtz(to)));
    }

    [Fact]
    public void Comparison_OfAMillisecondColumnWithANanosecondLiteral_CastsTheColumn()
    {
        var filter = Assert.IsType<Filter>(Assert.IsType<Project>(Bind("SELECT i FROM T WHERE ts = TIMESTAMP '2024-01-01 10:00:00.123456789'")).Input);
        var comparison = Assert.IsType<BoundCall>(filter.Condition);
        var cast = Assert.IsType<BoundCast>(comparison.Operands[0]);
        Assert.Equal("TIMESTAMP(9)", cast.Type.Nullable().ToString());
        Assert.IsType<BoundInputRef>(cast.Operand);
    }

    [Fact]
    public void Comparison_WithinMicroseconds_CastsNothing()
    {
        var filter = Assert.IsType<Filter>(Assert.IsType<Project>(Bind("SELECT i FROM T WHERE ts = ts6")).Input);
        var comparison = Assert.IsType<BoundCall>(filter.Condition);
        Assert.All(comparison.Operands, o => Assert.IsType<BoundInputRef>(o));
    }

    [Fact]
    public void Union_OfMillisecondsAndNanoseconds_IsNanoseconds() =>
        Assert.Equal("TIMESTAMP(9)", Column("SELECT ts FROM T UNION ALL SELECT TIMESTAMP '2024-01-01 00:00:00.000000001' FROM T").Type.Nullable().ToString());
}
