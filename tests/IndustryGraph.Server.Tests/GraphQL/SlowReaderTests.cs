using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using IndustryGraph.Server.GraphQL;
using IndustryGraph.Server.Hosting;
using IndustryGraph.Server.Tests.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace IndustryGraph.Server.Tests.GraphQL;

/// <summary>Two slots, so that two clients that never read would hold every slot if answers were written while holding one.</summary>
public sealed class TwoSlotServer : IAsyncLifetime
{
    public const int Slots = 2;

    public RunningServer Server { get; } = new()
    {
        Configure = services => services.Configure<GraphQLLimits>(limits => limits.MaxConcurrentRequests = Slots),
    };

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();
}

public sealed class SlowReaderTests(TwoSlotServer fixture) : IClassFixture<TwoSlotServer>
{
    /// <summary>About a megabyte of answer on the seed: far more than a socket with a 4 KB receive buffer and the server's output buffers take.</summary>
    private static readonly string LargeAnswerQuery =
        "{ " + string.Join(" ", Enumerable.Range(0, 400).Select(at => $"a{at}: chainGaps(chain: \"智能传感器\") {{ rule status reports {{ text }} }}")) + " }";

    [Fact]
    public async Task Clients_that_never_read_their_answers_hold_no_slot()
    {
        var server = fixture.Server;
        var readers = new List<(Socket Socket, byte[] First)>();
        try
        {
            // Twice as many non-reading clients as slots, each answered (its first bytes arrived) and then not read.
            for (var i = 0; i < TwoSlotServer.Slots * 2; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
                readers.Add((socket, []));
                await socket.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
                await socket.SendAsync(PostRequest(LargeAnswerQuery));
                var head = new byte[64];
                var read = await socket.ReceiveAsync(head);
                Assert.StartsWith("HTTP/1.1 200", Encoding.ASCII.GetString(head, 0, read), StringComparison.Ordinal);
                readers[^1] = (socket, head[..read]);
            }

            // A small question of the same lane (analysis) still gets its turn.
            var small = await server.PostAsync("{ chainMap(chain: \"智能传感器\") { counts { links } } }");
            Assert.Equal(200, small.Status);
            Assert.True(small.Data?["chainMap"]?["counts"]?["links"]?.GetValue<int>() > 0, small.Body?.ToJsonString());

            // The unread answers were whole all along: each reader, reading now, gets every byte it was promised.
            foreach (var (socket, first) in readers)
            {
                var (length, body) = await ReadAnswerAsync(socket, first);
                Assert.True(length > 512 * 1024, $"the answer is only {length} bytes: too small to fill the socket buffers");
                Assert.Equal(length, body);
            }
        }
        finally
        {
            foreach (var (socket, _) in readers)
            {
                socket.Dispose();
            }
        }
    }

    [Fact]
    public void A_client_reading_slower_than_the_stated_rate_is_dropped()
    {
        var kestrel = fixture.Server.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;
        Assert.Equal(ConnectionLimits.MinResponseBytesPerSecond, kestrel.Limits.MinResponseDataRate?.BytesPerSecond);
        Assert.Equal(ConnectionLimits.ResponseGrace, kestrel.Limits.MinResponseDataRate?.GracePeriod);
    }

    private static byte[] PostRequest(string query)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { query });
        var head = Encoding.ASCII.GetBytes($"POST /graphql HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n");
        return [.. head, .. body];
    }

    /// <summary>The Content-Length the answer announced, and how many body bytes came before the server stopped sending.</summary>
    private static async Task<(long Length, long Body)> ReadAnswerAsync(Socket socket, byte[] first)
    {
        // The first bytes were read already; read the rest of the head, then the body to its announced length.
        var received = new List<byte>(first);
        var buffer = new byte[64 * 1024];
        int headEnd;
        while ((headEnd = IndexOfBlankLine(received)) < 0)
        {
            var read = await socket.ReceiveAsync(buffer);
            Assert.True(read > 0, "the connection closed inside the answer's head");
            received.AddRange(buffer.AsSpan(0, read));
        }

        var head = Encoding.ASCII.GetString([.. received.Take(headEnd)]);
        var lengthLine = head.Split("\r\n").First(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = long.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        long body = received.Count - headEnd - 4;
        while (body < length)
        {
            var read = await socket.ReceiveAsync(buffer);
            if (read == 0)
            {
                break;
            }

            body += read;
        }

        return (length, body);
    }

    private static int IndexOfBlankLine(List<byte> bytes)
    {
        for (var i = 0; i + 3 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
