using Sluice.Core.Types;

namespace Sluice.Sql.Physical.Operators.Over;

/// <summary>
/// <c>LAG(value [, offset [, default]])</c> (or <c>LEAD</c>) in an OVER aggregation: the value column of the row
/// <paramref name="Offset"/> rows before (after, for <c>LEAD</c>) the current one in its partition's order, or the default
/// column of the current row when there is no such row (NULL without a default). Immutable.
/// </summary>
/// <param name="Column">The value column of the input.</param>
/// <param name="Offset">How many rows back (0 is the current row).</param>
/// <param name="DefaultColumn">The input column with the default (of the result type), or -1 for NULL.</param>
/// <param name="Type">The result type (the value column's type, nullable).</param>
/// <param name="Name">The output column name.</param>
/// <param name="IsLead">True for <c>LEAD</c> (a later row), false for <c>LAG</c>.</param>
public sealed record OverLagCall(int Column, int Offset, int DefaultColumn, DataType Type, string Name, bool IsLead = false);
