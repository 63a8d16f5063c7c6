namespace Sluice.Integration.Tests.Support;

/// <summary>Waiting for conditions (never fixed sleeps for correctness).</summary>
internal static class Poll
{
    /// <summary>Polls <paramref name="condition"/> every 20 ms until it holds (true) or <paramref name="timeout"/> passes (false).</summary>
    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
