namespace Sluice.Sql.Planning;

/// <summary>The kind of a join.</summary>
public enum JoinType
{
    /// <summary>Pairs that satisfy the condition.</summary>
    Inner,

    /// <summary>Inner pairs, plus unmatched left rows padded with nulls.</summary>
    Left,

    /// <summary>Inner pairs, plus unmatched right rows padded with nulls.</summary>
    Right,

    /// <summary>Inner pairs, plus unmatched rows of both sides padded with nulls.</summary>
    Full,

    /// <summary>Left rows with at least one match (<c>IN</c>, <c>EXISTS</c>); outputs left columns only.</summary>
    Semi,

    /// <summary>Left rows without a match (<c>NOT IN</c>, <c>NOT EXISTS</c>); outputs left columns only.</summary>
    Anti,
}
