using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// The aggregate calls of one operator compiled against its input schema: validates each call, builds its
/// <see cref="AggregateFunction"/> (wrapped in <see cref="DistinctFunction"/>, or <see cref="IntegerDistinctFunction"/> for one
/// integer argument, for <c>DISTINCT</c>), and applies rows to
/// an <see cref="AccumulatorSet"/>: the <c>FILTER</c> column and null arguments are checked here, once for every
/// function (functions that <see cref="AggregateFunction.ReadsRows"/> get the rows that pass the filter as they are, and
/// handle NULLs and DISTINCT themselves). Shared by the group, window, session window and over aggregations.
/// </summary>
/// <remarks><b>Threading.</b> Keeps scratch encoders: one instance per operator instance (task thread only).</remarks>
internal sealed class Aggregator
{
    private readonly AggregateFunction[] _functions;
    private readonly AggregateCall[] _calls;
    private readonly RowEncoder?[] _tupleEncoders;
    private readonly bool[] _rowCounts;
    private readonly int[][] _sharedDistincts;
    private readonly bool[] _readsRows;
    private readonly FoldKind[] _foldKinds;
    private readonly int[]?[] _sharedGroupOf;

    /// <summary>
    /// Compiles <paramref name="calls"/> over rows of <paramref name="inputSchema"/>. With <paramref name="insertOnly"/>
    /// (the input never retracts) MIN and MAX keep only the extremum, not the multiset of values retractions need.
    /// </summary>
    /// <exception cref="ArgumentException">A call is malformed: a column out of range, or an argument or result type the function does not take.</exception>
    public Aggregator(Schema inputSchema, IReadOnlyList<AggregateCall> calls, bool insertOnly = false)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(calls);
        _calls = [.. calls];
        _functions = new AggregateFunction[_calls.Length];
        _tupleEncoders = new RowEncoder?[_calls.Length];
        var fields = new Field[_calls.Length];
        for (var i = 0; i < _calls.Length; i++)
        {
            var call = _calls[i] ?? throw new ArgumentException($"Aggregate call {i} is null.", nameof(calls));
            var function = Compile(inputSchema, call, insertOnly && !call.IsDistinct);
            if (call.IsDistinct && !function.ReadsRows)
            {
                if (call.Kind == AggregateKind.CountStar)
                {
                    throw new ArgumentException($"COUNT(*) cannot be DISTINCT ({call.Name}).", nameof(calls));
                }

                if (call.Arguments.Count > 1 && call.Kind == AggregateKind.Count)
                {
                    _tupleEncoders[i] = new RowEncoder(inputSchema, call.Arguments.ToArray());
                }

                function = call.Arguments.Count == 1 && IntegerDistinctFunction.Supports(inputSchema[call.Arguments[0]].DataType)
                    ? new IntegerDistinctFunction(function)
                    : new DistinctFunction(function);
            }

            _functions[i] = function;
            fields[i] = new Field(call.Name, call.OutputType);
        }

        // DISTINCT calls over the same integer column (under different FILTERs) share one table per key.
        _sharedDistincts = SharedDistinctFunction.Share(_functions, _calls);
        _rowCounts = Array.ConvertAll(_functions, f => f is RowCountFunction);
        _readsRows = Array.ConvertAll(_functions, f => f.ReadsRows);
        _foldKinds = new FoldKind[_functions.Length];
        for (var i = 0; i < _functions.Length; i++)
        {
            _foldKinds[i] = _rowCounts[i] ? FoldKind.RowCount
                : _functions[i] is CountFunction && !_calls[i].IsDistinct ? FoldKind.Count
                : FoldKind.Generic;
        }

        _sharedGroupOf = new int[]?[_functions.Length];
        foreach (var group in _sharedDistincts)
        {
            _sharedGroupOf[group[0]] = group;
            _foldKinds[group[0]] = FoldKind.SharedLeader;
            for (var k = 1; k < group.Length; k++)
            {
                _foldKinds[group[k]] = FoldKind.SharedMember;
            }
        }

        HasRowCount = Array.IndexOf(_rowCounts, true) >= 0;
        ResultFields = fields;
    }

    /// <summary>
    /// How <see cref="AccumulateRows"/> folds a call: the set's row count (nothing to do), a plain counter, a group of
    /// <c>DISTINCT</c> calls sharing one table (its first call folds the group), or row by row.
    /// </summary>
    private enum FoldKind : byte
    {
        Generic,
        RowCount,
        Count,
        SharedLeader,
        SharedMember,
    }

    /// <summary>
    /// True when a call is <c>COUNT(*)</c> without <c>FILTER</c> (the set's row count): then every accumulated or
    /// retracted row changes the results, so a key whose rows are all accumulations certainly gets a new result.
    /// </summary>
    public bool HasRowCount { get; }

    /// <summary>The calls, in order.</summary>
    public IReadOnlyList<AggregateCall> Calls => _calls;

    /// <summary>The compiled function of each call.</summary>
    public IReadOnlyList<AggregateFunction> Functions => _functions;

    /// <summary>One output field per call: its name and <see cref="AggregateCall.OutputType"/>.</summary>
    public IReadOnlyList<Field> ResultFields { get; }

    /// <summary>A new set of empty accumulators.</summary>
    public AccumulatorSet CreateSet()
    {
        var accumulators = new object[_functions.Length];
        for (var i = 0; i < accumulators.Length; i++)
        {
            accumulators[i] = _functions[i].CreateAccumulator();
        }

        SharedDistinctFunction.Link(_sharedDistincts, accumulators);
        return new AccumulatorSet(accumulators);
    }

    /// <summary>Joins the accumulators of calls that share state (read one by one from a snapshot) into one set's form.</summary>
    public void Link(object[] accumulators) => SharedDistinctFunction.Link(_sharedDistincts, accumulators);

    /// <summary>
    /// Applies physical row <paramref name="physicalRow"/> to <paramref name="set"/>: accumulates it (order number
    /// <see cref="AccumulatorSet.NextOrder"/>, then incremented) or, when <paramref name="retract"/>, retracts it.
    /// </summary>
    public void Apply(AccumulatorSet set, RecordBatch batch, int physicalRow, bool retract)
    {
        if (retract)
        {
            Apply(set, batch, physicalRow, true, 0);
        }
        else
        {
            Apply(set, batch, physicalRow, false, set.NextOrder++);
        }
    }

    /// <summary>Applies a row with an explicit order number (ascending in arrival order within the key).</summary>
    public void Apply(AccumulatorSet set, RecordBatch batch, int physicalRow, bool retract, long order)
    {
        set.RowCount += retract ? -1 : 1;
        for (var i = 0; i < _functions.Length; i++)
        {
            if (_rowCounts[i])
            {
                // COUNT(*) without FILTER is the row count, changed above.
                continue;
            }

            ApplyCall(i, set, batch, physicalRow, retract, order);
        }
    }

    /// <summary>
    /// Accumulates the physical rows <paramref name="physicalRows"/> of <paramref name="batch"/>, in order, into
    /// <paramref name="set"/>: the same as <see cref="Apply(AccumulatorSet, RecordBatch, int, bool)"/> row by row without
    /// retraction (the rows get the next order numbers), but call by call, so each call's filter and argument columns are
    /// read once for all the rows, counters add the rows that pass at once, and the <c>DISTINCT</c> calls sharing a table
    /// look each value up once for all of them.
    /// </summary>
    public void AccumulateRows(AccumulatorSet set, RecordBatch batch, ReadOnlySpan<int> physicalRows)
    {
        var firstOrder = set.NextOrder;
        set.RowCount += physicalRows.Length;
        set.NextOrder += physicalRows.Length;
        for (var i = 0; i < _functions.Length; i++)
        {
            switch (_foldKinds[i])
            {
                case FoldKind.RowCount or FoldKind.SharedMember:
                    break;
                case FoldKind.Count:
                    CountFunction.Add(set.Accumulators[i], CountPassing(_calls[i], batch, physicalRows));
                    break;
                case FoldKind.SharedLeader:
                    AccumulateShared(_sharedGroupOf[i]!, set, batch, physicalRows, firstOrder);
                    break;
                default:
                    for (var k = 0; k < physicalRows.Length; k++)
                    {
                        ApplyCall(i, set, batch, physicalRows[k], false, firstOrder + k);
                    }

                    break;
            }
        }
    }

    /// <summary>The number of <paramref name="physicalRows"/> that pass <paramref name="call"/>'s filter and have no null argument.</summary>
    private static long CountPassing(AggregateCall call, RecordBatch batch, ReadOnlySpan<int> physicalRows)
    {
        var filter = call.FilterColumn >= 0 ? batch.Column(call.FilterColumn) : null;
        var arguments = call.Arguments;
        if (filter is null && arguments.Count == 0)
        {
            return physicalRows.Length;
        }

        var count = 0L;
        foreach (var row in physicalRows)
        {
            if (filter is not null && !Passes(filter, row))
            {
                continue;
            }

            var nullArgument = false;
            for (var a = 0; a < arguments.Count; a++)
            {
                if (batch.Column(arguments[a]).IsNull(row))
                {
                    nullArgument = true;
                    break;
                }
            }

            if (!nullArgument)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Accumulates rows into the <c>DISTINCT</c> calls of <paramref name="group"/>, which share one table per set: per
    /// row one lookup adds the value to every call whose filter the row passes, and each call that had not seen the value
    /// accumulates it.
    /// </summary>
    private void AccumulateShared(int[] group, AccumulatorSet set, RecordBatch batch, ReadOnlySpan<int> physicalRows, long firstOrder)
    {
        var column = batch.Column(_calls[group[0]].Arguments[0]);
        if (column is not PrimitiveVector<long> longs || group.Length > 32)
        {
            foreach (var call in group)
            {
                for (var k = 0; k < physicalRows.Length; k++)
                {
                    ApplyCall(call, set, batch, physicalRows[k], false, firstOrder + k);
                }
            }

            return;
        }

        var leader = (SharedDistinctFunction)_functions[group[0]];
        var table = leader.TableOf(set.Accumulators[group[0]]);
        Span<int> filterColumns = stackalloc int[group.Length];
        var allSlots = 0;
        for (var k = 0; k < group.Length; k++)
        {
            filterColumns[k] = _calls[group[k]].FilterColumn;
            allSlots |= 1 << k;
        }

        var values = longs.Values;
        for (var r = 0; r < physicalRows.Length; r++)
        {
            var row = physicalRows[r];
            if (longs.IsNull(row))
            {
                continue;
            }

            var slots = allSlots;
            for (var k = 0; k < group.Length; k++)
            {
                if (filterColumns[k] >= 0 && !Passes(batch.Column(filterColumns[k]), row))
                {
                    slots &= ~(1 << k);
                }
            }

            if (slots == 0)
            {
                continue;
            }

            var added = table.IncrementSlots(values[row], slots);
            while (added != 0)
            {
                var k = System.Numerics.BitOperations.TrailingZeroCount(added);
                added &= added - 1;
                var member = (SharedDistinctFunction)_functions[group[k]];
                var inner = SharedDistinctFunction.InnerOf(set.Accumulators[group[k]]);
                if (member.Inner is CountFunction)
                {
                    CountFunction.Add(inner, 1);
                }
                else
                {
                    member.Inner.Accumulate(inner, AggregateValue.FromNumber(values[row]), firstOrder + r);
                }
            }
        }
    }

    /// <summary>Applies one row to call <paramref name="i"/> (not a row-count call), with its filter and NULL checks.</summary>
    private void ApplyCall(int i, AccumulatorSet set, RecordBatch batch, int physicalRow, bool retract, long order)
    {
        var call = _calls[i];
        if (call.FilterColumn >= 0 && !Passes(batch.Column(call.FilterColumn), physicalRow))
        {
            return;
        }

        if (_readsRows[i])
        {
            // The function sees the row as it is, NULL arguments included (see AggregateFunction.ReadsRows).
            _functions[i].ApplyRow(set.Accumulators[i], batch, physicalRow, retract, order);
            return;
        }

        if (_functions[i] is UserDefinedAggregateFunction userDefined)
        {
            userDefined.Apply(set.Accumulators[i], batch, physicalRow, retract);
            return;
        }

        var arguments = call.Arguments;
        var value = default(AggregateValue);
        if (call.Kind != AggregateKind.CountStar)
        {
            var checkedArguments = call.Kind is AggregateKind.Count ? arguments.Count : 1;
            for (var a = 0; a < checkedArguments; a++)
            {
                if (batch.Column(arguments[a]).IsNull(physicalRow))
                {
                    return;
                }
            }

            var function = _functions[i];
            if (function.ReadsValue)
            {
                value = _tupleEncoders[i] is { } tuple
                    ? AggregateValue.FromBytes(tuple.EncodeToScratch(batch, physicalRow).ToArray())
                    : AggregateValue.Read(batch.Column(arguments[0]), physicalRow);
            }
        }

        var accumulator = set.Accumulators[i];
        if (retract)
        {
            _functions[i].Retract(accumulator, value);
        }
        else
        {
            _functions[i].ObserveRow(accumulator, batch, physicalRow, order);
            _functions[i].Accumulate(accumulator, value, order);
        }
    }

    /// <summary>Folds <paramref name="source"/> into <paramref name="target"/> (row counts add; order numbers are kept).</summary>
    public void Merge(AccumulatorSet target, AccumulatorSet source)
    {
        target.RowCount += source.RowCount;
        target.NextOrder = Math.Max(target.NextOrder, source.NextOrder);
        for (var i = 0; i < _functions.Length; i++)
        {
            _functions[i].Merge(target.Accumulators[i], source.Accumulators[i]);
        }
    }

    /// <summary>
    /// Empties <paramref name="set"/> (row count, order numbers and every accumulator) so it can serve as a new set, for
    /// a scratch merge target; false when a function cannot reset its accumulator (create a new set then).
    /// </summary>
    public bool TryReset(AccumulatorSet set)
    {
        for (var i = 0; i < _functions.Length; i++)
        {
            if (!_functions[i].TryReset(set.Accumulators[i]))
            {
                return false;
            }
        }

        set.RowCount = 0;
        set.NextOrder = 0;
        return true;
    }

    /// <summary>The result of every call, in the storage form of its result type (null for SQL NULL).</summary>
    public AggregateValue?[] Results(AccumulatorSet set)
    {
        var results = new AggregateValue?[_functions.Length];
        Results(set, results);
        return results;
    }

    /// <summary>Writes the result of every call into <paramref name="results"/> (one slot per call; reused by callers).</summary>
    public void Results(AccumulatorSet set, AggregateValue?[] results)
    {
        for (var i = 0; i < _functions.Length; i++)
        {
            results[i] = Result(set, i);
        }
    }

    /// <summary>The result of call <paramref name="call"/> in <paramref name="set"/> (null for SQL NULL).</summary>
    public AggregateValue? Result(AccumulatorSet set, int call) => _rowCounts[call]
        ? ((RowCountFunction)_functions[call]).ResultOf(set.RowCount)
        : _functions[call].GetResult(set.Accumulators[call]);

    /// <summary>Writes the accumulator of call <paramref name="call"/> in <paramref name="set"/> as its function writes it.</summary>
    public void WriteAccumulator(AccumulatorSet set, int call, Core.Serialization.BinaryBufferWriter writer)
    {
        if (_rowCounts[call])
        {
            RowCountFunction.WriteCount(set.RowCount, writer);
        }
        else
        {
            _functions[call].Write(set.Accumulators[call], writer);
        }
    }

    /// <summary>
    /// Appends the result of every call in <paramref name="set"/> to the columns <paramref name="firstColumn"/>.. of
    /// <paramref name="builder"/>, as <see cref="Results(AccumulatorSet, AggregateValue?[])"/> then
    /// <see cref="AppendResults(AggregateValue?[], RecordBatchBuilder, int)"/> would, without the intermediate values.
    /// </summary>
    public void AppendResults(AccumulatorSet set, RecordBatchBuilder builder, int firstColumn)
    {
        for (var i = 0; i < _functions.Length; i++)
        {
            var column = builder.Column(firstColumn + i);
            if (_rowCounts[i])
            {
                ((RowCountFunction)_functions[i]).AppendResultOf(set.RowCount, column);
            }
            else
            {
                _functions[i].AppendResult(set.Accumulators[i], column);
            }
        }
    }

    /// <summary>Appends <paramref name="results"/> to the columns <paramref name="firstColumn"/>.. of <paramref name="builder"/>.</summary>
    public static void AppendResults(AggregateValue?[] results, RecordBatchBuilder builder, int firstColumn)
    {
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i] is { } value)
            {
                value.AppendTo(builder.Column(firstColumn + i));
            }
            else
            {
                builder.AppendNull(firstColumn + i);
            }
        }
    }

    /// <summary>True when two result rows are equal (value by value, nulls equal to nulls).</summary>
    public static bool SameResults(AggregateValue?[] a, AggregateValue?[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] is { } x ? b[i] is not { } y || !x.Equals(y) : b[i] is not null)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Passes(ColumnVector filter, int row) => !filter.IsNull(row) && ((BooleanVector)filter)[row];

    private static AggregateFunction Compile(Schema schema, AggregateCall call, bool insertOnly)
    {
        ArgumentNullException.ThrowIfNull(call.Arguments);
        ArgumentNullException.ThrowIfNull(call.ResultType);
        foreach (var column in call.Arguments)
        {
            if ((uint)column >= (uint)schema.Count)
            {
                throw Invalid(call, $"reads column {column}, outside {schema}");
            }
        }

        if (call.FilterColumn >= schema.Count)
        {
            throw Invalid(call, $"filters on column {call.FilterColumn}, outside {schema}");
        }

        if (call.FilterColumn >= 0 && schema[call.FilterColumn].DataType.TypeId != TypeId.Boolean)
        {
            throw Invalid(call, $"has a FILTER column of type {schema[call.FilterColumn].DataType}, not BOOLEAN");
        }

        var result = call.ResultType;
        switch (call.Kind)
        {
            case AggregateKind.CountStar:
                RequireArguments(call, 0, 0);
                RequireExactResult(call);
                return call.FilterColumn < 0 && !call.IsDistinct ? new RowCountFunction(call) : new CountFunction(call);
            case AggregateKind.Count:
                RequireArguments(call, 1, int.MaxValue);
                RequireExactResult(call);
                if (call.IsDistinct)
                {
                    foreach (var argument in call.Arguments)
                    {
                        RequireSupported(call, schema[argument].DataType, singleValue: true);
                    }
                }

                return new CountFunction(call);
            case AggregateKind.Sum or AggregateKind.Sum0 or AggregateKind.Avg:
            {
                RequireArguments(call, 1, 1);
                var argumentType = RequireNumericArgument(schema, call);
                if (!AggregateResults.IsNumeric(result))
                {
                    throw Invalid(call, $"cannot produce {result}; its result must be numeric");
                }

                return new SumFunction(call, argumentType);
            }

            case AggregateKind.StddevPop or AggregateKind.StddevSamp or AggregateKind.VarPop or AggregateKind.VarSamp:
            {
                RequireArguments(call, 1, 1);
                var argumentType = RequireNumericArgument(schema, call);
                if (!AggregateResults.IsNumeric(result))
                {
                    throw Invalid(call, $"cannot produce {result}; its result must be numeric");
                }

                return new VarianceFunction(call, argumentType);
            }

            case AggregateKind.Min or AggregateKind.Max or AggregateKind.FirstValue or AggregateKind.LastValue:
            {
                RequireArguments(call, 1, 1);
                var argumentType = schema[call.Arguments[0]].DataType;
                RequireSupported(call, argumentType, singleValue: call.Kind is AggregateKind.FirstValue or AggregateKind.LastValue);
                if (result.PhysicalType != argumentType.PhysicalType || result.Scale != argumentType.Scale)
                {
                    throw Invalid(call, $"returns its argument's values, so its result type {result} must store values as {argumentType} does");
                }

                return call.Kind is AggregateKind.Min or AggregateKind.Max
                    ? insertOnly ? new ExtremumFunction(call) : new MinMaxFunction(call)
                    : new OrderedValuesFunction(call);
            }

            case AggregateKind.ListAgg:
                RequireArguments(call, 1, 2);
                foreach (var argument in call.Arguments)
                {
                    if (schema[argument].DataType.PhysicalType != PhysicalType.Utf8)
                    {
                        throw Invalid(call, $"takes character strings, not {schema[argument].DataType}");
                    }
                }

                if (result.PhysicalType != PhysicalType.Utf8)
                {
                    throw Invalid(call, $"produces a string, not {result}");
                }

                return new OrderedValuesFunction(call);
            case AggregateKind.SingleValue:
            {
                RequireArguments(call, 1, 1);
                var argumentType = schema[call.Arguments[0]].DataType;
                RequireSupported(call, argumentType, singleValue: true);
                if (result.PhysicalType != argumentType.PhysicalType || result.Scale != argumentType.Scale)
                {
                    throw Invalid(call, $"returns its argument's values, so its result type {result} must store values as {argumentType} does");
                }

                return new SingleValueFunction(call);
            }

            case AggregateKind.Collect:
                RequireArguments(call, 1, 1);
                if (!schema[call.Arguments[0]].DataType.IsNested)
                {
                    RequireSupported(call, schema[call.Arguments[0]].DataType);
                }

                if (result.TypeId != TypeId.Multiset || result.ElementType!.PhysicalType != schema[call.Arguments[0]].DataType.PhysicalType)
                {
                    throw Invalid(call, $"produces a MULTISET of its argument's type, not {result}");
                }

                return new CollectFunction(call);
            case AggregateKind.ArrayAgg:
                RequireArguments(call, 1, 1);
                if (!schema[call.Arguments[0]].DataType.IsNested)
                {
                    RequireSupported(call, schema[call.Arguments[0]].DataType);
                }

                if (result.TypeId != TypeId.Array || result.ElementType!.PhysicalType != schema[call.Arguments[0]].DataType.PhysicalType)
                {
                    throw Invalid(call, $"produces an ARRAY of its argument's type, not {result}");
                }

                return new ArrayAggFunction(call);
            case AggregateKind.JsonObjectAgg or AggregateKind.JsonArrayAgg:
                RequireArguments(call, call.Kind == AggregateKind.JsonObjectAgg ? 2 : 1, call.Kind == AggregateKind.JsonObjectAgg ? 2 : 1);
                foreach (var argument in call.Arguments)
                {
                    if (schema[argument].DataType.PhysicalType != PhysicalType.Utf8)
                    {
                        throw Invalid(call, $"takes character strings (the key and the value's JSON text), not {schema[argument].DataType}");
                    }
                }

                if (result.PhysicalType != PhysicalType.Utf8)
                {
                    throw Invalid(call, $"produces a string, not {result}");
                }

                if (call.IsDistinct)
                {
                    throw Invalid(call, "cannot be DISTINCT");
                }

                return call.Kind == AggregateKind.JsonObjectAgg ? new JsonObjectAggFunction(call) : new JsonArrayAggFunction(call);
            case AggregateKind.Percentile:
                return PercentileFunction.Create(schema, call);
            case AggregateKind.UserDefined:
                return new UserDefinedAggregateFunction(call, schema);
            default:
                throw Invalid(call, "is not a known aggregate function");
        }
    }

    private static void RequireArguments(AggregateCall call, int min, int max)
    {
        if (call.Arguments.Count < min || call.Arguments.Count > max)
        {
            throw Invalid(call, min == max
                ? $"takes {min} argument column(s), not {call.Arguments.Count}"
                : $"takes {min} to {(max == int.MaxValue ? "any number of" : max.ToString(System.Globalization.CultureInfo.InvariantCulture))} argument columns, not {call.Arguments.Count}");
        }
    }

    private static void RequireExactResult(AggregateCall call)
    {
        if (!AggregateResults.IsNumeric(call.ResultType))
        {
            throw Invalid(call, $"counts, so its result must be numeric (BIGINT), not {call.ResultType}");
        }
    }

    private static DataType RequireNumericArgument(Schema schema, AggregateCall call)
    {
        var type = schema[call.Arguments[0]].DataType;
        if (!AggregateResults.IsNumeric(type))
        {
            throw Invalid(call, $"needs a numeric argument, not {type}");
        }

        return type;
    }

    private static void RequireSupported(AggregateCall call, DataType type, bool singleValue = false)
    {
        if (!(singleValue ? AggregateValue.IsSupportedSingleValue(type) : AggregateValue.IsSupported(type)))
        {
            throw Invalid(call, singleValue
                ? $"cannot keep values of {type} (a MULTISET argument is not supported)"
                : $"cannot keep or compare values of {type}");
        }
    }

    // The call's name as the parameter name lets the planner point the error at the call in the statement.
    private static ArgumentException Invalid(AggregateCall call, string reason) =>
        new($"Aggregate {call.Name} ({call}) {reason}.", call.Name);
}
