namespace Sluice.Sql.Catalog.Functions;

/// <summary>
/// A function the binder can call: its name, kind, accepted signatures, result-type inference and optional
/// operand coercion. Built-in functions are in <see cref="BuiltInFunctions"/>; user-defined functions (C# UDFs)
/// are definitions of the same shape registered in a catalog. Immutable; compared by reference.
/// </summary>
public sealed class FunctionDefinition
{
    /// <summary>Creates a definition.</summary>
    /// <param name="name">The name, as called in SQL (matched case-insensitively) and printed in plans.</param>
    /// <param name="kind">Where the function may be called.</param>
    /// <param name="signatures">The accepted argument forms; a call must match one.</param>
    /// <param name="returnType">Computes the result type.</param>
    public FunctionDefinition(string name, FunctionKind kind, IReadOnlyList<FunctionSignature> signatures, ReturnTypeInference returnType)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(signatures);
        ArgumentNullException.ThrowIfNull(returnType);
        Name = name;
        Kind = kind;
        Signatures = signatures.ToArray();
        ReturnType = returnType;
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>Where the function may be called.</summary>
    public FunctionKind Kind { get; }

    /// <summary>How calls are written in plan text.</summary>
    public FunctionSyntax Syntax { get; init; } = FunctionSyntax.Function;

    /// <summary>The accepted argument forms.</summary>
    public IReadOnlyList<FunctionSignature> Signatures { get; }

    /// <summary>Computes the result type.</summary>
    public ReturnTypeInference ReturnType { get; }

    /// <summary>Casts operands before the call, or null to leave them as they are.</summary>
    public OperandCoercion? CoerceOperands { get; init; }

    /// <summary>False for functions whose result varies between calls with equal operands (<c>RAND</c>, <c>NOW</c>): never folded.</summary>
    public bool IsDeterministic { get; init; } = true;

    /// <summary>True for the functions Sluice ships; they cannot be replaced or dropped.</summary>
    public bool IsBuiltIn { get; init; }

    /// <summary>True when a call can be written without parentheses (<c>CURRENT_TIMESTAMP</c>).</summary>
    public bool AllowsNoParentheses { get; init; }

    /// <summary>One line of documentation.</summary>
    public string? Description { get; init; }

    /// <summary>The C# class behind a user-defined function, for the runtime; null for built-in functions.</summary>
    public Sluice.Sql.Functions.UserDefinedFunctionDescriptor? Implementation { get; init; }

    /// <summary>The signatures as text, separated by "or": <c>UPPER(&lt;CHARACTER&gt;)</c>, <c>&lt;NUMERIC&gt; + &lt;NUMERIC&gt;</c>.</summary>
    public string SignatureText => string.Join(" or ", Signatures.Select(FormatSignature));

    /// <summary>One signature as text, written as the function is called.</summary>
    public string FormatSignature(FunctionSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return Syntax switch
        {
            FunctionSyntax.Binary when signature.Parameters.Count == 2 =>
                $"{FunctionSignature.FamilyName(signature.Parameters[0])} {Name} {FunctionSignature.FamilyName(signature.Parameters[1])}",
            FunctionSyntax.Prefix when signature.Parameters.Count == 1 => $"{Name} {FunctionSignature.FamilyName(signature.Parameters[0])}",
            FunctionSyntax.Postfix when signature.Parameters.Count == 1 => $"{FunctionSignature.FamilyName(signature.Parameters[0])} {Name}",
            FunctionSyntax.Niladic => Name,
            _ => signature.Format(Name),
        };
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
