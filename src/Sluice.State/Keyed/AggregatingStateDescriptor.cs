using Sluice.Core.Serialization;

namespace Sluice.State.Keyed;

/// <summary>Declares a <see cref="IAggregatingState{TIn, TOut}"/>.</summary>
/// <typeparam name="TIn">The input type.</typeparam>
/// <typeparam name="TAcc">The accumulator type (what is stored).</typeparam>
/// <typeparam name="TOut">The result type.</typeparam>
public sealed class AggregatingStateDescriptor<TIn, TAcc, TOut> : StateDescriptor
{
    /// <summary>Creates the descriptor.</summary>
    /// <param name="name">The state's name, unique within one backend.</param>
    /// <param name="function">The aggregate function.</param>
    /// <param name="accumulatorSerializer">The accumulator serializer.</param>
    public AggregatingStateDescriptor(string name, IAggregateFunction<TIn, TAcc, TOut> function, ITypeSerializer<TAcc> accumulatorSerializer)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(accumulatorSerializer);
        Function = function;
        AccumulatorSerializer = accumulatorSerializer;
    }

    /// <summary>The aggregate function.</summary>
    public IAggregateFunction<TIn, TAcc, TOut> Function { get; }

    /// <summary>The accumulator serializer.</summary>
    public ITypeSerializer<TAcc> AccumulatorSerializer { get; }

    /// <inheritdoc />
    public override StateKind Kind => StateKind.Aggregating;

    internal override int[] SerializerVersions => [AccumulatorSerializer.Version];

    private protected override bool SerializersMatch(StateDescriptor other) =>
        Same(AccumulatorSerializer, ((AggregatingStateDescriptor<TIn, TAcc, TOut>)other).AccumulatorSerializer);
}
