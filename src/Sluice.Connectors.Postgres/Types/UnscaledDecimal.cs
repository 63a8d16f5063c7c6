namespace Sluice.Connectors.Postgres.Types;

/// <summary>
/// A <c>DECIMAL</c> value read from PostgreSQL that a <see cref="decimal"/> cannot hold (more than 28 significant
/// digits, or a scale above 28): its unscaled value at the column's scale, appended to the batch as it is stored
/// (<see cref="PostgresTypes.Append"/>). Immutable.
/// </summary>
/// <param name="Unscaled">The value times 10 to the column's scale.</param>
internal readonly record struct UnscaledDecimal(Int128 Unscaled);
