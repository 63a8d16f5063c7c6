using System.Diagnostics.Tracing;

namespace Sluice.Allocation.Tests;

/// <summary>
/// Which types are allocated: listens to the runtime's allocation-tick events (one about every 100 KB allocated,
/// naming the type of the allocation that crossed the mark) while it is alive, for the message of a failed budget.
/// A sample, not a count: only types that allocate a lot show up.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The sampled types with the bytes attributed to them, largest first.</summary>
    public string Summary()
    {
        lock (_lock)
        {
            return _bytesByType.Count == 0
                ? "no allocation sampled"
                : string.Join(", ", _bytesByType.OrderByDescending(e => e.Value).Take(8).Select(e => $"{e.Key} ~{e.Value / 1024} KiB"));
        }
    }

    /// <inheritdoc />
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    /// <inheritdoc />
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        var index = eventData.PayloadNames?.IndexOf("TypeName") ?? -1;
        var amountIndex = eventData.PayloadNames?.IndexOf("AllocationAmount64") ?? -1;
        var type = index >= 0 ? eventData.Payload[index] as string ?? "?" : "?";
        var amount = amountIndex >= 0 && eventData.Payload[amountIndex] is ulong bytes ? (long)bytes : 100_000;
        lock (_lock)
        {
            _bytesByType[type] = _bytesByType.GetValueOrDefault(type) + amount;
        }
    }
}
