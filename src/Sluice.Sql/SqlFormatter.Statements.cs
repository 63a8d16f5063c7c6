using Sluice.Sql.Ast;

namespace Sluice.Sql;

/// <summary>Statements.</summary>
public sealed partial class SqlFormatter
{
    private void WriteStatement(SqlStatement statement)
    {
        switch (statement)
        {
            case QueryStatement query:
                WriteQuery(query.Query, QueryLevelLowest);
                break;
            case InsertStatement insert:
                WriteInsert(insert);
                break;
            case StatementSetStatement set:
                WriteStatementSet(set);
                break;
            case CreateTableStatement createTable:
                WriteCreateTable(createTable);
                break;
            case CreateViewStatement createView:
                _out.Append("CREATE ").Append(createView.IsTemporary ? "TEMPORARY VIEW " : "VIEW ")
                    .Append(createView.IfNotExists ? "IF NOT EXISTS " : string.Empty);
                WriteName(createView.Name);
                if (createView.Columns.Count > 0)
                {
                    _out.Append(' ');
                    WriteIdentifierList(createView.Columns);
                }

                WriteComment(createView.Comment);
                _out.Append(" AS ");
                WriteQuery(createView.Query, QueryLevelLowest);
                break;
            case CreateFunctionStatement createFunction:
                WriteCreateFunction(createFunction);
                break;
            case CreateCatalogStatement createCatalog:
                _out.Append("CREATE CATALOG ").Append(createCatalog.IfNotExists ? "IF NOT EXISTS " : string.Empty);
                WriteIdentifier(createCatalog.Name);
                WriteComment(createCatalog.Comment);
                _out.Append(" WITH ");
                WriteProperties(createCatalog.Options);
                break;
            case CreateDatabaseStatement createDatabase:
                _out.Append("CREATE DATABASE ").Append(createDatabase.IfNotExists ? "IF NOT EXISTS " : string.Empty);
                WriteName(createDatabase.Name);
                WriteComment(createDatabase.Comment);
                if (createDatabase.Options.Count > 0)
                {
                    _out.Append(" WITH ");
                    WriteProperties(createDatabase.Options);
                }

                break;
            case DropStatement drop:
                WriteDrop(drop);
                break;
            default:
                WriteOtherStatement(statement);
                break;
        }
    }

    private void WriteOtherStatement(SqlStatement statement)
    {
        switch (statement)
        {
            case AlterTableRenameStatement rename:
                WriteAlterTable(rename.Name, rename.IfExists);
                _out.Append(" RENAME TO ");
                WriteName(rename.NewName);
                break;
            case AlterTableRenameColumnStatement renameColumn:
                WriteAlterTable(renameColumn.Name, renameColumn.IfExists);
                _out.Append(" RENAME ");
                WriteIdentifier(renameColumn.Column);
                _out.Append(" TO ");
                WriteIdentifier(renameColumn.NewName);
                break;
            case AlterTableSchemaStatement schema:
                WriteAlterTable(schema.Name, schema.IfExists);
                _out.Append(schema.Modify ? " MODIFY (" : " ADD (");
                WriteList(schema.Components, WriteAlterTableComponent);
                _out.Append(')');
                break;
            case AlterTableDropStatement drop:
                WriteAlterTable(drop.Name, drop.IfExists);
                _out.Append(" DROP ");
                if (drop.PrimaryKey)
                {
                    _out.Append("PRIMARY KEY");
                }
                else if (drop.Constraint is not null)
                {
                    _out.Append("CONSTRAINT ");
                    WriteIdentifier(drop.Constraint);
                }
                else if (drop.Watermark)
                {
                    _out.Append("WATERMARK");
                }
                else
                {
                    _out.Append('(');
                    WriteList(drop.Columns, WriteIdentifier);
                    _out.Append(')');
                }

                break;
            case AlterTableDistributionStatement distribution:
                WriteAlterTable(distribution.Name, distribution.IfExists);
                if (distribution.Distribution is null)
                {
                    _out.Append(" DROP DISTRIBUTION");
                }
                else
                {
                    _out.Append(distribution.Action == AlterDistributionAction.Modify ? " MODIFY DISTRIBUTION" : " ADD DISTRIBUTION");
                    WriteDistributionBody(distribution.Distribution);
                }

                break;
            case AlterTableSetStatement set:
                WriteAlterTable(set.Name, set.IfExists);
                _out.Append(" SET ");
                WriteProperties(set.Options);
                break;
            case AlterTableResetStatement reset:
                WriteAlterTable(reset.Name, reset.IfExists);
                _out.Append(" RESET (");
                WriteList(reset.Keys, key => WriteString(key.Value));
                _out.Append(')');
                break;
            case SetStatement set:
                _out.Append("SET");
                if (set.Key is not null)
                {
                    _out.Append(' ');
                    WriteString(set.Key);
                    _out.Append(" = ");
                    WriteString(set.Value ?? string.Empty);
                }

                break;
            case ResetStatement reset:
                _out.Append("RESET");
                if (reset.Key is not null)
                {
                    _out.Append(' ');
                    WriteString(reset.Key);
                }

                break;
            case ShowStatement show:
                WriteShow(show);
                break;
            case DescribeStatement describe:
                _out.Append(describe.IsExtended ? "DESCRIBE EXTENDED " : "DESCRIBE ");
                WriteName(describe.Name);
                break;
            case DescribeFunctionStatement describeFunction:
                _out.Append(describeFunction.IsExtended ? "DESCRIBE FUNCTION EXTENDED " : "DESCRIBE FUNCTION ");
                WriteName(describeFunction.Name);
                break;
            case AlterFunctionStatement alterFunction:
                _out.Append("ALTER ")
                    .Append(alterFunction.IsTemporary ? (alterFunction.IsSystem ? "TEMPORARY SYSTEM FUNCTION " : "TEMPORARY FUNCTION ") : "FUNCTION ")
                    .Append(alterFunction.IfExists ? "IF EXISTS " : string.Empty);
                WriteName(alterFunction.Name);
                _out.Append(" AS ");
                WriteString(alterFunction.ClassName);
                if (alterFunction.Language != FunctionLanguage.Default)
                {
                    _out.Append(" LANGUAGE ").Append(alterFunction.Language.ToString().ToUpperInvariant());
                }

                break;
            case DescribeCatalogStatement describeCatalog:
                _out.Append(describeCatalog.IsExtended ? "DESCRIBE CATALOG EXTENDED " : "DESCRIBE CATALOG ");
                WriteIdentifier(describeCatalog.Name);
                break;
            case AlterCatalogStatement alterCatalog:
                _out.Append("ALTER CATALOG ");
                WriteIdentifier(alterCatalog.Name);
                if (alterCatalog.Comment is { } comment)
                {
                    WriteComment(comment);
                }
                else if (alterCatalog.ResetKeys.Count > 0)
                {
                    _out.Append(" RESET (");
                    WriteList(alterCatalog.ResetKeys, key => WriteString(key.Value));
                    _out.Append(')');
                }
                else
                {
                    _out.Append(" SET ");
                    WriteProperties(alterCatalog.Options);
                }

                break;
            case AlterDatabaseStatement alterDatabase:
                _out.Append("ALTER DATABASE ");
                WriteName(alterDatabase.Name);
                _out.Append(" SET ");
                WriteProperties(alterDatabase.Options);
                break;
            case ExplainStatement explain:
                _out.Append("EXPLAIN ");
                if (explain.Details.Count > 0)
                {
                    WriteList(explain.Details, detail => _out.Append(detail switch
                    {
                        ExplainDetail.EstimatedCost => "ESTIMATED_COST",
                        ExplainDetail.ChangelogMode => "CHANGELOG_MODE",
                        ExplainDetail.PlanAdvice => "PLAN_ADVICE",
                        _ => "JSON_EXECUTION_PLAN",
                    }));
                    _out.Append(' ');
                }

                WriteStatement(explain.Statement);
                break;
            case UseStatement use:
                _out.Append(use.IsCatalog ? "USE CATALOG " : "USE ");
                WriteName(use.Name);
                break;
            default:
                _out.Append("/* ").Append(statement.GetType().Name).Append(" */");
                break;
        }
    }

    private void WriteInsert(InsertStatement insert)
    {
        _out.Append(insert.IsOverwrite ? "INSERT OVERWRITE " : "INSERT INTO ");
        WriteName(insert.Target);
        if (insert.Hints.Count > 0)
        {
            _out.Append(' ');
            WriteHints(insert.Hints);
        }

        if (insert.Partition.Count > 0)
        {
            _out.Append(" PARTITION (");
            WriteList(insert.Partition, WritePartitionValue);
            _out.Append(')');
        }

        if (insert.Columns.Count > 0)
        {
            _out.Append(' ');
            WriteIdentifierList(insert.Columns);
        }

        _out.Append(' ');
        WriteQuery(insert.Query, QueryLevelLowest);
    }

    private void WritePartitionValue(PartitionValue value)
    {
        WriteIdentifier(value.Column);
        _out.Append(" = ");
        WriteExpression(value.Value, Syntax.Precedence.Lowest);
    }

    private void WriteStatementSet(StatementSetStatement set)
    {
        _out.Append(set.Syntax switch
        {
            StatementSetSyntax.ExecuteStatementSet => "EXECUTE STATEMENT SET BEGIN ",
            StatementSetSyntax.StatementSet => "STATEMENT SET BEGIN ",
            _ => "BEGIN STATEMENT SET; ",
        });
        foreach (var insert in set.Statements)
        {
            WriteInsert(insert);
            _out.Append("; ");
        }

        _out.Append("END");
    }

    private void WriteCreateTable(CreateTableStatement table)
    {
        _out.Append("CREATE ")
            .Append(table.OrReplace ? "OR REPLACE " : string.Empty)
            .Append(table.IsTemporary ? "TEMPORARY TABLE " : "TABLE ")
            .Append(table.IfNotExists ? "IF NOT EXISTS " : string.Empty);
        WriteName(table.Name);
        if (table.Columns.Count > 0 || table.Watermarks.Count > 0 || table.PrimaryKey is not null)
        {
            _out.Append(" (");
            var first = true;
            foreach (var column in table.Columns)
            {
                Separate(ref first);
                WriteColumn(column);
            }

            foreach (var watermark in table.Watermarks)
            {
                Separate(ref first);
                WriteWatermark(watermark);
            }

            if (table.PrimaryKey is not null)
            {
                Separate(ref first);
                WritePrimaryKey(table.PrimaryKey);
            }

            _out.Append(')');
        }

        WriteComment(table.Comment);
        if (table.Distribution is not null)
        {
            _out.Append(" DISTRIBUTED");
            WriteDistributionBody(table.Distribution);
        }

        if (table.PartitionedBy.Count > 0)
        {
            _out.Append(" PARTITIONED BY ");
            WriteIdentifierList(table.PartitionedBy);
        }

        if (table.Options.Count > 0)
        {
            _out.Append(" WITH ");
            WriteProperties(table.Options);
        }

        if (table.Like is not null)
        {
            _out.Append(' ');
            WriteLikeClause(table.Like);
        }

        if (table.AsQuery is not null)
        {
            _out.Append(" AS ");
            WriteQuery(table.AsQuery, QueryLevelLowest);
        }
    }

    private void Separate(ref bool first)
    {
        if (!first)
        {
            _out.Append(", ");
        }

        first = false;
    }

    private void WriteColumn(ColumnDefinition column)
    {
        WriteIdentifier(column.Name);
        switch (column)
        {
            case PhysicalColumn physical:
                _out.Append(' ');
                WriteType(physical.Type);
                if (physical.PrimaryKey is not null)
                {
                    _out.Append(' ');
                    WritePrimaryKey(physical.PrimaryKey);
                }

                break;
            case ComputedColumn computed:
                _out.Append(" AS ");
                WriteExpression(computed.Expression, Syntax.Precedence.Lowest);
                break;
            case MetadataColumn metadata:
                _out.Append(' ');
                WriteType(metadata.Type);
                _out.Append(" METADATA");
                if (metadata.MetadataKey is not null)
                {
                    _out.Append(" FROM ");
                    WriteString(metadata.MetadataKey);
                }

                if (metadata.IsVirtual)
                {
                    _out.Append(" VIRTUAL");
                }

                break;
        }

        WriteComment(column.Comment);
    }

    private void WriteWatermark(WatermarkDefinition watermark)
    {
        _out.Append("WATERMARK FOR ");
        WriteName(watermark.Column);
        _out.Append(" AS ");
        WriteExpression(watermark.Strategy, Syntax.Precedence.Lowest);
    }

    private void WritePrimaryKey(PrimaryKeyConstraint key)
    {
        if (key.ConstraintName is not null)
        {
            _out.Append("CONSTRAINT ");
            WriteIdentifier(key.ConstraintName);
            _out.Append(' ');
        }

        _out.Append("PRIMARY KEY");
        if (key.Columns.Count > 0)
        {
            _out.Append(' ');
            WriteIdentifierList(key.Columns);
        }

        _out.Append(key.IsEnforced ? " ENFORCED" : " NOT ENFORCED");
    }

    private void WriteLikeClause(LikeClause like)
    {
        _out.Append("LIKE ");
        WriteName(like.Source);
        if (like.Options.Count > 0)
        {
            _out.Append(" (");
            for (var i = 0; i < like.Options.Count; i++)
            {
                if (i > 0)
                {
                    _out.Append(' ');
                }

                WriteLikeOption(like.Options[i]);
            }

            _out.Append(')');
        }
    }

    /// <summary>The part of a distribution after <c>DISTRIBUTED</c> / <c>DISTRIBUTION</c>, with a leading space.</summary>
    private void WriteDistributionBody(DistributionClause distribution)
    {
        if (distribution.Columns.Count > 0 || distribution.BucketCount is null)
        {
            _out.Append(" BY ").Append(distribution.Kind switch
            {
                DistributionKind.Hash => "HASH",
                DistributionKind.Range => "RANGE",
                _ => string.Empty,
            });
            WriteIdentifierList(distribution.Columns);
        }

        if (distribution.BucketCount is not null)
        {
            _out.Append(" INTO ").Append(distribution.BucketCount.Text).Append(" BUCKETS");
        }
    }

    private void WriteLikeOption(LikeOption option)
    {
        _out.Append(option.Strategy switch
        {
            LikeMergeStrategy.Including => "INCLUDING ",
            LikeMergeStrategy.Excluding => "EXCLUDING ",
            _ => "OVERWRITING ",
        });
        _out.Append(option.Feature.ToString().ToUpperInvariant());
    }

    private void WriteCreateFunction(CreateFunctionStatement function)
    {
        _out.Append("CREATE ")
            .Append(function.IsTemporary ? (function.IsSystem ? "TEMPORARY SYSTEM FUNCTION " : "TEMPORARY FUNCTION ") : "FUNCTION ")
            .Append(function.IfNotExists ? "IF NOT EXISTS " : string.Empty);
        WriteName(function.Name);
        _out.Append(" AS ");
        WriteString(function.ClassName);
        if (function.Language != FunctionLanguage.Default)
        {
            _out.Append(" LANGUAGE ").Append(function.Language.ToString().ToUpperInvariant());
        }

        if (function.Jars.Count > 0)
        {
            _out.Append(" USING ");
            WriteList(function.Jars, jar =>
            {
                _out.Append("JAR ");
                WriteString(jar.Value);
            });
        }
    }

    private void WriteDrop(DropStatement drop)
    {
        _out.Append("DROP ");
        if (drop.IsTemporary)
        {
            _out.Append(drop.IsSystem ? "TEMPORARY SYSTEM " : "TEMPORARY ");
        }

        _out.Append(drop.Kind.ToString().ToUpperInvariant()).Append(' ');
        if (drop.IfExists)
        {
            _out.Append("IF EXISTS ");
        }

        WriteName(drop.Name);
        _out.Append(drop.Behavior switch
        {
            DropBehavior.Restrict => " RESTRICT",
            DropBehavior.Cascade => " CASCADE",
            _ => string.Empty,
        });
    }

    private void WriteAlterTableComponent(AlterTableComponent component)
    {
        if (component.Watermark is not null)
        {
            WriteWatermark(component.Watermark);
        }
        else if (component.PrimaryKey is not null)
        {
            WritePrimaryKey(component.PrimaryKey);
        }
        else
        {
            WriteColumn(component.Column!);
            if (component.First)
            {
                _out.Append(" FIRST");
            }
            else if (component.After is not null)
            {
                _out.Append(" AFTER ");
                WriteIdentifier(component.After);
            }
        }
    }

    private void WriteAlterTable(QualifiedName name, bool ifExists)
    {
        _out.Append(ifExists ? "ALTER TABLE IF EXISTS " : "ALTER TABLE ");
        WriteName(name);
    }

    private void WriteShow(ShowStatement show)
    {
        _out.Append("SHOW ").Append(show.Kind switch
        {
            ShowKind.Tables => "TABLES",
            ShowKind.Views => "VIEWS",
            ShowKind.Functions => "FUNCTIONS",
            ShowKind.UserFunctions => "USER FUNCTIONS",
            ShowKind.Catalogs => "CATALOGS",
            ShowKind.Databases => "DATABASES",
            ShowKind.Modules => "MODULES",
            ShowKind.FullModules => "FULL MODULES",
            ShowKind.Jars => "JARS",
            ShowKind.CurrentCatalog => "CURRENT CATALOG",
            ShowKind.CurrentDatabase => "CURRENT DATABASE",
            ShowKind.CreateTable => "CREATE TABLE",
            ShowKind.CreateView => "CREATE VIEW",
            ShowKind.CreateCatalog => "CREATE CATALOG",
            ShowKind.Partitions => "PARTITIONS",
            _ => "COLUMNS",
        });
        if (show.Target is not null)
        {
            _out.Append(show.Kind is ShowKind.CreateTable or ShowKind.CreateView or ShowKind.CreateCatalog or ShowKind.Partitions ? " " : " FROM ");
            WriteName(show.Target);
        }

        if (show.Partition.Count > 0)
        {
            _out.Append(" PARTITION (");
            WriteList(show.Partition, WritePartitionValue);
            _out.Append(')');
        }

        if (show.LikePattern is not null)
        {
            _out.Append(show.IsNotLike ? " NOT " : " ").Append(show.IsILike ? "ILIKE " : "LIKE ");
            WriteString(show.LikePattern);
        }
    }
}
