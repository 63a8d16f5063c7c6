namespace Sluice.Sql.Physical.Expressions;

/// <summary>The JSON query function a <see cref="JsonFunctionKernel"/> computes.</summary>
internal enum JsonFunction
{
    /// <summary><c>JSON_VALUE</c>: a scalar as text.</summary>
    Value,

    /// <summary><c>JSON_QUERY</c> without an array wrapper: an object or array as JSON text.</summary>
    Query,

    /// <summary><c>JSON_QUERY ... WITH CONDITIONAL ARRAY WRAPPER</c>: scalars wrapped in an array.</summary>
    QueryConditionalWrapper,

    /// <summary><c>JSON_QUERY ... WITH [UNCONDITIONAL] ARRAY WRAPPER</c>: every item wrapped in an array.</summary>
    QueryWrapper,

    /// <summary><c>JSON_EXISTS</c>: whether the path selects something.</summary>
    Exists,
}
