namespace Sluice.Sql.Ast;

/// <summary>The object type of a <see cref="DropStatement"/>.</summary>
public enum DropObjectKind
{
    /// <summary><c>TABLE</c>.</summary>
    Table,

    /// <summary><c>VIEW</c>.</summary>
    View,

    /// <summary><c>FUNCTION</c>.</summary>
    Function,

    /// <summary><c>CATALOG</c>.</summary>
    Catalog,

    /// <summary><c>DATABASE</c>.</summary>
    Database,
}
