using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;

namespace Sluice.Sql;

/// <summary><c>SHOW PARTITIONS table [PARTITION (key = value, ...)]</c> and the partition specs of statements.</summary>
public sealed partial class SqlParser
{
    private ShowStatement ParseShowPartitions(SourceSpan start)
    {
        var target = ParseQualifiedName();
        var partition = ParseOptionalPartitionSpec();
        return new ShowStatement(SpanFrom(start), ShowKind.Partitions, target, null, false) { Partition = partition };
    }

    /// <summary>An optional <c>PARTITION (key = value, ...)</c> (of <c>INSERT</c> and <c>SHOW PARTITIONS</c>); empty without one.</summary>
    private NodeList<PartitionValue> ParseOptionalPartitionSpec()
    {
        if (!AcceptKeyword("PARTITION"))
        {
            return NodeList<PartitionValue>.Empty;
        }

        Expect(TokenKind.LeftParen);
        var values = new List<PartitionValue>();
        do
        {
            var column = ParseIdentifier();
            Expect(TokenKind.Equal);
            var value = ParseExpr();
            values.Add(new PartitionValue(SpanFrom(column.Span), column, value));
        }
        while (Accept(TokenKind.Comma));

        Expect(TokenKind.RightParen);
        return NodeList<PartitionValue>.From(values);
    }
}
