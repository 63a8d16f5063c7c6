namespace Sluice.Sql.Ast;

/// <summary>The <c>ON NULL</c> clause of <c>JSON_OBJECT</c> and <c>JSON_ARRAY</c>.</summary>
public enum JsonNullHandling
{
    /// <summary>Not written.</summary>
    Default,

    /// <summary><c>NULL ON NULL</c>.</summary>
    Null,

    /// <summary><c>ABSENT ON NULL</c>.</summary>
    Absent,
}
