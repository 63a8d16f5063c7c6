namespace Sluice.Connectors.Postgres.Tests.Support;

/// <summary>The test collection that shares one <see cref="PostgresServer"/> per run.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
