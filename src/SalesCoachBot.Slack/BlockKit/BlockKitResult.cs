using System.Buffers;
using Microsoft.AspNetCore.Http;
using SalesCoachBot.Slack.WebApi;

namespace SalesCoachBot.Slack.BlockKit;

/// <summary>
/// A Block Kit message as the HTTP answer (a slash command's ack): written by <see cref="BlockKitJson"/> into a
/// pooled buffer and sent in one write with a Content-Length (no chunked encoding, no serializer metadata walk).
/// </summary>
internal sealed class BlockKitResult(ResponseMessage message) : IResult
{
    public const string ContentType = "application/json; charset=utf-8";

    public ResponseMessage Message => message;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var buffer = new PooledBufferWriter();
        try
        {
            BlockKitJson.Write(buffer, message);
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = ContentType;
            response.ContentLength = buffer.WrittenCount;
            var write = response.Body.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted);
            if (write.IsCompletedSuccessfully)
            {
                buffer.Dispose();
                return Task.CompletedTask;
            }

            return AwaitAndReturn(write, buffer);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    private static async Task AwaitAndReturn(ValueTask write, PooledBufferWriter buffer)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        finally
        {
            buffer.Dispose();
        }
    }
}

/// <summary>An <see cref="IBufferWriter{T}"/> over arrays rented from the shared pool; Dispose returns the array.</summary>
internal sealed class PooledBufferWriter(int initialSize = 4096) : IBufferWriter<byte>, IDisposable
{
    private byte[]? buffer = ArrayPool<byte>.Shared.Rent(initialSize);

    public int WrittenCount { get; private set; }

    public ReadOnlyMemory<byte> WrittenMemory => Buffer.AsMemory(0, WrittenCount);

    private byte[] Buffer => buffer ?? throw new ObjectDisposedException(nameof(PooledBufferWriter));

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (WrittenCount + count > Buffer.Length)
        {
            throw new InvalidOperationException("Advanced past the buffer.");
        }

        WrittenCount += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return Buffer.AsMemory(WrittenCount);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return Buffer.AsSpan(WrittenCount);
    }

    public void Dispose()
    {
        if (buffer is { } rented)
        {
            buffer = null;
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void Ensure(int sizeHint)
    {
        var current = Buffer;
        var needed = WrittenCount + Math.Max(sizeHint, 1);
        if (needed <= current.Length)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, current.Length * 2));
        current.AsSpan(0, WrittenCount).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(current);
        buffer = bigger;
    }
}
