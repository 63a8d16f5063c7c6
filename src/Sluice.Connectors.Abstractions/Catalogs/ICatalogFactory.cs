using Sluice.Connectors.Abstractions.Table;

namespace Sluice.Connectors.Abstractions.Catalogs;

/// <summary>
/// Opens catalogs of one <c>'type'</c> (Flink's <c>CatalogFactory</c>): <c>CREATE CATALOG c WITH ('type' = ..., ...)</c>
/// finds the factory of its type in the <see cref="ConnectorRegistry"/> and opens the catalog with its options.
/// </summary>
public interface ICatalogFactory
{
    /// <summary>
    /// The catalog type this factory opens (its name is the value of <c>'type'</c>, e.g. <c>jdbc</c>) and its options
    /// (<c>'type'</c> itself not among them; <see cref="DescriptorKind.Catalog"/>), checked by
    /// <see cref="OptionValidator"/> and listed in documentation.
    /// </summary>
    ConnectorDescriptor Descriptor { get; }

    /// <summary>
    /// Checks <paramref name="options"/> and opens the catalog named <paramref name="catalogName"/>, connecting to the
    /// system it reflects so that a wrong address or database is reported at <c>CREATE CATALOG</c>.
    /// </summary>
    /// <param name="catalogName">The catalog's name in the session (for messages).</param>
    /// <param name="options">The <c>WITH</c> clause, <c>'type'</c> included.</param>
    /// <exception cref="TableOptionException">An unknown, missing or invalid option (naming it), or the system cannot be reached.</exception>
    IExternalCatalog Open(string catalogName, IReadOnlyDictionary<string, string> options);
}
