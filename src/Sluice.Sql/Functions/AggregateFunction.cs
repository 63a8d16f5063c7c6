namespace Sluice.Sql.Functions;

/// <summary>
/// An aggregate function (Flink's <c>AggregateFunction&lt;T, ACC&gt;</c>): one value per group (<c>GROUP BY</c>), per
/// window (window table functions) or per row (<c>OVER</c>), computed through a mutable accumulator.
/// </summary>
/// <typeparam name="TResult">The result; its SQL type follows <see cref="ClrTypeMapping"/> (override it with
/// <c>[return: SqlType(...)]</c> on <see cref="GetValue"/> or <see cref="FunctionHintAttribute.Output"/>). The result is
/// always nullable; it must be a non-nested type.</typeparam>
/// <typeparam name="TAccumulator">The accumulator: a class whose public properties and fields System.Text.Json can
/// write and read back (a plain record or class with a parameterless or a matching constructor), because it is
/// kept in checkpoints as JSON.</typeparam>
/// <remarks>
/// <para><b>Methods by convention</b>, as in Flink, found by name (public, instance, returning <c>void</c>, the accumulator
/// first):</para>
/// <list type="bullet">
/// <item><c>Accumulate(TAccumulator acc, ...)</c>: required, one or more overloads; the other parameters give the SQL
/// signatures.</item>
/// <item><c>Retract(TAccumulator acc, ...)</c>: with the parameters of an <c>Accumulate</c> overload; needed when the
/// input is an updating stream (a retraction arrives) and for bounded <c>OVER</c> frames.</item>
/// <item><c>Merge(TAccumulator acc, TAccumulator other)</c> or <c>Merge(TAccumulator acc, IEnumerable&lt;TAccumulator&gt;
/// others)</c>: needed by session windows.</item>
/// </list>
/// <para><b>Nulls.</b> A row whose argument of a non-nullable parameter is <c>NULL</c> is skipped (neither accumulated nor
/// retracted); nullable parameters receive <c>null</c>.</para>
/// </remarks>
public abstract class AggregateFunction<TResult, TAccumulator> : UserDefinedFunction
    where TAccumulator : class
{
    /// <summary>A new, empty accumulator.</summary>
    public abstract TAccumulator CreateAccumulator();

    /// <summary>The result for an accumulator.</summary>
    public abstract TResult GetValue(TAccumulator accumulator);
}
