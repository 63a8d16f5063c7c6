namespace Sluice.Sql.Physical.Operators.SetOps;

/// <summary>The set operation a <see cref="SetOperationOperator"/> computes over the multisets of rows of its two inputs.</summary>
public enum SetOperationKind
{
    /// <summary><c>INTERSECT</c>: each distinct row present in both inputs, once.</summary>
    Intersect,

    /// <summary><c>INTERSECT ALL</c>: each row min(left count, right count) times.</summary>
    IntersectAll,

    /// <summary><c>EXCEPT</c>: each distinct row present in the left input and absent from the right, once.</summary>
    Except,

    /// <summary><c>EXCEPT ALL</c>: each row max(left count - right count, 0) times.</summary>
    ExceptAll,
}
