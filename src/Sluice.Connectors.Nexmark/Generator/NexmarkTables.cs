using System.Globalization;
using System.Text;

namespace Sluice.Connectors.Nexmark.Generator;

/// <summary>
/// The fixed values of a seeded stream, drawn once per seed as Flink draws them once per JVM: the 1 MiB pool the
/// <c>extra</c> columns are cut from, the URLs of the hot channels and of the 10 000 other channels, and the UTF-8
/// bytes of every fixed string. Immutable and shared between generators of the same seed.
/// </summary>
internal sealed class NexmarkTables
{
    public const int PoolLength = 1 << 20;
    public const int ChannelsNumber = 10_000;

    /// <summary>The number of hot channels (Google, Facebook, Baidu, Apple).</summary>
    public const int HotChannelCount = 4;

    private static readonly Lock CacheLock = new();
    private static readonly Dictionary<long, NexmarkTables> Cache = [];

    private static readonly string[] FirstNames = ["Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah", "Deiter", "Walter"];
    private static readonly string[] LastNames = ["Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris"];
    private static readonly string[] Cities = ["Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend", "Redmond", "Seattle", "Kent", "Cheyenne"];
    private static readonly string[] States = ["AZ", "CA", "ID", "OR", "WA", "WY"];
    private static readonly string[] HotChannelNames = ["Google", "Facebook", "Baidu", "Apple"];

    private NexmarkTables(long seed)
    {
        var random = new EventRandom((ulong)seed, -1);
        Pool = GC.AllocateUninitializedArray<byte>(PoolLength, pinned: true);
        for (var i = 0; i < PoolLength; i += 6)
        {
            var r = (int)random.NextUInt64();
            for (var j = 0; j < 6 && i + j < PoolLength; j++)
            {
                Pool[i + j] = (byte)('a' + (r % 26));
                r /= 26;
            }
        }

        random = new EventRandom((ulong)seed, -2);
        HotUrls = new byte[HotChannelNames.Length][];
        for (var i = 0; i < HotUrls.Length; i++)
        {
            HotUrls[i] = Encoding.UTF8.GetBytes(BaseUrl(ref random));
        }

        ChannelUrls = new byte[ChannelsNumber][];
        ChannelNames = new byte[ChannelsNumber][];
        for (var n = 0; n < ChannelsNumber; n++)
        {
            var url = BaseUrl(ref random);
            if (random.NextInt(10) > 0)
            {
                var reversed = ReverseBits(n);
                var id = reversed == int.MinValue ? reversed : Math.Abs(reversed);
                url += "&channel_id=" + id.ToString(CultureInfo.InvariantCulture);
            }

            ChannelUrls[n] = Encoding.UTF8.GetBytes(url);
            ChannelNames[n] = Encoding.UTF8.GetBytes("channel-" + n.ToString(CultureInfo.InvariantCulture));
        }

        HotChannels = [.. HotChannelNames.Select(Encoding.UTF8.GetBytes)];
        PersonNames = new byte[FirstNames.Length * LastNames.Length][];
        for (var f = 0; f < FirstNames.Length; f++)
        {
            for (var l = 0; l < LastNames.Length; l++)
            {
                PersonNames[(f * LastNames.Length) + l] = Encoding.UTF8.GetBytes(FirstNames[f] + " " + LastNames[l]);
            }
        }

        (ChannelBytes, ChannelOffsets) = Flatten([.. HotChannels, .. ChannelNames]);
        (UrlBytes, UrlOffsets) = Flatten([.. HotUrls, .. ChannelUrls]);
        CityBytes = [.. Cities.Select(Encoding.UTF8.GetBytes)];
        StateBytes = [.. States.Select(Encoding.UTF8.GetBytes)];
    }

    public static int FirstNameCount => FirstNames.Length;

    public static int LastNameCount => LastNames.Length;

    /// <summary>
    /// The characters <c>extra</c> values are cut from (51 distinct ASCII letters and symbols 'H'..'z'). Pinned (like <see cref="ChannelBytes"/> and
    /// <see cref="UrlBytes"/>), so the generator can prefetch the slices it picks by address.
    /// </summary>
    public byte[] Pool { get; }

    public byte[][] HotChannels { get; }

    public byte[][] HotUrls { get; }

    public byte[][] ChannelNames { get; }

    public byte[][] ChannelUrls { get; }

    /// <summary>
    /// The names of the hot channels, then of the others, back to back (hot channel h is value h, channel n value
    /// <see cref="HotChannels"/>.Length + n): value i is <c>ChannelBytes[ChannelOffsets[i] .. ChannelOffsets[i + 1]]</c>.
    /// One block instead of 10 004 arrays, so that a batch copies them from a compact range of memory.
    /// </summary>
    public byte[] ChannelBytes { get; }

    /// <summary>Where each value of <see cref="ChannelBytes"/> starts (and, at the index after it, ends).</summary>
    public int[] ChannelOffsets { get; }

    /// <summary>The URLs of the channels of <see cref="ChannelBytes"/>, in the same order and layout.</summary>
    public byte[] UrlBytes { get; }

    /// <summary>Where each value of <see cref="UrlBytes"/> starts (and, at the index after it, ends).</summary>
    public int[] UrlOffsets { get; }

    /// <summary>"First Last" for first name f and last name l at f * 9 + l.</summary>
    public byte[][] PersonNames { get; }

    public byte[][] CityBytes { get; }

    public byte[][] StateBytes { get; }

    /// <summary>The tables of <paramref name="seed"/> (drawn on first use, then cached).</summary>
    public static NexmarkTables For(long seed)
    {
        lock (CacheLock)
        {
            if (!Cache.TryGetValue(seed, out var tables))
            {
                if (Cache.Count >= 8)
                {
                    Cache.Clear();
                }

                tables = new NexmarkTables(seed);
                Cache[seed] = tables;
            }

            return tables;
        }
    }

    private static (byte[] Bytes, int[] Offsets) Flatten(byte[][] values)
    {
        var offsets = new int[values.Length + 1];
        for (var i = 0; i < values.Length; i++)
        {
            offsets[i + 1] = offsets[i] + values[i].Length;
        }

        var bytes = GC.AllocateUninitializedArray<byte>(offsets[^1], pinned: true);
        for (var i = 0; i < values.Length; i++)
        {
            values[i].CopyTo(bytes, offsets[i]);
        }

        return (bytes, offsets);
    }

    private static string BaseUrl(ref EventRandom random) =>
        "https://www.nexmark.com/" + Word(ref random) + "/" + Word(ref random) + "/" + Word(ref random) + "/item.htm?query=1";

    /// <summary>A string of 3 or 4 characters, each '_' with probability 1/13, else 'a'..'z' (not trimmed).</summary>
    private static string Word(ref EventRandom random)
    {
        Span<char> chars = stackalloc char[4];
        var length = 3 + random.NextInt(2);
        for (var i = 0; i < length; i++)
        {
            chars[i] = random.NextInt(13) == 0 ? '_' : (char)('a' + random.NextInt(26));
        }

        return new string(chars[..length]);
    }

    private static int ReverseBits(int value)
    {
        var v = (uint)value;
        uint result = 0;
        for (var i = 0; i < 32; i++)
        {
            result = (result << 1) | (v & 1);
            v >>= 1;
        }

        return (int)result;
    }
}
