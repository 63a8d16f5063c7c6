using System.Text;
using Sluice.Core.Variants;

namespace Sluice.Allocation.Tests;

/// <summary>
/// Parsing JSON into a <c>VARIANT</c> (<c>PARSE_JSON</c>, the <c>json</c> format's VARIANT columns) allocates nothing per
/// value once the builder has seen the documents' keys and grown its buffers: keys come from the builder's cache of
/// key texts, strings and numbers are copied through reused buffers.
/// </summary>
public sealed class VariantParseAllocationTests
{
    [Fact]
    public void ParsingDocumentsOfKnownKeysAllocatesNothing()
    {
        var documents = Enumerable.Range(0, 64).Select(i => Encoding.UTF8.GetBytes(
            $"{{\"id\": {i}, \"price\": {i}.25, \"big\": 12345678901234567890.5, \"tags\": [\"t{i}\", {i * 1000}, true, null], " +
            $"\"nested\": {{\"name\": \"{new string('x', 70 + i)}\", \"rate\": 1.5e3, \"é\": \"\\u00e9{i}\"}}}}")).ToArray();
        var builder = new VariantBuilder();
        foreach (var document in documents)
        {
            Assert.True(builder.TryParseJson(document, false, out _));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var length = 0;
        for (var round = 0; round < 20; round++)
        {
            foreach (var document in documents)
            {
                builder.TryParseJson(document, false, out _);
                length += builder.Result.Length;
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(length > 0);
        Assert.Equal(0, allocated);
    }
}
