namespace IndustryGraph.Server.GraphQL;

/// <summary>A memory stream that refuses to grow past a number of bytes, so one answer cannot take the server's memory.</summary>
public sealed class BoundedBuffer(long maxBytes) : MemoryStream
{
    public sealed class FullException() : IOException("the buffer is full");

    public override void Write(byte[] buffer, int offset, int count)
    {
        EnsureRoom(count);
        base.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        EnsureRoom(buffer.Length);
        base.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        EnsureRoom(count);
        return base.WriteAsync(buffer, offset, count, cancellationToken);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        EnsureRoom(buffer.Length);
        return base.WriteAsync(buffer, cancellationToken);
    }

    public override void WriteByte(byte value)
    {
        EnsureRoom(1);
        base.WriteByte(value);
    }

    private void EnsureRoom(int count)
    {
        if (Position + count > maxBytes)
        {
            throw new FullException();
        }
    }
}
