using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// An expression compiled once (by <see cref="ExpressionCompiler.Compile(Binding.BoundExpression, Core.Schemas.Schema, ExpressionEnvironment)"/>)
/// into a tree of column kernels, to be evaluated on many batches. Not thread-safe: kernels keep scratch buffers,
/// random generators and the batch's clock reading; use one instance per operator instance (compile in the
/// operator's <c>Open</c>).
/// </summary>
public sealed class CompiledExpression
{
    private readonly Kernel _root;
    private readonly EvaluationContext _context;

    internal CompiledExpression(Kernel root, EvaluationContext context)
    {
        _root = root;
        _context = context;
    }

    /// <summary>The result type.</summary>
    public DataType Type => _root.Type;

    /// <summary>The root kernel (for tests that check which kernel a shape compiles to).</summary>
    internal Kernel Root => _root;

    /// <summary>The environment the expression was compiled with.</summary>
    public ExpressionEnvironment Environment => _context.Environment;

    /// <summary>
    /// Evaluates the expression for every physical row of <paramref name="batch"/> and returns one value per physical
    /// row, in a vector of <see cref="Type"/>. When the batch has a selection and the expression may fail for some
    /// values (a division, a cast from a string), only the selected rows are evaluated and the others are NULL, so
    /// rows a filter removed cannot fail the projection. The caller owns (disposes) the returned vector, which may
    /// share buffers with the batch (an input reference).
    /// </summary>
    /// <exception cref="Core.Errors.SluiceException">A value cannot be computed (division by zero, a bad cast); <see cref="Core.Errors.ErrorDomain.User"/>.</exception>
    public ColumnVector Evaluate(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _context.BeginBatch();
        var physical = batch.PhysicalRowCount;
        if (!batch.HasSelection || !_root.MayFail)
        {
            return Relabel(_root.Evaluate(new Frame(batch, null, physical, _context)));
        }

        return EvaluateSelection(batch);
    }

    /// <summary>
    /// Evaluates the expression for the selected rows of <paramref name="batch"/> only (all rows without a selection)
    /// and returns one value per physical row, NULL on the rows not selected (the context is started here).
    /// </summary>
    internal ColumnVector EvaluateSelected(RecordBatch batch)
    {
        _context.BeginBatch();
        return batch.HasSelection ? EvaluateSelection(batch) : Relabel(_root.Evaluate(new Frame(batch, null, batch.PhysicalRowCount, _context)));
    }

    private ColumnVector EvaluateSelection(RecordBatch batch)
    {
        var physical = batch.PhysicalRowCount;
        var selection = batch.Selection;
        using var selected = EvaluateRows(batch, selection);

        // Pooled: this runs once per batch after a filter, and the assembly reads the spans only while it copies.
        var choice = BufferPool.Rent<int>(Math.Max(1, physical));
        var index = BufferPool.Rent<int>(Math.Max(1, physical));
        try
        {
            choice.AsSpan(0, physical).Fill(-1);
            for (var j = 0; j < selection.Length; j++)
            {
                choice[selection[j]] = 0;
                index[selection[j]] = j;
            }

            return VectorAssembly.Assemble(Type, [selected], choice.AsSpan(0, physical), index.AsSpan(0, physical));
        }
        finally
        {
            BufferPool.Return(choice);
            BufferPool.Return(index);
        }
    }

    /// <summary>The vector itself when it has the expression's type, else a copy labelled with it (the original is disposed).</summary>
    private ColumnVector Relabel(ColumnVector vector)
    {
        if (vector.DataType.EqualsIgnoringNullability(Type) || Type.TypeId == TypeId.Null)
        {
            return vector;
        }

        using (vector)
        {
            return VectorRetype.Copy(vector, Type);
        }
    }

    /// <summary>Evaluates the expression for the physical rows <paramref name="rows"/> (ascending) only: one value per listed row.</summary>
    internal ColumnVector EvaluateRows(RecordBatch batch, ReadOnlySpan<int> rows)
    {
        var buffer = BufferPool.Rent<int>(Math.Max(1, rows.Length));
        try
        {
            rows.CopyTo(buffer);
            return _root.Evaluate(new Frame(batch, buffer, rows.Length, _context));
        }
        finally
        {
            BufferPool.Return(buffer);
        }
    }

    /// <summary>Evaluates the expression for all physical rows (the predicate path; the context is already started).</summary>
    internal ColumnVector EvaluateAll(RecordBatch batch) => _root.Evaluate(new Frame(batch, null, batch.PhysicalRowCount, _context));

    /// <summary>Starts a batch (reads the clock again on first use).</summary>
    internal void BeginBatch() => _context.BeginBatch();

    /// <summary>Closes the user-defined functions the expression opened (their <c>Close</c> hook); call when the operator closes.</summary>
    internal void CloseFunctions() => CloseFunctions(_root);

    private static void CloseFunctions(Kernel kernel)
    {
        if (kernel is UserDefinedScalarKernel userDefined)
        {
            userDefined.Close();
        }

        foreach (var child in kernel.Children)
        {
            CloseFunctions(child);
        }
    }
}
