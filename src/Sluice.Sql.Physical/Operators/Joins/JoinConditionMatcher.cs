using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Runtime.Operators;
using Sluice.Sql.Binding;
using Sluice.Sql.Physical.Expressions;

namespace Sluice.Sql.Physical.Operators.Joins;

/// <summary>
/// Evaluates a join's residual condition (<c>b.ts &gt; a.ts</c> beside the key equalities) for one stored row of a
/// side against many stored rows of the other side: the pairs are laid out as one batch of joined rows (left columns,
/// then right columns) and filtered at once. A pair matches when the condition is TRUE (NULL is no match).
/// </summary>
/// <remarks>
/// <para><b>Threading.</b> One instance per operator, used from the task thread only. <b>Lifecycle.</b> The
/// constructor compiles the condition (so a bad condition fails while planning); <see cref="Open"/> compiles it again
/// with the task's clock; <see cref="Close"/> closes the functions it calls.</para>
/// </remarks>
internal sealed class JoinConditionMatcher
{
    private readonly BoundExpression _condition;
    private readonly TimeZoneInfo? _timeZone;
    private readonly RowEncoder _left;
    private readonly RowEncoder _right;
    private readonly int _leftWidth;
    private CompiledPredicate? _predicate;
    private readonly EncodedJoinCondition? _encoded;
    private int[] _selected = [];

    /// <summary>Creates the matcher of <paramref name="condition"/> over the joined row of the two schemas.</summary>
    public JoinConditionMatcher(Schema leftSchema, Schema rightSchema, BoundExpression condition, TimeZoneInfo? sessionTimeZone)
    {
        _condition = condition;
        _timeZone = sessionTimeZone;
        _left = RowEncoder.AllColumns(leftSchema);
        _right = RowEncoder.AllColumns(rightSchema);
        _leftWidth = leftSchema.Count;
        PairSchema = new Schema(JoinSupport.UniqueNames(leftSchema.Fields.Concat(rightSchema.Fields)));
        ExpressionCompiler.CompilePredicate(condition, PairSchema);
        _encoded = EncodedJoinCondition.TryCreate(condition, leftSchema, rightSchema);
    }

    /// <summary>True when the condition is evaluated on the encoded rows (<see cref="EncodedJoinCondition"/>); for tests.</summary>
    internal bool EvaluatesOnEncodedRows => _encoded is not null;

    /// <summary>The schema of a joined pair: the left columns, then the right ones (names made unique).</summary>
    public Schema PairSchema { get; }

    /// <summary>Compiles the condition for the task (its clock and the session time zone).</summary>
    public void Open(OperatorContext context) =>
        _predicate = ExpressionCompiler.CompilePredicate(_condition, PairSchema, new ExpressionEnvironment(_timeZone ?? TimeZoneInfo.Utc, context.TimeProvider));

    /// <summary>Closes the functions the condition calls.</summary>
    public void Close() => _predicate?.Expression.CloseFunctions();

    /// <summary>
    /// Keeps in <paramref name="entries"/> (in order) the entries of <paramref name="buffer"/> (offsets of entries of
    /// <paramref name="layout"/>) whose row, paired with <paramref name="row"/>, satisfies the condition;
    /// <paramref name="rowIsLeft"/> says on which side <paramref name="row"/> is.
    /// </summary>
    public void KeepMatching(ReadOnlySpan<byte> row, bool rowIsLeft, JoinRowsLayout layout, byte[] buffer, List<int> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var predicate = _predicate ?? throw new InvalidOperationException("The join condition is not open.");
        if (_encoded is { } encoded)
        {
            var matching = 0;
            if (encoded.LoadProbe(rowIsLeft ? 0 : 1, row))
            {
                for (var k = 0; k < entries.Count; k++)
                {
                    if (encoded.Matches(layout.Row(buffer, entries[k])))
                    {
                        entries[matching++] = entries[k];
                    }
                }
            }

            entries.RemoveRange(matching, entries.Count - matching);
            return;
        }

        using var pairs = new RecordBatchBuilder(PairSchema, entries.Count);
        foreach (var entry in entries)
        {
            var other = layout.Row(buffer, entry);
            _left.AppendTo(rowIsLeft ? row : other, pairs, 0);
            _right.AppendTo(rowIsLeft ? other : row, pairs, _leftWidth);
        }

        using var batch = pairs.Build();
        if (_selected.Length < entries.Count)
        {
            _selected = new int[Math.Max(16, entries.Count * 2)];
        }

        var kept = predicate.Filter(batch, _selected);
        for (var k = 0; k < kept; k++)
        {
            entries[k] = entries[_selected[k]];
        }

        entries.RemoveRange(kept, entries.Count - kept);
    }
}
