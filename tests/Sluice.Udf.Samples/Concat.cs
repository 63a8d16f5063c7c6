using Sluice.Sql.Functions;

namespace Sluice.Udf.Samples;

/// <summary>
/// <c>concat_all(s)</c>: the values joined with '|', NULLs as '-' (a nullable parameter receives them). Has no Retract
/// and no Merge, for the error cases.
/// </summary>
public sealed class Concat : AggregateFunction<string, ConcatAccumulator>
{
    /// <inheritdoc />
    public override ConcatAccumulator CreateAccumulator() => new();

    /// <inheritdoc />
    public override string GetValue(ConcatAccumulator accumulator) => string.Join('|', accumulator.Values.Select(v => v ?? "-"));

    /// <summary>Adds a value.</summary>
    public void Accumulate(ConcatAccumulator accumulator, string? value) => accumulator.Values.Add(value);
}
