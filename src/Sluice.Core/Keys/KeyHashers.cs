using Sluice.Core.Hashing;
using Sluice.Core.Serialization;

namespace Sluice.Core.Keys;

/// <summary>Built-in stable key hashers.</summary>
public static class KeyHashers
{
    /// <summary>For 64-bit integer keys.</summary>
    public static IKeyHasher<long> Int64 { get; } = new Int64Hasher();

    /// <summary>For 32-bit integer keys.</summary>
    public static IKeyHasher<int> Int32 { get; } = new Int32Hasher();

    /// <summary>For string keys (hash of the UTF-8 bytes).</summary>
    public static IKeyHasher<string> String { get; } = new StringHasher();

    /// <summary>For any key: hashes its serialized bytes (slower; prefer a specific hasher).</summary>
    public static IKeyHasher<TKey> FromSerializer<TKey>(ITypeSerializer<TKey> serializer) => new SerializedHasher<TKey>(serializer);

    private sealed class Int64Hasher : IKeyHasher<long>
    {
        public int GetStableHash(long key) => StableHash.Hash(key);
    }

    private sealed class Int32Hasher : IKeyHasher<int>
    {
        public int GetStableHash(int key) => StableHash.Hash(key);
    }

    private sealed class StringHasher : IKeyHasher<string>
    {
        public int GetStableHash(string key) => StableHash.Hash(key);
    }

    private sealed class SerializedHasher<TKey>(ITypeSerializer<TKey> serializer) : IKeyHasher<TKey>
    {
        [ThreadStatic]
        private static BinaryBufferWriter? t_writer;

        public int GetStableHash(TKey key)
        {
            var writer = t_writer ??= new BinaryBufferWriter();
            writer.Reset();
            serializer.Serialize(key, writer);
            return StableHash.Hash(writer.WrittenSpan);
        }
    }
}
