using Sluice.Sql.Physical.Expressions;
using static Sluice.Sql.Physical.Tests.Expressions.SqlExpressions;

namespace Sluice.Sql.Physical.Tests.Expressions;

/// <summary>
/// Parsing with an explicit format: Flink's documented UNIX_TIMESTAMP examples (in 'Europe/Berlin'), and which
/// functions fall back to the lenient default form when the format does not match (TO_TIMESTAMP does; UNIX_TIMESTAMP
/// and TO_DATE, which parse with Java's SimpleDateFormat only, do not).
/// </summary>
public sealed class ParseWithFormatTests
{
    private static readonly ExpressionEnvironment Berlin = new(ExpressionEnvironment.ParseTimeZone("Europe/Berlin"), TimeProvider.System);

    [Fact]
    public void Unix_timestamp_gives_flinks_documented_results()
    {
        Assert.Equal(25201L, Value("UNIX_TIMESTAMP('1970-01-01 08:00:01.001', 'yyyy-MM-dd HH:mm:ss.SSS')", Berlin));
        Assert.Equal(1L, Value("UNIX_TIMESTAMP('1970-01-01 08:00:01.001 +0800', 'yyyy-MM-dd HH:mm:ss.SSS X')", Berlin));
        Assert.Equal(25201L, Value("UNIX_TIMESTAMP('1970-01-01 08:00:01.001 +0800', 'yyyy-MM-dd HH:mm:ss.SSS')", Berlin));
        Assert.Equal(long.MinValue, Value("UNIX_TIMESTAMP('1970-01-01 08:00:01.001', 'yyyy-MM-dd HH:mm:ss.SSS X')", Berlin));
    }

    [Fact]
    public void Only_to_timestamp_falls_back_to_the_lenient_form()
    {
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5), Value("TO_TIMESTAMP('2024-01-02 03:04:05', 'dd/MM/yyyy')"));
        Assert.Null(Value("TO_DATE('2024-01-02', 'yyyyMMdd')"));
        Assert.Equal(long.MinValue, Value("UNIX_TIMESTAMP('2024-01-02 03:04:05', 'dd/MM/yyyy')"));
        Assert.Equal(new DateOnly(2024, 1, 2), Value("TO_DATE('2024-01-02')"));
    }
}
