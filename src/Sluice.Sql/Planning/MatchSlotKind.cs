namespace Sluice.Sql.Planning;

/// <summary>What a <see cref="MatchSlot"/> reads from the rows of a (partial) match.</summary>
public enum MatchSlotKind
{
    /// <summary><c>LAST(v.x, n)</c> (and a plain <c>v.x</c>, n = 0): x of the n-th last row mapped to the variables.</summary>
    Last,

    /// <summary><c>FIRST(v.x, n)</c>: x of the n-th row (from 0) mapped to the variables.</summary>
    First,

    /// <summary><c>PREV(v.x, n)</c>: x of the row n rows before the last row mapped to the variables, within the match.</summary>
    Prev,

    /// <summary>An aggregate function over the rows mapped to the variables (its arguments evaluated per row).</summary>
    Aggregate,

    /// <summary><c>MATCH_ROWTIME()</c>: the time attribute of the last row of the match.</summary>
    MatchRowtime,

    /// <summary><c>MATCH_PROCTIME()</c>: the processing time when the match is emitted.</summary>
    MatchProctime,

    /// <summary><c>CLASSIFIER()</c>: the name of the variable the last row of the match is mapped to.</summary>
    Classifier,
}
