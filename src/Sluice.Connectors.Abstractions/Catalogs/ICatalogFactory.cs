using Sluice.Connectors.Abstractions.Table;

namespace Sluice.Connectors.Abstractions.Catalogs;

/// <summary>
/// Opens catalogs of one <c>'type'</c> (Flink's <c>CatalogFactory</c>): <c>CREATE CATALOG c WITH ('type' = ..., ...)</c>
/// finds the factory of its type in the <see cref="ConnectorRegistry"/> and opens the catalog with its options.
/// </summary>
public interface ICatalogFactory
{
    /// <summary>The catalog type this factory opens (the value of <c>'type'</c>), e.g. <c>jdbc</c>.</summary>
    string Type { get; }

    /// <summary>The options the type takes (<c>'type'</c> itself not among them), for validation messages and documentation.</summary>
    IReadOnlyList<ConnectorOption> Options { get; }

    /// <summary>
    /// Checks <paramref name="options"/> and opens the catalog named <paramref name="catalogName"/>, connecting to the
    /// system it reflects so that a wrong address or database is reported at <c>CREATE CATALOG</c>.
    /// </summary>
    /// <param name="catalogName">The catalog's name in the session (for messages).</param>
    /// <param name="options">The <c>WITH</c> clause, <c>'type'</c> included.</param>
    /// <exception cref="TableOptionException">An unknown, missing or invalid option (naming it), or the system cannot be reached.</exception>
    IExternalCatalog Open(string catalogName, IReadOnlyDictionary<string, string> options);
}
