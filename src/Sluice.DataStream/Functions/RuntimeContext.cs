using Sluice.DataStream.Operators;
using Sluice.DataStream.Types;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Functions;

/// <summary>
/// What a function knows about the operator subtask it runs in, and where a function on a keyed stream declares its
/// keyed state (in <c>Open</c>). State declared here is restored from the checkpoint or savepoint the job started from
/// and captured at every checkpoint; every access acts on the key of the element or timer being processed.
/// </summary>
/// <remarks><b>Threading.</b> Task thread only; keep the returned state handles in fields and use them in the callbacks.</remarks>
public sealed class RuntimeContext
{
    private readonly OperatorContext _context;
    private readonly IKeyedStateAccess? _keyed;

    internal RuntimeContext(OperatorContext context, IKeyedStateAccess? keyed, StateTtlConfig? defaultTtl)
    {
        _context = context;
        _keyed = keyed;
        DefaultStateTtl = defaultTtl;
    }

    /// <summary>The operator's stable id.</summary>
    public string OperatorId => _context.OperatorId;

    /// <summary>The operator's name.</summary>
    public string OperatorName => _context.OperatorName;

    /// <summary>This subtask's index, from 0.</summary>
    public int SubtaskIndex => _context.SubtaskIndex;

    /// <summary>The operator's parallelism.</summary>
    public int Parallelism => _context.Parallelism;

    /// <summary>0 for the first run of the job; incremented on every restart.</summary>
    public int AttemptNumber => _context.AttemptNumber;

    /// <summary>Processing time; never read the system clock directly.</summary>
    public TimeProvider TimeProvider => _context.TimeProvider;

    /// <summary>The time-to-live given to state declared without one (from the environment's options), or null.</summary>
    public StateTtlConfig? DefaultStateTtl { get; }

    /// <summary>Declares (or returns) a value state.</summary>
    public IValueState<T> GetValueState<T>(ValueStateDescriptor<T> descriptor) =>
        Keyed.GetValueState(descriptor.Ttl is null && DefaultStateTtl is { } ttl
            ? new ValueStateDescriptor<T>(descriptor.Name, descriptor.Serializer) { Ttl = ttl }
            : descriptor);

    /// <summary>Declares (or returns) a value state named <paramref name="name"/>, serialized with the registered <see cref="ITypeInfo{T}"/>.</summary>
    public IValueState<T> GetValueState<T>(string name) =>
        GetValueState(new ValueStateDescriptor<T>(name, TypeInfos.SerializerOf<T>()));

    /// <summary>Declares (or returns) a list state.</summary>
    public IListState<T> GetListState<T>(ListStateDescriptor<T> descriptor) =>
        Keyed.GetListState(descriptor.Ttl is null && DefaultStateTtl is { } ttl
            ? new ListStateDescriptor<T>(descriptor.Name, descriptor.ElementSerializer) { Ttl = ttl }
            : descriptor);

    /// <summary>Declares (or returns) a list state named <paramref name="name"/>, serialized with the registered <see cref="ITypeInfo{T}"/>.</summary>
    public IListState<T> GetListState<T>(string name) =>
        GetListState(new ListStateDescriptor<T>(name, TypeInfos.SerializerOf<T>()));

    /// <summary>Declares (or returns) a map state.</summary>
    public IMapState<TK, TV> GetMapState<TK, TV>(MapStateDescriptor<TK, TV> descriptor)
        where TK : notnull =>
        Keyed.GetMapState(descriptor.Ttl is null && DefaultStateTtl is { } ttl
            ? new MapStateDescriptor<TK, TV>(descriptor.Name, descriptor.KeySerializer, descriptor.ValueSerializer) { Ttl = ttl }
            : descriptor);

    /// <summary>Declares (or returns) a map state named <paramref name="name"/>, serialized with the registered type information.</summary>
    public IMapState<TK, TV> GetMapState<TK, TV>(string name)
        where TK : notnull =>
        GetMapState(new MapStateDescriptor<TK, TV>(name, TypeInfos.SerializerOf<TK>(), TypeInfos.SerializerOf<TV>()));

    /// <summary>Declares a map state exactly as described, without the default time-to-live (operators' own state, cleaned up by timers).</summary>
    internal IMapState<TK, TV> GetMapStateWithoutDefaultTtl<TK, TV>(MapStateDescriptor<TK, TV> descriptor)
        where TK : notnull => Keyed.GetMapState(descriptor);

    /// <summary>Declares (or returns) a reducing state.</summary>
    public IReducingState<T> GetReducingState<T>(ReducingStateDescriptor<T> descriptor) => Keyed.GetReducingState(descriptor);

    /// <summary>Declares (or returns) an aggregating state.</summary>
    public IAggregatingState<TIn, TOut> GetAggregatingState<TIn, TAcc, TOut>(AggregatingStateDescriptor<TIn, TAcc, TOut> descriptor) =>
        Keyed.GetAggregatingState(descriptor);

    private IKeyedStateAccess Keyed => _keyed ?? throw new InvalidOperationException(
        $"Keyed state is only available to functions on a keyed stream (KeyBy); operator '{OperatorName}' is not keyed.");
}
