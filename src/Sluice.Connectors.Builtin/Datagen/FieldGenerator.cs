using Sluice.Core.Batches;
using Sluice.Core.Types;

namespace Sluice.Connectors.Builtin.Datagen;

/// <summary>
/// Generates the values of one column: the value of row <c>n</c> is a function of the seed, the column and
/// <c>n</c> only. Immutable and thread-safe.
/// </summary>
internal abstract class FieldGenerator
{
    private readonly double _nullRate;

    protected FieldGenerator(int column, DataType type, double nullRate)
    {
        Column = column;
        Type = type;
        _nullRate = nullRate;
    }

    public int Column { get; }

    public DataType Type { get; }

    /// <summary>The number of rows this generator can produce, or null when it never runs out.</summary>
    public virtual long? RowLimit => null;

    /// <summary>Appends the value of row <paramref name="row"/> (or a null, at the null rate).</summary>
    public void Append(RecordBatchBuilder builder, long row, long seed, long startMicros)
    {
        var random = new RandomStream(seed, Column, row);
        if (_nullRate > 0 && random.NextDouble() < _nullRate)
        {
            builder.AppendNull(Column);
            return;
        }

        AppendValue(builder, row, ref random, startMicros);
    }

    protected abstract void AppendValue(RecordBatchBuilder builder, long row, ref RandomStream random, long startMicros);
}
