using Sluice.Core.Errors;
using static Sluice.Sql.Physical.Tests.Expressions.SqlExpressions;

namespace Sluice.Sql.Physical.Tests.Expressions;

/// <summary>Constructors, element access, field access and collection functions (arr ARRAY&lt;INT&gt;, m MAP&lt;STRING, INT&gt;, r ROW&lt;x, y&gt;).</summary>
public sealed class CollectionFunctionTests
{
    private static object?[]? Arr(object?[] v) => v[15] as object?[];

    private static KeyValuePair<object?, object?>[]? M(object?[] v) => v[16] as KeyValuePair<object?, object?>[];

    [Fact]
    public void ElementAccessIsOneBasedAndNullOutside()
    {
        Matches("arr[1]", v => Arr(v) is { Length: > 0 } a ? a[0] : null);
        Matches("arr[2]", v => Arr(v) is { Length: > 1 } a ? a[1] : null);
        Matches("arr[0]", _ => null);
        Matches("arr[b]", v => Arr(v) is { } a && v[1] is int i && i >= 1 && i <= a.Length ? a[i - 1] : null);
        Matches("m['a']", v => M(v)?.FirstOrDefault(p => Equals(p.Key, "a")).Value);
        Matches("m[s]", v => M(v) is { } m && v[4] is string s ? m.FirstOrDefault(p => Equals(p.Key, s)).Value : null);
    }

    [Fact]
    public void FieldAccessIsNullForNullRows()
    {
        Matches("r.x", v => (v[17] as object?[])?[0]);
        Matches("r.y", v => (v[17] as object?[])?[1]);
        Matches("ROW(a, s).EXPR$1", v => v[4]);
    }

    [Fact]
    public void Constructors()
    {
        Matches("ARRAY[a, b, 7]", v => new object?[] { v[0], v[1], 7 });
        Matches("MAP['k', a, 'k2', b]", v => new[] { new KeyValuePair<object?, object?>("k", v[0]), new KeyValuePair<object?, object?>("k2", v[1]) });
        Matches("ROW(a, s)", v => new object?[] { v[0], v[4] });
        Assert.Equal(new[] { new KeyValuePair<object?, object?>("a", 3), new KeyValuePair<object?, object?>("b", 2) },
            Value("MAP['a', 1, 'b', 2, 'a', 3]"));
        Assert.Equal(new object?[] { 1L, 2L }, Value("ARRAY[1, CAST(2 AS BIGINT)]"));
    }

    [Fact]
    public void CardinalityElementAndContains()
    {
        Matches("CARDINALITY(arr)", v => Arr(v)?.Length);
        Matches("CARDINALITY(m)", v => M(v)?.Length);
        Matches("ARRAY_CONTAINS(arr, 1)", v => Arr(v)?.Contains(1));
        Matches("ARRAY_CONTAINS(arr, a)", v => Arr(v) is { } a ? a.Contains(v[0]) : null);
        Assert.Equal(5, Value("ELEMENT(ARRAY[5])"));
        Assert.Equal(ErrorDomain.User, Assert.Throws<SluiceException>(() => Value("ELEMENT(ARRAY[5, 6])")).Domain);
        Matches("CASE WHEN CARDINALITY(arr) = 1 THEN ELEMENT(arr) END", v => Arr(v) is { Length: 1 } a ? a[0] : null);
    }
}
