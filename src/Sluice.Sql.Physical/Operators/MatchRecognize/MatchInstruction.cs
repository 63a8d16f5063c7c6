namespace Sluice.Sql.Physical.Operators.MatchRecognize;

/// <summary>One instruction of a <see cref="MatchProgram"/>.</summary>
/// <param name="Op">What it does.</param>
/// <param name="Variable">The variable of <see cref="MatchOpCode.Variable"/>, else -1.</param>
/// <param name="X">The (preferred) target of a split or jump.</param>
/// <param name="Y">The less preferred target of a split.</param>
internal readonly record struct MatchInstruction(MatchOpCode Op, int Variable, int X, int Y);
