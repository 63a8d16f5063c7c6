using Sluice.Core.Errors;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// <c>SINGLE_VALUE(x)</c>, the value of a correlated scalar subquery per key: the only non-null value of the group
/// (NULL when there is none); a group with more than one row is an error, as a scalar subquery must return at most one
/// row. Retractable: the values are counted, and a retraction before an accumulation is remembered as a negative count.
/// </summary>
internal sealed class SingleValueFunction(AggregateCall call) : CountedValuesFunction(call)
{
    /// <exception cref="SluiceException">The group has more than one row.</exception>
    public override AggregateValue? GetResult(object accumulator)
    {
        AggregateValue? single = null;
        var rows = 0L;
        foreach (var (value, count) in Counts(accumulator))
        {
            if (count > 0)
            {
                rows += count;
                single = value;
            }
        }

        if (rows > 1)
        {
            throw new SluiceException($"A scalar subquery returned {rows} rows for one key ({Call.Name}); it must return at most one.", ErrorDomain.User);
        }

        return single;
    }
}
