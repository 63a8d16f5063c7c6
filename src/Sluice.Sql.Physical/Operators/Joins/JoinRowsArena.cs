using System.Numerics;

namespace Sluice.Sql.Physical.Operators.Joins;

/// <summary>
/// Where a join side's <see cref="JoinRows"/> live: blocks of a few size classes cut from large pages and reused when
/// freed, so that a key's rows growing (or shrinking, or going away) leaves no garbage behind, and the garbage collector
/// sees a few large arrays instead of one array per key.
/// </summary>
/// <remarks>
/// <para><b>Classes.</b> Block sizes go from <see cref="MinBlockSize"/> to <see cref="MaxBlockSize"/> bytes in four steps per
/// doubling (32, 40, 48, 56, 64, 80, …), so a block wastes at most a fifth of itself. Blocks of up to
/// <see cref="PageSize"/> / 8 bytes are cut from pages of <see cref="PageSize"/> bytes (one class per page, bump
/// allocated); larger blocks are arrays of their own, reused all the same. A freed block goes onto its class's free
/// list and is the next one that class hands out. Rows larger than <see cref="MaxBlockSize"/> get an array of their own
/// that is not pooled.</para>
/// <para><b>Unpooled.</b> An arena made with <c>pooled: false</c> hands out a new array per block and forgets freed ones
/// (the garbage collector takes them): the form for sides whose keys may disappear without being freed here (a
/// time-to-live, where the value state drops keys on its own).</para>
/// <para><b>Memory.</b> Pages are never given back while the arena lives: a state that shrank keeps its pages for the keys
/// that come next. <see cref="Reset"/> forgets everything.</para>
/// <para><b>Threading.</b> Task thread only, like the state it serves.</para>
/// </remarks>
internal sealed class JoinRowsArena
{
    /// <summary>The size of a page that small blocks are cut from.</summary>
    public const int PageSize = 1 << 20;

    /// <summary>The smallest block.</summary>
    public const int MinBlockSize = 32;

    /// <summary>The largest pooled block; larger rows get an array of their own, not pooled.</summary>
    public const int MaxBlockSize = 1 << 24;

    private const int PagedLimit = PageSize / 8;

    private static readonly int[] ClassSizes = BuildClassSizes();

    private readonly bool _pooled;
    private readonly Stack<Block>[] _free;
    private readonly byte[]?[] _pages;
    private readonly int[] _bumps;

    /// <summary>Creates an arena.</summary>
    /// <param name="pooled">True to reuse freed blocks (see the remarks); false for a new array per block.</param>
    public JoinRowsArena(bool pooled)
    {
        _pooled = pooled;
        _free = new Stack<Block>[ClassSizes.Length];
        _pages = new byte[ClassSizes.Length][];
        _bumps = new int[ClassSizes.Length];
    }

    /// <summary>The bytes of every page and pooled block allocated so far (free or in use).</summary>
    public long AllocatedBytes { get; private set; }

    /// <summary>The bytes of the blocks on the free lists.</summary>
    public long FreeBytes { get; private set; }

    /// <summary>The bytes of the pooled blocks handed out and not freed.</summary>
    public long InUseBytes { get; private set; }

    /// <summary>
    /// True when compacting would pay: the arena is pooled and its free lists hold more bytes than its blocks in use, and
    /// at least <paramref name="minimumFreeBytes"/>.
    /// </summary>
    public bool IsWasteful(long minimumFreeBytes) => _pooled && FreeBytes >= minimumFreeBytes && FreeBytes > InUseBytes;

    /// <summary>The capacity of the block <see cref="Allocate"/> gives for <paramref name="size"/> bytes.</summary>
    public int CapacityFor(int size)
    {
        if (!_pooled || size > MaxBlockSize)
        {
            return size;
        }

        return ClassSizes[ClassOf(size)];
    }

    /// <summary>A block of at least <paramref name="size"/> bytes (its contents undefined).</summary>
    public Block Allocate(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (!_pooled || size > MaxBlockSize)
        {
            return new Block(GC.AllocateUninitializedArray<byte>(size), 0, size);
        }

        var index = ClassOf(size);
        var capacity = ClassSizes[index];
        InUseBytes += capacity;
        var free = _free[index];
        if (free is { Count: > 0 })
        {
            FreeBytes -= capacity;
            return free.Pop();
        }

        if (capacity > PagedLimit)
        {
            AllocatedBytes += capacity;
            return new Block(GC.AllocateUninitializedArray<byte>(capacity), 0, capacity);
        }

        var page = _pages[index];
        if (page is null || PageSize - _bumps[index] < capacity)
        {
            page = GC.AllocateUninitializedArray<byte>(PageSize);
            _pages[index] = page;
            _bumps[index] = 0;
            AllocatedBytes += PageSize;
        }

        var offset = _bumps[index];
        _bumps[index] = offset + capacity;
        return new Block(page, offset, capacity);
    }

    /// <summary>Gives back a block <see cref="Allocate"/> handed out; it must not be used afterwards.</summary>
    public void Free(byte[] buffer, int offset, int capacity)
    {
        if (!_pooled || capacity > MaxBlockSize)
        {
            return;
        }

        var index = ClassOf(capacity);
        if (ClassSizes[index] != capacity)
        {
            throw new InvalidOperationException($"A block of {capacity} bytes was not handed out by this arena.");
        }

        (_free[index] ??= new Stack<Block>()).Push(new Block(buffer, offset, capacity));
        FreeBytes += capacity;
        InUseBytes -= capacity;
    }

    /// <summary>Forgets every page and free block (the state that used them is gone).</summary>
    public void Reset()
    {
        Array.Clear(_free);
        Array.Clear(_pages);
        Array.Clear(_bumps);
        AllocatedBytes = 0;
        FreeBytes = 0;
        InUseBytes = 0;
    }

    /// <summary>The class of the smallest block of at least <paramref name="size"/> bytes (at most <see cref="MaxBlockSize"/>).</summary>
    private static int ClassOf(int size)
    {
        if (size <= MinBlockSize)
        {
            return 0;
        }

        // Sizes in (2^b, 2^(b+1)] fall into four classes 2^b + k * 2^(b-2), k = 1..4.
        var b = BitOperations.Log2((uint)(size - 1));
        var step = 1 << (b - 2);
        var k = (size - (1 << b) + step - 1) >> (b - 2);
        return 1 + ((b - 5) * 4) + (k - 1);
    }

    private static int[] BuildClassSizes()
    {
        var sizes = new List<int> { MinBlockSize };
        for (var b = 5; (1 << b) < MaxBlockSize; b++)
        {
            for (var k = 1; k <= 4; k++)
            {
                sizes.Add((1 << b) + (k << (b - 2)));
            }
        }

        return [.. sizes];
    }

    /// <summary>A block: <c>Buffer[Offset .. Offset + Capacity]</c>.</summary>
    internal readonly record struct Block(byte[] Buffer, int Offset, int Capacity);
}
