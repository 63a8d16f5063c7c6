namespace Sluice.Connectors.Postgres.Tests.Support;

/// <summary>Polls a condition until it holds or a generous timeout passes.</summary>
public static class Poll
{
    public static void Until(Func<bool> condition, string what, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeoutSeconds} s waiting for: {what}");
            }

            Thread.Sleep(20);
        }
    }
}
