using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>RAND([seed])</c> (a double in [0, 1)), <c>RAND_INTEGER([seed,] bound)</c> (an int in [0, bound)) and
/// <c>UUID()</c>, drawn from <c>java.util.Random</c>'s generator so a seeded call gives Flink's sequence. Each call site
/// owns one generator for the life of the compiled expression (one per operator instance); a non-literal seed seeds a
/// fresh generator per row, so equal seeds give equal values. A NULL seed or bound gives NULL; a bound that is not
/// positive is an error.
/// </summary>
internal sealed class RandomKernel(Kernel? seed, Kernel? bound, bool uuid, JavaRandom generator, DataType type)
    : Kernel(type, seed is null ? bound is null ? [] : [bound] : bound is null ? [seed] : [seed, bound])
{
    private readonly Kernel? _seed = seed;
    private readonly Kernel? _bound = bound;
    private readonly bool _uuid = uuid;
    private readonly JavaRandom _generator = generator;

    protected override bool SelfMayFail => _bound is not null;

    public override ColumnVector Evaluate(in Frame frame)
    {
        var rows = frame.Count;
        using var seeds = _seed?.Evaluate(frame);
        using var bounds = _bound?.Evaluate(frame);
        if (_uuid)
        {
            using var builder = new BytesVectorBuilder(Type, rows);
            Span<byte> bytes = stackalloc byte[16];
            Span<byte> text = stackalloc byte[36];
            for (var i = 0; i < rows; i++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes, _generator.NextLong());
                System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes[8..], _generator.NextLong());
                bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
                bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
                new Guid(bytes, bigEndian: true).TryFormat(text, out _, "D");
                builder.Append(text);
            }

            return builder.Build();
        }

        ColumnVector result = _bound is null ? PrimitiveVector<double>.Allocate(Type, rows) : PrimitiveVector<int>.Allocate(Type, rows);
        for (var i = 0; i < rows; i++)
        {
            if ((seeds?.IsNull(i) ?? false) || (bounds?.IsNull(i) ?? false))
            {
                result.SetNull(i);
                continue;
            }

            var generator = seeds is null || _seed is LiteralKernel ? _generator : new JavaRandom(SeedAt(seeds, i));
            if (bounds is null)
            {
                ((PrimitiveVector<double>)result).Values[i] = generator.NextDouble();
            }
            else
            {
                var limit = ((PrimitiveVector<int>)bounds).Values[i];
                if (limit <= 0)
                {
                    throw new Core.Errors.SluiceException($"The bound of RAND_INTEGER must be positive, not {limit}.", Core.Errors.ErrorDomain.User);
                }

                ((PrimitiveVector<int>)result).Values[i] = generator.NextInt(limit);
            }
        }

        return result;
    }

    private static long SeedAt(ColumnVector seeds, int row) => ((PrimitiveVector<long>)seeds).Values[row];
}
