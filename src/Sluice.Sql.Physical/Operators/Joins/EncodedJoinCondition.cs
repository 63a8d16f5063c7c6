using System.Buffers.Binary;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Physical.Expressions;

namespace Sluice.Sql.Physical.Operators.Joins;

/// <summary>
/// A join's residual condition evaluated on the encoded rows of the two sides (<see cref="RowEncoder"/>'s form, as the
/// join stores them), without decoding either row into a batch: a conjunction of comparisons, each between a column of
/// one side and a column of the other, both BIGINT, or both TIMESTAMP of precision at most 6, possibly plus or minus an
/// interval literal (<c>B.dateTime BETWEEN A.dateTime AND A.expires</c>, <c>B.dateTime &gt;= W.end - INTERVAL '10'
/// SECOND</c>). <see cref="TryCreate"/> gives null for any other condition (the join then evaluates it over decoded
/// pairs).
/// </summary>
/// <remarks>
/// <para><b>Semantics.</b> As the compiled predicate over the joined row: a comparison with a NULL operand is not TRUE, so
/// the pair does not match; a shifted TIMESTAMP is the stored microseconds plus the interval's (a wrapping add, as the
/// expression kernel's); values compare as signed 64-bit integers.</para>
/// <para><b>Use.</b> <see cref="LoadProbe"/> reads the probing row's operands once; <see cref="Matches"/> then tests one stored
/// row of the other side, reading only its operand columns (one pass over the bytes before the last of them).</para>
/// <para><b>Threading.</b> Task thread only (it keeps the probing row's values).</para>
/// </remarks>
internal sealed class EncodedJoinCondition
{
    private readonly Term[] _terms;
    private readonly DataType[][] _types;
    private readonly int[][] _columns;
    private readonly long[] _probe;
    private readonly long[] _stored;
    private readonly bool[] _probeNull;
    private readonly bool[] _storedNull;
    private readonly int[][] _indexes;
    private int _probeSide = -1;

    private EncodedJoinCondition(Term[] terms, Schema left, Schema right)
    {
        _terms = terms;
        _types = [left.Fields.Select(f => f.DataType).ToArray(), right.Fields.Select(f => f.DataType).ToArray()];
        _columns =
        [
            terms.Select(t => t.LeftColumn).Distinct().Order().ToArray(),
            terms.Select(t => t.RightColumn).Distinct().Order().ToArray(),
        ];
        _probe = new long[terms.Length];
        _stored = new long[Math.Max(_columns[0].Length, _columns[1].Length)];
        _probeNull = new bool[terms.Length];
        _storedNull = new bool[_stored.Length];
        var columns = _columns;
        _indexes =
        [
            terms.Select(t => Array.IndexOf(columns[0], t.LeftColumn)).ToArray(),
            terms.Select(t => Array.IndexOf(columns[1], t.RightColumn)).ToArray(),
        ];
    }

    /// <summary>The number of comparisons.</summary>
    public int Comparisons => _terms.Length;

    /// <summary>
    /// The condition in this form, or null when it is not a conjunction of such comparisons (see the class remarks).
    /// </summary>
    /// <param name="condition">The residual condition over the joined row (left columns, then right columns).</param>
    /// <param name="left">The left side's schema.</param>
    /// <param name="right">The right side's schema.</param>
    public static EncodedJoinCondition? TryCreate(BoundExpression condition, Schema left, Schema right)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var leftCount = left.Count;
        var terms = new List<Term>();
        foreach (var conjunct in Conjunction.Conjuncts(condition))
        {
            if (conjunct is not BoundCall { Operands.Count: 2 } call || OperatorOf(call.Function) is not { } op
                || Operand(call.Operands[0]) is not { } a || Operand(call.Operands[1]) is not { } b
                || (a.Column < leftCount) == (b.Column < leftCount) || a.Timestamp != b.Timestamp)
            {
                return null;
            }

            // Normalized to left OP right.
            if (a.Column >= leftCount)
            {
                (a, b) = (b, a);
                op = Mirror(op);
            }

            var leftColumn = a.Column;
            var rightColumn = b.Column - leftCount;
            if (!Readable(left, leftColumn) || !Readable(right, rightColumn))
            {
                return null;
            }

            terms.Add(new Term(leftColumn, a.Shift, op, rightColumn, b.Shift));
        }

        return terms.Count == 0 ? null : new EncodedJoinCondition([.. terms], left, right);
    }

    /// <summary>
    /// Reads the probing row's operands: <paramref name="row"/> (encoded, all columns) of side <paramref name="side"/>
    /// (0 = left). False when one of them is NULL: then no stored row matches (and <see cref="Matches"/> must not be
    /// called).
    /// </summary>
    public bool LoadProbe(int side, ReadOnlySpan<byte> row)
    {
        _probeSide = side;
        Read(_types[side], _columns[side], row, _stored, _storedNull);
        var indexes = _indexes[side];
        for (var t = 0; t < _terms.Length; t++)
        {
            var term = _terms[t];
            var index = indexes[t];
            if (_storedNull[index])
            {
                return false;
            }

            _probe[t] = unchecked(_stored[index] + (side == 0 ? term.LeftShift : term.RightShift));
        }

        return true;
    }

    /// <summary>True when the condition holds for the probing row (<see cref="LoadProbe"/>) and the stored row <paramref name="stored"/> of the other side.</summary>
    public bool Matches(ReadOnlySpan<byte> stored)
    {
        var side = 1 - _probeSide;
        Read(_types[side], _columns[side], stored, _stored, _storedNull);
        var indexes = _indexes[side];
        for (var t = 0; t < _terms.Length; t++)
        {
            var term = _terms[t];
            var index = indexes[t];
            if (_storedNull[index])
            {
                return false;
            }

            var value = unchecked(_stored[index] + (side == 0 ? term.LeftShift : term.RightShift));
            var (left, right) = side == 0 ? (value, _probe[t]) : (_probe[t], value);
            var holds = term.Operator switch
            {
                Op.Less => left < right,
                Op.LessOrEqual => left <= right,
                Op.Greater => left > right,
                Op.GreaterOrEqual => left >= right,
                Op.Equal => left == right,
                _ => left != right,
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads the 64-bit values of <paramref name="columns"/> (ascending) of an encoded row of <paramref name="types"/>.</summary>
    private static void Read(DataType[] types, int[] columns, ReadOnlySpan<byte> row, long[] values, bool[] nulls)
    {
        var position = 0;
        var column = 0;
        for (var i = 0; i < columns.Length; i++)
        {
            for (; column < columns[i]; column++)
            {
                Skip(types[column], row, ref position);
            }

            if (row[position++] == 0)
            {
                nulls[i] = true;
                values[i] = 0;
            }
            else
            {
                nulls[i] = false;
                values[i] = BinaryPrimitives.ReadInt64LittleEndian(row.Slice(position, 8));
                position += 8;
            }

            column++;
        }
    }

    /// <summary>Moves past one encoded value of a flat type (see <see cref="Readable"/>).</summary>
    private static void Skip(DataType type, ReadOnlySpan<byte> row, ref int position)
    {
        if (row[position++] == 0)
        {
            return;
        }

        switch (type.PhysicalType)
        {
            case PhysicalType.Boolean:
            case PhysicalType.Int8:
                position += 1;
                break;
            case PhysicalType.Int16:
                position += 2;
                break;
            case PhysicalType.Int32:
            case PhysicalType.Float32:
                position += 4;
                break;
            case PhysicalType.Int64:
            case PhysicalType.Decimal64:
            case PhysicalType.Float64:
                position += 8;
                break;
            case PhysicalType.Decimal128:
                position += 16;
                break;
            default:
                // Utf8 and Binary (Readable admits nothing else): a var-int length, then the bytes.
                ulong length = 0;
                for (var shift = 0; ; shift += 7)
                {
                    var b = row[position++];
                    length |= (ulong)(b & 0x7F) << shift;
                    if (b < 0x80 || shift >= 63)
                    {
                        break;
                    }
                }

                position = checked(position + (int)Math.Min(length, int.MaxValue));
                break;
        }
    }

    /// <summary>True when the column and every column before it can be read or skipped here (no nested values before it).</summary>
    private static bool Readable(Schema schema, int column)
    {
        for (var c = 0; c < column; c++)
        {
            if (schema[c].DataType.PhysicalType is PhysicalType.List or PhysicalType.Map or PhysicalType.Struct)
            {
                return false;
            }
        }

        return schema[column].DataType.PhysicalType is PhysicalType.Int64;
    }

    /// <summary>A BIGINT column, or a TIMESTAMP(p ≤ 6) column possibly plus or minus a day-time interval literal, possibly widened by a cast.</summary>
    private static (int Column, long Shift, bool Timestamp)? Operand(BoundExpression expression)
    {
        switch (expression)
        {
            case BoundInputRef r when r.Type.TypeId == TypeId.BigInt:
                return (r.Index, 0, false);
            case BoundInputRef r when IsMicrosTimestamp(r.Type):
                return (r.Index, 0, true);
            case BoundCast { IsTry: false } cast when IsMicrosTimestamp(cast.Type) && Operand(cast.Operand) is { Timestamp: true } inner
                && cast.Type.Precision >= cast.Operand.Type.Precision:
                return inner;
            case BoundCall { Operands.Count: 2 } call when IsMicrosTimestamp(call.Type) && call.Operands[0] is BoundInputRef r
                && IsMicrosTimestamp(r.Type) && call.Type.Precision >= r.Type.Precision
                && call.Operands[1] is BoundLiteral { Value: TimeSpan span } && span.Ticks % TimeSpan.TicksPerMicrosecond == 0:
                var micros = span.Ticks / TimeSpan.TicksPerMicrosecond;
                return ReferenceEquals(call.Function, BuiltInFunctions.Plus) ? (r.Index, micros, true)
                    : ReferenceEquals(call.Function, BuiltInFunctions.Minus) ? (r.Index, -micros, true)
                    : null;
            default:
                return null;
        }
    }

    private static bool IsMicrosTimestamp(DataType type) => type is { TypeId: TypeId.Timestamp, Precision: <= 6 };

    private static Op? OperatorOf(FunctionDefinition f) =>
        ReferenceEquals(f, BuiltInFunctions.LessThan) ? Op.Less
        : ReferenceEquals(f, BuiltInFunctions.LessThanOrEqual) ? Op.LessOrEqual
        : ReferenceEquals(f, BuiltInFunctions.GreaterThan) ? Op.Greater
        : ReferenceEquals(f, BuiltInFunctions.GreaterThanOrEqual) ? Op.GreaterOrEqual
        : ReferenceEquals(f, BuiltInFunctions.EqualTo) ? Op.Equal
        : ReferenceEquals(f, BuiltInFunctions.NotEqualTo) ? Op.NotEqual
        : null;

    private static Op Mirror(Op op) => op switch
    {
        Op.Less => Op.Greater,
        Op.LessOrEqual => Op.GreaterOrEqual,
        Op.Greater => Op.Less,
        Op.GreaterOrEqual => Op.LessOrEqual,
        _ => op,
    };

    private enum Op
    {
        Less,
        LessOrEqual,
        Greater,
        GreaterOrEqual,
        Equal,
        NotEqual,
    }

    /// <summary>One comparison: left column + shift OP right column + shift (shifts in microseconds; 0 for BIGINT).</summary>
    private readonly record struct Term(int LeftColumn, long LeftShift, Op Operator, int RightColumn, long RightShift);
}
