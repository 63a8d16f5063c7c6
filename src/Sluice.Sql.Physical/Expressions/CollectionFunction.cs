namespace Sluice.Sql.Physical.Expressions;

/// <summary>A function of an array, multiset or map computed by <see cref="CollectionKernel"/>.</summary>
internal enum CollectionFunction
{
    /// <summary><c>array[i]</c> (1-based) or <c>map[key]</c>.</summary>
    Item,

    /// <summary><c>CARDINALITY(c)</c>: the number of elements or entries.</summary>
    Cardinality,

    /// <summary><c>ELEMENT(a)</c>: the only element.</summary>
    Element,

    /// <summary><c>ARRAY_CONTAINS(a, v)</c>.</summary>
    Contains,
}
