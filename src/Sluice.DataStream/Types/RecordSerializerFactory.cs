using System.Linq.Expressions;
using System.Reflection;
using Sluice.Core.Serialization;

namespace Sluice.DataStream.Types;

/// <summary>
/// Derives a serializer for a record-like type once: the public constructor with the most parameters whose names
/// match readable public properties (ignoring case), each property written with its own type's serializer, in
/// constructor order. The read and write paths are compiled expression trees, so no reflection runs per record.
/// Reference-typed fields other than strings are written with a null flag.
/// </summary>
internal static class RecordSerializerFactory
{
    public static object? TryCreate(Type type, int depth)
    {
        if (type.IsPrimitive || type.IsAbstract || type.IsInterface || type.IsArray || type.IsPointer || type.ContainsGenericParameters)
        {
            return null;
        }

        var properties = type.GetProperties(TypeInfos.PublicInstance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToList();
        foreach (var ctor in type.GetConstructors().OrderByDescending(c => c.GetParameters().Length))
        {
            var parameters = ctor.GetParameters();
            if (parameters.Length == 0)
            {
                continue;
            }

            var matched = parameters.Select(p => properties.FirstOrDefault(q =>
                string.Equals(q.Name, p.Name, StringComparison.OrdinalIgnoreCase) && q.PropertyType == p.ParameterType)).ToList();
            if (matched.Any(m => m is null))
            {
                continue;
            }

            var fieldInfos = new List<object>();
            foreach (var property in matched)
            {
                var info = TypeInfos.Untyped(property!.PropertyType, depth + 1);
                if (info is null)
                {
                    return null;
                }

                fieldInfos.Add(info);
            }

            return Build(type, ctor, matched!, fieldInfos);
        }

        return null;
    }

    private static object Build(Type type, ConstructorInfo ctor, List<PropertyInfo> properties, List<object> fieldInfos)
    {
        var writerParam = Expression.Parameter(typeof(BinaryBufferWriter), "writer");
        var valueParam = Expression.Parameter(type, "value");
        var readerParam = Expression.Parameter(typeof(BinaryBufferReader), "reader");
        var writes = new List<Expression>();
        var reads = new List<Expression>();
        for (var i = 0; i < properties.Count; i++)
        {
            var fieldType = properties[i].PropertyType;
            var serializerType = typeof(ITypeSerializer<>).MakeGenericType(fieldType);
            var serializer = fieldInfos[i].GetType().GetProperty(nameof(ITypeInfo<int>.Serializer))!.GetValue(fieldInfos[i])!;
            if (!fieldType.IsValueType && fieldType != typeof(string))
            {
                serializer = Activator.CreateInstance(typeof(NullFlagSerializer<>).MakeGenericType(fieldType), serializer)!;
            }

            var constant = Expression.Constant(serializer, serializerType);
            writes.Add(Expression.Call(constant, serializerType.GetMethod(nameof(ITypeSerializer<int>.Serialize))!,
                Expression.Property(valueParam, properties[i]), writerParam));
            reads.Add(Expression.Call(constant, serializerType.GetMethod(nameof(ITypeSerializer<int>.Deserialize))!, readerParam));
        }

        Expression writeBody = writes.Count == 0 ? Expression.Empty() : Expression.Block(writes);
        var writeDelegate = Expression.Lambda(typeof(Action<,>).MakeGenericType(type, typeof(BinaryBufferWriter)), writeBody, valueParam, writerParam).Compile();
        var readDelegate = Expression.Lambda(typeof(Func<,>).MakeGenericType(typeof(BinaryBufferReader), type), Expression.New(ctor, reads), readerParam).Compile();
        return Activator.CreateInstance(typeof(CompiledRecordSerializer<>).MakeGenericType(type), writeDelegate, readDelegate)!;
    }
}
