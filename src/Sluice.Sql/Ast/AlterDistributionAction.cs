namespace Sluice.Sql.Ast;

/// <summary>What an <see cref="AlterTableDistributionStatement"/> does.</summary>
public enum AlterDistributionAction
{
    /// <summary><c>ADD DISTRIBUTED ...</c>: the table must have no distribution.</summary>
    Add,

    /// <summary><c>MODIFY DISTRIBUTED ...</c>: the table must have a distribution.</summary>
    Modify,

    /// <summary><c>DROP DISTRIBUTION</c>: the table must have a distribution.</summary>
    Drop,
}
