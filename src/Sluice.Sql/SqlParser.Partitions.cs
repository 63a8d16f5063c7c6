using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;

namespace Sluice.Sql;

/// <summary><c>SHOW PARTITIONS table [PARTITION (key = value, ...)]</c>.</summary>
public sealed partial class SqlParser
{
    private ShowStatement ParseShowPartitions(SourceSpan start)
    {
        var target = ParseQualifiedName();
        var partition = NodeList<PartitionValue>.Empty;
        if (AcceptKeyword("PARTITION"))
        {
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
            partition = NodeList<PartitionValue>.From(values);
        }

        return new ShowStatement(SpanFrom(start), ShowKind.Partitions, target, null, false) { Partition = partition };
    }
}
