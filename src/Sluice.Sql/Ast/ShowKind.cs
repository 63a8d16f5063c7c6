namespace Sluice.Sql.Ast;

/// <summary>What a <see cref="ShowStatement"/> lists.</summary>
public enum ShowKind
{
    /// <summary><c>SHOW TABLES</c>.</summary>
    Tables,

    /// <summary><c>SHOW VIEWS</c>.</summary>
    Views,

    /// <summary><c>SHOW FUNCTIONS</c>.</summary>
    Functions,

    /// <summary><c>SHOW USER FUNCTIONS</c>.</summary>
    UserFunctions,

    /// <summary><c>SHOW CATALOGS</c>.</summary>
    Catalogs,

    /// <summary><c>SHOW DATABASES</c>.</summary>
    Databases,

    /// <summary><c>SHOW MODULES</c>.</summary>
    Modules,

    /// <summary><c>SHOW FULL MODULES</c>.</summary>
    FullModules,

    /// <summary><c>SHOW JARS</c>.</summary>
    Jars,

    /// <summary><c>SHOW CURRENT CATALOG</c>.</summary>
    CurrentCatalog,

    /// <summary><c>SHOW CURRENT DATABASE</c>.</summary>
    CurrentDatabase,

    /// <summary><c>SHOW CREATE TABLE name</c>.</summary>
    CreateTable,

    /// <summary><c>SHOW CREATE VIEW name</c>.</summary>
    CreateView,

    /// <summary><c>SHOW CREATE CATALOG name</c>.</summary>
    CreateCatalog,

    /// <summary><c>SHOW COLUMNS FROM|IN name</c>.</summary>
    Columns,

    /// <summary><c>SHOW PARTITIONS name [PARTITION (key = value, ...)]</c>.</summary>
    Partitions,
}
