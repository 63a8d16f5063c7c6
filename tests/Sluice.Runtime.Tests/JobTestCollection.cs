namespace Sluice.Runtime.Tests;

/// <summary>
/// Tests that run whole jobs (several threads each) go into this collection, which xUnit runs on its own, so that
/// they do not compete for the machine's few cores with each other and with the unit tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class JobTestCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Jobs";
}
