namespace Sluice.Sql.Physical.Expressions;

/// <summary>What a JSON function returns when its path selects nothing (ON EMPTY) or fails (ON ERROR).</summary>
internal enum JsonBehavior
{
    Null,
    Error,
    Default,
    EmptyArray,
    EmptyObject,
    True,
    False,
    Unknown,
}
