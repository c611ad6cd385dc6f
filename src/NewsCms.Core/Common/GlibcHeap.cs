using System.Runtime.InteropServices;

namespace NewsCms.Common;

// The C library's heap, where the runtime's JIT, SQLite and OpenSSL take their memory. glibc keeps
// what they free inside its arenas, and hands a page back to the system only when it is at the
// very top of one: the JIT's working memory while a server warms up (about 16 MB at its peak,
// measured with heaptrack) was freed, but stayed resident, scattered between blocks still in use.
// malloc_trim returns every wholly free page in every arena. Elsewhere (musl, macOS, Windows)
// there is no such call, and nothing is done.
public static class GlibcHeap
{
    private static readonly Lazy<bool> Available = new(() =>
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            // Trimming with nothing to give back is harmless; it is also the only way to learn
            // whether this C library has the call at all.
            malloc_trim(0);
            return true;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    });

    public static bool IsAvailable => Available.Value;

    // True when memory was given back to the system.
    public static bool Trim() => IsAvailable && malloc_trim(0) == 1;

    // Blittable arguments and result: no marshalling, so a plain DllImport needs no generated stub.
#pragma warning disable SYSLIB1054
    [DllImport("libc", ExactSpelling = true)]
    private static extern int malloc_trim(nuint pad);
#pragma warning restore SYSLIB1054
}
