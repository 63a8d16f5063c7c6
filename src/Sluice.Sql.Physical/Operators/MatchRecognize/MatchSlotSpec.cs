using Sluice.Core.Types;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Operators.MatchRecognize;

/// <summary>
/// A <see cref="MatchSlot"/> over the operator's input columns: what it reads, from the rows of which variables (empty: all),
/// the navigation offset, the column of a navigation and the aggregate call of an aggregate (its arguments are input
/// columns).
/// </summary>
/// <param name="Kind">What the slot reads.</param>
/// <param name="Variables">The variables whose rows count; empty for all rows.</param>
/// <param name="Offset">The navigation offset.</param>
/// <param name="Column">The input column of a navigation, else -1.</param>
/// <param name="Aggregate">The aggregate call of an aggregate slot, else null.</param>
/// <param name="Type">The slot's type.</param>
internal sealed record MatchSlotSpec(MatchSlotKind Kind, int[] Variables, int Offset, int Column, AggregateCall? Aggregate, DataType Type);
