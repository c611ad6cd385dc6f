using System.Runtime.InteropServices;
using NewsCms.Common;

namespace NewsCms.Tests;

public sealed class GlibcHeapTests
{
    [Fact]
    public void Trimming_gives_freed_native_memory_back_to_the_system()
    {
        Assert.SkipUnless(GlibcHeap.IsAvailable, "Only glibc's malloc has malloc_trim.");

        // Many small blocks, as the JIT's working memory is: too small for malloc to map each one
        // on its own, so they share the heap, and once freed they stay resident below the last
        // one, which is kept (as a live block above freed ones keeps them in a real process).
        const int Count = 160_000, Size = 256;
        var blocks = new nint[Count];
        for (var i = 0; i < Count; i++) blocks[i] = Marshal.AllocHGlobal(Size);
        try
        {
            for (var i = 0; i < Count - 1; i++) Marshal.FreeHGlobal(blocks[i]);
            var beforeTrim = ResidentBytes();

            Assert.True(GlibcHeap.Trim());

            var given = beforeTrim - ResidentBytes();
            // About 40 MB were freed; other tests running meanwhile may take a few MB of their own.
            Assert.True(given > 20L * 1024 * 1024, $"Trimming gave back {given / 1024} KB.");
        }
        finally
        {
            Marshal.FreeHGlobal(blocks[Count - 1]);
        }
    }

    private static long ResidentBytes()
    {
        // Read fresh from the kernel each time: Process caches what it read.
        var fields = File.ReadAllText("/proc/self/statm").Split(' ');
        return long.Parse(fields[1]) * Environment.SystemPageSize;
    }
}
