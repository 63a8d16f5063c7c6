namespace Sluice.Cli.Tests.EndToEnd;

/// <summary>The repository's root (the folder with Sluice.slnx), also when the tests run from an artifacts path.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(() => Sluice.Testing.RepositoryRoot.Find(typeof(RepositoryPaths).Assembly));

    public static string Root => LazyRoot.Value;

    public static string Shipping => Path.Combine(Root, "examples", "shipping");
}
