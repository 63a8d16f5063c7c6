using Xunit;

namespace Sluice.Testing.Conformance;

/// <summary>Polls a source until a condition holds, backing off briefly between empty polls, with a real-time limit.</summary>
internal static class Polling
{
    /// <summary>Calls <paramref name="poll"/> (true when it made progress) until <paramref name="done"/> holds.</summary>
    public static void Until(Func<bool> poll, Func<bool> done, TimeSpan timeout, Func<string> describe)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!done())
        {
            if (!poll())
            {
                Assert.True(TimeProvider.System.GetElapsedTime(start) < timeout, "the source did not deliver the expected rows in time: " + describe());

                // A back-off between polls of a condition (the connector fetches in the background), not a synchronization.
                Thread.Sleep(5);
            }
        }
    }
}
