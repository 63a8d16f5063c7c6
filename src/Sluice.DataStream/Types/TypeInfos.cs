using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Sluice.Core.Keys;
using Sluice.Core.Serialization;

namespace Sluice.DataStream.Types;

/// <summary>
/// The registry of <see cref="ITypeInfo{T}"/>s: built in for primitives, strings, <see cref="Guid"/>, dates, times,
/// enums, nullable values, value pairs and records (a type whose public constructor's parameters match its readable
/// properties by name); anything else is registered with <see cref="Register{T}"/>. A record serializer is compiled
/// once per type (expression trees over the field serializers), so no reflection runs per record.
/// </summary>
/// <remarks><b>Threading.</b> Thread-safe. Register custom types before building a job that uses them.</remarks>
public static class TypeInfos
{
    private static readonly ConcurrentDictionary<Type, object> Registered = new();

    static TypeInfos()
    {
        Register(new TypeInfo<int>(Serializers.Int32, KeyHashers.Int32));
        Register(new TypeInfo<long>(Serializers.Int64, KeyHashers.Int64));
        Register(new TypeInfo<string>(Serializers.String, KeyHashers.String));
        Register(new TypeInfo<double>(Serializers.Double));
        Register(new TypeInfo<bool>(Serializers.Boolean));
        Register(new TypeInfo<byte[]>(Serializers.Bytes));
        Register(new TypeInfo<float>(PrimitiveSerializers.Single));
        Register(new TypeInfo<short>(PrimitiveSerializers.Int16));
        Register(new TypeInfo<byte>(PrimitiveSerializers.Byte));
        Register(new TypeInfo<char>(PrimitiveSerializers.Char));
        Register(new TypeInfo<decimal>(PrimitiveSerializers.Decimal));
        Register(new TypeInfo<Guid>(PrimitiveSerializers.Guid));
        Register(new TypeInfo<DateTime>(PrimitiveSerializers.DateTime));
        Register(new TypeInfo<DateTimeOffset>(PrimitiveSerializers.DateTimeOffset));
        Register(new TypeInfo<TimeSpan>(PrimitiveSerializers.TimeSpan));
        Register(new TypeInfo<DateOnly>(PrimitiveSerializers.DateOnly));
    }

    /// <summary>Registers (or replaces) the type information of <typeparamref name="T"/>.</summary>
    public static void Register<T>(ITypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        Registered[typeof(T)] = typeInfo;
    }

    /// <summary>
    /// The type information of <typeparamref name="T"/>: registered, built in, or derived for a record. Throws an
    /// <see cref="ArgumentException"/> naming the type when none can be found.
    /// </summary>
    public static ITypeInfo<T> Of<T>() =>
        TryGet<T>(out var info) ? info : throw new ArgumentException(
            $"No type information for {typeof(T)}: it is not built in and not a record whose constructor parameters match its " +
            $"properties. Register one with TypeInfos.Register(new TypeInfo<{typeof(T).Name}>(serializer)) or pass it explicitly.");

    /// <summary>The serializer of <typeparamref name="T"/> (see <see cref="Of{T}"/>).</summary>
    public static ITypeSerializer<T> SerializerOf<T>() => Of<T>().Serializer;

    /// <summary>Gets the type information of <typeparamref name="T"/>; false when there is none.</summary>
    public static bool TryGet<T>([NotNullWhen(true)] out ITypeInfo<T>? typeInfo)
    {
        if (Registered.TryGetValue(typeof(T), out var known))
        {
            typeInfo = (ITypeInfo<T>)known;
            return true;
        }

        var derived = Derive(typeof(T), depth: 0);
        if (derived is null)
        {
            typeInfo = null;
            return false;
        }

        typeInfo = (ITypeInfo<T>)Registered.GetOrAdd(typeof(T), derived);
        return true;
    }

    /// <summary>An <see cref="ITypeInfo{T}"/> for <paramref name="type"/> as an object, or null.</summary>
    internal static object? Untyped(Type type, int depth)
    {
        if (Registered.TryGetValue(type, out var known))
        {
            return known;
        }

        var derived = Derive(type, depth);
        return derived is null ? null : Registered.GetOrAdd(type, derived);
    }

    private static object? Derive(Type type, int depth)
    {
        if (depth > 16)
        {
            return null;
        }

        if (type.IsEnum)
        {
            return Create(typeof(EnumSerializer<>).MakeGenericType(type), []);
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Untyped(underlying, depth + 1) is { } inner
                ? Create(typeof(NullableSerializer<>).MakeGenericType(underlying), [inner])
                : null;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTuple<,>))
        {
            var args = type.GetGenericArguments();
            var first = Untyped(args[0], depth + 1);
            var second = Untyped(args[1], depth + 1);
            return first is null || second is null
                ? null
                : Create(typeof(PairSerializer<,>).MakeGenericType(args), [first, second]);
        }

        return RecordSerializerFactory.TryCreate(type, depth) is { } record ? WrapSerializer(type, record) : null;
    }

    private static object Create(Type serializerType, object[] args) =>
        WrapSerializer(serializerType.GetInterfaces().First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ITypeSerializer<>))
            .GetGenericArguments()[0], Activator.CreateInstance(serializerType, args)!);

    private static object WrapSerializer(Type type, object serializer) =>
        Activator.CreateInstance(typeof(TypeInfo<>).MakeGenericType(type), serializer, null)!;

    [SuppressMessage("Performance", "CA1812", Justification = "Created by reflection, once per type.")]
    private sealed class EnumSerializer<TEnum> : ITypeSerializer<TEnum>
        where TEnum : struct, Enum
    {
        public void Serialize(TEnum value, BinaryBufferWriter writer) => writer.WriteVarInt64(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));

        public TEnum Deserialize(BinaryBufferReader reader) => (TEnum)Enum.ToObject(typeof(TEnum), reader.ReadVarInt64());
    }

    [SuppressMessage("Performance", "CA1812", Justification = "Created by reflection, once per type.")]
    private sealed class NullableSerializer<TValue>(ITypeInfo<TValue> inner) : ITypeSerializer<TValue?>
        where TValue : struct
    {
        public void Serialize(TValue? value, BinaryBufferWriter writer)
        {
            writer.WriteBoolean(value.HasValue);
            if (value is { } v)
            {
                inner.Serializer.Serialize(v, writer);
            }
        }

        public TValue? Deserialize(BinaryBufferReader reader) => reader.ReadBoolean() ? inner.Serializer.Deserialize(reader) : null;
    }

    [SuppressMessage("Performance", "CA1812", Justification = "Created by reflection, once per type.")]
    private sealed class PairSerializer<T1, T2>(ITypeInfo<T1> first, ITypeInfo<T2> second) : ITypeSerializer<(T1, T2)>
    {
        public void Serialize((T1, T2) value, BinaryBufferWriter writer)
        {
            first.Serializer.Serialize(value.Item1, writer);
            second.Serializer.Serialize(value.Item2, writer);
        }

        public (T1, T2) Deserialize(BinaryBufferReader reader) => (first.Serializer.Deserialize(reader), second.Serializer.Deserialize(reader));
    }

    internal static BindingFlags PublicInstance => BindingFlags.Public | BindingFlags.Instance;
}
