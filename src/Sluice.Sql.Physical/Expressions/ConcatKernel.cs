using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary><c>CONCAT(a, b, ...)</c> and <c>a || b</c>: the operands' bytes back to back; NULL when any is NULL.</summary>
internal sealed class ConcatKernel(Kernel[] operands, DataType type) : Kernel(type)
{
    private readonly Kernel[] _operands = operands;
    private byte[] _scratch = new byte[256];

    public override ColumnVector Evaluate(RecordBatch batch)
    {
        var rows = batch.PhysicalRowCount;
        var vectors = new ColumnVector[_operands.Length];
        try
        {
            for (var k = 0; k < vectors.Length; k++)
            {
                vectors[k] = _operands[k].Evaluate(batch);
            }

            var nulls = NullMasks.Union(rows, vectors);
            using var builder = new BytesVectorBuilder(Type, rows);
            for (var i = 0; i < rows; i++)
            {
                if (NullMasks.Get(nulls, i))
                {
                    builder.AppendNull();
                    continue;
                }

                var length = 0;
                foreach (var vector in vectors)
                {
                    length += ((BytesVector)vector).GetByteCount(i);
                }

                if (_scratch.Length < length)
                {
                    _scratch = new byte[Math.Max(length, 2 * _scratch.Length)];
                }

                var position = 0;
                foreach (var vector in vectors)
                {
                    var bytes = ((BytesVector)vector).GetBytes(i);
                    bytes.CopyTo(_scratch.AsSpan(position));
                    position += bytes.Length;
                }

                builder.Append(_scratch.AsSpan(0, length));
            }

            return builder.Build();
        }
        finally
        {
            foreach (var vector in vectors)
            {
                vector?.Dispose();
            }
        }
    }
}
