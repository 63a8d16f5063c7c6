namespace Sluice.DataStream.Tests;

/// <summary>Jobs start many threads; the tests that run jobs do not run in parallel with each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class JobTestCollection
{
    public const string Name = "jobs";
}
