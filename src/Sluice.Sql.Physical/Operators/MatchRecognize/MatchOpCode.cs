namespace Sluice.Sql.Physical.Operators.MatchRecognize;

/// <summary>The instructions of a <see cref="MatchProgram"/>.</summary>
internal enum MatchOpCode : byte
{
    /// <summary>Consume one row that meets the variable's condition, then go on at the next instruction.</summary>
    Variable,

    /// <summary>Go on at X, and (less preferred) at Y.</summary>
    Split,

    /// <summary>Go on at X.</summary>
    Jump,

    /// <summary>The pattern is complete.</summary>
    Match,
}
