using System.Text;
using System.Text.Json;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Sql.Functions;
using Sluice.Sql.Physical.Udf;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// A C# aggregate function (<see cref="AggregateFunction{TResult, TAccumulator}"/>) behind an
/// <see cref="AggregateKind.UserDefined"/> call: its accumulators are the function's own objects, and rows reach its
/// <c>Accumulate</c> / <c>Retract</c> methods through delegates compiled once, which read the argument columns straight
/// into the methods' .NET parameter types.
/// </summary>
/// <remarks>
/// <para><b>Rows.</b> <see cref="Aggregator"/> hands every row that passes the call's filter to <see cref="Apply"/>;
/// rows whose argument of a non-nullable parameter is NULL are skipped, nullable parameters receive <c>null</c>. With
/// <c>DISTINCT</c> (one argument), <see cref="DistinctFunction"/> passes each distinct non-null value once.</para>
/// <para><b>State.</b> Accumulators are written as JSON (System.Text.Json, public properties and fields) in checkpoints
/// and savepoints, so the accumulator type must round-trip through JSON.</para>
/// <para><b>Lifecycle.</b> The function instance is created and opened on first use (per operator subtask).</para>
/// <para><b>Errors.</b> A retraction without a <c>Retract</c> method, a merge without a <c>Merge</c> method, and
/// exceptions of the function's methods fail the job with a <see cref="SluiceException"/> naming the function.</para>
/// </remarks>
internal sealed class UserDefinedAggregateFunction : AggregateFunction
{
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true };

    private readonly UserDefinedFunctionDescriptor _descriptor;
    private readonly FunctionOverload _overload;
    private readonly DataType[] _argumentTypes;
    private readonly ColumnVector[] _arguments;
    private readonly string _name;
    private UserDefinedFunction? _instance;
    private Action<object, ColumnVector[], int>? _accumulate;
    private Action<object, ColumnVector[], int>? _retract;
    private Func<object>? _create;
    private Func<object, object?>? _getValue;
    private Action<object, object>? _merge;

    /// <summary>Resolves the call's <c>Accumulate</c> overload for its argument columns in <paramref name="schema"/>.</summary>
    /// <exception cref="ArgumentException">The call has no function, or no overload fits its argument types.</exception>
    public UserDefinedAggregateFunction(AggregateCall call, Schema schema)
        : base(call)
    {
        _descriptor = call.UserDefined ?? throw new ArgumentException($"Aggregate {call.Name} ({call}) has no user-defined function.", nameof(call));
        _name = $"{call.Name} ({_descriptor.FunctionType.FullName})";
        _argumentTypes = call.Arguments.Select(a => schema[a].DataType).ToArray();
        _overload = _descriptor.Resolve(_argumentTypes, _descriptor.FunctionType.Name, out var error)
            ?? throw new ArgumentException($"Aggregate {call.Name}: {error}.", nameof(call));
        for (var i = 0; i < _argumentTypes.Length; i++)
        {
            if (!_argumentTypes[i].EqualsIgnoringNullability(_overload.Parameters[i].SqlType))
            {
                throw new ArgumentException(
                    $"Aggregate {call.Name}: argument {i + 1} is {_argumentTypes[i]}, but {_overload.Format(_descriptor.FunctionType.Name)} takes {_overload.Parameters[i].SqlType}; cast the argument columns first.",
                    nameof(call));
            }
        }

        if (call.IsDistinct && (_argumentTypes.Length != 1 || !AggregateValue.IsSupported(_argumentTypes[0])))
        {
            throw new ArgumentException(
                $"Aggregate {call.Name}: DISTINCT with a user-defined aggregate function needs exactly one argument of a non-nested type.", nameof(call));
        }

        _arguments = new ColumnVector[_argumentTypes.Length];
    }

    /// <inheritdoc />
    public override bool ReadsValue => Call.IsDistinct;

    /// <summary>Accumulates or retracts physical row <paramref name="physicalRow"/> of <paramref name="batch"/>.</summary>
    public void Apply(object accumulator, RecordBatch batch, int physicalRow, bool retract)
    {
        EnsureOpen();
        for (var i = 0; i < _arguments.Length; i++)
        {
            _arguments[i] = batch.Column(Call.Arguments[i]);
        }

        try
        {
            Invoke(accumulator, _arguments, physicalRow, retract);
        }
        finally
        {
            Array.Clear(_arguments);
        }
    }

    /// <inheritdoc />
    public override object CreateAccumulator()
    {
        EnsureOpen();
        return Guard("CreateAccumulator", () => _create!()) ?? throw new SluiceException($"The aggregate function {_name} created a null accumulator.", ErrorDomain.User);
    }

    /// <inheritdoc />
    /// <remarks>Only with <c>DISTINCT</c>: each distinct value once.</remarks>
    public override void Accumulate(object accumulator, in AggregateValue value, long order) => ApplyValue(accumulator, value, retract: false);

    /// <inheritdoc />
    public override void Retract(object accumulator, in AggregateValue value) => ApplyValue(accumulator, value, retract: true);

    /// <inheritdoc />
    public override void Merge(object target, object source)
    {
        EnsureOpen();
        var merge = _merge ?? throw new SluiceException(
            $"The aggregate function {_name} has no Merge method, which merging windows (session windows) need: add void Merge({_descriptor.AccumulatorType!.Name} accumulator, {_descriptor.AccumulatorType.Name} other).",
            ErrorDomain.User);
        Guard("Merge", () =>
        {
            merge(target, source);
            return null;
        });
    }

    /// <inheritdoc />
    public override AggregateValue? GetResult(object accumulator)
    {
        EnsureOpen();
        var value = Guard("GetValue", () => _getValue!(accumulator));
        return value is null ? null : ToAggregateValue(value, Call.ResultType);
    }

    /// <inheritdoc />
    public override void Write(object accumulator, BinaryBufferWriter writer)
    {
        byte[] json;
        try
        {
            json = JsonSerializer.SerializeToUtf8Bytes(accumulator, _descriptor.AccumulatorType!, Json);
        }
        catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw new StateException(
                $"The accumulator {_descriptor.AccumulatorType!.FullName} of the aggregate function {_name} cannot be written as JSON: {e.Message}",
                ErrorDomain.User, e);
        }

        writer.WriteBytes(json);
    }

    /// <inheritdoc />
    public override object Read(BinaryBufferReader reader)
    {
        var json = reader.ReadBytes();
        try
        {
            return JsonSerializer.Deserialize(json.Span, _descriptor.AccumulatorType!, Json)
                ?? throw new JsonException("the accumulator is null");
        }
        catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw new StateException(
                $"The accumulator {_descriptor.AccumulatorType!.FullName} of the aggregate function {_name} cannot be read from its JSON state " +
                $"({Encoding.UTF8.GetString(json.Span)}): {e.Message}", ErrorDomain.User, e);
        }
    }

    private void ApplyValue(object accumulator, in AggregateValue value, bool retract)
    {
        EnsureOpen();
        using var builder = ColumnVectorBuilder.Create(_argumentTypes[0], 1);
        value.AppendTo(builder);
        using var vector = builder.Build();
        _arguments[0] = vector;
        try
        {
            Invoke(accumulator, _arguments, 0, retract);
        }
        finally
        {
            _arguments[0] = null!;
        }
    }

    private void Invoke(object accumulator, ColumnVector[] arguments, int row, bool retract)
    {
        var method = retract
            ? _retract ?? throw new SluiceException(
                $"The aggregate function {_name} received a retraction (its input is an updating stream, or an OVER frame drops rows), but it has no Retract method: add void Retract({_descriptor.AccumulatorType!.Name} accumulator, ...) with the parameters of Accumulate.",
                ErrorDomain.User)
            : _accumulate!;
        try
        {
            method(accumulator, arguments, row);
        }
        catch (Exception e) when (e is not SluiceException)
        {
            throw new SluiceException($"The aggregate function {_name} failed in {(retract ? "Retract" : "Accumulate")}: {e.Message}", ErrorDomain.User,
                RetryHint.None, e);
        }
    }

    private object? Guard(string method, Func<object?> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is not SluiceException)
        {
            throw new SluiceException($"The aggregate function {_name} failed in {method}: {e.Message}", ErrorDomain.User, RetryHint.None, e);
        }
    }

    private void EnsureOpen()
    {
        if (_instance is not null)
        {
            return;
        }

        var instance = _descriptor.CreateInstance();
        var type = _descriptor.AccumulatorType!;
        _accumulate = UserDefinedInvokers.Accumulate(instance, _overload.Method, _overload, type);
        _retract = _overload.Retract is { } retract ? UserDefinedInvokers.Accumulate(instance, retract, _overload, type) : null;
        _create = UserDefinedInvokers.CreateAccumulator(instance, _descriptor);
        _getValue = UserDefinedInvokers.GetValue(instance, _descriptor);
        _merge = UserDefinedInvokers.Merge(instance, _descriptor);
        Guard("Open", () =>
        {
            instance.Open(_descriptor.CreateContext());
            return null;
        });
        _instance = instance;
    }

    /// <summary>A result of <c>GetValue</c> in the storage form of <paramref name="type"/>; null when a decimal does not fit.</summary>
    private static AggregateValue? ToAggregateValue(object value, DataType type) => type.TypeId switch
    {
        TypeId.Boolean => AggregateValue.FromNumber((bool)value ? 1 : 0),
        TypeId.TinyInt or TypeId.SmallInt or TypeId.Int or TypeId.BigInt => AggregateValue.FromNumber(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
        TypeId.Float or TypeId.Double => AggregateValue.FromDouble(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
        TypeId.Decimal => Decimals.TryToUnscaled((decimal)value, type.Precision, type.Scale, out var unscaled) ? AggregateValue.FromNumber(unscaled) : null,
        TypeId.Char or TypeId.VarChar => AggregateValue.FromBytes(Encoding.UTF8.GetBytes((string)value)),
        TypeId.Binary or TypeId.VarBinary => AggregateValue.FromBytes(((byte[])value).ToArray()),
        TypeId.Date => AggregateValue.FromNumber(TemporalConversions.ToEpochDays((DateOnly)value)),
        TypeId.Time => AggregateValue.FromNumber(TemporalConversions.ToMicrosOfDay((TimeOnly)value)),
        TypeId.Timestamp => AggregateValue.FromNumber(TimestampUnit.IsNanos(type)
            ? TemporalConversions.TicksToEpochNanos(((DateTime)value).Ticks)
            : TemporalConversions.ToEpochMicros((DateTime)value)),
        TypeId.TimestampLtz => AggregateValue.FromNumber(TimestampUnit.IsNanos(type)
            ? TemporalConversions.TicksToEpochNanos(((DateTimeOffset)value).UtcTicks)
            : TemporalConversions.ToEpochMicros((DateTimeOffset)value)),
        TypeId.IntervalDayTime => AggregateValue.FromNumber(TemporalConversions.ToMicros((TimeSpan)value)),
        _ => throw new SluiceException($"Aggregate results of {type} are not supported.", ErrorDomain.User),
    };
}
