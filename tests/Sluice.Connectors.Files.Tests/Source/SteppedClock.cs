namespace Sluice.Connectors.Files.Tests.Source;

/// <summary>A clock that moves only when told to.</summary>
internal sealed class SteppedClock : TimeProvider
{
    private DateTimeOffset _now = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _now.UtcTicks;

    public void Advance(TimeSpan delta) => _now += delta;
}
