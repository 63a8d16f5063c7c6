using static Sluice.Sql.Physical.Tests.Expressions.SqlExpressions;

namespace Sluice.Sql.Physical.Tests.Expressions;

/// <summary>
/// Flink's built-in functions computed row by row: math (<c>COT</c>, <c>ATAN2</c>, hyperbolic, <c>BIN</c>,
/// <c>HEX</c>), character tests, <c>TYPEOF</c>, <c>PARSE_URL</c>, <c>STR_TO_MAP</c>, and the array and map
/// functions, with the results of the examples in Flink's function reference.
/// </summary>
public sealed class RowFunctionTests
{
    private static KeyValuePair<object?, object?> Pair(object? key, object? value) => new(key, value);

    [Fact]
    public void TrigonometricAndHyperbolicFunctions()
    {
        Assert.Equal(1.0 / Math.Tan(1), Value("COT(1)"));
        Assert.Equal(Math.PI / 4, Value("ATAN2(1, 1)"));
        Assert.Equal(0.0, Value("SINH(0)"));
        Assert.Equal(1.0, Value("COSH(0)"));
        Assert.Equal(0.0, Value("TANH(0)"));
        Assert.Null(Value("COT(CAST(NULL AS DOUBLE))"));
    }

    [Fact]
    public void BinAndHexAsJavaPrintsLongs()
    {
        Assert.Equal("1100", Value("BIN(12)"));
        Assert.Equal(new string('1', 64), Value("BIN(-1)"));
        Assert.Equal("14", Value("HEX(20)"));
        Assert.Equal("64", Value("HEX(100)"));
        Assert.Equal("FFFFFFFFFFFFFFFF", Value("HEX(-1)"));
        Assert.Equal("68656C6C6F2C776F726C64", Value("HEX('hello,world')"));
        Assert.Null(Value("BIN(CAST(NULL AS INT))"));
    }

    [Fact]
    public void CharacterTestsAreFalseForNullAndEmpty()
    {
        Assert.Equal(true, Value("IS_ALPHA('abc')"));
        Assert.Equal(false, Value("IS_ALPHA('ab1')"));
        Assert.Equal(true, Value("IS_DIGIT('123')"));
        Assert.Equal(false, Value("IS_DIGIT('12a')"));
        Assert.Equal(true, Value("IS_DECIMAL('1.5')"));
        Assert.Equal(true, Value("IS_DECIMAL('-2e3')"));
        Assert.Equal(false, Value("IS_DECIMAL('1.5x')"));
        Assert.Equal(false, Value("IS_DIGIT('')"));
        Assert.Equal(false, Value("IS_ALPHA(CAST(NULL AS STRING))"));
    }

    [Fact]
    public void TypeOfNamesTheTypeWithItsNullability()
    {
        Assert.Equal("INT NOT NULL", Value("TYPEOF(1)"));
        Assert.Equal("STRING", Value("TYPEOF(CAST(NULL AS STRING))"));
        Assert.Equal("DECIMAL(2, 1) NOT NULL", Value("TYPEOF(1.5)"));
    }

    [Fact]
    public void IsJsonTestsTheKindOfValue()
    {
        Assert.Equal(true, Value("'1' IS JSON"));
        Assert.Equal(true, Value("'\"abc\"' IS JSON"));
        Assert.Equal(false, Value("'abc' IS JSON"));
        Assert.Equal(false, Value("CAST(NULL AS STRING) IS JSON"));
        Assert.Equal(true, Value("'1' IS JSON SCALAR"));
        Assert.Equal(false, Value("'1' IS JSON OBJECT"));
        Assert.Equal(true, Value("'{}' IS JSON OBJECT"));
        Assert.Equal(true, Value("'[]' IS JSON ARRAY"));
        Assert.Equal(true, Value("'[]' IS JSON VALUE"));
        Assert.Equal(true, Value("'abc' IS NOT JSON"));
    }

    [Fact]
    public void ParseUrlReturnsTheParts()
    {
        const string url = "'http://facebook.com/path1/p.php?k1=v1&k2=v2#Ref1'";
        Assert.Equal("facebook.com", Value($"PARSE_URL({url}, 'HOST')"));
        Assert.Equal("/path1/p.php", Value($"PARSE_URL({url}, 'PATH')"));
        Assert.Equal("k1=v1&k2=v2", Value($"PARSE_URL({url}, 'QUERY')"));
        Assert.Equal("v1", Value($"PARSE_URL({url}, 'QUERY', 'k1')"));
        Assert.Null(Value($"PARSE_URL({url}, 'QUERY', 'k3')"));
        Assert.Equal("Ref1", Value($"PARSE_URL({url}, 'REF')"));
        Assert.Equal("http", Value($"PARSE_URL({url}, 'PROTOCOL')"));
        Assert.Equal("/path1/p.php?k1=v1&k2=v2", Value($"PARSE_URL({url}, 'FILE')"));
        Assert.Equal("facebook.com", Value("PARSE_URL('http://user:pw@facebook.com:8080/x', 'HOST')"));
        Assert.Equal("user:pw", Value("PARSE_URL('http://user:pw@facebook.com:8080/x', 'USERINFO')"));
        Assert.Equal("user:pw@facebook.com:8080", Value("PARSE_URL('http://user:pw@facebook.com:8080/x', 'AUTHORITY')"));
        Assert.Null(Value("PARSE_URL('not a url', 'HOST')"));
    }

    [Fact]
    public void StrToMapSplitsByRegularExpressions()
    {
        Assert.Equal(new[] { Pair("k1", "v1"), Pair("k2", "v2") }, Value("STR_TO_MAP('k1=v1,k2=v2')"));
        Assert.Equal(new[] { Pair("k1", "v1"), Pair("k2", "v2") }, Value("STR_TO_MAP('k1:v1;k2:v2', ';', ':')"));
        Assert.Equal(new[] { Pair("a", "1"), Pair("b", null) }, Value("STR_TO_MAP('a=1|b', '\\|', '=')"));
        Assert.Empty((KeyValuePair<object?, object?>[])Value("STR_TO_MAP('')")!);
    }

    [Fact]
    public void ArrayFunctions()
    {
        Assert.Equal(new object?[] { 1, 2 }, Value("ARRAY_DISTINCT(ARRAY[1, 1, 2])"));
        Assert.Equal(2, Value("ARRAY_POSITION(ARRAY[1, 2, 3], 2)"));
        Assert.Equal(0, Value("ARRAY_POSITION(ARRAY[1, 2, 3], 4)"));
        Assert.Equal(new object?[] { 1, 3 }, Value("ARRAY_REMOVE(ARRAY[1, 2, 2, 3], 2)"));
        Assert.Equal(new object?[] { 3, 2, 1 }, Value("ARRAY_REVERSE(ARRAY[1, 2, 3])"));
        Assert.Equal(new object?[] { 1, 2, 3 }, Value("ARRAY_UNION(ARRAY[1, 2], ARRAY[2, 3])"));
        Assert.Equal(new object?[] { 1, 2, 2 }, Value("ARRAY_CONCAT(ARRAY[1, 2], ARRAY[2])"));
        Assert.Equal(new object?[] { 1, 3 }, Value("ARRAY_EXCEPT(ARRAY[1, 2, 3, 1], ARRAY[2])"));
        Assert.Equal(new object?[] { 2 }, Value("ARRAY_INTERSECT(ARRAY[1, 2, 3], ARRAY[2, 4])"));
        Assert.Equal(new object?[] { 1, 2 }, Value("ARRAY_APPEND(ARRAY[1], 2)"));
        Assert.Equal(new object?[] { 0, 1 }, Value("ARRAY_PREPEND(ARRAY[1], 0)"));
        Assert.Equal(5, Value("ARRAY_MAX(ARRAY[1, 5, 3])"));
        Assert.Equal(1, Value("ARRAY_MIN(ARRAY[1, 5, CAST(NULL AS INT)])"));
        Assert.Equal("a,b", Value("ARRAY_JOIN(ARRAY['a', CAST(NULL AS STRING), 'b'], ',')"));
        Assert.Equal("a,-,b", Value("ARRAY_JOIN(ARRAY['a', CAST(NULL AS STRING), 'b'], ',', '-')"));
        Assert.Null(Value("ARRAY_REVERSE(CAST(NULL AS ARRAY<INT>))"));
    }

    [Fact]
    public void ArraySliceCountsFromOneAndFromTheEnd()
    {
        Assert.Equal(new object?[] { 2, 3 }, Value("ARRAY_SLICE(ARRAY[1, 2, 3, 4], 2, 3)"));
        Assert.Equal(new object?[] { 3, 4 }, Value("ARRAY_SLICE(ARRAY[1, 2, 3, 4], -2)"));
        Assert.Equal(new object?[] { 1, 2 }, Value("ARRAY_SLICE(ARRAY[1, 2, 3, 4], 0, 2)"));
        Assert.Empty((object?[])Value("ARRAY_SLICE(ARRAY[1, 2, 3, 4], 3, 2)")!);
    }

    [Fact]
    public void ArraySortPutsNullsFirstWhenAscending()
    {
        Assert.Equal(new object?[] { null, 1, 2, 3 }, Value("ARRAY_SORT(ARRAY[3, CAST(NULL AS INT), 1, 2])"));
        Assert.Equal(new object?[] { 3, 2, 1, null }, Value("ARRAY_SORT(ARRAY[3, CAST(NULL AS INT), 1, 2], FALSE)"));
        Assert.Equal(new object?[] { 1, 2, 3, null }, Value("ARRAY_SORT(ARRAY[3, CAST(NULL AS INT), 1, 2], TRUE, FALSE)"));
    }

    [Fact]
    public void MapFunctions()
    {
        Assert.Equal(new object?[] { "a", "b" }, Value("MAP_KEYS(MAP['a', 1, 'b', 2])"));
        Assert.Equal(new object?[] { 1, 2 }, Value("MAP_VALUES(MAP['a', 1, 'b', 2])"));
        Assert.Equal(new object?[] { new object?[] { "a", 1 } }, Value("MAP_ENTRIES(MAP['a', 1])"));
        Assert.Equal(new[] { Pair("a", 1), Pair("b", 2) }, Value("MAP_FROM_ARRAYS(ARRAY['a', 'b'], ARRAY[1, 2])"));
        Assert.Equal(new[] { Pair("a", 3), Pair("b", 2) }, Value("MAP_UNION(MAP['a', 1, 'b', 2], MAP['a', 3])"));
    }
}
