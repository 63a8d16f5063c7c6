namespace Sluice.Sql.Ast;

/// <summary>The <c>RESPECT NULLS</c> / <c>IGNORE NULLS</c> clause of an aggregate call such as <c>ARRAY_AGG</c>.</summary>
public enum NullTreatment
{
    /// <summary>Not written.</summary>
    Default,

    /// <summary><c>RESPECT NULLS</c>: NULL values are aggregated.</summary>
    Respect,

    /// <summary><c>IGNORE NULLS</c>: NULL values are skipped.</summary>
    Ignore,
}
