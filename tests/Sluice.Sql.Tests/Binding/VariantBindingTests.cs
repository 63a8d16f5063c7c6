using Sluice.Core.Types;
using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Binding;

/// <summary>
/// VARIANT in the type system: the type in DDL, casts, and the places where a VARIANT cannot go because its values have
/// no equality or order (positioned errors).
/// </summary>
public class VariantBindingTests
{
    [Fact]
    public void VariantColumn_ParsesAndFormats()
    {
        var statement = SqlParser.ParseStatement("CREATE TABLE E (id BIGINT, payload VARIANT NOT NULL, maybe VARIANT) WITH ('connector' = 'datagen')");
        var text = SqlFormatter.Format(statement);
        Assert.Contains("payload VARIANT NOT NULL", text, StringComparison.Ordinal);
        Assert.Contains("maybe VARIANT", text, StringComparison.Ordinal);
        Assert.Equal("VARIANT", TypeOf("PARSE_JSON(s)"));
        Assert.Equal("VARIANT NOT NULL", TypeOf("PARSE_JSON(nn_s, TRUE)"));
        Assert.Equal("VARIANT", TypeOf("TRY_PARSE_JSON(nn_s)"));
        Assert.Equal("VARIANT", TypeOf("PARSE_JSON(nn_s)['a'][1]"));
        Assert.Equal("INT", TypeOf("CAST(PARSE_JSON(nn_s) AS INT)"));
        Assert.Equal("STRING NOT NULL", TypeOf("JSON_STRING(PARSE_JSON(nn_s))"));
        Assert.Equal("VARIANT", TypeOf("COALESCE(PARSE_JSON(s), TRY_PARSE_JSON(s))"));
        Assert.Equal("BIGINT NOT NULL", TypeOf("COUNT(PARSE_JSON(s))"));
    }

    [Fact]
    public void VariantType_RoundTripsItsEncoding()
    {
        var writer = new Sluice.Core.Serialization.BinaryBufferWriter();
        DataTypes.Variant().NotNull().WriteTo(writer);
        var reader = new Sluice.Core.Serialization.BinaryBufferReader(writer.WrittenSpan.ToArray());
        Assert.Equal(DataTypes.Variant().NotNull(), DataType.ReadFrom(reader));
        Assert.Equal(PhysicalType.Binary, DataTypes.Variant().PhysicalType);
    }

    [Theory]
    [InlineData("SELECT v FROM (SELECT PARSE_JSON(s) AS v FROM T) GROUP BY v", 59, "cannot be a GROUP BY key")]
    [InlineData("SELECT DISTINCT v FROM (SELECT PARSE_JSON(s) AS v FROM T)", 17, "cannot be a SELECT DISTINCT column")]
    [InlineData("SELECT v FROM (SELECT PARSE_JSON(s) AS v FROM T) ORDER BY v", 59, "have no order")]
    [InlineData("SELECT PARSE_JSON(s) FROM T UNION SELECT PARSE_JSON(s) FROM T", 1, "UNION compares rows")]
    [InlineData("SELECT COUNT(*) OVER (PARTITION BY v ORDER BY pt) FROM (SELECT PARSE_JSON(s) AS v, pt FROM T)", 36, "cannot be a PARTITION BY key")]
    [InlineData("SELECT COUNT(DISTINCT PARSE_JSON(s)) FROM T", 8, "cannot be an argument of COUNT(DISTINCT ...)")]
    [InlineData("SELECT MAX(PARSE_JSON(s)) FROM T", 8, "MAX")]
    [InlineData("SELECT 1 FROM T AS a JOIN T AS b ON PARSE_JSON(a.s) = PARSE_JSON(b.s)", 37, "Cannot apply '='")]
    public void VariantWithoutEquality_IsRejectedWherePositioned(string sql, int column, string fragment)
    {
        var error = Assert.Throws<SqlException>(() => Bind(sql));
        Assert.StartsWith($"line 1, column {column}:", error.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT CAST(s AS VARIANT) FROM T", "use PARSE_JSON")]
    [InlineData("SELECT CAST(PARSE_JSON(s) AS ROW<a INT>) FROM T", "only to scalar types")]
    public void CastsFlinkDoesNotHave_AreRejected(string sql, string fragment)
    {
        var error = Assert.Throws<SqlException>(() => Bind(sql));
        Assert.StartsWith("line 1, column 8:", error.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }
}
