using Sluice.DataStream.Translation;

namespace Sluice.DataStream;

/// <summary>A sink of a DataStream program: set its stable id, name and parallelism.</summary>
public sealed class StreamSink
{
    internal StreamSink(Transformation transformation)
    {
        Transformation = transformation;
    }

    internal Transformation Transformation { get; }

    /// <summary>The sink's stable operator id (keep it across versions of the job: its state is restored by it).</summary>
    public string Id => Transformation.Id;

    /// <summary>Sets the stable operator id, as Flink's <c>uid</c>.</summary>
    public StreamSink Uid(string uid)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uid);
        Transformation.Uid = uid;
        return this;
    }

    /// <summary>Sets the display name.</summary>
    public StreamSink Name(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Transformation.Name = name;
        return this;
    }

    /// <summary>Sets the parallelism.</summary>
    public StreamSink SetParallelism(int parallelism)
    {
        Transformation.Parallelism = parallelism;
        return this;
    }
}
