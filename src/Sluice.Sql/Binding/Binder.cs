using Sluice.Core.Types;
using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;
using Sluice.Sql.Planning;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Binding;

/// <summary>
/// Turns syntax trees into logical plans with resolved names and types, against an <see cref="ICatalog"/> (the
/// only thing it knows about the world). One instance binds one statement; not thread-safe.
/// </summary>
/// <remarks>
/// Split by construct: statements (<c>INSERT</c>), queries (set operations, <c>VALUES</c>, <c>WITH</c>, ordering),
/// <c>SELECT</c>, grouping, <c>FROM</c> and joins, window table functions, <c>OVER</c> windows, subqueries,
/// expressions, operators, functions and literals. Every error is a <see cref="SqlException"/> positioned at the
/// offending node.
/// </remarks>
internal sealed partial class Binder
{
    private readonly ICatalog _catalog;
    private readonly List<Dictionary<string, LogicalPlan>> _commonTableExpressions = [];
    private readonly HashSet<ObjectIdentifier> _viewsBeingExpanded;

    public Binder(ICatalog catalog)
        : this(catalog, [])
    {
    }

    private Binder(ICatalog catalog, HashSet<ObjectIdentifier> viewsBeingExpanded)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        _viewsBeingExpanded = viewsBeingExpanded;
    }

    /// <summary>Binds a query or an <c>INSERT</c>.</summary>
    public LogicalPlan BindStatement(SqlStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return statement switch
        {
            QueryStatement query => BindQuery(query.Query),
            InsertStatement insert => BindInsert(insert),
            StatementSetStatement => throw NotSupported(statement.Span,
                "a statement set holds several INSERT statements; bind each of them on its own"),
            CreateTableStatement { AsQuery: not null } => throw NotSupported(statement.Span,
                "CREATE TABLE ... AS SELECT cannot be bound as a query; execute it as DDL, then bind an INSERT"),
            _ => throw NotSupported(statement.Span,
                $"{StatementName(statement)} is not a query; execute it as DDL with Planner.Execute"),
        };
    }

    /// <summary>Binds a query to a plan whose schema has the query's output names.</summary>
    public LogicalPlan BindQuery(SqlQuery query) => BindQuery(query, null);

    /// <summary>
    /// Binds a scalar expression over <paramref name="row"/> (one anonymous table): computed columns and watermarks
    /// of <c>CREATE TABLE</c>. No aggregates, windows or subqueries.
    /// </summary>
    public BoundExpression BindScalar(SqlExpression expression, PlanSchema row, Clause clause) =>
        BindExpression(expression, new ExpressionContext(Scope.Of(null, row), clause));

    private static string StatementName(SqlStatement statement)
    {
        var name = statement.GetType().Name;
        return name.EndsWith("Statement", StringComparison.Ordinal) ? name[..^"Statement".Length] : name;
    }

    private static SqlException Error(SqlErrorCode code, SourceSpan span, string reason) => new(code, span, reason);

    private static SqlException Invalid(SourceSpan span, string reason) => new(SqlErrorCode.ValidationError, span, reason);

    private static SqlException NotFound(SourceSpan span, string reason) => new(SqlErrorCode.NotFound, span, reason);

    private static SqlException TypeError(SourceSpan span, string reason) => new(SqlErrorCode.TypeMismatch, span, reason);

    private static SqlException NotSupported(SourceSpan span, string reason) => new(SqlErrorCode.NotSupported, span, reason);

    private static string Text(SqlNode node) => SqlFormatter.Format(node);

    /// <summary>A name as written, without quoting, for messages: <c>db.Out</c>.</summary>
    private static string NameText(QualifiedName name) => string.Join('.', name.Parts.Select(p => p.Value));

    /// <summary>
    /// <paramref name="expression"/> converted to <paramref name="target"/> (its own nullability kept): unchanged when
    /// no conversion is needed, a typed <c>NULL</c> for an untyped <c>NULL</c>, otherwise a cast. Without
    /// <paramref name="exact"/>, strings of one kind and timestamps of one kind keep their length or precision (what
    /// comparisons need); with it, the result has exactly the target type apart from nullability (what set operations,
    /// <c>VALUES</c>, <c>CASE</c> results and sinks need).
    /// </summary>
    internal static BoundExpression Coerce(BoundExpression expression, DataType target, bool exact = false)
    {
        if (expression.Type.TypeId == TypeId.Null)
        {
            return target.TypeId == TypeId.Null ? expression : BoundLiteral.Null(target);
        }

        if (expression is BoundLiteral { IsNull: true } && !expression.Type.EqualsIgnoringNullability(target))
        {
            return BoundLiteral.Null(target);
        }

        var needed = exact
            ? !expression.Type.EqualsIgnoringNullability(target)
            : Catalog.Functions.TypeRules.NeedsConversion(expression.Type, target);
        return needed ? new BoundCast(expression, target.WithNullability(expression.Type.IsNullable)) : expression;
    }

    /// <summary>A project of <paramref name="input"/> that renames its columns, or the input itself when the names are equal.</summary>
    private static LogicalPlan Rename(LogicalPlan input, IReadOnlyList<string> names)
    {
        if (input.Schema.Names.SequenceEqual(names, StringComparer.Ordinal))
        {
            return input;
        }

        var references = input.Schema.Select((c, i) => (BoundExpression)new BoundInputRef(i, c.Name, c.Type));
        return new Project(input, references, PlanSchema.Uniquify(names));
    }
}
