using Sluice.Core.Types;

namespace Sluice.Sql.Catalog.Functions;

/// <summary>
/// Computes the result type of a call from its operands, once they matched one of the function's signatures.
/// May throw <see cref="CallContext.Error"/> for operand combinations the signatures cannot express.
/// </summary>
/// <param name="call">The call being bound.</param>
public delegate DataType ReturnTypeInference(CallContext call);
