using System.Text;
using Sluice.Core.Batches;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Core.Tests.Vectors;

/// <summary>
/// A view <see cref="BytesVector"/> (values as starts and lengths in a shared buffer) reads, gathers, relabels,
/// serializes and copies as the contiguous vector of the same values does, over random values (non-ASCII, empty, NULL).
/// </summary>
public sealed class BytesViewTests
{
    private static readonly string[] Alphabet = ["a", "b", "Z", " ", "ü", "€", "😀", "ß"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AViewReadsAsTheContiguousVector(int seed)
    {
        using var tracker = BufferLeakTracker.Start();
        var (buffer, values, starts, lengths, nulls) = RandomView(new Random(seed), 300);
        using (var view = BytesVector.View(DataTypes.String(), buffer, starts, lengths, nulls))
        using (var contiguous = Contiguous(values))
        {
            Assert.True(view.IsView);
            Assert.False(contiguous.IsView);
            AssertSame(contiguous, view);

            // The contiguous form of the view, made on demand, holds the same offsets and data.
            Assert.True(contiguous.Offsets.SequenceEqual(view.Offsets));
            Assert.True(contiguous.Data.SequenceEqual(view.Data));
            Assert.Equal(contiguous.SizeInBytes - ((contiguous.Length + 1L) * sizeof(int)) - contiguous.Data.Length, view.SizeInBytes - (view.Length * 2L * sizeof(int)));
        }

        tracker.AssertNoLeaks();
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void GatherWithNullsAndWithTypeOfAViewMatchTheContiguousVector(int seed)
    {
        using var tracker = BufferLeakTracker.Start();
        var random = new Random(seed);
        var (buffer, values, starts, lengths, nulls) = RandomView(random, 200);
        using (var view = BytesVector.View(DataTypes.String(), buffer, starts, lengths, nulls))
        using (var contiguous = Contiguous(values))
        {
            var rows = Enumerable.Range(0, 150).Select(_ => random.Next(values.Length)).ToArray();
            using (var gatheredView = (BytesVector)view.Gather(rows))
            using (var gatheredContiguous = (BytesVector)contiguous.Gather(rows))
            {
                Assert.True(gatheredView.IsView);
                AssertSame(gatheredContiguous, gatheredView);
                Assert.True(gatheredContiguous.Data.SequenceEqual(gatheredView.Data));
            }

            var extraNulls = new ulong[Bitmap.WordCount(values.Length)];
            for (var i = 0; i < values.Length; i += 3)
            {
                Bitmap.Set(extraNulls, i);
            }

            using (var nulledView = (BytesVector)view.WithNulls(extraNulls))
            using (var nulledContiguous = (BytesVector)contiguous.WithNulls(extraNulls))
            {
                AssertSame(nulledContiguous, nulledView);

                // The shared vector's own contiguous copy goes back to the pool with it.
                Assert.True(nulledContiguous.Data.SequenceEqual(nulledView.Data));
            }

            using var relabelled = (BytesVector)view.WithType(DataTypes.VarChar(100));
            Assert.Equal(DataTypes.VarChar(100), relabelled.DataType);
            AssertSame(contiguous, relabelled);
        }

        tracker.AssertNoLeaks();
    }

    [Fact]
    public void AViewSerializesAsTheContiguousVector()
    {
        var (buffer, values, starts, lengths, nulls) = RandomView(new Random(6), 100);
        using var view = BytesVector.View(DataTypes.String(), buffer, starts, lengths, nulls);
        using var contiguous = Contiguous(values);
        using var viewWriter = new BinaryBufferWriter();
        using var contiguousWriter = new BinaryBufferWriter();
        ColumnVectorSerializer.Write(view, viewWriter);
        ColumnVectorSerializer.Write(contiguous, contiguousWriter);
        Assert.True(contiguousWriter.WrittenSpan.SequenceEqual(viewWriter.WrittenSpan));
        using var read = (BytesVector)ColumnVectorSerializer.Read(new BinaryBufferReader(viewWriter.ToArray()), DataTypes.String(), values.Length);
        AssertSame(contiguous, read);
    }

    [Fact]
    public void SlicesOfAVectorShareItsDataAndKeepItAlive()
    {
        using var tracker = BufferLeakTracker.Start();
        string?[] values = ["München", "", null, "abc,def", "😀x"];
        var source = Contiguous(values);
        var offsets = source.Offsets.ToArray();

        // The second half of every value (by bytes), as a substring kernel would return it.
        var starts = new int[values.Length];
        var lengths = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var count = offsets[i + 1] - offsets[i];
            starts[i] = offsets[i] + (count / 2);
            lengths[i] = count - (count / 2);
        }

        using (var slices = BytesVector.SlicesOf(source, starts, lengths, source.NullBitmap))
        {
            source.Dispose();
            for (var i = 0; i < values.Length; i++)
            {
                var bytes = values[i] is null ? [] : Encoding.UTF8.GetBytes(values[i]!);
                Assert.True(bytes.AsSpan(bytes.Length / 2).SequenceEqual(slices.GetBytes(i)));
                Assert.Equal(values[i] is null, slices.IsNull(i));
            }
        }

        tracker.AssertNoLeaks();
        Assert.Throws<ArgumentOutOfRangeException>(() => BytesVector.View(DataTypes.String(), new byte[4], [2], [3]));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public void TheBuilderKeepsViewsAndCopiesThemWhenOtherValuesCome(int seed)
    {
        using var tracker = BufferLeakTracker.Start();
        var random = new Random(seed);
        var (buffer, _, _, _, _) = RandomView(random, 50);
        var otherBuffer = Encoding.UTF8.GetBytes("otherbuffer€");
        using (var builder = new BytesVectorBuilder(DataTypes.String(), 4))
        {
            for (var round = 0; round < 3; round++)
            {
                var expected = new List<string?>();
                var appendedViews = false;
                var steps = random.Next(1, 12);
                for (var step = 0; step < steps; step++)
                {
                    switch (random.Next(round == 0 ? 3 : 6))
                    {
                        case 0:
                        {
                            var nulls = random.Next(0, 4);
                            builder.AppendNulls(nulls);
                            expected.AddRange(Enumerable.Repeat<string?>(null, nulls));
                            break;
                        }

                        case 1:
                            builder.AppendNull();
                            expected.Add(null);
                            break;
                        case 2:
                        {
                            var (starts, lengths) = RandomSlices(random, buffer, random.Next(0, 20));
                            builder.AppendViews(buffer, starts, lengths);
                            expected.AddRange(Slices(buffer, starts, lengths));
                            appendedViews = true;
                            break;
                        }

                        case 3:
                            builder.Append("ö" + step);
                            expected.Add("ö" + step);
                            break;
                        case 4:
                        {
                            var (starts, lengths) = RandomSlices(random, otherBuffer, random.Next(1, 5));
                            builder.AppendViews(otherBuffer, starts, lengths);
                            expected.AddRange(Slices(otherBuffer, starts, lengths));
                            break;
                        }

                        default:
                            builder.Append(string.Empty);
                            expected.Add(string.Empty);
                            break;
                    }
                }

                using var built = (BytesVector)builder.Build();
                if (round == 0 && appendedViews)
                {
                    // Only NULLs and views of one buffer: nothing was copied.
                    Assert.True(built.IsView);
                }

                Assert.Equal(expected.Count, built.Length);
                for (var i = 0; i < expected.Count; i++)
                {
                    Assert.Equal(expected[i], built.GetString(i));
                    Assert.Equal(expected[i] is null, built.IsNull(i));
                }

                using var copy = Contiguous(expected.ToArray());
                Assert.True(copy.Offsets.SequenceEqual(built.Offsets));
                Assert.True(copy.Data.SequenceEqual(built.Data));
            }
        }

        tracker.AssertNoLeaks();
    }

    private static void AssertSame(BytesVector expected, BytesVector actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected.IsNull(i), actual.IsNull(i));
            Assert.Equal(expected.GetString(i), actual.GetString(i));
            Assert.Equal(expected.GetByteCount(i), actual.GetByteCount(i));
            Assert.True(expected.GetBytes(i).SequenceEqual(actual.GetBytes(i)));
            Assert.Equal(expected.GetValue(i), actual.GetValue(i));
        }
    }

    private static BytesVector Contiguous(string?[] values)
    {
        using var builder = new BytesVectorBuilder(DataTypes.String());
        foreach (var value in values)
        {
            builder.Append(value);
        }

        return (BytesVector)builder.Build();
    }

    /// <summary>
    /// A random buffer of text and <paramref name="count"/> random slices of it on character boundaries (some empty, some
    /// overlapping, some NULL with an empty slice), with the strings they stand for.
    /// </summary>
    private static (byte[] Buffer, string?[] Values, int[] Starts, int[] Lengths, ulong[] Nulls) RandomView(Random random, int count)
    {
        var text = new StringBuilder();
        var boundaries = new List<int> { 0 };
        for (var i = 0; i < 400; i++)
        {
            text.Append(Alphabet[random.Next(Alphabet.Length)]);
            boundaries.Add(Encoding.UTF8.GetByteCount(text.ToString()));
        }

        var buffer = Encoding.UTF8.GetBytes(text.ToString());
        var values = new string?[count];
        var starts = new int[count];
        var lengths = new int[count];
        var nulls = new ulong[Bitmap.WordCount(count)];
        for (var i = 0; i < count; i++)
        {
            if (random.Next(8) == 0)
            {
                Bitmap.Set(nulls, i);
                continue;
            }

            var first = random.Next(boundaries.Count);
            var last = Math.Min(boundaries.Count - 1, first + random.Next(0, 12));
            starts[i] = boundaries[first];
            lengths[i] = boundaries[last] - boundaries[first];
            values[i] = Encoding.UTF8.GetString(buffer, starts[i], lengths[i]);
        }

        return (buffer, values, starts, lengths, nulls);
    }

    private static (int[] Starts, int[] Lengths) RandomSlices(Random random, byte[] buffer, int count)
    {
        var text = Encoding.UTF8.GetString(buffer);
        var boundaries = new List<int> { 0 };
        for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            boundaries.Add(Encoding.UTF8.GetByteCount(text[..(i + (char.IsSurrogatePair(text, i) ? 2 : 1))]));
        }

        var starts = new int[count];
        var lengths = new int[count];
        for (var i = 0; i < count; i++)
        {
            var first = random.Next(boundaries.Count);
            var last = Math.Min(boundaries.Count - 1, first + random.Next(0, 6));
            starts[i] = boundaries[first];
            lengths[i] = boundaries[last] - boundaries[first];
        }

        return (starts, lengths);
    }

    private static IEnumerable<string?> Slices(byte[] buffer, int[] starts, int[] lengths) =>
        starts.Select((start, i) => (string?)Encoding.UTF8.GetString(buffer, start, lengths[i]));
}
