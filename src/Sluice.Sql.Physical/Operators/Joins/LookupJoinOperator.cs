using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Runtime.Operators;
using Sluice.Sql.Binding;
using Sluice.Sql.Physical.Expressions;

namespace Sluice.Sql.Physical.Operators.Joins;

/// <summary>
/// Flink SQL's lookup join, <c>s JOIN d FOR SYSTEM_TIME AS OF s.proc_time ON s.k = d.k</c> (INNER or LEFT) with a
/// lookup-capable table <c>d</c>: every row of the input is joined with the rows of the external table that match
/// its key at the moment it is processed. Output: the input columns, then the looked-up table's columns (nullable
/// for a LEFT join; a name repeated from the left gets a numeric suffix), with the row kind of the input row.
/// </summary>
/// <remarks>
/// <para><b>Semantics.</b> Rows are looked up one input batch at a time through the connector's
/// <see cref="ILookupFunction"/> (one call per batch, so a database answers a batch of keys in one query). A row with a
/// NULL key never matches. The optional residual condition is evaluated on each (input row, looked-up row) pair; a
/// LEFT join emits an input row padded with NULLs when no pair passes. Output rows keep the input order, and each
/// carries its input row's kind, so a changelog input yields a changelog (the looked-up side is read as of
/// processing time, as in Flink, so a retraction may meet a newer version of the table).</para>
/// <para><b>State.</b> None: the connector may cache (its <c>lookup.cache.*</c> options); nothing is checkpointed.</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread; a lookup may block the task on I/O.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> creates and opens the lookup function and compiles the condition;
/// <see cref="Close"/> disposes the function.</para>
/// </remarks>
public sealed class LookupJoinOperator : StreamOperator
{
    private readonly Schema _leftSchema;
    private readonly Schema _lookupSchema;
    private readonly int[] _leftKeys;
    private readonly JoinKind _kind;
    private readonly Func<ILookupFunction> _functionFactory;
    private readonly BoundExpression? _condition;
    private readonly TimeZoneInfo _timeZone;
    private readonly Schema _keySchema;
    private readonly List<int> _keyRows = [];
    private readonly List<int> _candidateLeft = [];
    private readonly List<int> _candidateRight = [];
    private readonly List<int> _outputLeft = [];
    private readonly List<int> _outputRight = [];
    private ILookupFunction? _function;
    private CompiledPredicate? _predicate;
    private int[] _passed = [];

    /// <summary>Creates the operator.</summary>
    /// <param name="leftSchema">The schema of the input rows.</param>
    /// <param name="lookupSchema">The schema of the rows the lookup function returns (the table's stored columns).</param>
    /// <param name="leftKeys">The input columns whose values are looked up.</param>
    /// <param name="lookupKeys">The table columns they must equal, pairwise (the function was created for these).</param>
    /// <param name="kind"><see cref="JoinKind.Inner"/> or <see cref="JoinKind.Left"/>.</param>
    /// <param name="functionFactory">Creates the lookup function of a subtask (called in <see cref="Open"/>).</param>
    /// <param name="condition">A residual condition over the output row (input columns, then table columns), or null.</param>
    /// <param name="sessionTimeZone">The session time zone of time-zone-dependent functions in the condition.</param>
    /// <exception cref="ArgumentException">The kind is RIGHT or FULL, or the keys do not pair up columns of one type.</exception>
    public LookupJoinOperator(Schema leftSchema, Schema lookupSchema, int[] leftKeys, int[] lookupKeys, JoinKind kind,
        Func<ILookupFunction> functionFactory, BoundExpression? condition = null, TimeZoneInfo? sessionTimeZone = null)
    {
        ArgumentNullException.ThrowIfNull(leftSchema);
        ArgumentNullException.ThrowIfNull(lookupSchema);
        ArgumentNullException.ThrowIfNull(leftKeys);
        ArgumentNullException.ThrowIfNull(lookupKeys);
        ArgumentNullException.ThrowIfNull(functionFactory);
        if (kind is not (JoinKind.Inner or JoinKind.Left))
        {
            throw new ArgumentException("A lookup join is an INNER or a LEFT join.", nameof(kind));
        }

        JoinSupport.ValidateKeys(leftSchema, lookupSchema, leftKeys, lookupKeys, allowEmpty: false);
        _leftSchema = leftSchema;
        _lookupSchema = lookupSchema;
        _leftKeys = leftKeys;
        _kind = kind;
        _functionFactory = functionFactory;
        _condition = condition;
        _timeZone = sessionTimeZone ?? TimeZoneInfo.Utc;
        _keySchema = new Schema(lookupKeys.Select((k, i) => new Field(lookupSchema[k].Name, leftSchema[leftKeys[i]].DataType)));
        OutputSchema = OutputSchemaOf(leftSchema, lookupSchema, kind);
        if (condition is not null)
        {
            ExpressionCompiler.CompilePredicate(condition, OutputSchema);
        }
    }

    /// <summary>The output schema: the input columns, then the table's.</summary>
    public Schema OutputSchema { get; }

    /// <summary>
    /// The output schema of a lookup join of <paramref name="leftSchema"/> with <paramref name="lookupSchema"/>: the input
    /// columns (with the input's row time), then the table's (nullable for a LEFT join), repeated names suffixed.
    /// </summary>
    public static Schema OutputSchemaOf(Schema leftSchema, Schema lookupSchema, JoinKind kind)
    {
        ArgumentNullException.ThrowIfNull(leftSchema);
        ArgumentNullException.ThrowIfNull(lookupSchema);
        var output = new Schema(JoinSupport.UniqueNames(
            JoinSupport.Fields(leftSchema, nullable: false).Concat(JoinSupport.Fields(lookupSchema, kind == JoinKind.Left))));
        return leftSchema.RowTimeIndex >= 0 ? output.WithRowTime(leftSchema.RowTimeIndex) : output;
    }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        base.Open(context);
        _predicate = _condition is null ? null : ExpressionCompiler.CompilePredicate(_condition, OutputSchema, new ExpressionEnvironment(_timeZone, context.TimeProvider));
        _function = _functionFactory();
        _function.Open(context.TimeProvider);
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var input = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(LookupJoinOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var function = _function ?? throw new InvalidOperationException("The operator is not open.");
        _keyRows.Clear();
        for (var i = 0; i < input.RowCount; i++)
        {
            var row = input.PhysicalRow(i);
            if (!AnyKeyNull(input, row))
            {
                _keyRows.Add(row);
            }
        }

        RecordBatch? found = null;
        try
        {
            _candidateLeft.Clear();
            _candidateRight.Clear();
            if (_keyRows.Count > 0)
            {
                var result = LookUp(function, input);
                found = result.Rows;
                for (var j = 0; j < result.KeyRows.Length; j++)
                {
                    _candidateLeft.Add(_keyRows[result.KeyRows[j]]);
                    _candidateRight.Add(j);
                }
            }

            var passedCount = Filter(input, found);
            BuildOutputIndexes(input, passedCount);
            if (_outputLeft.Count > 0)
            {
                output.Collect(Assemble(input, found, _outputLeft, _outputRight));
            }
        }
        finally
        {
            found?.Dispose();
        }
    }

    /// <inheritdoc />
    public override void Close()
    {
        _predicate?.Expression.CloseFunctions();
        _function?.Dispose();
        _function = null;
        base.Close();
    }

    private bool AnyKeyNull(RecordBatch input, int row)
    {
        foreach (var key in _leftKeys)
        {
            if (input.Column(key).IsNull(row))
            {
                return true;
            }
        }

        return false;
    }

    private LookupResult LookUp(ILookupFunction function, RecordBatch input)
    {
        var rows = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_keyRows);
        var columns = new ColumnVector[_leftKeys.Length];
        for (var k = 0; k < columns.Length; k++)
        {
            columns[k] = input.Column(_leftKeys[k]).Gather(rows);
        }

        using var keys = new RecordBatch(_keySchema, columns, rows.Length);
        var result = function.Lookup(keys);
        if (result.Rows.RowCount != result.KeyRows.Length || result.Rows.HasSelection)
        {
            result.Rows.Dispose();
            throw new InvalidOperationException(
                $"The lookup function returned {result.Rows.RowCount} rows but {result.KeyRows.Length} key indexes (or a batch with a selection).");
        }

        return result;
    }

    /// <summary>Evaluates the residual condition on the candidate pairs; returns how many passed (their indexes in <see cref="_passed"/>).</summary>
    private int Filter(RecordBatch input, RecordBatch? found)
    {
        var count = _candidateLeft.Count;
        if (_passed.Length < count)
        {
            _passed = new int[Math.Max(count, _passed.Length * 2)];
        }

        if (_predicate is null || count == 0)
        {
            for (var i = 0; i < count; i++)
            {
                _passed[i] = i;
            }

            return count;
        }

        using var pairs = Assemble(input, found, _candidateLeft, _candidateRight);
        return _predicate.Filter(pairs, _passed);
    }

    /// <summary>The output rows in input order: each input row's passing pairs, or (LEFT) the row padded with NULLs.</summary>
    private void BuildOutputIndexes(RecordBatch input, int passedCount)
    {
        _outputLeft.Clear();
        _outputRight.Clear();
        var next = 0;
        for (var i = 0; i < input.RowCount; i++)
        {
            var row = input.PhysicalRow(i);
            var matched = false;
            while (next < passedCount && _candidateLeft[_passed[next]] == row)
            {
                _outputLeft.Add(row);
                _outputRight.Add(_candidateRight[_passed[next]]);
                matched = true;
                next++;
            }

            if (!matched && _kind == JoinKind.Left)
            {
                _outputLeft.Add(row);
                _outputRight.Add(-1);
            }
        }
    }

    /// <summary>A batch of the input columns at <paramref name="left"/> and the found columns at <paramref name="right"/> (-1: NULLs).</summary>
    private RecordBatch Assemble(RecordBatch input, RecordBatch? found, List<int> left, List<int> right)
    {
        var leftRows = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(left);
        var rightRows = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(right);
        var columns = new ColumnVector[OutputSchema.Count];
        for (var c = 0; c < _leftSchema.Count; c++)
        {
            columns[c] = input.Column(c).Gather(leftRows);
        }

        var padded = rightRows.Contains(-1);
        for (var c = 0; c < _lookupSchema.Count; c++)
        {
            var type = OutputSchema[_leftSchema.Count + c].DataType;
            columns[_leftSchema.Count + c] = found is null
                ? Nulls(type, rightRows.Length)
                : padded ? GatherPadded(found.Column(c), type, rightRows) : found.Column(c).Gather(rightRows);
        }

        if (!input.HasRowKinds)
        {
            return new RecordBatch(OutputSchema, columns, leftRows.Length);
        }

        var kinds = leftRows.Length <= 512 ? stackalloc RowKind[leftRows.Length] : new RowKind[leftRows.Length];
        for (var i = 0; i < leftRows.Length; i++)
        {
            kinds[i] = input.GetRowKind(leftRows[i]);
        }

        return new RecordBatch(OutputSchema, columns, leftRows.Length, kinds);
    }

    private static ColumnVector Nulls(DataType type, int count)
    {
        using var builder = ColumnVectorBuilder.Create(type, Math.Max(1, count));
        for (var i = 0; i < count; i++)
        {
            builder.AppendNull();
        }

        return builder.Build();
    }

    private static ColumnVector GatherPadded(ColumnVector source, DataType type, ReadOnlySpan<int> rows)
    {
        using var builder = ColumnVectorBuilder.Create(type, Math.Max(1, rows.Length));
        foreach (var row in rows)
        {
            if (row < 0 || source.IsNull(row))
            {
                builder.AppendNull();
            }
            else
            {
                VectorValues.Append(builder, source, row);
            }
        }

        return builder.Build();
    }
}
