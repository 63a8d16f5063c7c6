namespace Sluice.Sql.Planning;

/// <summary>The result of a rewrite: the value, and whether it differs from the input.</summary>
/// <typeparam name="T">The rewritten type.</typeparam>
/// <param name="Value">The result (the input itself when nothing changed).</param>
/// <param name="IsTransformed">True when the rewrite changed something.</param>
public readonly record struct Transformed<T>(T Value, bool IsTransformed);
