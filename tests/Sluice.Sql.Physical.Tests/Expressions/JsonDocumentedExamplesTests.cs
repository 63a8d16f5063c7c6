using static Sluice.Sql.Physical.Tests.Expressions.SqlExpressions;

namespace Sluice.Sql.Physical.Tests.Expressions;

/// <summary>
/// The examples of Flink's JSON function documentation that need path wildcards (<c>[*]</c>, <c>.*</c>), bracket
/// steps after a dot (<c>$.['a b']</c>), <c>RETURNING ARRAY&lt;STRING&gt;</c>, conditional wrappers of objects, and
/// BOOLEAN defaults; each with the result the documentation gives.
/// </summary>
public sealed class JsonDocumentedExamplesTests
{
    [Fact]
    public void Json_value_examples()
    {
        Assert.Equal("true", Value("JSON_VALUE('{\"a\": true}', '$.a')"));
        Assert.Equal(true, Value("JSON_VALUE('{\"a\": true}', '$.a' RETURNING BOOLEAN)"));
        Assert.Equal("false", Value("JSON_VALUE('{\"a\": true}', 'lax $.b' DEFAULT FALSE ON EMPTY)"));
        Assert.Equal("false", Value("JSON_VALUE('{\"a\": true}', 'strict $.b' DEFAULT FALSE ON ERROR)"));
        Assert.Equal(0.998, Value("JSON_VALUE('{\"a.b\": [0.998,0.996]}','$.[\"a.b\"][0]' RETURNING DOUBLE)"));
        Assert.Equal("right", Value("JSON_VALUE('{\"contains blank\": \"right\"}', 'strict $.[''contains blank'']' NULL ON EMPTY DEFAULT 'wrong' ON ERROR)"));
        Assert.Equal(false, Value("JSON_VALUE('{\"a\": true}', 'lax $.b' RETURNING BOOLEAN DEFAULT FALSE ON EMPTY)"));
    }

    [Fact]
    public void Json_query_examples()
    {
        Assert.Equal("[\"c1\",\"c2\"]", Value("JSON_QUERY('{\"a\":[{\"c\":\"c1\"},{\"c\":\"c2\"}]}', 'lax $.a[*].c')"));
        Assert.Equal(new object?[] { "c1", "c2" },
            Value("JSON_QUERY('{\"a\":[{\"c\":\"c1\"},{\"c\":\"c2\"}]}', 'lax $.a[*].c' RETURNING ARRAY<STRING>)"));
        Assert.Equal("[{}]", Value("JSON_QUERY('{}', '$' WITH CONDITIONAL ARRAY WRAPPER)"));
        Assert.Equal("[1,2]", Value("JSON_QUERY('[1, 2]', '$' WITH CONDITIONAL ARRAY WRAPPER)"));
        Assert.Equal("[[1,2]]", Value("JSON_QUERY('[1, 2]', '$' WITH UNCONDITIONAL ARRAY WRAPPER)"));
        Assert.Equal("{}", Value("JSON_QUERY('{}', 'lax $.invalid' EMPTY OBJECT ON EMPTY)"));
        Assert.Equal("[]", Value("JSON_QUERY('{}', 'strict $.invalid' EMPTY ARRAY ON ERROR)"));
    }

    [Fact]
    public void Wildcards_select_every_element_or_member_in_document_order()
    {
        Assert.Equal("[1,{\"x\":2},[3]]", Value("JSON_QUERY('{\"a\": 1, \"b\": {\"x\": 2}, \"c\": [3]}', '$.*')"));
        Assert.Equal("[2]", Value("JSON_QUERY('{\"a\": [{\"x\": 1}, {\"y\": 2}]}', 'lax $.a[*].y')"));
        // Lax: [*] on a non-array selects the item itself; strict: an error.
        Assert.Equal("[5]", Value("JSON_QUERY('{\"a\": 5}', 'lax $.a[*]')"));
        Assert.Null(Value("JSON_QUERY('{\"a\": 5}', 'strict $.a[*]')"));
        Assert.Equal(true, Value("JSON_EXISTS('{\"a\": [{\"b\": 1}]}', '$.a[*].b')"));
        Assert.Equal(false, Value("JSON_EXISTS('{\"a\": [{\"b\": 1}]}', '$.a[*].c')"));
        // A wildcard path selects an array, so JSON_VALUE (a scalar) is NULL on error.
        Assert.Null(Value("JSON_VALUE('{\"a\": [1, 2]}', '$.a[*]')"));
    }
}
