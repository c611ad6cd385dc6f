using System.Buffers;

namespace NewsCms.Common;

// Memory for the UTF-8 texts of one request's page, rented from the shared pool and given back
// when the request's services are disposed (it is a scoped service), after the response is
// written. A page read from its snapshot copies its body and answers out of SQLite's row, and its
// JSON-LD is written once per request: as new arrays those were the largest allocations of an
// uncached article page, and each was memory the processor had not touched, so copying into it
// cost more than the copy (6% of the request for the JSON-LD alone, in a profile). Rented arrays
// come back warm from the pool for the next request on that thread.
//
// A text from here is the request's only. Reading it after the arena is disposed throws instead
// of reading another request's bytes (Utf8Text.Span checks), so a page that outlives its request
// fails loudly. One request uses the arena at a time, as it uses its other scoped services.
public sealed class Utf8TextArena : IBufferWriter<byte>, IDisposable
{
    private const int ChunkSize = 32 * 1024;

    [ThreadStatic] private static Utf8TextArena? ambient;

    private readonly List<byte[]> rented = [];
    private byte[] chunk = [];
    // The text being written runs from `start` to `position` in the current chunk.
    private int start;
    private int position;

    public bool IsDisposed { get; private set; }

    // The arena Utf8Text's JSON converter reads into on this thread, set for the length of one
    // synchronous deserialization (Use); without one, each text gets an array of its own.
    internal static Utf8TextArena? Ambient => ambient;

    public AmbientScope Use()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        var previous = ambient;
        ambient = this;
        return new AmbientScope(previous);
    }

    public readonly struct AmbientScope(Utf8TextArena? previous) : IDisposable
    {
        public void Dispose() => ambient = previous;
    }

    // A copy of bytes that are valid UTF-8.
    public Utf8Text Copy(ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(GetSpan(utf8.Length));
        Advance(utf8.Length);
        return Complete();
    }

    // A copy of bytes as one block, for texts that are slices of it (JsonWithTexts).
    internal ArraySegment<byte> CopyBlock(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Advance(bytes.Length);
        var block = new ArraySegment<byte>(chunk, start, position - start);
        start = position;
        return block;
    }

    // Takes what was written since the last text (GetSpan/GetMemory and Advance, as a
    // Utf8JsonWriter writes) as one text; it must be valid UTF-8.
    public Utf8Text Complete()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        var text = Utf8Text.Slice(chunk, start, position - start, this);
        start = position;
        return text;
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (position + count > chunk.Length) throw new InvalidOperationException("Advanced past the end of the buffer.");
        position += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureRoom(Math.Max(sizeHint, 1));
        return chunk.AsMemory(position);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureRoom(Math.Max(sizeHint, 1));
        return chunk.AsSpan(position);
    }

    // A text is contiguous: when the chunk is full, the part of the text written so far moves to
    // the next one. Texts already completed stay where they are.
    private void EnsureRoom(int needed)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (chunk.Length - position >= needed) return;
        var pending = position - start;
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(ChunkSize, 2 * (pending + needed)));
        rented.Add(next);
        chunk.AsSpan(start, pending).CopyTo(next);
        chunk = next;
        start = 0;
        position = pending;
    }

    public void Dispose()
    {
        if (IsDisposed) return;
        IsDisposed = true;
        foreach (var array in rented) ArrayPool<byte>.Shared.Return(array);
        rented.Clear();
        chunk = [];
    }
}
