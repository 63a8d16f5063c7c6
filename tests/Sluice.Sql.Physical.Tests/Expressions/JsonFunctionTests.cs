using System.Globalization;
using Sluice.Core.Errors;
using static Sluice.Sql.Physical.Tests.Expressions.SqlExpressions;

namespace Sluice.Sql.Physical.Tests.Expressions;

/// <summary>JSON functions over the documents of column k (see <see cref="RandomBatches.Documents"/>) and constants.</summary>
public sealed class JsonFunctionTests
{
    private static string? K(object?[] v) => v[14] as string;

    [Fact]
    public void JsonValueSelectsScalars()
    {
        Matches("JSON_VALUE(k, '$.a')", v => K(v) switch
        {
            null => null,
            var doc when doc.StartsWith("{\"a\": 1,", StringComparison.Ordinal) => "1",
            var doc when doc.Contains("2.50", StringComparison.Ordinal) => "2.5",
            var doc when doc.Contains("\"text\"", StringComparison.Ordinal) => "text",
            var doc when doc.Contains("true", StringComparison.Ordinal) => "true",
            _ => null,
        });
        Matches("JSON_VALUE(k, '$.b.c')", v => K(v)?.Contains("\"c\": \"x\"", StringComparison.Ordinal) == true ? "x" : null);
        Matches("JSON_VALUE(k, '$.arr[1]')", v => K(v)?.Contains("[10, 20, 30]", StringComparison.Ordinal) == true ? "20" : null);
        Assert.Equal("x", Value("JSON_VALUE('{\"a b\": \"x\"}', '$[''a b'']')"));
        Assert.Equal("v", Value("JSON_VALUE('{\"a\": {\"b\": [\"u\", \"v\"]}}', 'strict $.a.b[1]')"));
    }

    [Fact]
    public void JsonValueBehaviorsAndReturning()
    {
        Assert.Equal(1, Value("JSON_VALUE('{\"a\": 1}', '$.a' RETURNING INT)"));
        Assert.Equal(2.5, Value("JSON_VALUE('{\"a\": 2.50}', '$.a' RETURNING DOUBLE)"));
        Assert.Equal(true, Value("JSON_VALUE('{\"a\": true}', '$.a' RETURNING BOOLEAN)"));
        Assert.Equal("none", Value("JSON_VALUE('{\"a\": 1}', '$.b' DEFAULT 'none' ON EMPTY)"));
        Assert.Equal(-1, Value("JSON_VALUE('{\"a\": 1}', '$.b' RETURNING INT DEFAULT -1 ON EMPTY)"));
        Assert.Equal("bad", Value("JSON_VALUE('not json', '$.a' DEFAULT 'bad' ON ERROR)"));
        Assert.Null(Value("JSON_VALUE('{\"a\": {\"b\": 1}}', '$.a')"));
        Assert.Null(Value("JSON_VALUE('{\"a\": \"x\"}', '$.a' RETURNING INT)"));
        Assert.Equal(ErrorDomain.User, Assert.Throws<SluiceException>(() => Value("JSON_VALUE('{\"a\": 1}', '$.b' ERROR ON EMPTY)")).Domain);
        Assert.Equal(ErrorDomain.User, Assert.Throws<SluiceException>(() => Value("JSON_VALUE('x', '$.a' ERROR ON ERROR)")).Domain);
        Assert.Equal(ErrorDomain.User, Assert.Throws<SluiceException>(() => Compile("JSON_VALUE(k, 'a.b')")).Domain);
        Assert.Null(Value("JSON_VALUE('{\"a\": 1}', 'strict $.b')"));
    }

    [Fact]
    public void JsonQueryReturnsJsonText()
    {
        Assert.Equal("{\"c\":\"x\"}", Value("JSON_QUERY('{\"a\": 1, \"b\": {\"c\": \"x\"}}', '$.b')"));
        Assert.Equal("[1,2]", Value("JSON_QUERY('{\"b\": [1, 2]}', '$.b')"));
        Assert.Null(Value("JSON_QUERY('{\"a\": 1}', '$.a')"));
        Assert.Equal("[1]", Value("JSON_QUERY('{\"a\": 1}', '$.a' WITH CONDITIONAL ARRAY WRAPPER)"));
        Assert.Equal("[[1,2]]", Value("JSON_QUERY('{\"b\": [1, 2]}', '$.b' WITH ARRAY WRAPPER)"));
        Assert.Equal("[1,2]", Value("JSON_QUERY('{\"b\": [1, 2]}', '$.b' WITH CONDITIONAL ARRAY WRAPPER)"));
        Assert.Equal("[]", Value("JSON_QUERY('{\"a\": 1}', '$.x' EMPTY ARRAY ON EMPTY)"));
        Assert.Equal("{}", Value("JSON_QUERY('oops', '$.x' EMPTY OBJECT ON ERROR)"));
        Matches("JSON_QUERY(k, '$.b')", v => K(v) switch
        {
            null => null,
            var doc when doc.Contains("\"c\": \"x\"", StringComparison.Ordinal) => "{\"c\":\"x\"}",
            var doc when doc.Contains("\"c\": null", StringComparison.Ordinal) => "{\"c\":null}",
            var doc when doc.Contains("[1, 2]}", StringComparison.Ordinal) => "[1,2]",
            _ => null,
        });
    }

    [Fact]
    public void JsonExists()
    {
        Matches("JSON_EXISTS(k, '$.a')", v => K(v) is { } doc ? doc.Contains("\"a\"", StringComparison.Ordinal) : null);
        Assert.Equal(false, Value("JSON_EXISTS('not json', '$.a')"));
        Assert.Equal(true, Value("JSON_EXISTS('not json', '$.a' TRUE ON ERROR)"));
        Assert.Null(Value("JSON_EXISTS('not json', '$.a' UNKNOWN ON ERROR)"));
        Assert.Equal(true, Value("JSON_EXISTS('{\"a\": [1]}', '$.a[0]')"));
        Assert.Equal(false, Value("JSON_EXISTS('{\"a\": [1]}', '$.a[1]')"));
    }

    [Fact]
    public void JsonConstructors()
    {
        // Flink documentation examples.
        Assert.Equal("{\"K1\":\"V1\",\"K2\":\"V2\"}", Value("JSON_OBJECT('K1' VALUE 'V1', 'K2' VALUE 'V2')"));
        Assert.Equal("{\"K1\":{\"K2\":\"V\"}}", Value("JSON_OBJECT(KEY 'K1' VALUE JSON_OBJECT(KEY 'K2' VALUE 'V'))"));
        Assert.Equal("{\"K1\":null}", Value("JSON_OBJECT(KEY 'K1' VALUE CAST(NULL AS STRING) NULL ON NULL)"));
        Assert.Equal("{}", Value("JSON_OBJECT(KEY 'K1' VALUE CAST(NULL AS STRING) ABSENT ON NULL)"));
        Assert.Equal("[1,\"a\",[2]]", Value("JSON_ARRAY(1, 'a', JSON_ARRAY(2))"));
        Assert.Equal("[]", Value("JSON_ARRAY(CAST(NULL AS INT) ABSENT ON NULL)"));
        Assert.Equal("[null]", Value("JSON_ARRAY(CAST(NULL AS INT) NULL ON NULL)"));
        Assert.Equal("1", Value("JSON_STRING(1)"));
        Assert.Equal("true", Value("JSON_STRING(TRUE)"));
        Assert.Equal("\"Hello, World!\"", Value("JSON_STRING('Hello, World!')"));
        Assert.Equal("[1,2]", Value("JSON_STRING(ARRAY[1, 2])"));
        Assert.Equal("\"a\\\"b\\\\c\\n\"", Value("JSON_STRING('a\"b\\c\n')"));
        Assert.Null(Value("JSON_STRING(CAST(NULL AS INT))"));
        Matches("JSON_OBJECT('a' VALUE a, 's' VALUE s)", v => "{\"a\":" + ((v[0] as int?)?.ToString(CultureInfo.InvariantCulture) ?? "null")
            + ",\"s\":" + (v[4] is string s ? "\"" + s + "\"" : "null") + "}");
        Matches("JSON_STRING(r)", v => v[17] is object?[] f
            ? "{\"x\":" + ((f[0] as int?)?.ToString(CultureInfo.InvariantCulture) ?? "null") + ",\"y\":" + (f[1] is string y ? "\"" + y + "\"" : "null") + "}"
            : null);
    }
}
