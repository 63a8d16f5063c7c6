using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Physical.Expressions;

namespace Sluice.Sql.Physical.Operators.Calc;

/// <summary>
/// A <see cref="CalcOperator"/>'s filter and projection with their common subexpressions computed once per batch:
/// a subexpression that occurs more than once (in the condition, the projection or both) and is computed on every row
/// anyway becomes a column of its own, appended to the input row, and every occurrence reads that column. Q21's
/// <c>REGEXP_EXTRACT(url, ...)</c> in its <c>WHERE</c> and in its <c>CASE</c>, or its <c>LOWER(channel)</c> in both,
/// are each computed once.
/// </summary>
/// <remarks>
/// <para><b>What is shared.</b> An expression is shared when it occurs at least twice, at least once where it is
/// evaluated on every row of a batch (not only inside a <c>CASE</c>/<c>IF</c>/<c>COALESCE</c> branch), reads a column,
/// is deterministic, cannot fail for any value (no division, no cast from a string: a shared column is computed on
/// every physical row, filtered ones too), and is not already free (a column, a literal, a field of a column). The
/// smallest such expression is shared first, so a shared expression may read earlier shared columns.</para>
/// <para><b>Results.</b> Unchanged: a shared column holds exactly the values its occurrences computed, and an
/// expression that never fails computes the same value wherever it is evaluated.</para>
/// </remarks>
internal sealed class CalcProgram
{
    private const int MaxShared = 16;

    private CalcProgram(Schema inputSchema, Schema[] prefixes, BoundExpression[] shared, BoundExpression? condition, IReadOnlyList<BoundExpression>? projection)
    {
        InputSchema = inputSchema;
        Prefixes = prefixes;
        Shared = shared;
        Condition = condition;
        Projection = projection;
    }

    /// <summary>The input row with the shared columns appended (the input schema itself when nothing is shared).</summary>
    public Schema InputSchema { get; }

    /// <summary>For shared expression j, the schema it is evaluated over: the input row and shared columns 0..j-1.</summary>
    public IReadOnlyList<Schema> Prefixes { get; }

    /// <summary>The shared expressions, in evaluation order; expression j reads the input row and shared columns before it.</summary>
    public IReadOnlyList<BoundExpression> Shared { get; }

    /// <summary>The condition over <see cref="InputSchema"/>, or null.</summary>
    public BoundExpression? Condition { get; }

    /// <summary>The projection over <see cref="InputSchema"/>, or null.</summary>
    public IReadOnlyList<BoundExpression>? Projection { get; }

    /// <summary>
    /// Finds the shared subexpressions of <paramref name="condition"/> and <paramref name="projection"/> over rows of
    /// <paramref name="inputSchema"/>. Without a projection nothing is shared (the operator then passes its input's
    /// columns on as they are).
    /// </summary>
    public static CalcProgram Create(Schema inputSchema, BoundExpression? condition, IReadOnlyList<BoundExpression>? projection, ExpressionEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(environment);
        if (projection is null)
        {
            return new CalcProgram(inputSchema, [], [], condition, projection);
        }

        var shared = new List<BoundExpression>();
        var fields = new List<Field>(inputSchema.Fields);
        var prefixes = new List<Schema>();
        var names = new HashSet<string>(inputSchema.Fields.Select(f => f.Name), StringComparer.Ordinal);
        var schema = inputSchema;
        var projected = projection.ToArray();
        while (shared.Count < MaxShared)
        {
            var candidate = NextShared(schema, condition, projected, shared, environment);
            if (candidate is null)
            {
                break;
            }

            var name = $"$shared{shared.Count}";
            while (!names.Add(name))
            {
                name = "$" + name;
            }

            var reference = new BoundInputRef(fields.Count, name, candidate.Type);
            prefixes.Add(schema);
            for (var j = 0; j < shared.Count; j++)
            {
                shared[j] = Replace(shared[j], candidate, reference);
            }

            shared.Add(candidate);
            condition = condition is null ? null : Replace(condition, candidate, reference);
            for (var i = 0; i < projected.Length; i++)
            {
                projected[i] = Replace(projected[i], candidate, reference);
            }

            fields.Add(new Field(name, candidate.Type));
            schema = new Schema(fields, inputSchema.RowTimeIndex);
        }

        return new CalcProgram(schema, [.. prefixes], [.. shared], condition, projected);
    }

    private static BoundExpression Replace(BoundExpression expression, BoundExpression target, BoundInputRef reference) =>
        expression.Transform(node => node.Equals(target) ? reference : node);

    /// <summary>The smallest expression worth sharing, or null.</summary>
    private static BoundExpression? NextShared(Schema schema, BoundExpression? condition, BoundExpression[] projection, List<BoundExpression> shared,
        ExpressionEnvironment environment)
    {
        var counts = new Dictionary<BoundExpression, Occurrences>();
        if (condition is not null)
        {
            Count(condition, true, counts);
        }

        foreach (var expression in projection)
        {
            Count(expression, true, counts);
        }

        // A shared expression is itself computed on every row, once.
        foreach (var expression in shared)
        {
            foreach (var child in expression.Children)
            {
                Count(child, true, counts);
            }
        }

        BoundExpression? best = null;
        var bestSize = int.MaxValue;
        foreach (var (expression, occurrences) in counts)
        {
            if (occurrences.Total < 2 || occurrences.Unconditional < 1 || IsFree(expression))
            {
                continue;
            }

            var size = expression.Descendants().Count();
            if (size >= bestSize || !expression.Any(e => e is BoundInputRef) || expression.Any(e => e is BoundCall { Function.IsDeterministic: false })
                || expression.Any(e => e is BoundOverCall or BoundOuterRef))
            {
                continue;
            }

            if (!CanShare(expression, schema, environment))
            {
                continue;
            }

            best = expression;
            bestSize = size;
        }

        return best;
    }

    /// <summary>True when the expression compiles over <paramref name="schema"/> to kernels that never fail.</summary>
    private static bool CanShare(BoundExpression expression, Schema schema, ExpressionEnvironment environment)
    {
        try
        {
            return !ExpressionCompiler.Compile(expression, schema, environment).Root.MayFail;
        }
        catch (Core.Errors.SluiceException)
        {
            return false;
        }
    }

    /// <summary>Columns, literals and fields of columns cost nothing to evaluate again.</summary>
    private static bool IsFree(BoundExpression expression) => expression switch
    {
        BoundInputRef or BoundLiteral => true,
        BoundFieldAccess access => IsFree(access.Target),
        _ => false,
    };

    private static void Count(BoundExpression expression, bool unconditional, Dictionary<BoundExpression, Occurrences> counts)
    {
        counts.TryGetValue(expression, out var occurrences);
        counts[expression] = new Occurrences(occurrences.Total + 1, occurrences.Unconditional + (unconditional ? 1 : 0));
        var children = expression.Children;
        var firstOnly = expression is BoundCase || expression is BoundCall { Function.Name: "IF" or "COALESCE" or "IFNULL" };
        for (var i = 0; i < children.Count; i++)
        {
            Count(children[i], unconditional && (!firstOnly || i == 0), counts);
        }
    }

    private readonly record struct Occurrences(int Total, int Unconditional);
}
