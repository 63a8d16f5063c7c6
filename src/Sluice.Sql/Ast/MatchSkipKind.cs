namespace Sluice.Sql.Ast;

/// <summary>The strategies of <c>AFTER MATCH SKIP</c>.</summary>
public enum MatchSkipKind
{
    /// <summary><c>SKIP PAST LAST ROW</c>: after the last row of the match (the default).</summary>
    PastLastRow,

    /// <summary><c>SKIP TO NEXT ROW</c>: at the row after the first row of the match.</summary>
    ToNextRow,

    /// <summary><c>SKIP TO FIRST v</c>: at the first row mapped to the variable.</summary>
    ToFirst,

    /// <summary><c>SKIP TO LAST v</c>: at the last row mapped to the variable.</summary>
    ToLast,

    /// <summary><c>SKIP TO v</c>: as <c>TO LAST v</c>.</summary>
    ToVariable,
}
