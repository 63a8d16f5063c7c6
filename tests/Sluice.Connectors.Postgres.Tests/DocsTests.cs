using Sluice.Connectors.Postgres.Cdc;
using Sluice.Connectors.Postgres.Table;
using Sluice.Testing;

namespace Sluice.Connectors.Postgres.Tests;

public sealed class DocsTests
{
    [Fact]
    public void ReferencePage_DocumentsEveryOption()
    {
        var root = RepositoryRoot.Find(typeof(DocsTests).Assembly);
        var page = File.ReadAllText(Path.Combine(root, "docs", "reference", "postgres.md"));
        var keys = new PostgresTableFactory().Descriptor.Options.Concat(PostgresCdcTableFactory.ConnectorDescriptor.Options)
            .Select(o => o.Key.StartsWith("debezium.#", StringComparison.Ordinal) ? "debezium.*" : o.Key)
            .Distinct();
        var missing = keys.Where(k => !page.Contains($"| `{k}` |", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "docs/reference/postgres.md does not document: " + string.Join(", ", missing));
    }
}
