namespace Sluice.Sql.Physical.Expressions;

/// <summary>A comparison operator.</summary>
internal enum ComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
