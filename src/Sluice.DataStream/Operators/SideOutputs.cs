using Sluice.DataStream.Functions;
using Sluice.Runtime.Operators;

namespace Sluice.DataStream.Operators;

/// <summary>The side-output collectors of one operator subtask; tags nobody consumes are dropped at once. Task thread only.</summary>
internal sealed class SideOutputs(IReadOnlySet<string> consumed)
{
    private readonly Dictionary<string, IBufferedOutput> _collectors = [];
    private IOutput? _output;

    public void Emit<T>(OutputTag<T> tag, T value, long? timestamp)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (!consumed.Contains(tag.Id))
        {
            return;
        }

        if (!_collectors.TryGetValue(tag.Id, out var c))
        {
            var created = new Collector<T>(tag.Id);
            if (_output is not null)
            {
                created.SetOutput(_output);
            }

            _collectors[tag.Id] = c = created;
        }

        var collector = c as Collector<T> ?? throw new InvalidOperationException(
            $"Side output '{tag.Id}' is used with element types {typeof(T).Name} and another type; tag ids must be unique per operator.");
        if (timestamp is { } ts)
        {
            collector.CollectWithTimestamp(value, ts);
        }
        else
        {
            collector.Collect(value);
        }
    }

    public void SetOutput(IOutput output)
    {
        _output = output;
        foreach (var c in _collectors.Values)
        {
            c.SetOutput(output);
        }
    }

    public void Discard()
    {
        foreach (var c in _collectors.Values)
        {
            c.Discard();
        }
    }

    public void Flush()
    {
        foreach (var c in _collectors.Values)
        {
            c.Flush();
        }
    }
}
