using Sluice.DataStream.Operators;
using Sluice.DataStream.Types;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Windowing;

/// <summary>
/// Keyed state for a <see cref="ProcessWindowFunction{TIn, TOut, TKey}"/>: either of the current key and window
/// (<see cref="ProcessWindowContext.WindowState"/>) or of the current key across its windows
/// (<see cref="ProcessWindowContext.GlobalState"/>). A returned handle acts on the current key and window: use it
/// during the call only.
/// </summary>
public sealed class WindowStateStore
{
    private readonly IWindowServices _services;
    private readonly bool _perWindow;

    internal WindowStateStore(IWindowServices services, bool perWindow)
    {
        _services = services;
        _perWindow = perWindow;
    }

    /// <summary>A value state.</summary>
    public IValueState<T> GetValueState<T>(ValueStateDescriptor<T> descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return _perWindow
            ? _services.GetWindowValueState(new ValueStateDescriptor<T>("window:" + descriptor.Name, descriptor.Serializer), userState: true)
            : _services.GetGlobalValueState(new ValueStateDescriptor<T>("global:" + descriptor.Name, descriptor.Serializer));
    }

    /// <summary>A value state named <paramref name="name"/>, serialized with the registered type information.</summary>
    public IValueState<T> GetValueState<T>(string name) => GetValueState(new ValueStateDescriptor<T>(name, TypeInfos.SerializerOf<T>()));
}
