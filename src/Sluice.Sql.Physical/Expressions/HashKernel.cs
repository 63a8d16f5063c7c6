using System.Security.Cryptography;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>MD5</c>, <c>SHA1</c>, <c>SHA224</c>, <c>SHA256</c>, <c>SHA384</c>, <c>SHA512</c> and <c>SHA2(s, bits)</c>: the
/// digest of the UTF-8 bytes (or binary) as lower-case hex, computed into stack buffers. SHA2 takes 224, 256, 384 or
/// 512 bits (0 means 256, as Hive); another length is NULL. SHA-224 is computed by this class (the platform has no SHA-224).
/// </summary>
internal sealed class HashKernel(Kernel[] operands, int bits, bool md5, DataType type) : NaryKernel(operands, type)
{
    private readonly int _bits = bits;
    private readonly bool _md5 = md5;

    protected override ColumnVector Compute(in Frame frame, ColumnVector[] operands)
    {
        var rows = frame.Count;
        var nulls = NullMasks.Union(rows, operands);
        var input = (BytesVector)operands[0];
        using var builder = new BytesVectorBuilder(Type, rows);
        Span<byte> digest = stackalloc byte[64];
        Span<byte> hex = stackalloc byte[128];
        for (var i = 0; i < rows; i++)
        {
            var bits = _bits;
            if (operands.Length > 1)
            {
                bits = ((PrimitiveVector<int>)operands[1]).Values[i];
                bits = bits == 0 ? 256 : bits is 224 or 256 or 384 or 512 ? bits : -1;
            }

            if (NullMasks.Get(nulls, i) || bits < 0)
            {
                builder.AppendNull();
                continue;
            }

            var bytes = input.GetBytes(i);
#pragma warning disable CA5350, CA5351 // MD5 and SHA-1 are SQL functions users call for checksums, not security.
            var length = _md5 ? MD5.HashData(bytes, digest) : bits switch
            {
                160 => SHA1.HashData(bytes, digest),
                224 => Sha224.HashData(bytes, digest),
                256 => SHA256.HashData(bytes, digest),
                384 => SHA384.HashData(bytes, digest),
                _ => SHA512.HashData(bytes, digest),
            };
#pragma warning restore CA5350, CA5351
            for (var k = 0; k < length; k++)
            {
                hex[2 * k] = (byte)"0123456789abcdef"[digest[k] >> 4];
                hex[(2 * k) + 1] = (byte)"0123456789abcdef"[digest[k] & 0xF];
            }

            builder.Append(hex[..(2 * length)]);
        }

        return builder.Build();
    }
}
