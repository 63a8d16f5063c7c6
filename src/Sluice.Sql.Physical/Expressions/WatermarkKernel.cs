using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>CURRENT_WATERMARK(rowtime)</c>: the evaluating operator's current watermark (read once per batch from
/// <see cref="ExpressionEnvironment.CurrentWatermark"/>) as a millisecond <c>TIMESTAMP(3)</c> or
/// <c>TIMESTAMP_LTZ(3)</c>; NULL before the operator received its first watermark (and for the end-of-input watermark,
/// which has no timestamp). The argument only chooses the type and is not evaluated.
/// </summary>
internal sealed class WatermarkKernel(Func<long> watermark, DataType type) : Kernel(type)
{
    private const long MaxMillis = long.MaxValue / 1000;
    private const long MinMillis = -MaxMillis;

    private readonly Func<long> _watermark = watermark;

    public override ColumnVector Evaluate(in Frame frame)
    {
        var rows = frame.Count;
        var watermark = frame.Context.Watermark(_watermark);
        var result = PrimitiveVector<long>.Allocate(Type, rows);
        if (watermark <= MinMillis || watermark >= MaxMillis)
        {
            for (var i = 0; i < rows; i++)
            {
                result.SetNull(i);
            }

            return result;
        }

        result.Values.Fill(watermark * 1000);
        return result;
    }
}
