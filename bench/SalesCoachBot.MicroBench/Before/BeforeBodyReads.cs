using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace SalesCoachBot.MicroBench.Before;

/// <summary>The removed body reads: Teams' ArrayPool growth loop, Slack's exact-length read with 16 bytes of room in front.</summary>
internal static class BeforeBodyReads
{
    public static async Task<byte[]?> TeamsAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, (int?)request.ContentLength + 1 ?? 16 * 1024));
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        return null;
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    return length > limit ? null : buffer.AsSpan(0, length).ToArray();
                }

                length += read;
                if (length > limit)
                {
                    return null;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static async Task<byte[]?> SlackAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        const int Room = BeforeSlackSignature.PrefixRoom;
        var known = (int)request.ContentLength!.Value;
        var exact = new byte[Room + known];
        var got = await request.Body.ReadAtLeastAsync(exact.AsMemory(Room), known, throwOnEndOfStream: false, cancellationToken);
        return got == known ? exact : null;
    }
}
