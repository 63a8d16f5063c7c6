using Sluice.Testing;

namespace Sluice.DataStream.Tests;

/// <summary>Paths in the repository (see <see cref="RepositoryRoot"/>).</summary>
internal static class Repository
{
    public static string Root { get; } = RepositoryRoot.Find(typeof(Repository).Assembly);

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
