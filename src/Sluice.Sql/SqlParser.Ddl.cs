using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;

namespace Sluice.Sql;

/// <summary>DDL: <c>CREATE</c>, <c>DROP</c> and <c>ALTER</c>.</summary>
public sealed partial class SqlParser
{
    private SqlStatement ParseCreate()
    {
        var start = ExpectKeyword("CREATE").Span;
        var orReplace = false;
        if (AcceptKeyword("OR", "OR REPLACE"))
        {
            ExpectKeyword("REPLACE");
            orReplace = true;
        }

        var temporary = AcceptKeyword("TEMPORARY");
        var system = false;
        if (temporary && AcceptKeyword("SYSTEM"))
        {
            system = true;
            if (!IsKeyword("FUNCTION"))
            {
                throw Unexpected();
            }
        }

        if (IsKeyword("TABLE"))
        {
            return ParseCreateTable(start, temporary, orReplace);
        }

        if (!orReplace)
        {
            if (IsKeyword("VIEW"))
            {
                return ParseCreateView(start, temporary);
            }

            if (IsKeyword("FUNCTION"))
            {
                return ParseCreateFunction(start, temporary, system);
            }

            if (!temporary)
            {
                if (IsKeyword("CATALOG"))
                {
                    return ParseCreateCatalog(start);
                }

                if (IsKeyword("DATABASE"))
                {
                    return ParseCreateDatabase(start);
                }
            }
        }

        foreach (var unsupported in (string[])["MATERIALIZED", "MODEL"])
        {
            if (Current.IsKeyword(unsupported))
            {
                throw NotSupported(Current.Span, $"CREATE {unsupported.ToUpperInvariant()}");
            }
        }

        throw Unexpected();
    }

    private CreateTableStatement ParseCreateTable(SourceSpan start, bool temporary, bool orReplace)
    {
        ExpectKeyword("TABLE");
        var ifNotExists = ParseIfNotExists();
        var name = ParseQualifiedName();
        var columns = new List<ColumnDefinition>();
        var watermarks = new List<WatermarkDefinition>();
        PrimaryKeyConstraint? primaryKey = null;
        var hasPrimaryKey = false;
        if (Accept(TokenKind.LeftParen))
        {
            do
            {
                if (IsKeywordPair("WATERMARK", "FOR"))
                {
                    watermarks.Add(ParseWatermark());
                }
                else if (AtTableConstraint())
                {
                    var constraint = ParsePrimaryKey(inline: false);
                    if (hasPrimaryKey)
                    {
                        throw Error(constraint.Span, "a table can have only one primary key");
                    }

                    hasPrimaryKey = true;
                    primaryKey = constraint;
                }
                else if (PeekToken(1).Kind is TokenKind.Comma or TokenKind.RightParen && !Current.IsKeyword("WATERMARK"))
                {
                    // A name without a type: CTAS's reordering of the query's columns (checked when executed).
                    var untyped = ParseIdentifier();
                    columns.Add(new UntypedColumn(untyped.Span, untyped));
                }
                else
                {
                    var column = ParseColumn();
                    if (column is PhysicalColumn { PrimaryKey: not null } keyed)
                    {
                        if (hasPrimaryKey)
                        {
                            throw Error(keyed.PrimaryKey.Span, "a table can have only one primary key");
                        }

                        hasPrimaryKey = true;
                    }

                    columns.Add(column);
                }
            }
            while (Accept(TokenKind.Comma));

            Expect(TokenKind.RightParen);
        }

        var comment = ParseOptionalComment();
        DistributionClause? distribution = null;
        if (IsKeyword("DISTRIBUTED", "DISTRIBUTED BY"))
        {
            var distributionStart = Advance().Span;
            distribution = ParseDistributionBody(distributionStart);
        }

        var partitionedBy = NodeList<Identifier>.Empty;
        if (AcceptKeyword("PARTITIONED", "PARTITIONED BY"))
        {
            ExpectKeyword("BY");
            partitionedBy = ParseParenthesizedIdentifiers();
        }

        if (Current.IsKeyword("DISTRIBUTED"))
        {
            // Flink's grammar: [COMMENT] [DISTRIBUTED ...] [PARTITIONED BY ...] [WITH ...].
            throw Error(Current.Span, distribution is null
                ? "DISTRIBUTED BY must come before PARTITIONED BY"
                : "a table can have only one DISTRIBUTED BY clause");
        }

        var options = NodeList<Property>.Empty;
        if (AcceptKeyword("WITH"))
        {
            options = ParseProperties();
        }

        LikeClause? like = null;
        if (IsKeyword("LIKE"))
        {
            like = ParseLikeClause();
        }

        SqlQuery? asQuery = null;
        if (AcceptKeyword("AS"))
        {
            asQuery = ParseQueryExpression();
        }

        return new CreateTableStatement(SpanFrom(start), name, temporary, ifNotExists, orReplace,
            NodeList<ColumnDefinition>.From(columns), NodeList<WatermarkDefinition>.From(watermarks), primaryKey, comment,
            partitionedBy, options, like, asQuery, distribution);
    }

    /// <summary>
    /// The rest of a distribution after <c>DISTRIBUTED</c> (CREATE TABLE) or <c>DISTRIBUTION</c> (ALTER TABLE):
    /// <c>BY [HASH | RANGE] (col, ...) [INTO n BUCKETS]</c> or <c>INTO n BUCKETS</c>.
    /// </summary>
    private DistributionClause ParseDistributionBody(SourceSpan start)
    {
        if (AcceptKeyword("INTO"))
        {
            var count = ParseBucketCount();
            return new DistributionClause(SpanFrom(start), DistributionKind.Unknown, NodeList<Identifier>.Empty, count);
        }

        ExpectKeyword("BY");
        var kind = DistributionKind.Unknown;
        if (AcceptKeyword("HASH"))
        {
            kind = DistributionKind.Hash;
        }
        else if (AcceptKeyword("RANGE"))
        {
            kind = DistributionKind.Range;
        }

        var columns = ParseParenthesizedIdentifiers();
        NumericLiteral? bucketCount = null;
        if (AcceptKeyword("INTO"))
        {
            bucketCount = ParseBucketCount();
        }

        return new DistributionClause(SpanFrom(start), kind, columns, bucketCount);
    }

    /// <summary><c>n BUCKETS</c> after <c>INTO</c>: an unsigned integer literal (checked to be at least 1 when the statement runs).</summary>
    private NumericLiteral ParseBucketCount()
    {
        var count = ParseRowCount();
        ExpectKeyword("BUCKETS");
        return count;
    }

    /// <summary>True at <c>PRIMARY KEY</c> or <c>CONSTRAINT name PRIMARY KEY</c> (a column may be named <c>primary</c>).</summary>
    private bool AtTableConstraint()
    {
        Note("PRIMARY KEY");
        Note("CONSTRAINT");
        if (Current.IsKeyword("PRIMARY") && PeekToken(1).IsKeyword("KEY"))
        {
            return true;
        }

        return Current.IsKeyword("CONSTRAINT") && PeekToken(1).Kind is TokenKind.Word or TokenKind.QuotedIdentifier
            && PeekToken(2).IsKeyword("PRIMARY");
    }

    /// <summary>
    /// One component of <c>ALTER TABLE ... ADD/MODIFY</c>: <c>WATERMARK FOR ...</c>, <c>[CONSTRAINT n] PRIMARY KEY
    /// (...) NOT ENFORCED</c>, or a column definition followed by <c>FIRST</c> or <c>AFTER column</c>.
    /// </summary>
    private AlterTableComponent ParseAlterTableComponent()
    {
        var start = Current.Span;
        if (IsKeywordPair("WATERMARK", "FOR"))
        {
            var watermark = ParseWatermark();
            return new AlterTableComponent(SpanFrom(start), null, false, null, null, watermark);
        }

        if (AtTableConstraint())
        {
            var key = ParsePrimaryKey(inline: false);
            return new AlterTableComponent(SpanFrom(start), null, false, null, key, null);
        }

        var column = ParseColumn();
        var first = AcceptKeyword("FIRST");
        Identifier? after = null;
        if (!first && AcceptKeyword("AFTER"))
        {
            after = ParseIdentifier();
        }

        return new AlterTableComponent(SpanFrom(start), column, first, after, null, null);
    }

    private WatermarkDefinition ParseWatermark()
    {
        var start = ExpectKeyword("WATERMARK").Span;
        ExpectKeyword("FOR");
        var column = ParseQualifiedName();
        ExpectKeyword("AS");
        var strategy = ParseExpr();
        return new WatermarkDefinition(SpanFrom(start), column, strategy);
    }

    /// <summary><c>[CONSTRAINT name] PRIMARY KEY [(columns)] [NOT] ENFORCED</c>; the column list is absent inline.</summary>
    private PrimaryKeyConstraint ParsePrimaryKey(bool inline)
    {
        var start = Current.Span;
        Identifier? constraintName = null;
        if (AcceptKeyword("CONSTRAINT"))
        {
            constraintName = ParseIdentifier();
        }

        ExpectKeyword("PRIMARY");
        ExpectKeyword("KEY");
        var columns = inline ? NodeList<Identifier>.Empty : ParseParenthesizedIdentifiers();
        bool enforced;
        if (AcceptKeyword("NOT", "NOT ENFORCED"))
        {
            ExpectKeyword("ENFORCED");
            enforced = false;
        }
        else if (AcceptKeyword("ENFORCED"))
        {
            enforced = true;
        }
        else
        {
            throw Unexpected();
        }

        return new PrimaryKeyConstraint(SpanFrom(start), constraintName, columns, enforced);
    }

    private ColumnDefinition ParseColumn()
    {
        var name = ParseIdentifier();
        if (AcceptKeyword("AS"))
        {
            var expression = ParseExpr();
            var computedComment = ParseOptionalComment();
            return new ComputedColumn(SpanFrom(name.Span), name, expression, computedComment);
        }

        var type = ParseType();
        if (AcceptKeyword("METADATA"))
        {
            string? key = null;
            if (AcceptKeyword("FROM"))
            {
                key = ParseStringValue();
            }

            var isVirtual = AcceptKeyword("VIRTUAL");
            var metadataComment = ParseOptionalComment();
            return new MetadataColumn(SpanFrom(name.Span), name, type, key, isVirtual, metadataComment);
        }

        PrimaryKeyConstraint? primaryKey = null;
        if (IsKeyword("PRIMARY", "PRIMARY KEY") || IsKeyword("CONSTRAINT"))
        {
            primaryKey = ParsePrimaryKey(inline: true);
        }

        var comment = ParseOptionalComment();
        return new PhysicalColumn(SpanFrom(name.Span), name, type, primaryKey, comment);
    }

    private LikeClause ParseLikeClause()
    {
        var start = ExpectKeyword("LIKE").Span;
        var source = ParseQualifiedName();
        var options = new List<LikeOption>();
        if (Accept(TokenKind.LeftParen))
        {
            do
            {
                var optionStart = Current.Span;
                LikeMergeStrategy strategy;
                if (AcceptKeyword("INCLUDING"))
                {
                    strategy = LikeMergeStrategy.Including;
                }
                else if (AcceptKeyword("EXCLUDING"))
                {
                    strategy = LikeMergeStrategy.Excluding;
                }
                else if (AcceptKeyword("OVERWRITING"))
                {
                    strategy = LikeMergeStrategy.Overwriting;
                }
                else
                {
                    throw Unexpected();
                }

                var feature = ParseLikeFeature();
                options.Add(new LikeOption(SpanFrom(optionStart), strategy, feature));
                Accept(TokenKind.Comma);
            }
            while (!Accept(TokenKind.RightParen));
        }

        return new LikeClause(SpanFrom(start), source, NodeList<LikeOption>.From(options));
    }

    private LikeFeature ParseLikeFeature()
    {
        (string Name, LikeFeature Feature)[] features =
        [
            ("ALL", LikeFeature.All), ("CONSTRAINTS", LikeFeature.Constraints), ("DISTRIBUTION", LikeFeature.Distribution), ("GENERATED", LikeFeature.Generated),
            ("METADATA", LikeFeature.Metadata), ("OPTIONS", LikeFeature.Options), ("PARTITIONS", LikeFeature.Partitions),
            ("WATERMARKS", LikeFeature.Watermarks),
        ];
        foreach (var (word, feature) in features)
        {
            if (AcceptKeyword(word))
            {
                return feature;
            }
        }

        throw Unexpected();
    }

    private CreateViewStatement ParseCreateView(SourceSpan start, bool temporary)
    {
        ExpectKeyword("VIEW");
        var ifNotExists = ParseIfNotExists();
        var name = ParseQualifiedName();
        var columns = Is(TokenKind.LeftParen) ? ParseParenthesizedIdentifiers() : NodeList<Identifier>.Empty;
        var comment = ParseOptionalComment();
        ExpectKeyword("AS");
        var query = ParseQueryExpression();
        return new CreateViewStatement(SpanFrom(start), name, temporary, ifNotExists, columns, comment, query);
    }

    private CreateFunctionStatement ParseCreateFunction(SourceSpan start, bool temporary, bool system)
    {
        ExpectKeyword("FUNCTION");
        var ifNotExists = ParseIfNotExists();
        var name = ParseQualifiedName();
        ExpectKeyword("AS");
        var className = ParseStringValue();
        var language = ParseFunctionLanguage();
        var jars = new List<StringLiteral>();
        if (AcceptKeyword("USING", "USING JAR"))
        {
            do
            {
                ExpectKeyword("JAR");
                jars.Add(ParseStringLiteral());
            }
            while (Accept(TokenKind.Comma));
        }

        return new CreateFunctionStatement(SpanFrom(start), name, temporary, system, ifNotExists, className, language,
            NodeList<StringLiteral>.From(jars));
    }

    /// <summary><c>ALTER [TEMPORARY [SYSTEM]] FUNCTION [IF EXISTS] name AS 'class' [LANGUAGE ...]</c>, after <c>ALTER</c>.</summary>
    private AlterFunctionStatement ParseAlterFunction(SourceSpan start)
    {
        var temporary = AcceptKeyword("TEMPORARY");
        var system = temporary && AcceptKeyword("SYSTEM");
        ExpectKeyword("FUNCTION");
        var ifExists = ParseIfExists();
        var name = ParseQualifiedName();
        ExpectKeyword("AS");
        var className = ParseStringValue();
        var language = ParseFunctionLanguage();
        return new AlterFunctionStatement(SpanFrom(start), name, temporary, system, ifExists, className, language);
    }

    /// <summary>An optional <c>LANGUAGE JAVA | SCALA | PYTHON | CSHARP</c>.</summary>
    private FunctionLanguage ParseFunctionLanguage()
    {
        var language = FunctionLanguage.Default;
        if (AcceptKeyword("LANGUAGE"))
        {
            if (AcceptKeyword("JAVA"))
            {
                language = FunctionLanguage.Java;
            }
            else if (AcceptKeyword("SCALA"))
            {
                language = FunctionLanguage.Scala;
            }
            else if (AcceptKeyword("PYTHON"))
            {
                language = FunctionLanguage.Python;
            }
            else if (AcceptKeyword("CSHARP"))
            {
                language = FunctionLanguage.CSharp;
            }
            else
            {
                throw Unexpected();
            }
        }

        return language;
    }

    private CreateCatalogStatement ParseCreateCatalog(SourceSpan start)
    {
        ExpectKeyword("CATALOG");
        var ifNotExists = ParseIfNotExists();
        var name = ParseIdentifier();
        var comment = ParseOptionalComment();
        ExpectKeyword("WITH");
        var options = ParseProperties();
        return new CreateCatalogStatement(SpanFrom(start), name, ifNotExists, comment, options);
    }

    private CreateDatabaseStatement ParseCreateDatabase(SourceSpan start)
    {
        ExpectKeyword("DATABASE");
        var ifNotExists = ParseIfNotExists();
        var name = ParseQualifiedName();
        var comment = ParseOptionalComment();
        var options = AcceptKeyword("WITH") ? ParseProperties() : NodeList<Property>.Empty;
        return new CreateDatabaseStatement(SpanFrom(start), name, ifNotExists, comment, options);
    }

    private DropStatement ParseDrop()
    {
        var start = ExpectKeyword("DROP").Span;
        var temporary = AcceptKeyword("TEMPORARY");
        var system = temporary && AcceptKeyword("SYSTEM");
        DropObjectKind kind;
        if (system)
        {
            ExpectKeyword("FUNCTION");
            kind = DropObjectKind.Function;
        }
        else if (AcceptKeyword("TABLE"))
        {
            kind = DropObjectKind.Table;
        }
        else if (AcceptKeyword("VIEW"))
        {
            kind = DropObjectKind.View;
        }
        else if (AcceptKeyword("FUNCTION"))
        {
            kind = DropObjectKind.Function;
        }
        else if (!temporary && AcceptKeyword("CATALOG"))
        {
            kind = DropObjectKind.Catalog;
        }
        else if (!temporary && AcceptKeyword("DATABASE"))
        {
            kind = DropObjectKind.Database;
        }
        else
        {
            throw Unexpected();
        }

        var ifExists = ParseIfExists();
        var name = ParseQualifiedName();
        var behavior = DropBehavior.Default;
        if (kind == DropObjectKind.Database)
        {
            if (AcceptKeyword("RESTRICT"))
            {
                behavior = DropBehavior.Restrict;
            }
            else if (AcceptKeyword("CASCADE"))
            {
                behavior = DropBehavior.Cascade;
            }
        }

        return new DropStatement(SpanFrom(start), kind, name, ifExists, temporary, system, behavior);
    }

    private SqlStatement ParseAlter()
    {
        var start = ExpectKeyword("ALTER").Span;
        if (AcceptKeyword("CATALOG"))
        {
            return ParseAlterCatalog(start);
        }

        if (IsKeyword("FUNCTION") || (IsKeyword("TEMPORARY") && (PeekToken(1).IsKeyword("FUNCTION") || PeekToken(1).IsKeyword("SYSTEM"))))
        {
            return ParseAlterFunction(start);
        }

        if (AcceptKeyword("DATABASE"))
        {
            var database = ParseQualifiedName();
            ExpectKeyword("SET");
            return new AlterDatabaseStatement(SpanFrom(start), database, ParseProperties());
        }

        if (!IsKeyword("TABLE"))
        {
            if (Current.Kind == TokenKind.Word && !Keywords.IsReserved(Current.Text))
            {
                throw NotSupported(Current.Span, $"ALTER {Current.Text.ToUpperInvariant()}");
            }

            throw Unexpected();
        }

        Advance();
        var ifExists = ParseIfExists();
        var name = ParseQualifiedName();
        if (AcceptKeyword("RENAME", "RENAME TO"))
        {
            if (!IsKeyword("TO"))
            {
                var column = ParseIdentifier();
                ExpectKeyword("TO");
                var newColumn = ParseIdentifier();
                return new AlterTableRenameColumnStatement(SpanFrom(start), name, ifExists, column, newColumn);
            }

            Advance();
            var newName = ParseQualifiedName();
            return new AlterTableRenameStatement(SpanFrom(start), name, ifExists, newName);
        }

        if ((IsKeyword("ADD") || IsKeyword("DROP")) && (PeekToken(1).IsKeyword("PARTITION")
                || (PeekToken(1).IsKeyword("IF") && (PeekToken(3).IsKeyword("PARTITION") || PeekToken(4).IsKeyword("PARTITION")))))
        {
            throw NotSupported(Current.Span,
                $"ALTER TABLE ... {Current.Text.ToUpperInvariant()} PARTITION (the catalog keeps no partitions: a filesystem table's partitions are its folders, " +
                "created by INSERT and listed by SHOW PARTITIONS; delete a partition's folder to drop it)");
        }

        if ((IsKeyword("ADD") || IsKeyword("MODIFY")) && PeekToken(1).IsKeyword("DISTRIBUTION")
            && (PeekToken(2).IsKeyword("BY") || PeekToken(2).IsKeyword("INTO")))
        {
            var action = Current.IsKeyword("MODIFY") ? AlterDistributionAction.Modify : AlterDistributionAction.Add;
            Advance();
            var distributionStart = Advance().Span;
            var distribution = ParseDistributionBody(distributionStart);
            return new AlterTableDistributionStatement(SpanFrom(start), name, ifExists, action, distribution);
        }

        if (IsKeyword("ADD") || IsKeyword("MODIFY"))
        {
            var modify = Current.IsKeyword("MODIFY");
            Advance();
            var components = new List<AlterTableComponent>();
            if (Accept(TokenKind.LeftParen))
            {
                do
                {
                    components.Add(ParseAlterTableComponent());
                }
                while (Accept(TokenKind.Comma));

                Expect(TokenKind.RightParen);
            }
            else
            {
                components.Add(ParseAlterTableComponent());
            }

            return new AlterTableSchemaStatement(SpanFrom(start), name, ifExists, modify, NodeList<AlterTableComponent>.From(components));
        }

        if (AcceptKeyword("DROP"))
        {
            if (AcceptKeyword("PRIMARY"))
            {
                ExpectKeyword("KEY");
                return new AlterTableDropStatement(SpanFrom(start), name, ifExists, NodeList<Identifier>.Empty, true, null, false);
            }

            if (AcceptKeyword("CONSTRAINT"))
            {
                var constraint = ParseIdentifier();
                return new AlterTableDropStatement(SpanFrom(start), name, ifExists, NodeList<Identifier>.Empty, false, constraint, false);
            }

            if (AcceptKeyword("WATERMARK"))
            {
                return new AlterTableDropStatement(SpanFrom(start), name, ifExists, NodeList<Identifier>.Empty, false, null, true);
            }

            if (AcceptKeyword("DISTRIBUTION"))
            {
                return new AlterTableDistributionStatement(SpanFrom(start), name, ifExists, AlterDistributionAction.Drop, null);
            }

            var columns = Current.Kind == TokenKind.LeftParen ? ParseParenthesizedIdentifiers() : NodeList<Identifier>.From([ParseIdentifier()]);
            return new AlterTableDropStatement(SpanFrom(start), name, ifExists, columns, false, null, false);
        }

        if (AcceptKeyword("SET"))
        {
            var options = ParseProperties();
            return new AlterTableSetStatement(SpanFrom(start), name, ifExists, options);
        }

        if (AcceptKeyword("RESET"))
        {
            var keys = ParseResetKeys();
            return new AlterTableResetStatement(SpanFrom(start), name, ifExists, keys);
        }

        foreach (var unsupported in (string[])["COMPACT"])
        {
            if (Current.IsKeyword(unsupported))
            {
                throw NotSupported(Current.Span, $"ALTER TABLE ... {unsupported.ToUpperInvariant()}");
            }
        }

        throw Unexpected();
    }

    /// <summary><c>('key' [, 'key']*)</c> after <c>RESET</c>: the option keys to remove.</summary>
    private NodeList<StringLiteral> ParseResetKeys()
    {
        Expect(TokenKind.LeftParen);
        var keys = new List<StringLiteral>();
        do
        {
            keys.Add(ParseStringLiteral());
        }
        while (Accept(TokenKind.Comma));

        Expect(TokenKind.RightParen);
        return NodeList<StringLiteral>.From(keys);
    }

    /// <summary><c>ALTER CATALOG name SET (...) | RESET (...) | COMMENT '...'</c>, after <c>ALTER CATALOG</c>.</summary>
    private AlterCatalogStatement ParseAlterCatalog(SourceSpan start)
    {
        var name = ParseIdentifier();
        if (AcceptKeyword("SET"))
        {
            return new AlterCatalogStatement(SpanFrom(start), name, ParseProperties(), NodeList<StringLiteral>.Empty, null);
        }

        if (AcceptKeyword("RESET"))
        {
            var keys = ParseResetKeys();
            return new AlterCatalogStatement(SpanFrom(start), name, NodeList<Property>.Empty, keys, null);
        }

        if (IsKeyword("COMMENT"))
        {
            var comment = ParseOptionalComment() ?? string.Empty;
            return new AlterCatalogStatement(SpanFrom(start), name, NodeList<Property>.Empty, NodeList<StringLiteral>.Empty, comment);
        }

        throw Unexpected();
    }
}
