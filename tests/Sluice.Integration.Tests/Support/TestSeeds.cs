using System.Globalization;

namespace Sluice.Integration.Tests.Support;

/// <summary>
/// Seeds of the randomized tests. Each test has fixed default seeds (so CI is reproducible); setting the
/// environment variable <c>SLUICE_TEST_SEED</c> replaces them, to replay a failure whose message named its seed.
/// </summary>
internal static class TestSeeds
{
    public const string EnvironmentVariable = "SLUICE_TEST_SEED";

    public static IReadOnlyList<int> Or(params int[] defaults)
    {
        var text = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(text) ? defaults : [int.Parse(text, CultureInfo.InvariantCulture)];
    }

    public static string Replay(int seed) => $"seed {seed} (replay with {EnvironmentVariable}={seed})";
}
