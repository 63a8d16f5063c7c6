using Sluice.Core.Types;

namespace Sluice.Sql.Physical.Operators;

/// <summary>One aggregate call of a <see cref="GroupAggregateOperator"/>.</summary>
/// <param name="Kind">The function.</param>
/// <param name="Argument">The input column the function reads; ignored (use -1) for <see cref="AggregateKind.CountStar"/>.</param>
/// <param name="ResultType">
/// The result type chosen by the planner (Flink's rules: BIGINT for counts; the argument's type, or a wider one,
/// for SUM, MIN, MAX and AVG). SUM, MIN, MAX and AVG results are made nullable.
/// </param>
/// <param name="Name">The output column name.</param>
public sealed record AggregateCall(AggregateKind Kind, int Argument, DataType ResultType, string Name);
