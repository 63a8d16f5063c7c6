namespace Sluice.Sql.Planning;

/// <summary>How the optimizer drives a rule over the tree (DataFusion's <c>ApplyOrder</c>).</summary>
public enum ApplyOrder
{
    /// <summary>The rule sees a node before its (rewritten) inputs.</summary>
    TopDown,

    /// <summary>The rule sees a node after its inputs were rewritten.</summary>
    BottomUp,
}
