using System.Diagnostics;

namespace Sluice.Runtime.Tests;

/// <summary>
/// Waits for a condition instead of for a fixed time. The timeout is generous: it only bounds how long a broken
/// test hangs, it is never what makes a passing test pass.
/// </summary>
internal static class Eventually
{
    /// <summary>How long a condition may take before the test fails.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Blocks until <paramref name="condition"/> holds; fails the test with <paramref name="what"/> otherwise.</summary>
    public static void True(Func<bool> condition, string what)
    {
        if (!SpinWait.SpinUntil(condition, Timeout))
        {
            Assert.Fail($"Timed out after {Timeout.TotalSeconds:0}s waiting for: {what}");
        }
    }

    /// <summary>Waits asynchronously until <paramref name="condition"/> holds; fails the test with <paramref name="what"/>
    /// otherwise.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > Timeout)
            {
                Assert.Fail($"Timed out after {Timeout.TotalSeconds:0}s waiting for: {what}");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Awaits <paramref name="task"/>, failing the test instead of hanging when it does not complete.</summary>
    public static async Task<T> Within<T>(Task<T> task, string what)
    {
        try
        {
            return await task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out after {Timeout.TotalSeconds:0}s waiting for: {what}");
            throw;
        }
    }
}
