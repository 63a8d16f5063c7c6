using Sluice.Runtime.Operators;

namespace Sluice.DataStream.Translation;

/// <summary>
/// One operator of a DataStream program before translation: its kind, name, user id, parallelism, inputs and how to
/// create an operator instance per subtask. The job graph is built from the transformations that lead to a sink.
/// </summary>
internal sealed class Transformation
{
    private int? _parallelism;

    public Transformation(StreamExecutionEnvironment environment, string kind, string name, Func<Transformation, StreamOperator> factory,
        bool isSource = false)
    {
        Environment = environment;
        Index = environment.NextTransformationIndex();
        Kind = kind;
        Name = name;
        Factory = factory;
        IsSource = isSource;
    }

    public StreamExecutionEnvironment Environment { get; }

    /// <summary>The creation order within the environment: the same program gives the same indexes, hence the same ids.</summary>
    public int Index { get; }

    public string Kind { get; }

    public string Name { get; set; }

    /// <summary>The user-given stable id (<c>Uid</c>), or null for the generated one.</summary>
    public string? Uid { get; set; }

    public bool IsSource { get; }

    public Func<Transformation, StreamOperator> Factory { get; }

    /// <summary>The inputs per input index (0, or 0 and 1 for two-input operators); several refs on one input are a union.</summary>
    public List<List<StreamRef>> Inputs { get; } = [];

    /// <summary>Side outputs of this operator that some stream selects.</summary>
    public HashSet<string> ConsumedSideOutputs { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, the parallelism follows this transformation's (side-output selectors follow their producer).</summary>
    public Transformation? ParallelismOf { get; init; }

    public int Parallelism
    {
        get => ParallelismOf?.Parallelism ?? _parallelism ?? Environment.Options.Parallelism;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _parallelism = value;
        }
    }

    /// <summary>True when the parallelism was set explicitly.</summary>
    public bool HasExplicitParallelism => _parallelism is not null;

    /// <summary>The stable operator id of the job graph vertex.</summary>
    public string Id => Uid ?? $"{Index}-{Kind}";

    public override string ToString() => $"{Name} [{Id}]";
}
