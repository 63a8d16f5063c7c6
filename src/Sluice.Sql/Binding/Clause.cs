namespace Sluice.Sql.Binding;

/// <summary>The clause an expression is bound in: it decides what is allowed and names the clause in errors.</summary>
internal enum Clause
{
    Select,
    Where,
    GroupBy,
    Having,
    OrderBy,
    JoinCondition,
    Values,
    Limit,
    Window,
    FunctionArgument,
    ComputedColumn,
    Watermark,
    PeriodForSystemTime,
}
