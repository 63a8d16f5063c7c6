namespace Sluice.Sql.Planning.Rules;

/// <summary>The columns of a join row an expression reads (<see cref="Conditions.SideOf"/>).</summary>
internal enum JoinSide
{
    /// <summary>No column (a constant).</summary>
    None,

    /// <summary>Only left columns.</summary>
    Left,

    /// <summary>Only right columns.</summary>
    Right,

    /// <summary>Columns of both sides.</summary>
    Both,
}
