namespace Sluice.Sql.Functions;

/// <summary>How a .NET type maps to a SQL type (<see cref="ClrTypeMapping.Kind"/>).</summary>
public enum ClrTypeMappingKind
{
    /// <summary>A single value: numbers, <see cref="bool"/>, <see cref="decimal"/>, <see cref="string"/>, <c>byte[]</c>, date-times.</summary>
    Scalar,

    /// <summary>A .NET array <c>T[]</c> as an <c>ARRAY</c>.</summary>
    Array,

    /// <summary>A <see cref="List{T}"/> or one of its interfaces (<see cref="IReadOnlyList{T}"/>, <see cref="IEnumerable{T}"/>, ...) as an <c>ARRAY</c>.</summary>
    List,

    /// <summary>A <see cref="Dictionary{TKey, TValue}"/> or one of its interfaces as a <c>MAP</c>.</summary>
    Map,

    /// <summary>A record, class, struct or value tuple as a <c>ROW</c>, one field per public property (or tuple item).</summary>
    Row,
}
