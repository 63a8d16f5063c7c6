using Sluice.Core.Types;

namespace Sluice.Sql.Catalog.Functions;

/// <summary>
/// The types the binder casts operands to before the call (null for an operand that stays as it is), given the
/// inferred result type. For example <c>COALESCE</c> casts every operand to its result type.
/// </summary>
/// <param name="call">The call being bound.</param>
/// <param name="returnType">The inferred result type.</param>
public delegate IReadOnlyList<DataType?> OperandCoercion(CallContext call, DataType returnType);
