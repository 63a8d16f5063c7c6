namespace Sluice.Sql.Physical.Operators.WindowJoin;

/// <summary>The <c>window_start</c> and <c>window_end</c> columns of one input of a window operator (TIMESTAMP or TIMESTAMP_LTZ).</summary>
/// <param name="Start">The <c>window_start</c> column.</param>
/// <param name="End">The <c>window_end</c> column.</param>
public readonly record struct WindowColumns(int Start, int End);
